// Fuzz target, differential: whatever the columnar CSV reader accepts, the row reader must accept and read the same
// (values, times, checklists, lines, warnings), split into three ranges of 7-byte blocks so every boundary is hit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzColumnar(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let settings = ColumnarCSVReader.Settings(ranges: 3, blockBytes: 7, splitAbove: 0)
    var rowError: InputError?
    var decoded: DecodedInput?
    do { decoded = try SnapshotDecoder.decode(bytes, source: "f.csv", format: .csv) } catch { rowError = error }
    let read: (SeriesColumns, [InputWarning])?
    do { read = try ColumnarCSVReader.read(bytes: bytes, source: "f.csv", settings: settings) } catch {
        precondition(error == rowError, "the columnar reader reports \(error), the row reader \(String(describing: rowError))")
        return 0
    }
    guard let columnar = read else { return 0 }
    guard let rows = decoded else { preconditionFailure("the columnar reader read what the row reader rejects") }
    let (series, warnings) = columnar
    let differences = series.differences(from: SeriesColumns(rows.series))
    precondition(differences.isEmpty, "the readers differ in \(differences)")
    precondition(warnings == rows.warnings, "warnings")
    return 0
}
