/// RFC 8259's number grammar and its value, for both JSON readers: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
///
/// The value is `Double(String)` of the literal (the nearest double; overflow gives infinity with the literal's sign,
/// `-0` gives -0.0); a literal that ``ExactDecimal`` covers skips that conversion with the same result.
enum JSONNumberGrammar {
    /// What the grammar allows where a number breaks it, phrased for `JSONSyntaxError.expected`.
    enum Expectation: String, Equatable {
        case digitAfterMinus = "a digit after '-'"
        case noLeadingZero = "no more digits after a leading 0"
        case digitAfterPoint = "a digit after '.'"
        case exponentDigit = "a digit in the exponent"
    }

    /// What `scan` read.
    enum Scan: Equatable {
        /// A number ending at `stop` (which may be `end`: a streaming reader cannot tell yet whether it goes on).
        case number(stop: UnsafePointer<UInt8>, value: Double)
        /// The grammar is broken at `at` (which may be `end`: the bytes ran out where more were required).
        case invalid(at: UnsafePointer<UInt8>, expected: Expectation)
    }

    /// Scans the number that starts at `start` (a `-` or a digit) and stops before `end`.
    @inline(__always)
    static func scan(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Scan {
        var pointer = start
        let negative = pointer.pointee == UInt8(ascii: "-")
        if negative { pointer += 1 }
        // Digits are also gathered into an integer so that short numbers skip the general conversion.
        var mantissa: UInt64 = 0
        guard pointer < end, let leading = Digits.value(pointer.pointee) else {
            return .invalid(at: pointer, expected: .digitAfterMinus)
        }
        var digits: Int
        if leading == 0 {
            pointer += 1
            digits = 1
            if pointer < end, Digits.isDigit(pointer.pointee) { return .invalid(at: pointer, expected: .noLeadingZero) }
        } else {
            digits = Digits.accumulate(&pointer, end, into: &mantissa)
        }
        var fractionDigits = 0
        if pointer < end, pointer.pointee == UInt8(ascii: ".") {
            pointer += 1
            fractionDigits = Digits.accumulate(&pointer, end, into: &mantissa)
            guard fractionDigits > 0 else { return .invalid(at: pointer, expected: .digitAfterPoint) }
            digits += fractionDigits
        }
        var exponent = 0
        if pointer < end, pointer.pointee | 0x20 == UInt8(ascii: "e") {
            pointer += 1
            var exponentNegative = false
            if pointer < end, pointer.pointee == UInt8(ascii: "+") || pointer.pointee == UInt8(ascii: "-") {
                exponentNegative = pointer.pointee == UInt8(ascii: "-")
                pointer += 1
            }
            guard pointer < end, Digits.isDigit(pointer.pointee) else { return .invalid(at: pointer, expected: .exponentDigit) }
            while pointer < end, let digit = Digits.value(pointer.pointee) {
                // Past this size only the general conversion applies anyway, and it must not overflow.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(digit) }
                pointer += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        if let value = ExactDecimal.value(mantissa: mantissa, digits: digits, scale: exponent - fractionDigits, negative: negative) {
            return .number(stop: pointer, value: value)
        }
        // The grammar is already checked, so the conversion cannot fail; it rounds overflow to infinity.
        let literal = String(decoding: UnsafeBufferPointer(start: start, count: pointer - start), as: UTF8.self)
        return .number(stop: pointer, value: Double(literal) ?? .nan)
    }
}
