// Fuzz target: the unit and number parser (every quantity kind) and timestamps; a parsed value is formatted back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuantity(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for kind in QuantityKind.allCases where kind != .idList {
        guard let value = try? Quantity.parse(text, as: kind) else { continue }
        precondition(value.isFinite && value >= 0, "parsed \(text.debugDescription) as \(value)")
        _ = Quantity.format(value, as: kind)
        _ = Quantity.format(value, as: kind, precise: true)
    }
    _ = try? Timestamp.parse(text)
    return 0
}
