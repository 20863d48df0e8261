import Foundation
import ScalingCore
import Testing

// MARK: - Conformance (csv-spectrum)

/// The csv-spectrum corpus, found by walking up from this file so it works from any checkout next to `shared/`.
private enum CSVSpectrum {
    static let directory: URL? = TestSupport.shared("conformance/csv")

    static var fileNames: [String] {
        guard let directory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("csvs").path)
        else { return [] }
        return names.filter { $0.hasSuffix(".csv") }.sorted()
    }

    /// Fixtures that contradict the reader's strict rules, with the exact rejection expected instead.
    ///
    /// `location_coordinates.csv` has a bare `"` inside unquoted field 2 (`37�36'37.8"N`), which
    /// this reader rejects by design. Its expected JSON is broken upstream anyway: it is an object,
    /// not an array (max-mapper/csv-spectrum#22), and its phone number 1234567890 is not the CSV's
    /// 2095257564 (max-mapper/csv-spectrum#20), so no parser can match it exactly.
    static let rejected: [String: CSVSyntaxError] = [
        "location_coordinates.csv": CSVSyntaxError(reason: .quoteInUnquotedField, line: 2, column: 2)
    ]
}

@Test(
    .enabled(
        if: CSVSpectrum.directory != nil,
        "csv-spectrum corpus not found: no shared/conformance/csv in any parent folder of this test file"),
    arguments: CSVSpectrum.fileNames)
