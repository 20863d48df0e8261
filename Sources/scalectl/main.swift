import ScalingCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// The executable only wires the process to `Scalectl.run`: arguments, environment, terminal and exit code.
var environment: [String: String] = [:]
var entry = environ
while let pointer = entry.pointee {
    let pair = String(cString: pointer)
    if let equals = pair.firstIndex(of: "=") {
        environment[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    entry += 1
}

/// Writes all of `text` to a file descriptor, unbuffered, so output order and exit are simple.
func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        bytes = bytes.dropFirst(written)
    }
}

let context = RunContext(
    environment: environment,
    stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
    writeOut: { writeAll($0, to: STDOUT_FILENO) },
    writeError: { writeAll($0, to: STDERR_FILENO) })
let code = Scalectl.run(Array(CommandLine.arguments.dropFirst()), context: context)
exit(code.rawValue)
