import Foundation
import Testing

@_spi(Testing) @testable import ScalingCore

/// Every command that judges a series gives the same output, error and exit code whether its one CSV or JSON file is read as
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

    /// Two random inputs of one seed (the second for `diff`), written to a temporary folder.
    static func randomPair(seed: Int, ext: String, make: (UInt64) -> String) throws -> (URL, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-columnar-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("random-\(seed).\(ext)")
        let other = folder.appendingPathComponent("random-\(seed)-other.\(ext)")
        try make(UInt64(seed)).write(to: file, atomically: true, encoding: .utf8)
        try make(UInt64(seed) &+ 1_000).write(to: other, atomically: true, encoding: .utf8)
        return (file, other)
    }

    @Test(arguments: 0..<40)
    func randomTableReadsTheSameAsColumns(_ seed: Int) throws {
        let (file, other) = try Self.randomPair(seed: seed, ext: "csv", make: Self.randomTable(seed:))
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: other)
        }
        let found = Self.differences(file: file.path, other: other.path)
        let table = try String(contentsOf: file, encoding: .utf8)
        #expect(found.isEmpty, "seed \(seed):\n\(table)\n\(found.prefix(3).joined(separator: "\n"))")
    }

    /// The random table as a JSON array of flat snapshot objects, laid out one of four ways (one object a line, pretty
    /// printed, minified on one line, objects spanning lines with a byte order mark): numbers as numbers, times and
    /// some values as strings, empty cells as `null` or left out, the checklist as a string or an array, an unknown key.
    static func randomJSON(seed: UInt64) -> String { json(fromTable: randomTable(seed: seed), seed: seed) }

    /// A CSV table of snapshots (no quoted cells) as a JSON array of snapshot objects, laid out as `seed` picks.
    static func json(fromTable table: String, seed: UInt64) -> String {
        var random = SeededRandom(state: seed &+ 77)
        let lines = table.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let layout = Int.random(in: 0...3, using: &random)
        var objects: [String] = []
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var members: [String] = []
            for (name, cell) in zip(header, cells) {
                let value: String
                if cell.isEmpty {
                    if Bool.random(using: &random) { continue }
                    value = "null"
                } else if name == "checklist_done" {
                    value = Bool.random(using: &random)
                        ? "\"\(cell)\"" : "[" + cell.split(separator: ";").map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                } else if name == "timestamp" || Int.random(in: 0...5, using: &random) == 0 {
                    value = "\"\(cell)\""
                } else {
                    value = cell
                }
                members.append("\"\(name)\": \(value)")
            }
            if Int.random(in: 0...6, using: &random) == 0 { members.append("\"note\": {\"by\": [\"é\", 1]}") }
            switch layout {
            case 0, 2: objects.append("{" + members.joined(separator: ", ") + "}")
            case 1: objects.append("{\n    " + members.joined(separator: ",\n    ") + "\n  }")
            default: objects.append("{ " + members.joined(separator: ",\n  ") + " }")
            }
        }
        switch layout {
        case 0: return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
        case 1: return "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
        case 2: return "[" + objects.joined(separator: ",") + "]"
        default: return "\u{FEFF}[ " + objects.joined(separator: ",\n ") + "]\n"
        }
    }

    @Test(arguments: 0..<40)
    func randomJSONReadsTheSameAsColumns(_ seed: Int) throws {
        let (file, other) = try Self.randomPair(seed: seed, ext: "json", make: Self.randomJSON(seed:))
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: other)
        }
        // The columnar path is taken (else this compares the row reader with itself), unless a value is implausible
        // (a cache hit rate of 1.00): the columnar reader hands that to the row reader, which words the warning.
        let arguments = try ArgumentParser.parse(ArgumentParser.split([file.path]), options: CommandTable.inputOptions, command: "stage")
        let context = RunContext(environment: [:], stdoutIsTerminal: false, writeOut: { _ in }, writeError: { _ in })
        let implausible = try SnapshotDecoder.decode(Array(Data(contentsOf: file)), source: file.path).warnings.contains {
            if case .implausibleValue = $0 { return true }
            return false
        }
        #expect(try Scalectl.load(InputOptions(arguments, command: "stage"), context: context).isColumnar == !implausible)
        let found = Self.differences(file: file.path, other: other.path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(found.isEmpty, "seed \(seed):\n\(text)\n\(found.prefix(3).joined(separator: "\n"))")
    }

    /// The columnar path is the one taken: a run that reads the file system keeps a CSV or JSON series as columns (and a
    /// Grafana export, or a run given its files, as snapshots), and its snapshots, made on demand, are the row
    /// reader's: values, times, checklists, each value's place (for JSON, line and column, read again from the file).
    @Test(arguments: [
        ("series.csv", false, true), ("series.csv", true, false), ("stages/growth.json", false, true), ("stages/growth.json", true, false),
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
