import Foundation
import Testing

@testable import ScalingCore

/// Inputs as people write them (issue 19), through the binary: units in CSV headers, JSON nested under one key, a
/// file whose name says the other format, UTF-16 from Excel. Each is read, or refused with a message that says what
/// it looks like and the fix; the row readers and the columnar ones agree (the columnar ones hand these back).
@Suite struct InputFormsTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Each threshold's value in `check --format json`, by id (absent values left out).
    static func values(_ arguments: [String]) throws -> [String: Double] {
        let result = try TestSupport.runBinary(["check"] + arguments + ["--format", "json", "--no-policy"])
        let thresholds = try #require(try json(result.stdout)["thresholds"] as? [[String: Any]], "\(result.stderr)")
        var values: [String: Double] = [:]
        for threshold in thresholds {
            if let id = threshold["id"] as? String, let value = threshold["value"] as? Double { values[id] = value }
        }
        return values
    }

    struct ReadCase: CustomTestStringConvertible, Sendable {
        let fixture: String
        /// The same snapshot as people who read the README write it: what the fixture must read as.
        let canonical: (name: String, text: String)
        /// A note stderr must hold, if any.
        var note: String? = nil
        var testDescription: String { fixture }
    }

    static let readCases: [ReadCase] = [
        ReadCase(
            fixture: "inputs/units-in-headers.csv",
            canonical: (
                "c.csv",
                "timestamp,users,daily_active_users,response_p95_ms,db_cpu,error_rate,cache_hit_rate,monthly_cost\n"
                    + "2026-11-02,3100,150,540,0.58,0.014,0.74,95\n2026-11-09,3400,171,620,0.64,0.018,0.71,120\n"
            )),
        ReadCase(
            fixture: "inputs/units-seconds.csv",
            canonical: ("c.csv", "timestamp,users,response_p95_ms,db_storage_gb\n2026-11-09T00:00:00Z,3400,620,0.512\n")),
        ReadCase(
            fixture: "inputs/nested-metrics.json",
            canonical: ("c.json", #"{"timestamp": "2026-11-09T00:00:00Z", "users": 3400, "response_p95_ms": 620, "error_rate": 0.018}"#),
            note: "scalectl: note: Fixtures/inputs/nested-metrics.json: read the snapshot under \"metrics\", the file's only key"),
        ReadCase(
            fixture: "inputs/nested-data.json",
            canonical: (
                "c.json",
                #"[{"timestamp": "2026-11-02T00:00:00Z", "users": 3100, "response_p95_ms": 540}, {"timestamp": "2026-11-09T00:00:00Z", "users": 3400, "response_p95_ms": 620}]"#
            ),
            note: "read the 2 snapshots under \"data\", the file's only key"),
        ReadCase(
            fixture: "inputs/excel-unicode-text.csv",
            canonical: (
                "c.csv",
                "timestamp,users,response_p95_ms,db_cpu\n2026-11-02T00:00:00Z,3100,540,0.58\n2026-11-09T00:00:00Z,3400,620,0.64\n"
            )),
        ReadCase(fixture: "inputs/utf16-big-endian.json", canonical: ("c.json", #"{"users": 3400, "response_p95_ms": 620}"#)),
    ]

    /// The fixture reads as its canonical twin: the same stage, the same values in `check`, the same trend (which
    /// goes through the columnar readers' path and is handed back to the row readers).
    @Test(arguments: readCases)
    func readsAsTheCanonicalSnapshot(_ testCase: ReadCase) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let canonical = folder.appendingPathComponent(testCase.canonical.name).path
        try Data(testCase.canonical.text.utf8).write(to: URL(fileURLWithPath: canonical))
        let fixture = "Fixtures/" + testCase.fixture

        let stage = try TestSupport.runBinary(["stage", fixture])
        #expect(stage.status == 0, "\(stage.stderr)")
        #expect(stage.stdout == (try TestSupport.runBinary(["stage", canonical])).stdout)
        if let note = testCase.note { #expect(stage.stderr.contains(note), "\(stage.stderr)") }
        let values = try Self.values([fixture])
        #expect(!values.isEmpty)
        #expect(values == (try Self.values([canonical])))
        let trend = try TestSupport.runBinary(["trend", fixture, "--format", "json"])
        let twin = try TestSupport.runBinary(["trend", canonical, "--format", "json"])
        #expect(trend.status == twin.status)
        let read = try #require(try Self.json(trend.stdout)["trend"] as? [String: Any], "\(trend.stderr)")
        let expected = try #require(try Self.json(twin.stdout)["trend"] as? [String: Any])
        #expect(NSDictionary(dictionary: read).isEqual(to: expected), "\(trend.stdout)")
    }

    struct RefusalCase: CustomTestStringConvertible, Sendable {
        let fixture: String
        let says: [String]
        /// Arguments that read it instead, if the message offers them.
        var fix: [String]? = nil
        var testDescription: String { fixture }
    }

    static let refusals: [RefusalCase] = [
        RefusalCase(
            fixture: "inputs/unknown-unit.csv",
            says: [
                "line 1, column \"p95 (furlongs)\"", "the unit \"furlongs\" cannot be read for response_p95_ms",
                "unknown unit \"furlongs\"",
            ]),
        RefusalCase(
            fixture: "inputs/incompatible-unit.csv",
            says: ["column \"DB CPU (ms)\"", "it is a unit of a duration, and db_cpu is a rate"]),
        RefusalCase(
            fixture: "inputs/nested-too-deep.json",
            says: ["the snapshot is nested under data.metrics", "jq '.data.metrics' Fixtures/inputs/nested-too-deep.json"]),
        RefusalCase(
            fixture: "inputs/json-saved-as.csv",
            says: ["the name says CSV, but the file holds JSON (it starts with {\"users\"", "--input-format json"],
            fix: ["--input-format", "json"]),
        RefusalCase(
            fixture: "inputs/csv-saved-as.json",
            says: ["the name says JSON, but the file holds CSV (its first line is \"users,response_p95_ms\")", "--input-format csv"],
            fix: ["--input-format", "csv"]),
    ]

    /// Refused with exit 2 and one line that names the file and says the fix, by `stage` (the row readers) and `trend`
    /// (the columnar path) alike; the fix the message offers works.
    @Test(arguments: refusals)
    func refusedWithWhatItLooksLikeAndTheFix(_ testCase: RefusalCase) throws {
        let fixture = "Fixtures/" + testCase.fixture
        for command in ["stage", "trend"] {
            let result = try TestSupport.runBinary([command, fixture])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.hasPrefix("scalectl: error: \(fixture): "), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            for part in testCase.says { #expect(result.stderr.contains(part), "\(command): \(result.stderr)") }
        }
        if let fix = testCase.fix {
            let fixed = try TestSupport.runBinary(["stage", fixture] + fix)
            #expect(fixed.status == 0 && fixed.stdout == "early-traction\n", "\(fixed.stderr)")
        }
    }

    /// The columnar readers hand the other new forms back to the row readers, which read them: both paths agree.
    @Test func columnarReadersHandTheNewFormsBack() throws {
        for name in ["units-in-headers.csv", "units-seconds.csv", "excel-unicode-text.csv", "json-saved-as.csv"] {
            let bytes = try InputFile.bytes(at: TestSupport.fixture("inputs/" + name))
            #expect(try ColumnarCSVReader.read(bytes: bytes, source: name) == nil, "\(name)")
        }
        for name in ["nested-metrics.json", "utf16-big-endian.json", "csv-saved-as.json"] {
            let bytes = try InputFile.bytes(at: TestSupport.fixture("inputs/" + name))
            #expect(try ColumnarJSONReader.read(bytes: bytes, source: name) == nil, "\(name)")
        }
    }

    /// A series under one key is streamed by the columnar JSON reader, with the row reader's note and warnings.
    @Test func theColumnarReaderStreamsASeriesUnderOneKey() throws {
        let name = "nested-data.json"
        let bytes = try InputFile.bytes(at: TestSupport.fixture("inputs/" + name))
        let (columns, warnings) = try #require(try ColumnarJSONReader.read(bytes: bytes, source: name), "handed back")
        let decoded = try SnapshotDecoder.decode(bytes, source: name)
        #expect(warnings == decoded.warnings)
        #expect(warnings.first == .unwrapped(file: name, key: "data", snapshots: 2))
        ColumnarJSONReaderTests.expectSame(columns, decoded.series, name)
    }

    /// A `Time` column first, as Grafana writes, with fields' units in brackets: still a snapshot CSV, not an export.
    @Test func aTimeColumnWithUnitHeadersIsASnapshotNotAGrafanaExport() throws {
        let csv = "Time,Users,Response p95 (ms),DB CPU (%)\n2026-11-09T00:00:00Z,3400,620,64\n"
        guard case .snapshots(let decoded) = try SnapshotDecoder.read(Array(csv.utf8), source: "m.csv") else {
            Issue.record("read as a monitoring export")
            return
        }
        #expect(decoded.series.latest[.responseP95Ms] == 620)
        #expect(decoded.series.latest[.dbCPU] == 0.64)
    }

    struct HeaderCase: CustomTestStringConvertible, Sendable {
        let header: String
        let cell: String
        let field: SnapshotField
        let value: Double
        var testDescription: String { "\(header): \(cell)" }
    }

    /// Headers as spreadsheets write them, each read by name or alias with the unit from its brackets.
    @Test(arguments: [
        HeaderCase(header: "Response p95 (ms)", cell: "620", field: .responseP95Ms, value: 620),
        HeaderCase(header: "p95 [s]", cell: "0.62", field: .responseP95Ms, value: 620),
        HeaderCase(header: "Latency p95 (seconds)", cell: "1.5", field: .responseP95Ms, value: 1500),
        HeaderCase(header: "Response time (ms)", cell: "95", field: .responseP95Ms, value: 95),
        HeaderCase(header: "DB CPU (%)", cell: "64", field: .dbCPU, value: 0.64),
        HeaderCase(header: "Error rate [percent]", cell: "1.8", field: .errorRate, value: 0.018),
        HeaderCase(header: "Monthly cost (USD)", cell: "1,200", field: .monthlyCost, value: 1200),
        HeaderCase(header: "MRR ($)", cell: "900", field: .mrr, value: 900),
        HeaderCase(header: "DB storage (MB)", cell: "512", field: .dbStorageGB, value: 0.512),
        HeaderCase(header: "Users (k)", cell: "3.4", field: .users, value: 3400),
        HeaderCase(header: "p95 (s)", cell: "700ms", field: .responseP95Ms, value: 700),
    ])
    func headerUnitsAreRead(_ testCase: HeaderCase) throws {
        let text = "users,\"\(testCase.header)\"\n5,\"\(testCase.cell)\"\n"
        let csv = testCase.field == .users ? "\"\(testCase.header)\"\n\"\(testCase.cell)\"\n" : text
        let decoded = try SnapshotDecoder.decode(Array(csv.utf8), source: "m.csv")
        #expect(decoded.series.latest[testCase.field] == testCase.value)
    }
}
