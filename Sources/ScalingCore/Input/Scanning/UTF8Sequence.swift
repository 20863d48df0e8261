/// Unicode's rule for well-formed UTF-8 (Unicode 15 §3.9, D92 and Table 3-7), written once for every reader.
///
/// Overlong forms (C0, C1, E0 80–9F, F0 80–8F), UTF-16 surrogates (ED A0–BF) and anything past U+10FFFF (F4 90 and
/// up, F5–FF) are ill-formed, as are stray continuation bytes.
enum UTF8Sequence {
    /// The length of the sequence led by the byte at `start`: 1 for ASCII, 2 to 4 for a well-formed multi-byte
    /// sequence, 0 when it is ill-formed, nil when `end` cuts a sequence whose bytes so far are well-formed (a
    /// streaming reader reads on; a reader holding the whole text treats it as ill-formed).
    @inline(__always)
    static func length(at start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int? {
        let lead = start.pointee
        if lead < 0x80 { return 1 }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)  // no overlong 3-byte forms
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)  // no UTF-16 surrogates
        case 0xF0: (length, low) = (4, 0x90)  // no overlong 4-byte forms
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)  // nothing above U+10FFFF
        default: return 0  // continuation bytes, overlong C0/C1, F5...FF
        }
        for index in 1..<length {
            guard start + index < end else { return nil }
            let byte = start[index]
            if index == 1 ? !(low...high).contains(byte) : byte & 0xC0 != 0x80 { return 0 }
        }
        return length
    }

    /// The length of the sequence at `start` when it is well-formed and complete before `end`, else nil.
    @inline(__always)
    static func completeLength(at start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int? {
        guard let length = length(at: start, end), length > 0 else { return nil }
        return length
    }

    /// The first byte of `start..<end` that does not begin a well-formed, complete sequence; nil when all is UTF-8.
    static func firstInvalid(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        var pointer = start
        while pointer < end {
            if pointer.pointee < 0x80 {
                pointer += 1
            } else if let length = completeLength(at: pointer, end) {
                pointer += length
            } else {
                return pointer
            }
        }
        return nil
    }

    /// Whether `start..<end` is UTF-8 text without a NUL, as every reader requires of a cell or value.
    static func isText(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        var pointer = start
        while pointer < end {
            let byte = pointer.pointee
            if byte == 0 { return false }
            if byte < 0x80 {
                pointer += 1
            } else if let length = completeLength(at: pointer, end) {
                pointer += length
            } else {
                return false
            }
        }
        return true
    }

    /// The text of `start..<end` when it is UTF-8 without a NUL, else nil.
    static func text(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String? {
        guard isText(start, end) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
    }

    /// Appends the UTF-8 encoding of `scalar` (a decoded `\u` escape) to `bytes`.
    static func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
