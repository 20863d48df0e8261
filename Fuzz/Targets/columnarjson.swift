// Fuzz target, differential: whatever the streaming JSON reader accepts, the row reader (JSONReader + SnapshotDecoder)
// must accept and read the same (values, times, checklists, lines, warnings), in 5-byte blocks so every token straddles one;
// and split in two halves parsed at once (wherever a line near the middle starts an element) it must read the same again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzColumnarJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = try? ColumnarJSONReader.read(bytes: bytes, source: "f.json", blockBytes: 5, splitAbove: 0)
    guard let columnar = try? ColumnarJSONReader.read(bytes: bytes, source: "f.json", blockBytes: 5, splitAbove: .max) else {
        precondition(split == nil, "split in two, the columnar reader read what it hands back in one piece")
        return 0
    }
    guard let split else { preconditionFailure("split in two, the columnar reader hands back what it reads in one piece") }
    precondition(split.0.differences(from: columnar.0).isEmpty && split.1 == columnar.1, "split in two, the readings differ")
    guard let rows = try? SnapshotDecoder.decode(bytes, source: "f.json", format: .json) else {
        preconditionFailure("the columnar reader read what the row reader rejects")
    }
    let (series, warnings) = columnar
    let differences = series.differences(from: SeriesColumns(rows.series))
    precondition(differences.isEmpty, "the readers differ in \(differences)")
    precondition(warnings == rows.warnings, "warnings")
    return 0
}
