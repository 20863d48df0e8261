import Foundation
import Testing

@_spi(Testing) @testable import ScalingCore

/// Several inputs merged by time give the same output, error and exit code whether their snapshot files are read and
/// merged as columns (``ColumnMerger``, a run reading the file system itself) or as snapshots by the row readers and
/// ``InputMerger`` (a run given its files), the reference.
@Suite struct ColumnarMergeTests {
    /// A command line, with `INPUTS` standing for the inputs.
    static let invocations: [[String]] = [
        ["stage", "INPUTS"], ["stage", "INPUTS", "--format", "json", "--verbose"], ["stage", "INPUTS", "--explain"],
        ["check", "INPUTS"], ["check", "INPUTS", "--format", "json"], ["check", "INPUTS", "--format", "sarif"],
        ["check", "INPUTS", "--format", "github"], ["check", "INPUTS", "--what-if", "users=x2", "--verbose"],
        ["advise", "INPUTS"], ["advise", "INPUTS", "--format", "json", "--max-age", "3d"],
        ["cost", "INPUTS", "--format", "json"], ["review", "INPUTS", "--format", "json"],
        ["trend", "INPUTS"], ["trend", "INPUTS", "--format", "json"], ["report", "INPUTS"],
    ]

    /// The fields a random snapshot file may have (one under an alias), each with a plausible random value.
    static let fields: [(name: String, value: @Sendable (inout SeededRandom) -> String)] = [
        ("users", { "\(Int.random(in: 50...2_000_000, using: &$0))" }),
        ("daily_active_users", { "\(Int.random(in: 1...50_000, using: &$0))" }),
        ("requests_per_month", { "\(Int.random(in: 1_000...90_000_000, using: &$0))" }),
        ("p95_ms", { String(format: "%.1f", Double.random(in: 50...1_500, using: &$0)) }),
        ("error_rate", { String(format: "%.4f", Double.random(in: 0...0.05, using: &$0)) }),
        ("db_cpu", { String(format: "%.2f", Double.random(in: 0...0.99, using: &$0)) }),
        ("db_connections", { "\(Int.random(in: 1...120, using: &$0))" }),
        ("db_connection_limit", { "\(Int.random(in: 60...200, using: &$0))" }),
        ("monthly_cost", { "\(Int.random(in: 0...900, using: &$0))" }),
        ("checklist_done", { ["", "database.indexes", "caching.cdn;database.indexes"][Int.random(in: 0...2, using: &$0)] }),
    ]

