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

    /// Runs in-process; `rows` gives the run its files, which makes it read them with the row reader. With
    /// `standardInput`, `-` reads those bytes (as columns unless `rows`); `limits` are the columnar readers'.
    static func run(_ arguments: [String], rows: Bool, standardInput: [UInt8]? = nil, limits: InputLimits = .standard)
        -> TestSupport.Outcome
    {
        final class Buffer: @unchecked Sendable { var out = ""; var err = "" }
        let buffer = Buffer()
        var context = RunContext(
            environment: [:], stdoutIsTerminal: false, writeOut: { buffer.out += $0 }, writeError: { buffer.err += $0 },
            readInput: rows || standardInput != nil
                ? { (path: String) throws(InputError) -> [UInt8] in
                    if path == "-", let standardInput { return standardInput }
                    return try InputFile.bytes(at: path)
                } : nil)
        if standardInput != nil { context.readsColumns = !rows }
        context.inputLimits = limits
        let code = Scalectl.run(arguments, context: context)
        return TestSupport.Outcome(status: code.rawValue, stdout: buffer.out, stderr: buffer.err)
    }

    /// The differences between the two readings of every invocation on `file` (diffed against `other`); with
    /// `standardInput`, `file` is `-` and reads those bytes (diff's `FILE FILE` is left out: standard input is read once).
    static func differences(file: String, other: String, standardInput: [UInt8]? = nil) -> [String] {
        var found: [String] = []
        for invocation in invocations {
            if standardInput != nil && invocation.arguments.filter({ $0 == "FILE" }).count > 1 { continue }
            let arguments = invocation.arguments.map { $0 == "FILE" ? file : ($0 == "OTHER" ? other : $0) }
            let columns = run(arguments, rows: false, standardInput: standardInput)
            let rows = run(arguments, rows: true, standardInput: standardInput)
            if columns.status != rows.status { found.append("\(arguments): exit \(columns.status) against \(rows.status)") }
            if columns.stdout != rows.stdout {
                found.append("\(arguments): stdout differs\n\(firstDifference(columns.stdout, rows.stdout))")
            }
            if columns.stderr != rows.stderr {
                found.append("\(arguments): stderr differs\n\(firstDifference(columns.stderr, rows.stderr))")
            }
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
            // Now and then a value probably in the wrong unit (a count with a fraction, p95 in seconds, a rate of 1).
            ("users", { Int.random(in: 0...24, using: &$0) == 0 ? "1234.5" : "\(Int.random(in: 50...2_000_000, using: &$0))" }),
            ("daily_active_users", { "\(Int.random(in: 1...50_000, using: &$0))" }),
            ("paying_customers", { "\(Int.random(in: 0...5_000, using: &$0))" }),
            ("mrr", { "\(Int.random(in: 0...90_000, using: &$0))" }),
            ("requests_per_month", { "\(Int.random(in: 1_000...90_000_000, using: &$0))" }),
            (
                "p95_ms",
                { Int.random(in: 0...12, using: &$0) == 0 ? "0.62" : String(format: "%.1f", Double.random(in: 50...1_500, using: &$0)) }
            ),
            ("error_rate", { String(format: "%.4f", Double.random(in: 0...0.05, using: &$0)) }),
            ("db_cpu", { String(format: "%.2f", Double.random(in: 0...1, using: &$0)) }),
            (
                "cache_hit_rate",
                { Int.random(in: 0...9, using: &$0) == 0 ? "1" : String(format: "%.2f", Double.random(in: 0.5...1, using: &$0)) }
            ),
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
    /// The files are named after the calling test too: tests run in parallel, and two of them writing (and removing)
    /// `random-3.json` at once would read each other's files.
    static func randomPair(seed: Int, ext: String, test: String = #function, make: (UInt64) -> String) throws -> (URL, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-columnar-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "\(test.prefix { $0.isLetter || $0.isNumber })-\(seed)"
        let file = folder.appendingPathComponent("\(name).\(ext)")
        let other = folder.appendingPathComponent("\(name)-other.\(ext)")
        try make(UInt64(seed)).write(to: file, atomically: true, encoding: .utf8)
        try make(UInt64(seed) &+ 1_000).write(to: other, atomically: true, encoding: .utf8)
        return (file, other)
    }

    /// Whether a run that reads the file system (or standard input's bytes as columns) keeps the series as columns.
    static func isColumnar(_ file: String, standardInput: [UInt8]? = nil) throws -> Bool {
        let arguments = try ArgumentParser.parse(ArgumentParser.split([file]), options: CommandTable.inputOptions, command: "stage")
        let bytes = standardInput ?? []
        var context = RunContext(
            environment: [:], stdoutIsTerminal: false, writeOut: { _ in }, writeError: { _ in },
            readInput: standardInput == nil ? nil : { (_: String) throws(InputError) -> [UInt8] in bytes })
        context.readsColumns = true
        return try Scalectl.load(InputOptions(arguments, command: "stage"), context: context).isColumnar
    }

    @Test(arguments: 0..<40)
    func randomTableReadsTheSameAsColumns(_ seed: Int) throws {
        let (file, other) = try Self.randomPair(seed: seed, ext: "csv", make: Self.randomTable(seed:))
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: other)
        }
        // The columnar path is taken (else this compares the row reader with itself).
        #expect(try Self.isColumnar(file.path))
        let found = Self.differences(file: file.path, other: other.path)
        let table = try String(contentsOf: file, encoding: .utf8)
        #expect(found.isEmpty, "seed \(seed):\n\(table)\n\(found.prefix(3).joined(separator: "\n"))")
    }

    /// The random table as a JSON array of flat snapshot objects, laid out one of four ways (one object a line, pretty
    /// printed, minified on one line, objects spanning lines with a byte order mark): numbers as numbers, times and
    /// some values as strings, empty cells as `null` or left out, the checklist as a string or an array, an unknown key,
    /// keys with an escape (`"\u0075sers"`), and now and then the array under one key (`{"metrics": [...]}`).
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
                    value =
                        Bool.random(using: &random)
                        ? "\"\(cell)\"" : "[" + cell.split(separator: ";").map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                } else if name == "timestamp" || Int.random(in: 0...5, using: &random) == 0 {
                    value = "\"\(cell)\""
                } else {
                    value = cell
                }
                // A key's first letter escaped, now and then, as some encoders write it.
                let key =
                    Int.random(in: 0...7, using: &random) == 0
                    ? String(format: "\\u%04x", Int(name.unicodeScalars.first!.value)) + name.dropFirst() : name
                members.append("\"\(key)\": \(value)")
            }
            if Int.random(in: 0...6, using: &random) == 0 { members.append("\"note\": {\"by\": [\"é\", 1]}") }
            switch layout {
            case 0, 2: objects.append("{" + members.joined(separator: ", ") + "}")
            case 1: objects.append("{\n    " + members.joined(separator: ",\n    ") + "\n  }")
            default: objects.append("{ " + members.joined(separator: ",\n  ") + " }")
            }
        }
        let wrapper = ["metrics", "data", "rows", "t\\u0069me"][Int.random(in: 0...3, using: &random)]
        let wrapped = Int.random(in: 0...3, using: &random) == 0
        let array: String
        switch layout {
        case 0: array = "[\n" + objects.joined(separator: ",\n") + "\n]"
        case 1: array = "[\n  " + objects.joined(separator: ",\n  ") + "\n]"
        case 2: array = "[" + objects.joined(separator: ",") + "]"
        default: array = "[ " + objects.joined(separator: ",\n ") + "]"
        }
        let text = wrapped ? "{\"\(wrapper)\": " + array + "}" : array
        return (layout == 3 ? "\u{FEFF}" : "") + text + (layout == 2 ? "" : "\n")
    }

    @Test(arguments: 0..<40)
    func randomJSONReadsTheSameAsColumns(_ seed: Int) throws {
        let (file, other) = try Self.randomPair(seed: seed, ext: "json", make: Self.randomJSON(seed:))
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: other)
        }
        // The columnar path is taken (else this compares the row reader with itself): implausible values, escaped
        // keys and a wrapper key included.
        let bytes = Array(try Data(contentsOf: file))
        #expect(try ColumnarJSONReader.read(bytes: bytes, source: file.path) != nil)
        #expect(try Self.isColumnar(file.path))
        let found = Self.differences(file: file.path, other: other.path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(found.isEmpty, "seed \(seed):\n\(text)\n\(found.prefix(3).joined(separator: "\n"))")
    }

    /// Standard input (`scalectl check - < big.json`, `cat big.csv | scalectl stage -`) is read as columns too, with
    /// the same output as the row reader's, places on `<stdin>` included.
    @Test(arguments: 0..<16)
    func randomInputOnStandardInputReadsTheSameAsColumns(_ seed: Int) throws {
        for (ext, make) in [("csv", Self.randomTable(seed:)), ("json", Self.randomJSON(seed:))] {
            let (file, other) = try Self.randomPair(seed: seed, ext: ext, make: make)
            defer {
                try? FileManager.default.removeItem(at: file)
                try? FileManager.default.removeItem(at: other)
            }
            let bytes = Array(try Data(contentsOf: file))
            #expect(try Self.isColumnar("-", standardInput: bytes), "\(ext)")
            let found = Self.differences(file: "-", other: other.path, standardInput: bytes)
            #expect(
                found.isEmpty,
                "seed \(seed), \(ext):\n\(String(decoding: bytes, as: UTF8.self))\n\(found.prefix(3).joined(separator: "\n"))")
        }
    }

    /// A random JSON input broken one of several ways: a syntax error (a byte dropped or added, the text cut short),
    /// a value its field rejects, a field named twice, an element that is not an object, or two of these.
    static func brokenJSON(seed: UInt64) -> String {
        var random = SeededRandom(state: seed &+ 991)
        var bytes = Array(randomJSON(seed: seed).utf8)
        func mutate() {
            let structural = bytes.indices.filter {
                [UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "}"), UInt8(ascii: "\"")].contains(bytes[$0])
            }
            func element(_ insert: String) {
                // Into a random object, after its `{`.
                let opens = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") }
                if let at = opens.randomElement(using: &random) { bytes.insert(contentsOf: Array(insert.utf8), at: at + 1) }
            }
            switch Int.random(in: 0...6, using: &random) {
            case 0: if let at = structural.randomElement(using: &random) { bytes.remove(at: at) }
            case 1: bytes.insert(UInt8(ascii: "x"), at: Int.random(in: 0...bytes.count, using: &random))
            case 2: bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &random)...)
            case 3: element(#""users": "lots", "#)
            case 4: element(#""mrr": 1, "mrr_usd": 2, "#)
            case 5: element(#""error_rate": true, "#)
            default:
                if let at = bytes.firstIndex(of: UInt8(ascii: "[")) { bytes.insert(contentsOf: Array("5, ".utf8), at: at + 1) }
            }
        }
        mutate()
        if Bool.random(using: &random) { mutate() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// For a JSON input the columnar reader hands back, the error worded from the stream (what an input too large for
    /// the row reader gets) is the row reader's, exactly: the same case, place and words; or none, when the stream
    /// cannot tell (a wrapper key whose array does not start with a snapshot: the row reader then reads the object
    /// whole), and the input stays "too large".
    @Test func refusalsAreTheRowReadersErrors() throws {
        var refused = 0
        var unworded: [Int] = []
        for seed in 0..<400 {
            let bytes = Array(Self.brokenJSON(seed: UInt64(seed)).utf8)
            let reference: InputError?
            do {
                _ = try SnapshotDecoder.read(bytes, source: "t.json")
                reference = nil
            } catch {
                reference = error
            }
            for blockBytes in [3, 64, ColumnarJSONReader.standardBlockBytes] {
                guard try ColumnarJSONReader.read(bytes: bytes, source: "t.json", blockBytes: blockBytes) == nil else {
                    #expect(reference == nil, "seed \(seed): read as columns, refused by the row reader")
                    continue
                }
                let refusal = ColumnarJSONReader.refusal(bytes: bytes, source: "t.json", blockBytes: blockBytes)
                #expect(
                    refusal == reference || refusal == nil,
                    "seed \(seed), \(blockBytes)-byte blocks:\n\(String(decoding: bytes, as: UTF8.self))")
                if refusal != nil { refused += 1 } else if reference != nil { unworded.append(seed) }
            }
        }
        #expect(refused > 600, "only \(refused) refusals: the broken inputs are not broken enough")
        #expect(unworded.count * 50 < refused, "errors not worded from the stream: seeds \(unworded)")
    }

    /// A syntax error past the first window a refusal reads around it (a long element; multi-byte characters and
    /// spaces where a window ends) is still the row reader's error, at its place.
    @Test(arguments: [
        ("a missing colon after a long string", #"[{"users": 1},\#n {"note": ""# + String(repeating: "é", count: 50_000) + #"", "users" 2}]"#),
        ("a control character deep in a string", #"[{"users": 1}, {"note": ""# + String(repeating: "😀 é", count: 30_000) + "\u{1}\"}]"),
        ("an unterminated string as an element", #"[{"users": 1},"# + "\n \"" + String(repeating: "ab é", count: 5_000)),
        ("a bad value after a long unknown key", #"[{"users": 1}, {"n": ["# + String(repeating: "1, ", count: 40_000) + #"1], "users": "x"}]"#),
    ])
    func refusalsReadOnPastTheirFirstWindow(name: String, text: String) throws {
        let bytes = Array(text.utf8)
        #expect(try ColumnarJSONReader.read(bytes: bytes, source: "t.json") == nil)
        let reference: InputError?
        do {
            _ = try SnapshotDecoder.read(bytes, source: "t.json")
            reference = nil
        } catch {
            reference = error
        }
        #expect(reference != nil)
        #expect(ColumnarJSONReader.refusal(bytes: bytes, source: "t.json") == reference, "\(name)")
    }

    /// Limits made small, so inputs "too large for the row reader" take a moment to write.
    static let smallLimits = InputLimits(maximumCSVBytes: 1 << 31, maximumJSONBytes: 256, maximumLineBytes: 1 << 24)

    /// A JSON input larger than the row reader's limit, with an implausible value, is read as columns like any other,
    /// from a file or standard input; one with an error gets the row reader's error (a syntax error's line and column),
    /// not "larger than 64 MiB": the same output as the row reader gives when the input is within its limit.
    @Test(arguments: 0..<24)
    func jsonAboveTheRowReadersLimitReadsOrIsRefusedAsTheRowReaderWould(_ seed: Int) throws {
        let (file, other) = try Self.randomPair(seed: seed, ext: "json") { seed in
            seed % 2 == 0 ? Self.randomJSON(seed: seed) : Self.brokenJSON(seed: seed)
        }
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: other)
        }
        let bytes = Array(try Data(contentsOf: file))
        guard bytes.count > Self.smallLimits.maximumJSONBytes else { return }
        for arguments in [["stage", file.path, "--no-policy"], ["check", file.path, "--format", "json", "--no-policy"]] {
            let rows = Self.run(arguments, rows: true)
            let columns = Self.run(arguments, rows: false, limits: Self.smallLimits)
            let piped = Self.run(arguments.map { $0 == file.path ? "-" : $0 }, rows: false, standardInput: bytes, limits: Self.smallLimits)
            let pipedRows = Self.run(arguments.map { $0 == file.path ? "-" : $0 }, rows: true, standardInput: bytes)
            #expect(!columns.stderr.contains("larger than"), "\(columns.stderr)")
            #expect(!piped.stderr.contains("larger than"), "\(piped.stderr)")
            #expect(
                columns.status == rows.status && columns.stdout == rows.stdout && columns.stderr == rows.stderr,
                "seed \(seed) \(arguments):\n\(Self.firstDifference(columns.stderr, rows.stderr))")
            #expect(
                piped.status == pipedRows.status && piped.stdout == pipedRows.stdout && piped.stderr == pipedRows.stderr,
                "seed \(seed) \(arguments) on standard input:\n\(Self.firstDifference(piped.stderr, pipedRows.stderr))")
        }
    }

    /// The case the issue names: a JSON export above the row reader's limit with one implausible value is read, with
    /// the warning; with a syntax error instead, the error names its line and column.
    @Test func aLargeJSONWithAnImplausibleValueIsReadAndOneWithASyntaxErrorIsPlaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-large-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var objects = (0..<40).map { row in
            "  {\"timestamp\": \"2026-01-\(String(format: "%02d", row % 28 + 1))T0\(row / 28):00:00Z\", \"users\": \(1000 + row), \"cache_hit_rate\": 0.9}"
        }
        objects[17] = objects[17].replacingOccurrences(of: "0.9}", with: "1.00}")
        let plausible = "[\n" + objects.joined(separator: ",\n") + "\n]\n"
        /// The line and column of `text`'s first `needle` (columns in characters: the text is ASCII).
        func place(of needle: String, in text: String) -> String {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.firstIndex { $0.contains(needle) }!
            return
                "line \(line + 1), column \(lines[line].distance(from: lines[line].startIndex, to: lines[line].range(of: needle)!.lowerBound) + 1)"
        }
        let implausibleFile = folder.appendingPathComponent("implausible.json")
        try plausible.write(to: implausibleFile, atomically: true, encoding: .utf8)
        let read = Self.run(["stage", implausibleFile.path, "--no-policy"], rows: false, limits: Self.smallLimits)
        #expect(read.status == 0)
        #expect(plausible.utf8.count > Self.smallLimits.maximumJSONBytes)
        #expect(
            read.stderr
                == "scalectl: warning: \(implausibleFile.path): \(place(of: "1.00", in: plausible)): field \"cache_hit_rate\": 1.00 is read as "
                + "100%: if 1% was meant, write 1%; if 100% was meant, write 100%\n")
        let broken = plausible.replacingOccurrences(of: "\"users\": 1030", with: "\"users\" 1030")
        let brokenFile = folder.appendingPathComponent("broken.json")
        try broken.write(to: brokenFile, atomically: true, encoding: .utf8)
        let refused = Self.run(["stage", brokenFile.path, "--no-policy"], rows: false, limits: Self.smallLimits)
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix("scalectl: error: \(brokenFile.path): invalid JSON at \(place(of: "1030", in: broken)): expected ':'"))
        let rows = Self.run(["stage", brokenFile.path, "--no-policy"], rows: true)
        #expect(refused.stderr == rows.stderr && rows.status == 2)
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
