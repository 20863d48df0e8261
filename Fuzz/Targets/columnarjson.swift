// Fuzz target, differential: whatever the streaming JSON reader accepts, the row reader (JSONReader + SnapshotDecoder)
// must accept and read the same (values, times, checklists, lines, warnings), in 5-byte blocks so every token straddles one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzColumnarJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let columnar = try? ColumnarJSONReader.read(bytes: bytes, source: "f.json", blockBytes: 5) else { return 0 }
    guard let rows = try? SnapshotDecoder.decode(bytes, source: "f.json", format: .json) else {
        preconditionFailure("the columnar reader read what the row reader rejects")
    }
    let (series, warnings) = columnar
    let differences = series.differences(from: SeriesColumns(rows.series))
    precondition(differences.isEmpty, "the readers differ in \(differences)")
    precondition(warnings == rows.warnings, "warnings")
    return 0
}
