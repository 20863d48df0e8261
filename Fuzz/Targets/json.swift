// Fuzz target: the JSON reader on arbitrary bytes; what parses must come with sane locations.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let root = try JSONReader.parse(bytes)
        precondition(root.location.line >= 1 && root.location.column >= 1)
    } catch {
        precondition(error.location.line >= 1 && error.location.column >= 1)
        _ = error.description
    }
    return 0
}
