import Foundation
import Testing

@_spi(Testing) @testable import ScalingCore

/// The columnar reader must give exactly what the row reader gives (values, times, checklists, lines, warnings), for
/// every way of splitting the file into ranges and blocks; what it does not handle it must hand back (nil).
@Suite struct ColumnarReaderTests {
    /// Splits that put range and block boundaries everywhere: one range, many ranges, blocks of a few bytes.
    static let settings: [ColumnarCSVReader.Settings] = [
        .init(ranges: 1, blockBytes: 1 << 20, splitAbove: 0),
        .init(ranges: 2, blockBytes: 1 << 20, splitAbove: 0),
        .init(ranges: 3, blockBytes: 7, splitAbove: 0),
        .init(ranges: 7, blockBytes: 64, splitAbove: 0),
        .init(ranges: 16, blockBytes: 1, splitAbove: 0),
    ]

    /// Both readers on `text`: nil from the columnar reader when it hands the file back.
    static func bothReaders(_ text: String, settings: ColumnarCSVReader.Settings) throws -> (
        columnar: (SeriesColumns, [InputWarning])?, rows: DecodedInput?
    ) {
        let bytes = Array(text.utf8)
        var rowError: InputError?
        var rows: DecodedInput?
        do { rows = try SnapshotDecoder.decode(bytes, source: "t.csv", format: .csv) } catch { rowError = error }
        do {
            return (try ColumnarCSVReader.read(bytes: bytes, source: "t.csv", settings: settings), rows)
        } catch {
            // The columnar reader reports only what the row reader reports, word for word.
            #expect(error == rowError, "\(text.debugDescription): the columnar reader says \(error)")
            return (nil, rows)
        }
    }

    /// Same rows, times, values per field (NaN for absent), checklists and lines.
    static func expectSame(_ columnar: SeriesColumns, _ rows: SnapshotSeries, _ context: String) {
        let differences = columnar.differences(from: SeriesColumns(rows))
        #expect(differences.isEmpty, "\(context): \(differences.joined(separator: ", ")) differ")
    }

    @Test(arguments: [
        "Fixtures/series.csv", "Fixtures/trends/doubling.csv", "Fixtures/trends/messy.csv", "Fixtures/trends/untimed.csv",
        "Fixtures/trends/viral.csv", "Fixtures/stages/growth.csv", "Fixtures/stages/mvp.csv", "Fixtures/stages/enterprise.csv",
    ])
    func fixturesReadTheSameBothWays(path: String) throws {
        let text = String(decoding: try InputFile.bytes(at: TestSupport.fixture(String(path.dropFirst("Fixtures/".count)))), as: UTF8.self)
        for settings in Self.settings {
            let (columnar, rows) = try Self.bothReaders(text, settings: settings)
            let (series, warnings) = try #require(columnar, "\(path) was handed back to the row reader")
            let decoded = try #require(rows)
            Self.expectSame(series, decoded.series, "\(path) in \(settings.ranges) ranges of \(settings.blockBytes)-byte blocks")
            #expect(warnings == decoded.warnings, "\(path)")
        }
    }

