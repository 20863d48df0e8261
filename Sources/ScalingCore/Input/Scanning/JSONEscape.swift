/// RFC 8259's string escapes, for both JSON readers: `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t`, and `\uXXXX`, where a
/// high surrogate must be followed by a `\u` low surrogate and a low surrogate may not stand alone.
enum JSONEscape {
    /// The byte a one-letter escape stands for, nil for `u` (see ``unicode(_:_:)``) and anything that is no escape.
    @inline(__always)
    static func byte(escapedBy letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// What a `\u` escape reads as.
    enum UnicodeEscape: Equatable {
        /// A scalar and how many bytes its escape takes (6, or 12 for a surrogate pair).
        case scalar(Unicode.Scalar, length: Int)
        /// The byte at this offset from the backslash is not a hex digit (or is past the end).
        case badHexDigit(at: Int)
        /// A high surrogate not followed by `\u` (the offset is 6).
        case missingLowSurrogate
        /// A high surrogate followed by a `\u` escape that is not a low surrogate (at offset 6).
        case notLowSurrogate
        /// A low surrogate with no high surrogate before it.
        case loneLowSurrogate
    }

    /// The most bytes a well-formed `\u` escape takes: a streaming reader with fewer left reads on before it fails one.
    static let longestUnicodeEscape = 12

    /// Reads the `\u` escape whose backslash is at `start`, stopping before `end`.
    static func unicode(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnicodeEscape {
        let first: UInt32
        switch Digits.hexQuad(start + 2, end) {
        case .invalid(let offset): return .badHexDigit(at: 2 + offset)
        case .value(let value): first = value
        }
        switch first {
        case 0xD800...0xDBFF:
            guard end - start > 7, start[6] == UInt8(ascii: "\\"), start[7] == UInt8(ascii: "u") else { return .missingLowSurrogate }
            switch Digits.hexQuad(start + 8, end) {
            case .invalid(let offset): return .badHexDigit(at: 8 + offset)
            case .value(let low):
                guard (0xDC00...0xDFFF).contains(low) else { return .notLowSurrogate }
                return .scalar(Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00))!, length: 12)
            }
        case 0xDC00...0xDFFF:
            return .loneLowSurrogate
        default:
            // Every value outside the surrogate range is a scalar.
            return .scalar(Unicode.Scalar(first)!, length: 6)
        }
    }
}
