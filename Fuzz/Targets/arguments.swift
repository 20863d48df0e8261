// Fuzz target: a whole `scalectl` run in-process. The input is NUL-separated: the arguments, then the file's bytes
// (returned for any FILE), so this covers argument parsing, input detection, decoding, evaluation and rendering.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var parts = bytes.split(separator: 0, maxSplits: 8, omittingEmptySubsequences: false).map(Array.init)
    let file = parts.count > 1 ? parts.removeLast() : []
    let arguments = parts.map { String(decoding: $0, as: UTF8.self) }
    _ = ArgumentParser.split(arguments)
    let context = RunContext(
        environment: [:], stdoutIsTerminal: false, writeOut: { _ in }, writeError: { _ in },
        readInput: { (_: String) throws(InputError) -> [UInt8] in file },
        writeOutput: { (_: String, _: String, _: [String]) throws(OutputError) in })
    let code = Scalectl.run(arguments, context: context)
    precondition(ExitCode.allCases.contains(code))
    return 0
}
