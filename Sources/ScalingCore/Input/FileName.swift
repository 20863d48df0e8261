/// File names as the system has them, bytes, carried in a `String` without loss.
///
/// A Unix path is any bytes but NUL; a name that is not UTF-8 (`$'\xff.csv'`, a Latin-1 name on an old disk) must
/// still open. `CommandLine.arguments` decodes lossily (the byte becomes U+FFFD, and the file is then "not found"),
/// so the executable reads `argv` as bytes through ``decode(_:)``: each byte that is not part of valid UTF-8 becomes
/// one scalar of a reserved range (U+10FF80 to U+10FFFF, plane 16's private use, for bytes 0x80 to 0xFF), and every
/// call that hands a path to the system turns the name back into its bytes (``withCString(_:_:)``). A name that
/// itself holds a scalar of that range has its UTF-8 bytes carried the same way, so every byte string survives.
/// In output the reserved scalars show as `\xff` (``TerminalSink/visible(_:)``), in every sink.
public enum FileName {
    /// The scalar that carries a raw byte: U+10FF00 + the byte (0x80 to 0xFF).
    static let base: UInt32 = 0x10FF00

    /// The raw byte a scalar carries, or nil for an ordinary scalar.
    public static func rawByte(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value >= base + 0x80 ? UInt8(scalar.value - base) : nil
    }

    /// A name from its bytes: valid UTF-8 as its characters, any other byte (and the bytes of a reserved scalar) as
    /// the scalar carrying it.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        let bytes = Array(bytes)
        var index = 0
        while index < bytes.count {
            let length = bytes.withUnsafeBufferPointer { buffer in
                UTF8Sequence.completeLength(at: buffer.baseAddress! + index, buffer.baseAddress! + buffer.count)
            }
            if let length, let scalar = String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars.first,
                rawByte(scalar) == nil
            {
                scalars.append(scalar)
                index += length
            } else {
                // A byte below 0x80 is always valid UTF-8, so only 0x80 to 0xFF get here.
                scalars.append(Unicode.Scalar(base + UInt32(bytes[index]))!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// A C string's name, as ``decode(_:)`` reads it.
    public static func decode(cString: UnsafePointer<CChar>) -> String {
        var end = cString
        while end.pointee != 0 { end += 1 }
        return decode(UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self), count: end - cString))
    }

    /// The bytes the system knows the name by.
    public static func bytes(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            if let byte = rawByte(scalar) { bytes.append(byte) } else { bytes.append(contentsOf: String(scalar).utf8) }
        }
        return bytes
    }

    /// `body` given the name as the NUL-terminated bytes a system call takes.
    public static func withCString<Result>(_ name: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        // Most names hold no carried byte: their UTF-8 is their bytes.
        guard name.unicodeScalars.contains(where: { rawByte($0) != nil }) else { return try name.withCString(body) }
        let bytes = bytes(name).map { CChar(bitPattern: $0) } + [0]
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
