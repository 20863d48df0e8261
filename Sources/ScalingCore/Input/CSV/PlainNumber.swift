/// Reads the plain decimals that make up almost every cell of a metrics export (`12400`, `0.0123`, `2025-01-01T00:00:06Z`)
/// straight from bytes, with the same result as `Quantity.parse` on the same text; anything else (including a value
/// `Implausibility` flags) is left to it.
enum PlainNumber {
    /// 10^0 … 10^22, every one exactly representable as a `Double`.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// A plain number read from `start` up to the first byte that cannot continue it: the value checked for `kind` (nil
    /// when it needs the full parser) and where reading stopped, which the caller checks is the cell's end.
    @inline(__always)
    static func scanQuantity(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, kind: QuantityKind) -> (
        value: Double?, stop: UnsafePointer<UInt8>
    ) {
        // Eight bytes at a time when they are there to read: fewer than 8 digits before the point and after it.
        if end - start >= 8 {
            let whole = eightDigits(start)
            if whole.count > 0 && whole.count < 8 {
                var pointer = start + whole.count
                var mantissa = whole.value
                var fraction = 0
                if pointer.pointee == UInt8(ascii: ".") {
                    guard end - pointer >= 9 else { return scanQuantityByteByByte(start, end, kind: kind) }
                    let part = eightDigits(pointer + 1)
                    guard part.count > 0 && part.count < 8 else { return scanQuantityByteByByte(start, end, kind: kind) }
                    fraction = part.count
                    mantissa = mantissa &* UInt64(powersOfTen[fraction]) &+ part.value
                    pointer += 1 + fraction
                }
                return checked(mantissa: mantissa, fraction: fraction, digits: whole.count + fraction, stop: pointer, kind: kind)
            }
        }
        return scanQuantityByteByByte(start, end, kind: kind)
    }

