/// Reads CSV files exported from spreadsheets and monitoring tools into a ``CSVTable``.
///
/// The reader follows RFC 4180 plus what real exports do. Where the RFC is vague it is
/// strict: a CI gate reads these files, and a rejected file with a precise message is
/// better than numbers silently shifted into the wrong column.
///
/// **Encoding.** The input must be UTF-8. A leading UTF-8 byte order mark (EF BB BF) is
/// skipped. A byte sequence that is not UTF-8 is `.invalidUTF8(byte:)`, naming the first
/// byte of the bad sequence (Windows-1252 and UTF-16 exports are the usual cause). A NUL
/// byte anywhere is `.nulByte`: no text export contains one, binary and UTF-16 files do.
///
/// **Records.** Records end at LF, CRLF or a lone CR (old Mac exports). A line break at
/// the end of the input does not start an empty record. A fully blank line (no byte at
/// all between two line breaks) is skipped but still counts for line numbers; a line
/// holding only spaces is not blank, it is a record. So in a one-column file an empty
/// value must be written `""`.
///
/// **Fields.** Fields are separated by the delimiter and kept as written: no trimming,
/// no type conversion. A field is quoted when its first byte is `"`. Inside quotes the
/// delimiter, CR and LF are data, line breaks are kept byte for byte (a CRLF inside
/// quotes stays "\r\n"), and `""` stands for one quote. After the closing quote only the
/// delimiter, a line break or the end of the input may follow
/// (`.textAfterClosingQuote`). An unquoted field must not contain a quote
/// (`.quoteInUnquotedField`); this includes a quote after leading spaces, as in `a, "b"`.
/// A quote left open at the end of the input is `.unterminatedQuote`, reported where it
/// opened. A delimiter at the end of a record is followed by one more, empty, field.
///
/// **Header.** The first non-blank record is the header. Every header name must contain
/// something other than whitespace (`.emptyHeaderName`), so a trailing delimiter on the
/// header line is an error. Every record must have exactly as many fields as the header
/// (`.fieldCountMismatch`). A header without records gives zero records; an input with
/// no header at all (zero bytes, or only a BOM, a `sep=` line and blank lines) is
/// `.emptyInput`.
///
/// **Delimiter.** In order of precedence: the `delimiter` argument; else an Excel
/// `sep=X` line (the whole first line after the BOM, `sep` in any case, `X` a tab or a
/// printable ASCII character other than `"`), which is never the header and is skipped
/// even when the argument decides; else detection: `,`, `;` and tab are counted outside
/// quotes on the header line, and the most frequent one wins, with ties and zero
/// counts going to `,`.
///
/// **Positions.** Lines are physical and 1-based, counting every LF, CRLF and lone CR,
/// including those inside quoted fields, so a record can start several lines after the
/// previous one. Columns are 1-based field indices within the record. Errors about a
/// byte give that byte's line; `.unterminatedQuote` gives the line where the quote
/// opened; `.fieldCountMismatch` gives the record's first line and the first missing or
/// extra field; `.emptyHeaderName` gives the header's first line; `.emptyInput` gives
/// line 1, field 1.
///
/// **Cost.** One pass over the bytes (plus the header line once more when detecting),
/// no copy of the input, each field's `String` built once straight from the input bytes
/// (a scratch buffer is used only for fields with `""`). The explicit UTF-8 check runs
/// only on fields that contain non-ASCII bytes. Memory beyond the result is one
/// record's fields and that scratch buffer.
public enum CSVReader {
    /// Reads `bytes`; `delimiter` nil means detect it.
    ///
    /// - Precondition: an explicit `delimiter` is a tab or a printable ASCII character
    ///   other than `"` (it is the caller's constant, not file content, so a wrong one is
    ///   a programming error rather than a syntax error).
    public static func read(_ bytes: [UInt8], delimiter: UInt8? = nil) throws(CSVSyntaxError) -> CSVTable {
        if let delimiter {
            precondition(
                Scanner.isUsableDelimiter(delimiter),
                "CSV delimiter must be a tab or printable ASCII other than a quote, got byte \(delimiter)")
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(CSVSyntaxError) -> CSVTable in
            var scanner = Scanner(buffer)
            scanner.skipByteOrderMark()
            let sepLineDelimiter = scanner.skipSepLine()
            scanner.skipBlankLines()
            guard !scanner.isAtEnd else {
                throw CSVSyntaxError(reason: .emptyInput, line: 1, column: 1)
            }
            scanner.delimiter = delimiter ?? sepLineDelimiter ?? scanner.detectDelimiter()

            let headerLine = scanner.line
            let header = try scanner.readRecord(expectedCount: 0)
            if let blank = header.firstIndex(where: { name in name.allSatisfy(\.isWhitespace) }) {
                throw CSVSyntaxError(reason: .emptyHeaderName, line: headerLine, column: blank + 1)
            }

            var records: [CSVRecord] = []
            while true {
                scanner.skipBlankLines()
                if scanner.isAtEnd { break }
                let line = scanner.line
                let fields = try scanner.readRecord(expectedCount: header.count)
                guard fields.count == header.count else {
                    throw CSVSyntaxError(
                        reason: .fieldCountMismatch(expected: header.count, found: fields.count),
                        line: line, column: min(fields.count, header.count) + 1)
                }
                records.append(CSVRecord(fields: fields, line: line))
            }
            return CSVTable(delimiter: scanner.delimiter, header: header, headerLine: headerLine, records: records)
        }
    }
}