    /// Line endings, quoted cells holding delimiters, quotes and line breaks, units, empty cells, a BOM, other delimiters.
    @Test(arguments: [
        ("LF", "timestamp,users,error_rate\n2026-01-01,100,0.01\n2026-01-02,120,0.02\n"),
        ("CRLF", "timestamp,users,error_rate\r\n2026-01-01,100,0.01\r\n2026-01-02,120,0.02\r\n"),
        ("CR", "timestamp,users,error_rate\r2026-01-01,100,0.01\r2026-01-02,120,0.02"),
        ("no final break", "timestamp,users\n2026-01-01,100\n2026-01-02,120"),
        ("units", "timestamp,mrr,requests_per_month,error_rate\n2026-01-01,\"$1,150\",2.1M,0.4%\n2026-01-02,$900,3.5k,1.5%\n"),
        ("quoted breaks", "users,checklist_done,mrr\n10,\"database.indexes;\ncaching.cdn\",5\n20,\"a \"\"b\"\"\r\nc\",6\n30,,7\n"),
        ("empty cells", "timestamp,users,db_cpu\n2026-01-01,,0.5\n,20,\n2026-01-03T10:00:00Z,30,0.25\n"),
        ("BOM and semicolons", "\u{FEFF}timestamp;users;response_p95_ms\n2026-01-01;100;250.5\n2026-01-02;120;260\n"),
        ("tabs", "timestamp\tusers\n1767225600\t100\n1767312000.5\t120\n"),
        ("aliases and unknown", "date,dau,latency_p95,whatever\n2026-01-01,5,100,x\n2026-01-01,6,110,y\n"),
        ("exponent and signs", "users,mrr\n1e3,-0\n+5,0.0\n"),
        ("times of every kind", "timestamp,users\n2026-01-01T12:00,1\n2026-01-01 12:00:00.5Z,2\n2026-01-01T12:00:00+02:00,3\n"),
        ("blank lines", "timestamp,users\n2026-01-01,1\n\n2026-01-02,2\r\n\r\n\r\n2026-01-03,3\n\n"),
        ("a blank line first", "users,mrr\n\n1,2\n"),
        ("long numbers", "users,db_cpu\n999999999999999,0.12345678901234567890123\n900719925474099,0.1000000000000000055511151231257827\n"),
        ("semicolons with integers only: a decimal comma", "users;db_connections\n1200;5\n1300;6\n"),
        ("tabs with decimal points", "users\terror_rate\tmrr\n1200\t0.012\t4200.5\n1300\t0.25%\t$99.5\n"),
        ("plausible values at the edges", "response_p95_ms,error_rate,users\n5,0.99,12\n0,0,0\n4ms,1%,1.2k\n"),
        // Values probably in the wrong unit: read, with the row reader's warning once per field, at its first place.
        ("p95 in seconds", "users,response_p95_ms\n1200,0.62\n1300,0.7\n"),
        ("p95 in seconds, quoted", "users,response_p95_ms\n1200,\" 0.62 \"\n"),
        ("a whole rate", "users,error_rate\n1200,1\n1300,1.00\n"),
        ("a count with a fraction", "users,mrr\n1.5,2\n"),
        ("a count with a fraction and a unit", "users,mrr\n1.2345k,2\n"),
        (
            "implausible values among checklist warnings",
            "users,checklist_done,cache_hit_rate,p95_ms\n1,made.up,0.5,100\n2,,1,3\n3,other.made.up,1.00,2\n4,made.up;third.made.up,0.5,1\n"
        ),
        ("implausible values in a semicolon file", "users;cache_hit_rate\n1200;1\n1300;0.5\n"),
    ])
    func casesReadTheSameBothWays(name: String, text: String) throws {
        for settings in Self.settings {
            let (columnar, rows) = try Self.bothReaders(text, settings: settings)
            let decoded = try #require(rows, "\(name): the row reader rejects it")
            let (series, warnings) = try #require(columnar, "\(name) was handed back in \(settings.ranges) ranges")
            Self.expectSame(series, decoded.series, "\(name) in \(settings.ranges) ranges of \(settings.blockBytes)-byte blocks")
            #expect(warnings == decoded.warnings, "\(name)")
        }
    }

    /// What the columnar reader hands back, so the row reader words the error or reads what only it reads.
    @Test(arguments: [
        ("sep line", "sep=;\nusers;mrr\n1;2\n"),
        ("a duplicate field and a ragged row", "timestamp,users,users\n2026-01-01,1,1,5\n"),
        (
            "NUL where the first date goes",
            "timestamp,users\n\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}T12:00:00Z,100\n2026-01-02T00:00:00Z,110\n"
        ),
        ("blank lines only", "users,mrr\n\n\r\n"),
        ("ragged short", "users,mrr\n1,2\n3\n"),
        ("ragged long", "users,mrr\n1,2\n3,4,5\n"),
        ("quote in cell", "users,mrr\n1,2\"\n"),
        ("unterminated quote", "users,mrr\n1,\"2\n"),
        ("text after quote", "users,mrr\n1,\"2\"x\n"),
        ("quoted header", "\"users\",mrr\n1,2\n"),
        ("header only", "users,mrr\n"),
        ("invalid UTF-8 in a skipped cell", "users,note\n1,\u{FFFD}\n"),
        ("NUL", "users,mrr\n1,\u{0}\n"),
        ("NUL in a checklist", "users,checklist_done\n1,database.indexes\u{0}\n"),
        ("NUL in a time", "timestamp,users\n2026-01-01\u{0},1\n"),
        ("a decimal comma", "users;error_rate\n1200;0,012\n"),
        ("a quoted decimal comma in tabs", "users\terror_rate\n1200\t\"0,012\"\n"),
        ("points that may group thousands", "users;mrr\n1200;4.200\n"),
        ("a decimal comma after a decimal point", "users;mrr\n1200;4.25\n1300;4,5\n"),
    ])
    func handsBackWhatOnlyTheRowReaderHandles(name: String, text: String) throws {
        var bytes = Array(text.utf8)
        if name.hasPrefix("invalid UTF-8") { bytes = Array("users,note\n1,".utf8) + [0xFF, 0x0A] }
        for settings in Self.settings {
            let columnar = try ColumnarCSVReader.read(bytes: bytes, source: "t.csv", settings: settings)
            #expect(columnar == nil, "\(name) in \(settings.ranges) ranges")
        }
    }

