// Fuzz target: the unit and number parser (every quantity kind, with either decimal mark) and timestamps; a parsed
// value is formatted back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuantity(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for kind in QuantityKind.allCases where kind != .idList {
        guard let value = try? Quantity.parse(text, as: kind) else { continue }
        precondition(value.isFinite && value >= 0, "parsed \(text.debugDescription) as \(value)")
        _ = Quantity.format(value, as: kind)
        _ = Quantity.format(value, as: kind, precise: true)
    }
    for kind in QuantityKind.allCases where kind != .idList && kind != .timestamp {
        // With a decimal comma, swapping the marks gives the same number with a decimal point.
        guard let reading = try? Quantity.read(text, as: kind, decimalMark: .comma) else { continue }
        precondition(reading.value.isFinite && reading.value >= 0, "read \(text.debugDescription) as \(reading.value)")
        let swapped = String(text.map { $0 == "." ? "," : ($0 == "," ? "." : $0) })
        if let point = try? Quantity.read(swapped, as: kind) {
            precondition(point == reading, "\(text.debugDescription) and \(swapped.debugDescription) read differently")
        }
    }
    _ = DecimalMark.evidence(in: Array(text.utf8))
    _ = try? Timestamp.parse(text)
    return 0
}
