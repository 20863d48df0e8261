/// Reads the plain decimals that make up almost every cell of a metrics export (`12400`, `0.0123`) and times
/// (`2025-01-01T00:00:06Z`) straight from bytes, with the same result as `Quantity.parse` on the same text; anything
/// else (including a value `Implausibility` flags) is left to it.
///
/// A fast path only: digits are read by ``Digits``, values made by ``ExactDecimal``, times by ``TimestampScanner``.
enum PlainNumber {
    /// A plain number read from `start` up to the first byte that cannot continue it: the value checked for `kind` (nil
    /// when it needs the full parser) and where reading stopped, which the caller checks is the cell's end.
    @inline(__always)
    static func scanQuantity(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, kind: QuantityKind) -> (
        value: Double?, stop: UnsafePointer<UInt8>
    ) {
        // Eight bytes at a time when they are there to read: fewer than 8 digits before the point and after it.
        if end - start >= 8 {
            let whole = Digits.eight(start)
            if whole.count > 0 && whole.count < 8 {
                var pointer = start + whole.count
                var mantissa = whole.value
                var fraction = 0
                if pointer.pointee == UInt8(ascii: ".") {
                    guard end - pointer >= 9 else { return scanQuantityByteByByte(start, end, kind: kind) }
                    let part = Digits.eight(pointer + 1)
                    guard part.count > 0 && part.count < 8 else { return scanQuantityByteByByte(start, end, kind: kind) }
                    fraction = part.count
                    mantissa = mantissa &* UInt64(ExactDecimal.powersOfTen[fraction]) &+ part.value
                    pointer += 1 + fraction
                }
                return checked(mantissa: mantissa, fraction: fraction, digits: whole.count + fraction, stop: pointer, kind: kind)
            }
        }
        return scanQuantityByteByByte(start, end, kind: kind)
    }

    /// The value of a mantissa and its count of decimals, with the checks `Quantity.parse` makes; nil when it is not
    /// exact by ``ExactDecimal`` (the full parser then converts the literal).
    @inline(__always)
    static func checked(mantissa: UInt64, fraction: Int, digits: Int, stop: UnsafePointer<UInt8>, kind: QuantityKind) -> (
        value: Double?, stop: UnsafePointer<UInt8>
    ) {
        guard let value = ExactDecimal.value(mantissa: mantissa, digits: digits, scale: -fraction), value < Quantity.maximum else {
            return (nil, stop)
        }
        switch kind {
        case .count:
            // Whole by construction without decimals; `rounded()` only for "12.0" (it would run on every cell otherwise).
            if fraction > 0 { return (value.rounded() == value ? value : nil, stop) }
            return (value, stop)
        // A value that is probably in the wrong unit (`Implausibility`) is left to the full parser, which flags it.
        case .fraction: return (value < 1 ? value : nil, stop)
        case .milliseconds: return (value >= Implausibility.millisecondsFloor || value == 0 ? value : nil, stop)
        case .timestamp: return (TimestampScanner.isPlaceable(value) ? value : nil, stop)
        default: return (value, stop)
        }
    }

    /// `scanQuantity` a byte at a time, for cells near the end of the bytes read and numbers of 8 digits or more.
    static func scanQuantityByteByByte(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, kind: QuantityKind) -> (
        value: Double?, stop: UnsafePointer<UInt8>
    ) {
        var pointer = start
        var mantissa: UInt64 = 0
        var digits = Digits.accumulate(&pointer, end, into: &mantissa)
        guard digits > 0 else { return (nil, pointer) }
        var fraction = 0
        if pointer < end && pointer.pointee == UInt8(ascii: ".") {
            pointer += 1
            fraction = Digits.accumulate(&pointer, end, into: &mantissa)
            guard fraction > 0 else { return (nil, pointer) }
            digits += fraction
        }
        return checked(mantissa: mantissa, fraction: fraction, digits: digits, stop: pointer, kind: kind)
    }

    /// A plain number exactly filling `start..<end`, checked as `Quantity.parse` checks it for `kind`; nil when that
    /// would need the full parser, including every case it rejects (so the error message is always the full parser's).
    @inline(__always)
    static func quantity(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, kind: QuantityKind) -> Double? {
        if kind == .timestamp { return timestamp(start, end) }
        let scanned = scanQuantity(start, end, kind: kind)
        return scanned.stop == end ? scanned.value : nil
    }

    /// A time exactly filling `start..<end` (as ``TimestampScanner`` reads it) from 1970 to 9999; nil for anything else.
    @inline(__always)
    static func timestamp(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        guard case .seconds(let seconds, _) = TimestampScanner.scan(start, end), TimestampScanner.isPlaceable(seconds) else {
            return nil
        }
        return seconds
    }
}