    /// A value its field cannot hold is reported by the columnar reader itself, exactly as the row reader reports it,
    /// unless something else in the file makes the row reader fail first (then the file is handed back).
    @Test(arguments: [
        ("bad value", "users,mrr\n1,2\n3,lots\n"),
        ("fraction above one", "users,error_rate\n1,2\n"),
        ("negative", "users,mrr\n-1,2\n"),
        ("not whole in a policy sense, but negative", "users,mrr\n-1.5,2\n"),
        ("bad time", "timestamp,users\n2026-01-01,1\n2026-02-30,2\n"),
        ("epoch milliseconds", "timestamp,users\n1795635600000,1\n"),
        ("a plain time after the year 9999", "timestamp,users\n253402300800,1\n"),
        ("quoted bad value after blank lines", "timestamp,mrr\n2026-01-01,1\n\n\n2026-01-02,\"$1,2,3\"\n"),
        ("two bad values: the first wins", "users,db_cpu\n1,0.5\n2,150\n-3,0.5\n"),
    ])
    func badValuesAreReportedAsTheRowReaderReportsThem(name: String, text: String) throws {
        let bytes = Array(text.utf8)
        var rowError: InputError?
        do { _ = try SnapshotDecoder.decode(bytes, source: "t.csv", format: .csv) } catch { rowError = error }
        let expected = try #require(rowError, "\(name): the row reader accepts it")
        for settings in Self.settings {
            #expect(throws: expected, "\(name) in \(settings.ranges) ranges") {
                _ = try ColumnarCSVReader.read(bytes: bytes, source: "t.csv", settings: settings)
            }
        }
        // A syntax error anywhere after it is the row reader's to report: the file is handed back.
        let broken = Array((text + "1,2,3,4\n").utf8)
        #expect(try ColumnarCSVReader.read(bytes: broken, source: "t.csv") == nil, "\(name) with a ragged row after it")
    }

    /// Inputs the differential fuzz target (Fuzz/Targets/columnar.swift) found the two readers disagreeing on.
    @Test(arguments: ["columnar-nul-in-checklist.csv", "columnar-control-bytes-header.csv", "columnar-epoch-milliseconds.csv"])
    func fuzzRegressionsAreHandedBackOrReadTheSame(name: String) throws {
        // Read as bytes, not through InputFile: a NUL in the first block is refused there before any reader sees it.
        let text = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("fuzz-regressions/" + name))), as: UTF8.self)
        for settings in Self.settings {
            // bothReaders checks that an error the columnar reader reports is the row reader's, word for word.
            let (columnar, rows) = try Self.bothReaders(text, settings: settings)
            if let rows, let (series, warnings) = columnar {
                Self.expectSame(series, rows.series, name)
                #expect(warnings == rows.warnings)
            } else if rows == nil {
                #expect(columnar == nil, "\(name): the row reader rejects it, so the columnar reader must not read it")
            }
        }
    }

    /// The 8-bytes-at-a-time number reader agrees with the byte-by-byte one (value and where it stopped) on random
    /// runs of digits, points, signs, letters, delimiters and non-ASCII bytes, for every kind of quantity.
    @Test func numbersReadEightBytesAtATimeEqualByteByByte() {
        let seed: UInt64 = 0xD161_7500
        var random = SeededRandom(state: seed)
        let alphabet: [UInt8] =
            Array("0123456789012345678901234567890123456789..,;\t\n\re-+ x%".utf8) + [0x00, 0x2F, 0x3A, 0xB0, 0xBA, 0xFF]
        var compared = 0
        for case_ in 0..<40_000 {
            let length = Int.random(in: 0...26, using: &random)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &random)! } + Array(repeating: UInt8(ascii: ","), count: 9)
            let cut = Int.random(in: 0...bytes.count, using: &random)
            for kind in [QuantityKind.count, .fraction, .milliseconds, .money] {
                bytes.withUnsafeBufferPointer { buffer in
                    let start = buffer.baseAddress!
                    let fast = PlainNumber.scanQuantity(start, start + cut, kind: kind)
                    let slow = PlainNumber.scanQuantityByteByByte(start, start + cut, kind: kind)
                    #expect(
                        fast.value?.bitPattern == slow.value?.bitPattern && fast.stop == slow.stop,
                        "seed \(seed), case \(case_): \(String(decoding: bytes[..<cut], as: UTF8.self).debugDescription) as \(kind)")
                    if fast.value != nil { compared += 1 }
                }
            }
        }
        #expect(compared > 10_000, "only \(compared) readings gave a number")
    }

    /// Random files of plain and unit-bearing cells, quoted or not, with every line ending: equal both ways.
    @Test func randomTablesReadTheSameBothWays() throws {
        let seed: UInt64 = 0x5EED_C0_1A
        var random = SeededRandom(state: seed)
        let fields = ["timestamp", "users", "mrr", "error_rate", "response_p95_ms", "checklist_done", "note"]
        var handled = 0
        for table in 0..<120 {
            let columns = Array(fields.shuffled(using: &random).prefix(Int.random(in: 1...fields.count, using: &random)))
            let delimiter = [",", ";", "\t"].randomElement(using: &random)!
            let lineEnd = ["\n", "\r\n", "\r"].randomElement(using: &random)!
            var text = columns.joined(separator: delimiter) + lineEnd
            for row in 0..<Int.random(in: 1...40, using: &random) {
                let cells = columns.map { column -> String in
                    var cell = Self.randomCell(column, row: row, using: &random)
                    // A `;`- or tab-separated file reads a comma as its decimal mark: its numbers group no thousands.
                    if delimiter != ",", column != "note", column != "checklist_done" {
                        cell = cell.replacingOccurrences(of: ",", with: "")
                    }
                    let quote = cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n") || Bool.random(using: &random)
                    return quote && Int.random(in: 0..<4, using: &random) == 0 || cell.contains(delimiter) || cell.contains("\n")
                        || cell.contains("\"")
                        ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
                }
                text += cells.joined(separator: delimiter) + lineEnd
            }
            if Bool.random(using: &random) { text.removeLast(lineEnd.count) }
            for settings in Self.settings {
                let (columnar, rows) = try Self.bothReaders(text, settings: settings)
                guard let decoded = rows else {
                    #expect(columnar == nil, "seed \(seed), table \(table): the row reader rejects it, the columnar one read it")
                    continue
                }
                guard let (series, warnings) = columnar else { continue }
                handled += 1
                Self.expectSame(series, decoded.series, "seed \(seed), table \(table), \(settings.ranges) ranges")
                #expect(warnings == decoded.warnings, "seed \(seed), table \(table)")
            }
        }
        // Most tables are the plain kind the columnar reader is for: a reader that handed everything back would fail here.
        #expect(handled > 300, "only \(handled) of 600 readings were columnar")
    }

    static func randomCell(_ column: String, row: Int, using random: inout SeededRandom) -> String {
        let blank = Int.random(in: 0..<20, using: &random) == 0
        if blank { return "" }
        switch column {
        case "timestamp":
            return [
                "2026-01-\(String(format2: row % 28 + 1))", "2026-02-01T\(String(format2: row % 24)):00:00Z", "\(1_767_225_600 + row * 60)",
            ]
            .randomElement(using: &random)!
        case "users": return ["\(Int.random(in: 0...100_000, using: &random))", "12.4k", "1,200", "3M"].randomElement(using: &random)!
        case "mrr":
            return ["\(Int.random(in: 0...9_000, using: &random)).\(Int.random(in: 0...99, using: &random))", "$1,150", "$4.2k"]
                .randomElement(using: &random)!
        case "error_rate": return ["0.\(Int.random(in: 0...99_999, using: &random))", "1.5%", "0"].randomElement(using: &random)!
        case "response_p95_ms":
            return ["\(Int.random(in: 1...900, using: &random)).5", "620ms", "0.62s", "95 ms"].randomElement(using: &random)!
        case "checklist_done": return ["database.indexes", "database.indexes;caching.cdn", "made.up"].randomElement(using: &random)!
        default: return ["free text", "with, comma", "quote \" inside", "two\nlines", "é"].randomElement(using: &random)!
        }
    }
}

extension String {
    fileprivate init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
