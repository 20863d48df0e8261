// Fuzz target: the CSV reader on arbitrary bytes, with the delimiter detected and with each explicit one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for delimiter: UInt8? in [nil, UInt8(ascii: ";"), UInt8(ascii: "\t")] {
        guard let table = try? CSVReader.read(bytes, delimiter: delimiter) else { continue }
        // What the reader promises: every record as wide as the header, records after the header in line order.
        precondition(table.records.allSatisfy { $0.fields.count == table.header.count })
        precondition(zip(table.records, table.records.dropFirst()).allSatisfy { $0.line < $1.line })
        precondition(table.records.allSatisfy { $0.line > table.headerLine })
    }
    return 0
}