    /// How many of the 8 bytes at `pointer` are digits before the first that is not, and the number they write.
    ///
    /// One load and a few multiplications instead of a loop: a byte is flagged when it is below `0` (the subtraction
    /// borrows) or above `9` (adding 0x46 reaches the top bit); a borrow or carry only ever moves to a later byte, so
    /// the bytes before the first flagged one are read right. Those digits, shifted to the top of the word with zeros
    /// below, are combined pairwise (2, then 4, then 8 digits per lane).
    @inline(__always)
    static func eightDigits(_ pointer: UnsafePointer<UInt8>) -> (count: Int, value: UInt64) {
        let word = UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self).littleEndian
        let digits = word &- 0x3030_3030_3030_3030
        let flagged = ((word &+ 0x4646_4646_4646_4646) | digits) & 0x8080_8080_8080_8080
        let count = flagged == 0 ? 8 : flagged.trailingZeroBitCount / 8
        guard count > 0 else { return (0, 0) }
        var lanes = count == 8 ? digits : digits << UInt64(8 * (8 - count))
        lanes = ((lanes & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        lanes = ((lanes & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        lanes = ((lanes & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return (count, lanes)
    }

    /// The value of a mantissa and its count of decimals, with the checks `Quantity.parse` makes.
    ///
    /// A mantissa up to 2^53 and a power of ten up to 10^22 are both exact doubles, so one IEEE division rounds the
    /// quotient correctly: the same double `strtod` and `Double(String)` give (Clinger's fast path). Anything longer
    /// is left to the full parser.
    @inline(__always)
    static func checked(mantissa: UInt64, fraction: Int, digits: Int, stop: UnsafePointer<UInt8>, kind: QuantityKind) -> (
        value: Double?, stop: UnsafePointer<UInt8>
    ) {
        guard digits <= 19, mantissa <= 1 << 53, fraction <= 22 else { return (nil, stop) }
        let value = fraction == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fraction]
        guard value < Quantity.maximum else { return (nil, stop) }
        switch kind {
        case .count:
            // Whole by construction without decimals; `rounded()` only for "12.0" (it would run on every cell otherwise).
            if fraction > 0 { return (value.rounded() == value ? value : nil, stop) }
            return (value, stop)
        // A value that is probably in the wrong unit (`Implausibility`) is left to the full parser, which flags it.
        case .fraction: return (value < 1 ? value : nil, stop)
        case .milliseconds: return (value >= Implausibility.millisecondsFloor || value == 0 ? value : nil, stop)
        case .timestamp: return (value <= Timestamp.latest ? value : nil, stop)
        default: return (value, stop)
        }
    }

    /// `scanQuantity` a byte at a time, for cells near the end of the bytes read and numbers of 8 digits or more.
    static func scanQuantityByteByByte(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, kind: QuantityKind) -> (
        value: Double?, stop: UnsafePointer<UInt8>
    ) {
        var pointer = start
        var mantissa: UInt64 = 0
        while pointer < end {
            let digit = pointer.pointee &- 48
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            pointer += 1
        }
        var digits = pointer - start
        guard digits > 0 else { return (nil, pointer) }
        var fraction = 0
        if pointer < end && pointer.pointee == UInt8(ascii: ".") {
            pointer += 1
            let fractionStart = pointer
            while pointer < end {
                let digit = pointer.pointee &- 48
                guard digit < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                pointer += 1
            }
            fraction = pointer - fractionStart
            guard fraction > 0 else { return (nil, pointer) }
            digits += fraction
        }
        return checked(mantissa: mantissa, fraction: fraction, digits: digits, stop: pointer, kind: kind)
    }

    /// Seconds into the day of `HH:MM:SSZ` at `start` (9 bytes), or nil when it is not a valid time of day.
    @inline(__always)
    static func timeOfDay(_ start: UnsafePointer<UInt8>) -> Double? {
        @inline(__always) func two(_ offset: Int) -> Int? {
            let high = start[offset] &- 48
            let low = start[offset + 1] &- 48
            return high < 10 && low < 10 ? Int(high) * 10 + Int(low) : nil
        }
        guard start[2] == UInt8(ascii: ":"), start[5] == UInt8(ascii: ":"), start[8] == UInt8(ascii: "Z"), let hour = two(0),
            let minute = two(3), let second = two(6), hour <= 23, minute <= 59, second <= 59
        else { return nil }
        return Double(hour * 3600 + minute * 60 + second)
    }

    /// A plain number exactly filling `start..<end`, checked as `Quantity.parse` checks it for `kind`; nil when that
    /// would need the full parser, including every case it rejects (so the error message is always the full parser's).
    @inline(__always)
    static func quantity(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, kind: QuantityKind) -> Double? {
        if kind == .timestamp { return timestamp(start, end) }
        let scanned = scanQuantity(start, end, kind: kind)
        return scanned.stop == end ? scanned.value : nil
    }

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` or plain Unix seconds, valid and from 1970 on; nil for anything else.
    @inline(__always)
    static func timestamp(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        let length = end - start
        guard length == 10 || length == 20, start[4] == UInt8(ascii: "-"), start[7] == UInt8(ascii: "-") else {
            let scanned = scanQuantity(start, end, kind: .timestamp)
            return scanned.stop == end ? scanned.value : nil
        }
        @inline(__always) func two(_ offset: Int) -> Int64? {
            let high = start[offset] &- 48
            let low = start[offset + 1] &- 48
            return high < 10 && low < 10 ? Int64(high) * 10 + Int64(low) : nil
        }
        guard let century = two(0), let yearOfCentury = two(2), let month = two(5), let day = two(8) else { return nil }
        let year = century * 100 + yearOfCentury
        guard year >= 1970, month >= 1, month <= 12, day >= 1, day <= 28 || day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Double(Timestamp.days(fromYear: year, month: month, day: day)) * 86_400
        if length == 20 {
            guard start[10] == UInt8(ascii: "T"), start[13] == UInt8(ascii: ":"), start[16] == UInt8(ascii: ":"),
                start[19] == UInt8(ascii: "Z"), let hour = two(11), let minute = two(14), let second = two(17),
                hour <= 23, minute <= 59, second <= 59
            else { return nil }
            seconds += Double(hour * 3600 + minute * 60 + second)
        }
        return seconds
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(month - 1)]
    }
}
