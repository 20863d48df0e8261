import Foundation
import Testing

@_spi(Testing) @testable import ScalingCore

/// Every command that judges a series gives the same output, error and exit code whether its one CSV file is read as
/// columns (a run reading the file system itself) or as snapshots by the row reader (a run given its files).
@Suite struct ColumnarCommandTests {
    /// A command line, with `FILE` standing for the input (and `OTHER` for diff's second one).
    struct Invocation: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let invocations: [Invocation] = [
        ["stage", "FILE"], ["stage", "FILE", "--format", "json"], ["stage", "FILE", "--explain"], ["stage", "FILE", "--format", "number"],
        ["stage", "FILE", "--what-if", "users=x3", "--format", "json"], ["stage", "FILE", "--at-least", "growth"],
        ["check", "FILE"], ["check", "FILE", "--format", "json"], ["check", "FILE", "--format", "csv"],
        ["check", "FILE", "--format", "markdown"], ["check", "FILE", "--format", "junit"], ["check", "FILE", "--format", "sarif"],
        ["check", "FILE", "--format", "github"], ["check", "FILE", "--explain"], ["check", "FILE", "--max-age", "10d"],
        ["check", "FILE", "--what-if", "response_p95_ms=x2", "--format", "json"],
        ["cost", "FILE"], ["cost", "FILE", "--format", "json"], ["cost", "FILE", "--format", "markdown"],
        ["cost", "FILE", "--what-if", "users=x3"],
        ["advise", "FILE"], ["advise", "FILE", "--format", "json"], ["advise", "FILE", "--format", "markdown"],
        ["advise", "FILE", "--explain"], ["advise", "FILE", "--max-age", "3d", "--format", "json"],
        ["advise", "FILE", "--what-if", "users=x2", "--format", "json"],
        ["review", "FILE"], ["review", "FILE", "--format", "json"], ["review", "FILE", "--format", "markdown"],
        ["report", "FILE"],
        ["diff", "FILE", "OTHER"], ["diff", "OTHER", "FILE", "--format", "json"], ["diff", "FILE", "FILE", "--format", "markdown"],
        ["trend", "FILE", "--format", "json"],
    ].map { Invocation(arguments: $0 + ["--no-policy"]) }

    /// Runs in-process; `rows` gives the run its files, which makes it read them with the row reader.
    static func run(_ arguments: [String], rows: Bool) -> TestSupport.Outcome {
        final class Buffer: @unchecked Sendable { var out = ""; var err = "" }
        let buffer = Buffer()
        let context = RunContext(
            environment: [:], stdoutIsTerminal: false, writeOut: { buffer.out += $0 }, writeError: { buffer.err += $0 },
            readInput: rows ? { (path: String) throws(InputError) -> [UInt8] in try InputFile.bytes(at: path) } : nil)
        let code = Scalectl.run(arguments, context: context)
        return TestSupport.Outcome(status: code.rawValue, stdout: buffer.out, stderr: buffer.err)
    }

