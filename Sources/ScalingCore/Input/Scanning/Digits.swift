/// ASCII decimal and hexadecimal digits, read the one way every reader reads them.
enum Digits {
    /// The value of a decimal digit byte, nil for any other byte.
    @inline(__always)
    static func value(_ byte: UInt8) -> UInt8? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? digit : nil
    }

    /// Whether `byte` is `0` to `9`.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Reads the digits from `pointer` up to the first byte that is not one (or `end`) into `mantissa` (wrapping past
    /// 19 digits: callers count digits and leave long numbers to the full conversion); returns how many there were.
    @inline(__always)
    static func accumulate(_ pointer: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into mantissa: inout UInt64) -> Int {
        let start = pointer
        while pointer < end, let digit = value(pointer.pointee) {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            pointer += 1
        }
        return pointer - start
    }

    /// The number written by exactly `count` digits at `start` (before `end`), nil when one of them is not a digit or
    /// missing.
    @inline(__always)
    static func fixed(_ start: UnsafePointer<UInt8>, count: Int, _ end: UnsafePointer<UInt8>) -> Int64? {
        guard end - start >= count else { return nil }
        var result: Int64 = 0
        for index in 0..<count {
            guard let digit = value(start[index]) else { return nil }
            result = result * 10 + Int64(digit)
        }
        return result
    }

    /// How many of the 8 bytes at `pointer` are digits before the first that is not, and the number they write.
    ///
    /// The same answer as `accumulate` over those bytes, with one load and a few multiplications instead of a loop:
    /// a byte is flagged when it is below `0` (the subtraction borrows) or above `9` (adding 0x46 reaches the top bit);
    /// a borrow or carry only ever moves to a later byte, so the bytes before the first flagged one are read right.
    /// Those digits, shifted to the top of the word with zeros below, are combined pairwise (2, then 4, then 8 digits
    /// per lane). The caller guarantees 8 readable bytes.
    @inline(__always)
    static func eight(_ pointer: UnsafePointer<UInt8>) -> (count: Int, value: UInt64) {
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

    /// The value of a hexadecimal digit byte (either case), nil for any other byte.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The four hex digits of a `\uXXXX` escape at `start`: their value, or the offset (0 to 3) of the first byte
    /// that is not a hex digit or lies at or past `end`.
    @inline(__always)
    static func hexQuad(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> HexQuad {
        var value: UInt32 = 0
        for index in 0..<4 {
            guard start + index < end, let digit = hexValue(start[index]) else { return .invalid(at: index) }
            value = value << 4 | UInt32(digit)
        }
        return .value(value)
    }

    /// What `hexQuad` read.
    enum HexQuad: Equatable {
        case value(UInt32)
        /// The offset of the first byte that is not a hex digit (or is missing).
        case invalid(at: Int)
    }
}

/// Decimal values that are exact as doubles, so one IEEE operation rounds them correctly (Clinger's fast path).
///
/// A mantissa up to 2^53 and a power of ten up to 10^22 are both exact doubles, so their product or quotient is the
/// correctly rounded value of `mantissa × 10^scale`: the same double `strtod` and `Double(String)` give. Outside that
/// range a reader converts the literal with `Double(String)`, which is the rule; this only skips the work.
enum ExactDecimal {
    /// 10^0 … 10^22, every one exactly representable as a `Double`.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// `mantissa × 10^scale` when it is exact by the fast path, else nil; `digits` is how many digits were read into
    /// the mantissa (past 19 it may have wrapped).
    @inline(__always)
    static func value(mantissa: UInt64, digits: Int, scale: Int, negative: Bool = false) -> Double? {
        guard digits <= 19, mantissa <= 1 << 53, scale >= -22, scale <= 22 else { return nil }
        var value = Double(mantissa)
        if scale < 0 { value /= powersOfTen[-scale] } else if scale > 0 { value *= powersOfTen[scale] }
        return negative ? -value : value
    }
}