func matchesCSVSpectrum(fileName: String) throws {
    let directory = try #require(CSVSpectrum.directory)
    let csv = [UInt8](try Data(contentsOf: directory.appendingPathComponent("csvs/\(fileName)")))

    if let expectedError = CSVSpectrum.rejected[fileName] {
        #expect(throws: expectedError) { try CSVReader.read(csv) }
        return
    }

    let jsonURL = directory.appendingPathComponent("json/\(fileName.dropLast(4)).json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL))
    let expectedObjects = try #require(json as? [[String: Any]], "\(jsonURL.lastPathComponent) is not an array of objects")
    let expected = try expectedObjects.map { object in
        try object.mapValues { value in try #require(value as? String, "non-string value in \(jsonURL.lastPathComponent)") }
    }

    let table = try CSVReader.read(csv)
    let objects = table.records.map { record in
        Dictionary(zip(table.header, record.fields), uniquingKeysWith: { first, _ in first })
    }
    #expect(table.records.allSatisfy { $0.fields.count == table.header.count })
    #expect(objects == expected)
}

// MARK: - Rejections

/// An input the reader must reject, and the exact error.
private struct RejectionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [UInt8]
    let error: CSVSyntaxError
    var testDescription: String { name }

    init(_ name: String, _ input: String, _ reason: CSVSyntaxError.Reason, line: Int, column: Int) {
        self.init(name, Array(input.utf8), reason, line: line, column: column)
    }

    init(_ name: String, _ input: [UInt8], _ reason: CSVSyntaxError.Reason, line: Int, column: Int) {
        self.name = name
        self.input = input
        self.error = CSVSyntaxError(reason: reason, line: line, column: column)
    }
}

private let rejectionCases: [RejectionCase] = [
    RejectionCase(
        "unterminated quote is reported where it opened (line 3)",
        "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n", .unterminatedQuote, line: 3, column: 2),
    RejectionCase(
        "unterminated quote as the very last byte",
        "a,b\n1,\"", .unterminatedQuote, line: 2, column: 2),
    RejectionCase(
        "quote inside an unquoted field",
        "a,b\n1,ab\"c\n", .quoteInUnquotedField, line: 2, column: 2),
    RejectionCase(
        "quote after a leading space is inside an unquoted field",
        "a,b\n1, \"x\"\n", .quoteInUnquotedField, line: 2, column: 2),
    RejectionCase(
        "text after a closing quote",
        "a,b\n\"abc\"x,2\n", .textAfterClosingQuote("x"), line: 2, column: 1),
    RejectionCase(
        "space after a closing quote",
        "a,b\n1,\"x\" \n", .textAfterClosingQuote(" "), line: 2, column: 2),
    RejectionCase(
        "non-ASCII text after a closing quote names the character",
        "a,b\n1,\"x\"é\n", .textAfterClosingQuote("é"), line: 2, column: 2),
    RejectionCase(
        "text after a closing quote that ends on a later line",
        "a,b\n1,\"x\ny\"z\n", .textAfterClosingQuote("z"), line: 3, column: 2),
    RejectionCase(
        "record with fewer fields than the header",
        "a,b,c\n1,2,3\n4,5\n", .fieldCountMismatch(expected: 3, found: 2), line: 3, column: 3),
    RejectionCase(
        "record with more fields than the header",
        "a,b\n1,2,3\n", .fieldCountMismatch(expected: 2, found: 3), line: 2, column: 3),
    RejectionCase(
        "unquoted decimal comma makes an extra field",
        "host,cpu\nweb-1,0,5\n", .fieldCountMismatch(expected: 2, found: 3), line: 2, column: 3),
    RejectionCase(
        "mismatch is reported at the first line of a multi-line record",
        "a,b\n\"x\ny\"\n", .fieldCountMismatch(expected: 2, found: 1), line: 2, column: 2),
    RejectionCase(
        "whitespace-only line is a record, not a blank line",
        "a,b\n1,2\n \n", .fieldCountMismatch(expected: 2, found: 1), line: 3, column: 2),
    RejectionCase(
        "invalid UTF-8 byte 0xFF",
        Array("a,b\n1,x".utf8) + [0xFF] + Array("y\n".utf8), .invalidUTF8(byte: 0xFF), line: 2, column: 2),
    RejectionCase(
        "Windows-1252 é (0xE9) on the second line of a quoted field",
        Array("a,b\n1,\"caf\n".utf8) + [0xE9] + Array("\"\n".utf8), .invalidUTF8(byte: 0xE9), line: 3, column: 2),
    RejectionCase(
        "UTF-8 sequence cut short by the delimiter",
        Array("a,b\ncaf".utf8) + [0xC3] + Array(",2\n".utf8), .invalidUTF8(byte: 0xC3), line: 2, column: 1),
    RejectionCase(
        "UTF-16 surrogate encoded in UTF-8 (CESU-8)",
        Array("a\n".utf8) + [0xED, 0xA0, 0x80], .invalidUTF8(byte: 0xED), line: 2, column: 1),
    RejectionCase(
        "UTF-16LE export with its byte order mark",
        [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], .invalidUTF8(byte: 0xFF), line: 1, column: 1),
    RejectionCase(
        "invalid UTF-8 right after a closing quote",
        Array("a\n\"x\"".utf8) + [0x80], .invalidUTF8(byte: 0x80), line: 2, column: 1),
    RejectionCase(
        "NUL byte in an unquoted field",
        "a,b\n1,2\u{0}\n", .nulByte, line: 2, column: 2),
    RejectionCase(
        "NUL byte inside a quoted field",
        "a,b\n1,\"x\ny\u{0}\"\n", .nulByte, line: 3, column: 2),
    RejectionCase("NUL byte in the header", "a\u{0},b\n1,2\n", .nulByte, line: 1, column: 1),
    RejectionCase("NUL byte right after a closing quote", "a,b\n1,\"x\"\u{0}\n", .nulByte, line: 2, column: 2),
    RejectionCase(
        "ragged row after a record spanning lines is placed on its own line",
        "a,b\n\"x\ny\",1\n2\n", .fieldCountMismatch(expected: 2, found: 1), line: 4, column: 2),
    RejectionCase(
        "unterminated quote in the header", "a,\"b\n1,2\n", .unterminatedQuote, line: 1, column: 2),
    RejectionCase(
        "quote inside an unquoted header name", "us\"ers\n1\n", .quoteInUnquotedField, line: 1, column: 1),
    RejectionCase("empty input", [], .emptyInput, line: 1, column: 1),
    RejectionCase("BOM-only input", [0xEF, 0xBB, 0xBF], .emptyInput, line: 1, column: 1),
    RejectionCase("only blank lines", "\n\r\n\r", .emptyInput, line: 1, column: 1),
    RejectionCase("only a sep= line", "sep=;\n", .emptyInput, line: 1, column: 1),
    RejectionCase("blank header name", "a,,c\n1,2,3\n", .emptyHeaderName, line: 1, column: 2),
    RejectionCase("header with a trailing delimiter", "a,b,\n1,2,\n", .emptyHeaderName, line: 1, column: 3),
    RejectionCase("whitespace-only header name", "a, \n1,2\n", .emptyHeaderName, line: 1, column: 2),
    RejectionCase(
        "blank header name after a sep= line and a blank line",
        "sep=;\n\nhost;;cpu\n", .emptyHeaderName, line: 3, column: 2),
]

@Test(arguments: rejectionCases)
private func rejects(_ testCase: RejectionCase) {
    #expect(throws: testCase.error) { try CSVReader.read(testCase.input) }
}

// MARK: - Accepted inputs

/// An input the reader must accept, and the exact table.
private struct ParseCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [UInt8]
    let delimiter: UInt8?
    let expected: CSVTable
    var testDescription: String { name }

    /// `records` pairs each record's starting line with its fields.
    init(
        _ name: String, _ input: String, delimiter: Character? = nil,
        expectDelimiter: Character = ",", header: [String], headerLine: Int = 1, records: [(Int, [String])]
    ) {
        self.name = name
        self.input = Array(input.utf8)
        self.delimiter = delimiter?.asciiValue
        self.expected = CSVTable(
            delimiter: expectDelimiter.asciiValue!, header: header, headerLine: headerLine,
            records: records.map { CSVRecord(fields: $0.1, line: $0.0) })
    }
}

