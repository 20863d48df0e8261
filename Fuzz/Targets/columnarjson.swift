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
    let expected = SeriesColumns(rows.series)
    func same(_ a: [Double]?, _ b: [Double]?, count: Int) -> Bool {
        let a = a ?? Array(repeating: .nan, count: count)
        let b = b ?? Array(repeating: .nan, count: count)
        return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }
    precondition(series.rowCount == expected.rowCount, "row count")
    let empty: [Double]? = nil
    precondition(
        same(series.times.isEmpty ? empty : series.times, expected.times.isEmpty ? empty : expected.times, count: series.rowCount), "times")
    for field in SnapshotField.allCases where field.isNumeric {
        precondition(same(series.column(field), expected.column(field), count: series.rowCount), "\(field)")
    }
    precondition(series.checklist == expected.checklist, "checklist")
    precondition((0..<series.rowCount).allSatisfy { series.lines.line(of: $0) == expected.lines.line(of: $0) }, "lines")
    precondition(warnings == rows.warnings, "warnings")
    return 0
}
