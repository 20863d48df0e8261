/// What an input's first bytes say about how it is written: UTF-16 to transcode, JSON or CSV whatever its name says.
///
/// Shared by the row readers (through ``SnapshotDecoder/read(_:source:format:)``) and the columnar ones, which hand
/// such inputs back, so both read them alike.
enum TextEncoding {
    /// Whether `bytes` start with a UTF-16 byte order mark: FF FE (little-endian, Excel's "Unicode Text") or FE FF.
    static func isUTF16(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(2))
        return head == [0xFF, 0xFE] || head == [0xFE, 0xFF]
    }

    /// `bytes` as UTF-8: UTF-16 with a byte order mark is transcoded (the mark dropped; an unpaired surrogate becomes
    /// U+FFFD), anything else is returned as it is.
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        guard isUTF16(bytes) else { return bytes }
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(low) | UInt16(high) << 8)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// The first byte that is not a UTF-8 byte order mark or white space, if any.
    static func firstMeaningfulByte(_ bytes: some Collection<UInt8>) -> UInt8? {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        return rest.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }

    /// Whether the input starts as JSON does (`{` or `[`).
    static func looksLikeJSON(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = firstMeaningfulByte(bytes) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The first line, when the input looks like a CSV header (a name, then a `,` `;` or tab and more): what a file
    /// named `.json` that holds CSV shows; nil otherwise.
    static func csvHeader(_ bytes: some Collection<UInt8>) -> String? {
        guard let first = firstMeaningfulByte(bytes), first != UInt8(ascii: "{"), first != UInt8(ascii: "["),
            (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "z")) || first == UInt8(ascii: "\"")
        else { return nil }
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        let line = Array(rest.prefix(4096).prefix { $0 != 0x0A && $0 != 0x0D })
        guard line.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == 0x09 }) else { return nil }
        return String(decoding: line, as: UTF8.self)
    }
}