    /// A random snapshot CSV to merge: some fields (often shared with the other inputs), a time every one to sixty
    /// minutes from a start a few minutes off the others', rows in order, shuffled or with repeated times, some rows
    /// or the whole file without a time, empty cells.
    static func randomSnapshotTable(seed: UInt64) -> String {
        var random = SeededRandom(state: seed &* 7_919 &+ 3)
        let chosen = fields.filter { _ in Int.random(in: 0...2, using: &random) == 0 }
        let columns = chosen.isEmpty ? [fields[Int.random(in: 0..<fields.count, using: &random)]] : chosen
        let timed = Int.random(in: 0...7, using: &random) > 0
        let rows = Int.random(in: 1...30, using: &random)
        let start = 1_790_000_000 + 60 * Int.random(in: -8...8, using: &random)
        let step = [60, 120, 300, 600, 3_600][Int.random(in: 0...4, using: &random)]
        let order = Int.random(in: 0...3, using: &random)  // 0, 1: in order; 2: shuffled; 3: with repeats
        var times = (0..<rows).map { start + $0 * step }
        if order >= 2 { times.shuffle(using: &random) }
        if order == 3 { for index in times.indices where Int.random(in: 0...3, using: &random) == 0 { times[index] = times[0] } }
        let sparse = Int.random(in: 0...2, using: &random)
        var lines = [((timed ? ["timestamp"] : []) + columns.map(\.name)).joined(separator: ",")]
        for row in 0..<rows {
            var cells: [String] = []
            if timed { cells.append(Int.random(in: 0...12, using: &random) == 0 && row > 0 ? "" : Timestamp.format(Double(times[row]))) }
            for column in columns {
                cells.append(sparse > 0 && Int.random(in: 0...(6 - 2 * sparse), using: &random) == 0 ? "" : column.value(&random))
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A random Prometheus range query to bind, and the binding's left side: one or two series of one field, a point
    /// every half minute to ten minutes around the snapshots' times, some NaN, now and then a value the field refuses.
    static func randomExport(seed: UInt64) -> (text: String, field: String) {
        var random = SeededRandom(state: seed &* 31 &+ 11)
        let kinds: [(field: String, value: (inout SeededRandom) -> String)] = [
            ("response_p95_ms:s", { String(format: "%.3f", Double.random(in: 0.05...1.5, using: &$0)) }),
            (
                "error_rate",
                { Int.random(in: 0...40, using: &$0) == 0 ? "1.7" : String(format: "%.5f", Double.random(in: 0...0.05, using: &$0)) }
            ),
            ("db_cpu:%", { String(format: "%.1f", Double.random(in: 0...99, using: &$0)) }),
            ("db_connections:count", { "\(Int.random(in: 1...150, using: &$0))" }),
        ]
        let kind = kinds[Int.random(in: 0..<kinds.count, using: &random)]
        let start = 1_790_000_000 + 30 * Int.random(in: -30...30, using: &random)
        let step = [30, 60, 300, 600][Int.random(in: 0...3, using: &random)]
        let count = Int.random(in: 1...25, using: &random)
        let series = (0..<Int.random(in: 1...2, using: &random)).map { instance in
            let values = (0..<count).map { index in
                let value = Int.random(in: 0...6, using: &random) == 0 ? "NaN" : kind.value(&random)
                return "[\(start + index * step),\"\(value)\"]"
            }
            return #"{"metric":{"__name__":"app_metric","instance":"i\#(instance)"},"values":[\#(values.joined(separator: ","))]}"#
        }
        return (#"{"status":"success","data":{"resultType":"matrix","result":[\#(series.joined(separator: ","))]}}"#, kind.field)
    }

    /// One seed's inputs written to a temporary folder: two or three snapshot files (CSV or JSON), maybe an export
    /// (bound, or named by a `--map` file) and a k6 summary, in a random order; and the options to merge them with.
    static func randomInputs(seed: Int) throws -> (arguments: [String], options: [String], files: [URL]) {
        var random = SeededRandom(state: UInt64(seed) &+ 5_000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-merge-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var arguments: [String] = []
        var files: [URL] = []
        for index in 0..<Int.random(in: 2...3, using: &random) {
            let tableSeed = UInt64(seed * 10 + index)
            let table = randomSnapshotTable(seed: tableSeed)
            let json = Bool.random(using: &random)
            let file = folder.appendingPathComponent("merge-\(seed)-\(index).\(json ? "json" : "csv")")
            try (json ? ColumnarCommandTests.json(fromTable: table, seed: tableSeed) : table).write(
                to: file, atomically: true, encoding: .utf8)
            files.append(file)
            arguments.append(file.path)
        }
        var options: [String] = []
        if Int.random(in: 0...2, using: &random) > 0 {
            let export = randomExport(seed: UInt64(seed))
            let file = folder.appendingPathComponent("merge-\(seed)-export.json")
            try export.text.write(to: file, atomically: true, encoding: .utf8)
            files.append(file)
            if Bool.random(using: &random) {
                arguments.insert("\(export.field)=\(file.path)", at: Int.random(in: 0...arguments.count, using: &random))
            } else {
                // The same export named by a mapping file instead of a binding.
                let parts = export.field.split(separator: ":").map(String.init)
                let unit = parts.count > 1 ? #", "unit": "\#(parts[1])""# : ""
                let mapping = folder.appendingPathComponent("merge-\(seed)-map.json")
                try #"{"\#(parts[0])": {"labels": {"__name__": "app_metric"}\#(unit)}}"#
                    .write(to: mapping, atomically: true, encoding: .utf8)
                files.append(mapping)
                arguments.insert(file.path, at: Int.random(in: 0...arguments.count, using: &random))
                options += ["--map", mapping.path]
            }
        }
        if Int.random(in: 0...3, using: &random) == 0 {
            arguments.insert(TestSupport.fixture("adapters/load/k6-summary.json"), at: Int.random(in: 0...arguments.count, using: &random))
        }
        options += ["--align", ["5m", "90s", "20m", "0s", "2h"][Int.random(in: 0...4, using: &random)]]
        if Int.random(in: 0...3, using: &random) == 0 { options += ["--combine", "db_connections=sum"] }
        return (arguments, options + ["--no-policy"], files)
    }

    @Test(arguments: 0..<40)
    func randomInputsMergeTheSameAsColumns(_ seed: Int) throws {
        let (inputs, options, files) = try Self.randomInputs(seed: seed)
        defer { for file in files { try? FileManager.default.removeItem(at: file) } }
        // The columnar merge is the one a run reading the file system takes (else this compares the row merger with itself).
        let parsed = try ArgumentParser.parse(
            ArgumentParser.split(inputs + options.filter { $0 != "--no-policy" }), options: CommandTable.inputOptions, command: "stage")
        let context = RunContext(environment: [:], stdoutIsTerminal: false, writeOut: { _ in }, writeError: { _ in })
        if let series = try? Scalectl.load(InputOptions(parsed, command: "stage"), context: context) { #expect(series.isColumnar) }
        var found: [String] = []
        for invocation in Self.invocations {
            let arguments = invocation.flatMap { $0 == "INPUTS" ? inputs : [$0] } + options
            let columns = ColumnarCommandTests.run(arguments, rows: false)
            let rows = ColumnarCommandTests.run(arguments, rows: true)
            if columns.status != rows.status { found.append("\(arguments): exit \(columns.status) against \(rows.status)") }
            for (name, left, right) in [("stdout", columns.stdout, rows.stdout), ("stderr", columns.stderr, rows.stderr)]
            where left != right {
                found.append("\(arguments): \(name) differs\n\(ColumnarCommandTests.firstDifference(left, right))")
            }
        }
        let texts = try files.map { "\($0.lastPathComponent):\n" + (try String(contentsOf: $0, encoding: .utf8)) }
        #expect(
            found.isEmpty, "seed \(seed): \(inputs + options)\n\(texts.joined(separator: "\n"))\n\(found.prefix(3).joined(separator: "\n"))"
        )
    }

    /// The two mergers on the same inputs, read by the row readers: the same snapshots (times, values, checklists,
    /// origins, each value's place), the same warnings in the same order, or the same error.
    @Test(arguments: 0..<200)
    func theMergersAgree(_ seed: Int) throws {
        var random = SeededRandom(state: UInt64(seed) &+ 9_000)
        var inputs: [MergeInput] = []
        for index in 0..<Int.random(in: 1...3, using: &random) {
            let table = Self.randomSnapshotTable(seed: UInt64(seed * 10 + index) &+ 100_000)
            inputs.append(MergeInput(read: try SnapshotDecoder.read(Array(table.utf8), source: "s\(index).csv")))
        }
        if Bool.random(using: &random) {
            let export = Self.randomExport(seed: UInt64(seed) &+ 100_000)
            let binding = try InputBinding.parse("\(export.field)=e.json")
            let read = try SnapshotDecoder.read(Array(export.text.utf8), source: "e.json")
            inputs.insert(MergeInput(read: read, binding: binding), at: Int.random(in: 0...inputs.count, using: &random))
        }
        let options = MergeOptions(tolerance: [0, 90, 300, 1_200, 7_200][Int.random(in: 0...4, using: &random)])
        let reference = Result { () throws(InputError) in try InputMerger.merge(inputs, options: options) }
        let merged = Result { () throws(InputError) in try ColumnMerger.merge(inputs, options: options) }
        switch (reference, merged) {
        case (.success(let reference), .success(let merged)):
            #expect(merged.series.isColumnar)
            #expect(merged.warnings == reference.warnings)
            #expect(merged.series.source == reference.series.source)
            #expect(merged.series.count == reference.series.count)
            for index in 0..<min(merged.series.count, reference.series.count) {
                #expect(merged.series.snapshot(at: index) == reference.series.snapshot(at: index), "seed \(seed), row \(index)")
            }
            #expect(merged.series.columns.differences(from: SeriesColumns(reference.series)).isEmpty)
        case (.failure(let reference), .failure(let merged)):
            #expect(merged == reference)
        default:
            Issue.record("seed \(seed): \(reference) against \(merged)")
        }
    }

    /// The heavy case stays columns: two large snapshot files and a bound export make no snapshot per row, and the
    /// merged series' latest row points at each value's own file, line and column.
    @Test func largeFilesAndABindingMergeAsColumns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-merge-large-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = 20_000
        let start = 1_790_000_000
        var business = "timestamp,users\n"
        var service = "timestamp,p95_ms,error_rate\n"
        for row in 0..<rows {
            business += "\(Timestamp.format(Double(start + row * 60))),\(1_000 + row)\n"
            service += "\(Timestamp.format(Double(start + row * 60 + 20))),\(100 + row % 50),0.001\n"
        }
        let first = folder.appendingPathComponent("business.csv")
        let second = folder.appendingPathComponent("service.csv")
        try business.write(to: first, atomically: true, encoding: .utf8)
        try service.write(to: second, atomically: true, encoding: .utf8)
        let last = start + (rows - 1) * 60
        let export = folder.appendingPathComponent("cpu.json")
        try #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[\#(last + 10),"42"]}]}}"#
            .write(to: export, atomically: true, encoding: .utf8)
        let parsed = try ArgumentParser.parse(
            ArgumentParser.split([first.path, second.path, "db_cpu:%=\(export.path)"]), options: CommandTable.inputOptions, command: "stage"
        )
        let context = RunContext(environment: [:], stdoutIsTerminal: false, writeOut: { _ in }, writeError: { _ in })
        let series = try Scalectl.load(InputOptions(parsed, command: "stage"), context: context)
        #expect(series.isColumnar)
        #expect(series.count == rows)
        let latest = series.latest
        #expect(latest.timestamp == Double(last))
        #expect(latest[.users] == Double(1_000 + rows - 1))
        #expect(latest[.responseP95Ms] == Double(100 + (rows - 1) % 50))
        #expect(latest[.dbCPU] == 0.42)
        #expect(latest.places[.users] == SourcePlace(file: first.path, line: rows + 1, columnName: "users"))
        #expect(latest.places[.responseP95Ms] == SourcePlace(file: second.path, line: rows + 1, columnName: "p95_ms"))
        #expect(latest.places[.dbCPU]?.file == export.path)
        #expect(latest.origin == SourcePlace(file: first.path, line: rows + 1))
    }
}