// MARK: - Results

/// A CSV file split into a header and records, fields as written (quotes removed, no trimming).
public struct CSVTable: Equatable, Sendable {
    /// The delimiter used: `,` `;` or tab when detected; otherwise what the caller or a `sep=` line chose.
    public var delimiter: UInt8
    /// The column names, in file order, as written.
    public var header: [String]
    /// Physical 1-based line of the header (2 when a `sep=;` line precedes it).
    public var headerLine: Int
    /// The records after the header, each with as many fields as `header`.
    public var records: [CSVRecord]

    public init(delimiter: UInt8, header: [String], headerLine: Int, records: [CSVRecord]) {
        self.delimiter = delimiter
        self.header = header
        self.headerLine = headerLine
        self.records = records
    }
}

/// One record of a CSV file and where it starts.
public struct CSVRecord: Equatable, Sendable {
    /// The fields, as written (quotes removed, no trimming).
    public var fields: [String]
    /// Physical 1-based line where the record starts (quoted line breaks make records span lines).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Why a text is not CSV we can read, and where.
public struct CSVSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong; each case's position rule is in the ``CSVReader`` overview.
    public enum Reason: Equatable, Sendable {
        /// Zero bytes, or only a BOM, a `sep=` line and blank lines.
        case emptyInput
        /// A quoted field is still open at the end of the input; the location is where the quote opened.
        case unterminatedQuote
        /// A quote inside an unquoted field, as in `ab"c`.
        case quoteInUnquotedField
        /// Text after a closing quote, as in `"abc"x`.
        case textAfterClosingQuote(Character)
        /// A record with a different number of fields than the header.
        case fieldCountMismatch(expected: Int, found: Int)
        /// A byte that does not start a valid UTF-8 sequence there.
        case invalidUTF8(byte: UInt8)
        /// A NUL (0x00) byte.
        case nulByte
        /// A blank header cell (empty or only whitespace).
        case emptyHeaderName
    }

    public var reason: Reason
    /// Physical 1-based line.
    public var line: Int
    /// 1-based field index within the record.
    public var column: Int

    public init(reason: Reason, line: Int, column: Int) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// A sentence for the person who has to fix the file: where, what, and how to fix it.
    public var description: String {
        let place = "line \(line), field \(column)"
        switch reason {
        case .emptyInput:
            return "the input is empty: there is no header line (at most a byte order mark, a sep= line and blank lines)"
        case .unterminatedQuote:
            return
                "\(place): the quote that opens this field is never closed (add the closing quote, and double any quote inside the field: \"a\"\"b\")"
        case .quoteInUnquotedField:
            return "\(place): a quote inside an unquoted field (quote the whole field and double the quote: \"a\"\"b\")"
        case .textAfterClosingQuote(let character):
            return
                "\(place): \(String(reflecting: character)) after the closing quote (a quoted field must end at its closing quote; double a quote that belongs to the text: \"a\"\"b\")"
        case .fieldCountMismatch(let expected, let found):
            return
                "\(place): the record has \(Self.fields(found)) but the header has \(Self.fields(expected)) (quote fields that contain the delimiter)"
        case .invalidUTF8(let byte):
            return
                "\(place): byte 0x\(Self.hex(byte)) is not valid UTF-8 (export the file as UTF-8; Windows-1252 and UTF-16 are common culprits)"
        case .nulByte:
            return "\(place): a NUL byte (0x00), which no text export contains (is the file UTF-16 or binary?)"
        case .emptyHeaderName:
            return "\(place): the header name is blank (every column needs a name; remove a trailing delimiter on the header line)"
        }
    }