private let parseCases: [ParseCase] = [
    ParseCase(
        "semicolon is detected and commas become data",
        "host;cpu;mem\nweb-1;0,5;12\n", expectDelimiter: ";",
        header: ["host", "cpu", "mem"], records: [(2, ["web-1", "0,5", "12"])]),
    ParseCase(
        "tab is detected",
        "host\tcpu\nweb-1\t0.5\n", expectDelimiter: "\t",
        header: ["host", "cpu"], records: [(2, ["web-1", "0.5"])]),
    ParseCase(
        "a tie between comma and semicolon goes to comma",
        "a;b,c\n1;2,3\n", header: ["a;b", "c"], records: [(2, ["1;2", "3"])]),
    ParseCase(
        "no candidate at all goes to comma (one column)",
        "value\n1\n", header: ["value"], records: [(2, ["1"])]),
    ParseCase(
        "delimiters inside quoted header names are not counted",
        "\"a;b;c\",d\n1,2\n", header: ["a;b;c", "d"], records: [(2, ["1", "2"])]),
    ParseCase(
        "sep=; line sets the delimiter and shifts every line",
        "sep=;\nhost;cpu\nweb-1;1,5\nweb-2;2\n", expectDelimiter: ";",
        header: ["host", "cpu"], headerLine: 2, records: [(3, ["web-1", "1,5"]), (4, ["web-2", "2"])]),
    ParseCase(
        "sep= line beats detection",
        "sep=;\r\na,b;c\r\n", expectDelimiter: ";", header: ["a,b", "c"], headerLine: 2, records: []),
    ParseCase(
        "explicit delimiter beats a sep= line, which is still skipped",
        "sep=;\na,b\n1,2\n", delimiter: ",", header: ["a", "b"], headerLine: 2, records: [(3, ["1", "2"])]),
    ParseCase(
        "explicit delimiter beats detection",
        "a;b,c\n1;2,3\n", delimiter: ";", expectDelimiter: ";",
        header: ["a", "b,c"], records: [(2, ["1", "2,3"])]),
    ParseCase(
        "sep= line after a BOM, with a pipe",
        "\u{FEFF}sep=|\na|b\n1|2", expectDelimiter: "|",
        header: ["a", "b"], headerLine: 2, records: [(3, ["1", "2"])]),
    ParseCase(
        "BOM is skipped",
        "\u{FEFF}a,b\n1,2\n", header: ["a", "b"], records: [(2, ["1", "2"])]),
    ParseCase(
        "CR-only line endings",
        "a,b\r1,2\r3,4\r", header: ["a", "b"], records: [(2, ["1", "2"]), (3, ["3", "4"])]),
    ParseCase(
        "mixed LF, CRLF and CR line endings",
        "a,b\r\n1,2\n3,4\r5,6", header: ["a", "b"],
        records: [(2, ["1", "2"]), (3, ["3", "4"]), (4, ["5", "6"])]),
    ParseCase(
        "blank lines are skipped but counted",
        "\na,b\n\n1,2\r\n\r\n\r3,4\n\n\n", header: ["a", "b"], headerLine: 2,
        records: [(4, ["1", "2"]), (7, ["3", "4"])]),
    ParseCase(
        "a quoted field spanning lines moves the next record down",
        "a,b\n\"x\ny\r\nz\",1\n2,3\n", header: ["a", "b"],
        records: [(2, ["x\ny\r\nz", "1"]), (5, ["2", "3"])]),
    ParseCase(
        "line breaks inside quotes are kept byte for byte, lone CR included",
        "a\r\n\"x\r\ny\rz\"\r\n", header: ["a"], records: [(2, ["x\r\ny\rz"])]),
    ParseCase(
        "doubled quotes become one, delimiter inside quotes is data",
        "a,b\n\"he said \"\"hi, there\"\"\",\"\"\"\"\n", header: ["a", "b"],
        records: [(2, ["he said \"hi, there\"", "\""])]),
    ParseCase(
        "empty quoted and unquoted fields",
        "a,b,c\n\"\",,\"\"\n", header: ["a", "b", "c"], records: [(2, ["", "", ""])]),
    ParseCase(
        "trailing delimiter gives an empty last field",
        "a,b\n1,\n2,", header: ["a", "b"], records: [(2, ["1", ""]), (3, ["2", ""])]),
    ParseCase(
        "fields and header names are kept untrimmed",
        "a , b\n 1 ,  2 \t\n", header: ["a ", " b"], records: [(2, [" 1 ", "  2 \t"])]),
    ParseCase(
        "header-only file gives zero records",
        "a,b\n", header: ["a", "b"], records: []),
    ParseCase(
        "header-only file without a final line break",
        "a,b", header: ["a", "b"], records: []),
    ParseCase(
        "\"\" is an empty value in a one-column file; an empty line is skipped",
        "a\n\"\"\n\nx\n", header: ["a"], records: [(2, [""]), (4, ["x"])]),
    ParseCase(
        "multi-byte UTF-8 is kept",
        "name,city\nJürgen,東京 🚀\n", header: ["name", "city"], records: [(2, ["Jürgen", "東京 🚀"])]),
    ParseCase(
        "a first line that only starts like sep= is the header",
        "sep=,x\n1,2\n", header: ["sep=", "x"], records: [(2, ["1", "2"])]),
]