    /// The differences between the two readings of every invocation on `file` (diffed against `other`).
    static func differences(file: String, other: String) -> [String] {
        var found: [String] = []
        for invocation in invocations {
            let arguments = invocation.arguments.map { $0 == "FILE" ? file : ($0 == "OTHER" ? other : $0) }
            let columns = run(arguments, rows: false)
            let rows = run(arguments, rows: true)
            if columns.status != rows.status { found.append("\(arguments): exit \(columns.status) against \(rows.status)") }
            if columns.stdout != rows.stdout { found.append("\(arguments): stdout differs\n\(firstDifference(columns.stdout, rows.stdout))") }
            if columns.stderr != rows.stderr { found.append("\(arguments): stderr differs\n\(firstDifference(columns.stderr, rows.stderr))") }
        }
        return found
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : "<end>"
            let r = index < right.count ? String(right[index]) : "<end>"
            if l != r { return "line \(index + 1):\n  columns: \(l.prefix(300))\n  rows:    \(r.prefix(300))" }
        }
        return ""
    }

    static let fixtures: [String] = {
        let root = TestSupport.packageRoot.appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }.filter { !$0.hasPrefix("golden/") }.sorted()
    }()

    @Test(arguments: fixtures)
    func fixtureReadsTheSameAsColumns(_ name: String) {
        let file = TestSupport.fixture(name)
        let found = Self.differences(file: file, other: TestSupport.fixture("series.csv"))
        #expect(found.isEmpty, "\(name):\n\(found.prefix(3).joined(separator: "\n"))")
    }

    /// A random CSV series: some fields (an alias among them), rows in order or not, repeated and missing times, empty
    /// cells, a checklist column, values that breach and pass.
    static func randomTable(seed: UInt64) -> String {
        var random = SeededRandom(state: seed)
        let candidates: [(name: String, value: (inout SeededRandom) -> String)] = [
            ("users", { "\(Int.random(in: 50...2_000_000, using: &$0))" }),
            ("daily_active_users", { "\(Int.random(in: 1...50_000, using: &$0))" }),
            ("paying_customers", { "\(Int.random(in: 0...5_000, using: &$0))" }),
            ("mrr", { "\(Int.random(in: 0...90_000, using: &$0))" }),
            ("requests_per_month", { "\(Int.random(in: 1_000...90_000_000, using: &$0))" }),
            ("p95_ms", { String(format: "%.1f", Double.random(in: 50...1_500, using: &$0)) }),
            ("error_rate", { String(format: "%.4f", Double.random(in: 0...0.05, using: &$0)) }),
            ("db_cpu", { String(format: "%.2f", Double.random(in: 0...1, using: &$0)) }),
            ("cache_hit_rate", { String(format: "%.2f", Double.random(in: 0.5...1, using: &$0)) }),
            ("db_connections", { "\(Int.random(in: 1...120, using: &$0))" }),
            ("db_connection_limit", { "\(Int.random(in: 60...200, using: &$0))" }),
            ("monthly_cost", { "\(Int.random(in: 0...900, using: &$0))" }),
            ("checklist_done", { ["", "database.indexes", "caching.cdn;database.indexes"][Int.random(in: 0...2, using: &$0)] }),
        ]
        let chosen = candidates.filter { _ in Bool.random(using: &random) || Bool.random(using: &random) }
        let columns = chosen.isEmpty ? [candidates[0]] : chosen
        let timed = Int.random(in: 0...5, using: &random) > 0
        let rows = Int.random(in: 1...40, using: &random)
        let order = Int.random(in: 0...3, using: &random)  // 0, 1: in order; 2: shuffled; 3: with repeats
        var times = (0..<rows).map { 1_790_000_000 + $0 * 86_400 * Int.random(in: 1...3, using: &random) }
        if order >= 2 { times.shuffle(using: &random) }
        if order == 3 { for index in times.indices where Int.random(in: 0...4, using: &random) == 0 { times[index] = times[0] } }
        let sparse = Int.random(in: 0...2, using: &random)  // how often cells are empty
        var lines = [((timed ? ["timestamp"] : []) + columns.map(\.name)).joined(separator: ",")]
        for row in 0..<rows {
            var cells: [String] = []
            if timed { cells.append(Int.random(in: 0...20, using: &random) == 0 && row > 0 ? "" : Timestamp.format(Double(times[row]))) }
            for column in columns {
                cells.append(sparse > 0 && Int.random(in: 0...(6 - 2 * sparse), using: &random) == 0 ? "" : column.value(&random))
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: 0..<40)
    func randomTableReadsTheSameAsColumns(_ seed: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-columnar-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("random-\(seed).csv")
        let other = folder.appendingPathComponent("random-\(seed)-other.csv")
        try Self.randomTable(seed: UInt64(seed)).write(to: file, atomically: true, encoding: .utf8)
        try Self.randomTable(seed: UInt64(seed) &+ 1_000).write(to: other, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: other)
        }
        let found = Self.differences(file: file.path, other: other.path)
        let table = try String(contentsOf: file, encoding: .utf8)
        #expect(found.isEmpty, "seed \(seed):\n\(table)\n\(found.prefix(3).joined(separator: "\n"))")
    }

    /// The columnar path is the one taken: a run that reads the file system keeps a CSV series as columns (and a JSON
    /// one, a Grafana export, or a run given its files, as snapshots), and its snapshots, made on demand, are the row
    /// reader's: values, times, checklists, each value's place.
    @Test(arguments: [
        ("series.csv", false, true), ("series.csv", true, false), ("stages/growth.json", false, false),
        ("trends/messy.csv", false, true), ("triggers/weekly-sparse-latest.csv", false, true),
    ])
    func oneCSVFileIsKeptAsColumns(_ name: String, givenFiles: Bool, columnar: Bool) throws {
        func load(rows: Bool) throws -> SnapshotSeries {
            let arguments = try ArgumentParser.parse(
                ArgumentParser.split([TestSupport.fixture(name)]), options: CommandTable.inputOptions, command: "stage")
            let context = RunContext(
                environment: [:], stdoutIsTerminal: false, writeOut: { _ in }, writeError: { _ in },
                readInput: rows ? { (path: String) throws(InputError) -> [UInt8] in try InputFile.bytes(at: path) } : nil)
            return try Scalectl.load(InputOptions(arguments, command: "stage"), context: context)
        }
        let series = try load(rows: givenFiles)
        #expect(series.isColumnar == columnar)
        let reference = try load(rows: true)
        #expect(!reference.isColumnar)
        #expect(series == reference)
        #expect(series.latest == reference.latest)
        #expect(series.columns.differences(from: SeriesColumns(reference)).isEmpty)
    }
}