    private static func fields(_ count: Int) -> String {
        count == 1 ? "1 field" : "\(count) fields"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}

// MARK: - Scanning

private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
private let tab = UInt8(ascii: "\t")
private let comma = UInt8(ascii: ",")
private let semicolon = UInt8(ascii: ";")
private let nul: UInt8 = 0

/// A cursor over the input that knows the current physical line.
///
/// Every special byte (quote, CR, LF, NUL, and the delimiter unless it is above the
/// quote) is at most 0x22, so the inner loops test `b <= 0x22 || b == delimiter` first and
/// pass digits, letters and most punctuation with two comparisons.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var position = 0
    var line = 1
    var delimiter = comma
    /// Reused for fields with doubled quotes, the only ones that are not a plain slice of the input.
    var unescaped: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.end = bytes.count
    }

    var isAtEnd: Bool { position == end }

    static func isUsableDelimiter(_ byte: UInt8) -> Bool {
        byte == tab || (0x20...0x7E).contains(byte) && byte != quote
    }

    // MARK: Before the header

    mutating func skipByteOrderMark() {
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        }
    }

    /// Consumes an Excel `sep=X` line and returns `X`; leaves anything else alone.
    mutating func skipSepLine() -> UInt8? {
        guard end - position >= 5,
            bytes[position] | 0x20 == UInt8(ascii: "s"),
            bytes[position + 1] | 0x20 == UInt8(ascii: "e"),
            bytes[position + 2] | 0x20 == UInt8(ascii: "p"),
            bytes[position + 3] == UInt8(ascii: "=")
        else { return nil }
        let candidate = bytes[position + 4]
        let after = position + 5
        guard Self.isUsableDelimiter(candidate),
            after == end || bytes[after] == lineFeed || bytes[after] == carriageReturn
        else { return nil }
        position = after
        if !isAtEnd { consumeLineBreak() }
        return candidate
    }

    /// Counts candidates on the header record only: data lines may hold decimal commas.
    func detectDelimiter() -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0
        var insideQuotes = false
        scanning: for byte in bytes[position...] {
            if byte == quote {
                // A doubled quote toggles twice, which is what it should do.
                insideQuotes.toggle()
            } else if !insideQuotes {
                switch byte {
                case lineFeed, carriageReturn: break scanning
                case comma: commas += 1
                case semicolon: semicolons += 1
                case tab: tabs += 1
                default: break
                }
            }
        }
        if semicolons > commas && semicolons > tabs { return semicolon }
        if tabs > commas && tabs > semicolons { return tab }
        return comma
    }

    // MARK: Records

    mutating func consumeLineBreak() {
        if bytes[position] == carriageReturn {
            position += 1
            if position < end && bytes[position] == lineFeed { position += 1 }
        } else {
            position += 1
        }
        line += 1
    }

    mutating func skipBlankLines() {
        while position < end, bytes[position] == lineFeed || bytes[position] == carriageReturn {
            consumeLineBreak()
        }
    }

    /// Reads one record starting at a non-blank position and consumes its line break.
    mutating func readRecord(expectedCount: Int) throws(CSVSyntaxError) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(expectedCount)
        var column = 1
        while true {
            if position < end && bytes[position] == quote {
                fields.append(try readQuotedField(column: column))
            } else {
                fields.append(try readUnquotedField(column: column))
            }
            // Both field readers stop only at the end, a delimiter or a line break.
            if isAtEnd { return fields }
            if bytes[position] == delimiter {
                position += 1
                column += 1
            } else {
                consumeLineBreak()
                return fields
            }
        }
    }

    private mutating func readUnquotedField(column: Int) throws(CSVSyntaxError) -> String {
        let start = position
        var seen: UInt8 = 0
        while position < end {
            let byte = bytes[position]
            if byte <= quote || byte == delimiter {
                if byte == delimiter || byte == quote || byte == lineFeed || byte == carriageReturn || byte == nul {
                    break
                }
            }
            seen |= byte
            position += 1
        }
        // Bytes before the stop come first in the file, so their encoding error wins.
        if seen >= 0x80 {
            try validateUTF8(from: start, to: position, startLine: line, column: column)
        }
        if !isAtEnd {
            switch bytes[position] {
            case quote: throw CSVSyntaxError(reason: .quoteInUnquotedField, line: line, column: column)
            case nul: throw CSVSyntaxError(reason: .nulByte, line: line, column: column)
            default: break
            }
        }
        return makeString(from: start, to: position)
    }

    private mutating func readQuotedField(column: Int) throws(CSVSyntaxError) -> String {
        let openingLine = line
        position += 1
        let contentStart = position
        var segmentStart = position
        var hasDoubledQuotes = false
        var seen: UInt8 = 0

        scanning: while true {
            while position < end {
                let byte = bytes[position]
                if byte <= quote && (byte == quote || byte == lineFeed || byte == carriageReturn || byte == nul) {
                    break
                }
                seen |= byte
                position += 1
            }
            guard !isAtEnd else {
                throw CSVSyntaxError(reason: .unterminatedQuote, line: openingLine, column: column)
            }
            switch bytes[position] {
            case quote:
                guard position + 1 < end && bytes[position + 1] == quote else { break scanning }
                if !hasDoubledQuotes {
                    unescaped.removeAll(keepingCapacity: true)
                    hasDoubledQuotes = true
                }
                // Keep the first quote of the pair, drop the second.
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart...position]))
                position += 2
                segmentStart = position
            case lineFeed, carriageReturn:
                consumeLineBreak()
            default:
                if seen >= 0x80 {
                    try validateUTF8(from: contentStart, to: position, startLine: openingLine, column: column)
                }
                throw CSVSyntaxError(reason: .nulByte, line: line, column: column)
            }
        }

        let contentEnd = position
        position += 1
        // Checking the raw span is enough: `""` is ASCII and cannot split a valid sequence.
        if seen >= 0x80 {
            try validateUTF8(from: contentStart, to: contentEnd, startLine: openingLine, column: column)
        }
        if !isAtEnd {
            let byte = bytes[position]
            if byte != delimiter && byte != lineFeed && byte != carriageReturn {
                throw unexpectedByteAfterQuote(column: column)
            }
        }
        if hasDoubledQuotes {
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<contentEnd]))
            return String(decoding: unescaped, as: UTF8.self)
        }
        return makeString(from: contentStart, to: contentEnd)
    }

    /// Names the offending character, unless the byte is itself a NUL or bad UTF-8.
    private func unexpectedByteAfterQuote(column: Int) -> CSVSyntaxError {
        let byte = bytes[position]
        if byte == nul {
            return CSVSyntaxError(reason: .nulByte, line: line, column: column)
        }
        guard let length = utf8SequenceLength(at: position, end: end) else {
            return CSVSyntaxError(reason: .invalidUTF8(byte: byte), line: line, column: column)
        }
        let text = makeString(from: position, to: position + length)
        let character = text.unicodeScalars.first.map(Character.init) ?? "\u{FFFD}"
        return CSVSyntaxError(reason: .textAfterClosingQuote(character), line: line, column: column)
    }

    private func makeString(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: UTF-8

    private func validateUTF8(from start: Int, to end: Int, startLine: Int, column: Int) throws(CSVSyntaxError) {
        let base = bytes.baseAddress!
        guard let bad = UTF8Sequence.firstInvalid(base + start, base + end) else { return }
        let index = bad - base
        throw CSVSyntaxError(
            reason: .invalidUTF8(byte: bytes[index]),
            line: lineNumber(of: index, countingFrom: start, startLine: startLine),
            column: column)
    }

    /// The length of the well-formed UTF-8 sequence at `index` (``UTF8Sequence``), or nil.
    private func utf8SequenceLength(at index: Int, end: Int) -> Int? {
        let base = bytes.baseAddress!
        return UTF8Sequence.completeLength(at: base + index, base + end)
    }

    /// The physical line of `target`, for errors inside fields that span lines.
    private func lineNumber(of target: Int, countingFrom start: Int, startLine: Int) -> Int {
        var line = startLine
        for index in start..<target {
            let byte = bytes[index]
            if byte == lineFeed || byte == carriageReturn && bytes[index + 1] != lineFeed {
                line += 1
            }
        }
        return line
    }
}