@Test(arguments: parseCases)
private func parses(_ testCase: ParseCase) throws {
    let table = try CSVReader.read(testCase.input, delimiter: testCase.delimiter)
    #expect(table == testCase.expected)
}

// MARK: - Messages

@Test func describesErrorsWithPlaceAndFix() {
    let error = CSVSyntaxError(reason: .quoteInUnquotedField, line: 4, column: 3)
    #expect(
        error.description
            == "line 4, field 3: a quote inside an unquoted field (quote the whole field and double the quote: \"a\"\"b\")")

    let located: [CSVSyntaxError.Reason] = [
        .unterminatedQuote, .textAfterClosingQuote(" "), .fieldCountMismatch(expected: 2, found: 1),
        .invalidUTF8(byte: 0xE9), .nulByte, .emptyHeaderName,
    ]
    for reason in located {
        #expect(CSVSyntaxError(reason: reason, line: 7, column: 2).description.hasPrefix("line 7, field 2: "))
    }
    #expect(CSVSyntaxError(reason: .invalidUTF8(byte: 0x0A), line: 1, column: 1).description.contains("0x0A"))
    #expect(
        CSVSyntaxError(reason: .fieldCountMismatch(expected: 2, found: 1), line: 1, column: 2).description
            .contains("1 field but the header has 2 fields"))
    #expect(CSVSyntaxError(reason: .textAfterClosingQuote(" "), line: 1, column: 1).description.contains("\" \""))
}

// MARK: - Generated inputs

/// Writes a table the way a careful exporter would: quote only when needed, double inner quotes.
private func export(_ rows: [[String]], delimiter: Character, lineBreak: String) -> [UInt8] {
    let special: Set<Character> = [delimiter, "\"", "\n", "\r", "\r\n"]
    let text = rows.map { row in
        row.map { field in
            field.isEmpty || field.contains(where: special.contains)
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                : field
        }.joined(separator: String(delimiter))
    }.joined(separator: lineBreak)
    return Array(text.utf8)
}

@Test(arguments: 0..<8)
func readsBackWhatAnExporterWrote(seed: UInt64) throws {
    var random = SeededRandom(state: seed)
    let pieces = ["a", "7", "0.25", " ", ",", ";", "\t", "\"", "\n", "\r\n", "\r", "é", "🚀", "x y"]
    func field(nonBlank: Bool) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...4, using: &random) { text += pieces.randomElement(using: &random)! }
        return nonBlank && text.allSatisfy(\.isWhitespace) ? "h" + text : text
    }
    for _ in 0..<50 {
        let delimiter: Character = [",", ";", "\t"].randomElement(using: &random)!
        let lineBreak = ["\n", "\r\n", "\r"].randomElement(using: &random)!
        let width = Int.random(in: 1...5, using: &random)
        let header = (0..<width).map { _ in field(nonBlank: true) }
        let rows = (0..<Int.random(in: 0...6, using: &random)).map { _ in (0..<width).map { _ in field(nonBlank: false) } }
        let bytes = export([header] + rows, delimiter: delimiter, lineBreak: lineBreak)

        let table = try CSVReader.read(bytes, delimiter: delimiter.asciiValue)
        #expect(table.header == header)
        #expect(table.records.map(\.fields) == rows, "seed \(seed), input \(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
}

@Test(arguments: 0..<8)
func neverCrashesOnArbitraryBytes(seed: UInt64) {
    var random = SeededRandom(state: seed)
    let alphabet: [UInt8] = Array("a1 ,;\t\"\r\n".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
    for _ in 0..<2_000 {
        let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
        do {
            let table = try CSVReader.read(bytes)
            #expect(table.records.allSatisfy { $0.fields.count == table.header.count })
            #expect(table.records.map(\.line) == table.records.map(\.line).sorted())
            #expect(table.records.allSatisfy { $0.line > table.headerLine })
        } catch {
            #expect(error.line >= 1 && error.column >= 1)
        }
    }
}
