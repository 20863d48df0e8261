import Testing

@testable import ScalingCore

/// The columnar JSON reader must give exactly what the row reader gives (values, times, checklists, lines, warnings),
/// for every block size; what it does not handle it must hand back (nil).
@Suite struct ColumnarJSONReaderTests {
    /// Block sizes that put a block boundary inside every token: one byte, a few, a line's worth, the default.
    static let blockSizes = [1, 2, 3, 7, 64, ColumnarJSONReader.standardBlockBytes]

    /// Both readers on `bytes`: nil from the columnar reader when it hands the input back, nil from the row reader
    /// when it rejects it.
    static func bothReaders(_ bytes: [UInt8], blockBytes: Int) throws -> (columnar: (SeriesColumns, [InputWarning])?, rows: DecodedInput?) {
        let columnar = try ColumnarJSONReader.read(bytes: bytes, source: "t.json", blockBytes: blockBytes, splitAbove: .max)
        // Split in two halves parsed at once (where a line starts an element near the middle): the same result.
        let split = try ColumnarJSONReader.read(bytes: bytes, source: "t.json", blockBytes: blockBytes, splitAbove: 0)
        #expect(Self.identical(split?.0, columnar?.0) && split?.1 == columnar?.1, "split in two, \(blockBytes)-byte blocks")
        let rows = try? SnapshotDecoder.decode(bytes, source: "t.json", format: .json)
        return (columnar, rows)
    }

    /// Whether two readings are the same to the bit: `==` on columns is false wherever a value is absent (NaN).
    static func identical(_ a: SeriesColumns?, _ b: SeriesColumns?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        return a.source == b.source && a.rowCount == b.rowCount && bits(a.times) == bits(b.times)
            && a.columns.map(\.field) == b.columns.map(\.field) && a.columns.map(\.name) == b.columns.map(\.name)
            && a.columns.map { bits($0.values) } == b.columns.map { bits($0.values) } && a.checklist == b.checklist
            && a.lines == b.lines
    }

    /// The two halves of a split parse, put together, are the one-piece parse: rows, columns, lines, warnings and where
    /// each row starts; and a split inside a string is found out (the first half does not end where the second began).
    @Test(arguments: [
        ("one object a line", "[\n{\"users\": 1, \"dau\": 2},\n{\"users\": 3},\n{\"users\": 5, \"mrr\": 7, \"usres\": 1},\n{\"users\": 9}\n]\n", true),
        ("CRLF and indented", "[\r\n  {\"users\": 1},\r\n  {\"users\": 2, \"checklist_done\": [\"x.y\"]},\r\n  {\"users\": 3},\r\n  {\"db_cpu\": 0.4}\r\n]", true),
        ("a lone CR before", "[{\"users\": 1},\r{\"users\": 2}, {\"users\": 3},\n{\"mrr\": 4},\n{\"users\": 5}]", true),
        (
            "a string that looks like a split", "[{\"users\": 1, \"note\": \"a,\\n{b\"},\n{\"users\": 2, \"note\": \"x,\n{\"}]",
            false
        ),
    ])
    func theHalvesOfASplitAreTheWhole(_ name: String, _ text: String, _ splits: Bool) throws {
        let bytes = Array(text.utf8)
        guard splits else {
            // The row reader rejects a raw line break in a string; the split must not hide it.
            #expect(try ColumnarJSONReader.read(bytes: bytes, source: "t.json", splitAbove: .max) == nil, "\(name)")
            #expect(try ColumnarJSONReader.read(bytes: bytes, source: "t.json", splitAbove: 0) == nil, "\(name)")
            return
        }
        ByteInput.withBytes(bytes) { input in
            var whole = ColumnarJSONReader.Parser(source: "t.json")
            whole.recordsRows = true
            let read = whole.run(input, blockBytes: 5, limits: .standard)
            #expect(read, "\(name)")
            guard let (expected, expectedWarnings) = whole.finish() else { return }
            // Every line that starts an element after a comma is a place to split: each must give the whole.
            var splits = 0
            for (index, byte) in bytes.enumerated() where byte == 0x0A {
                let before = bytes[..<index].last { !ColumnarJSONReader.Split.isSpace($0) }
                var after = index + 1
                while after < bytes.count, bytes[after] == 0x20 { after += 1 }
                guard before == UInt8(ascii: ","), after < bytes.count, bytes[after] == UInt8(ascii: "{") else { continue }
                var first = ColumnarJSONReader.Parser(source: "t.json")
                var second = ColumnarJSONReader.Parser(source: "t.json")
                first.recordsRows = true
                second.recordsRows = true
                second.line = 1 + LineBreak.count(in: input, before: index + 1)
                let firstEnds = first.run(input, blockBytes: 5, limits: .standard, until: after)
                let secondReads = second.run(input, blockBytes: 5, limits: .standard, from: index + 1)
                #expect(firstEnds && secondReads, "\(name) at \(after)")
                first.append(second)
                let joined = first.finish()
                #expect(Self.identical(joined?.0, expected) && joined?.1 == expectedWarnings, "\(name) split at \(after)")
                #expect(first.rowStarts == whole.rowStarts && first.rowColumns == whole.rowColumns, "\(name) split at \(after)")
                splits += 1
            }
            #expect(splits >= 2, "\(name): \(splits) places to split")
        }
    }

    /// Same as ``ColumnarReaderTests/expectSame(_:_:_:)``, and the columns in the row path's order and names.
    static func expectSame(_ columnar: SeriesColumns, _ rows: SnapshotSeries, _ context: String) {
        ColumnarReaderTests.expectSame(columnar, rows, context)
        let expected = SeriesColumns(rows)
        #expect(columnar.columns.map(\.field) == expected.columns.map(\.field), "\(context): column order")
        #expect(columnar.columns.map(\.name) == expected.columns.map(\.name), "\(context): column names")
        #expect(columnar.times.isEmpty == expected.times.isEmpty, "\(context): times present")
        #expect(columnar.source == expected.source, "\(context): source")
    }

    /// Reads `bytes` both ways in every block size; the columnar reader must not hand it back.
    static func expectHandledTheSame(_ bytes: [UInt8], _ name: String) throws {
        for blockBytes in blockSizes {
            let (columnar, rows) = try bothReaders(bytes, blockBytes: blockBytes)
            let decoded = try #require(rows, "\(name): the row reader rejects it")
            let (series, warnings) = try #require(columnar, "\(name) was handed back with \(blockBytes)-byte blocks")
            expectSame(series, decoded.series, "\(name) in \(blockBytes)-byte blocks")
            #expect(warnings == decoded.warnings, "\(name) in \(blockBytes)-byte blocks")
        }
    }

    /// Every snapshot and series fixture (not the monitoring exports, which only the row path reads).
    @Test(arguments: [
        "stages/early-traction.json", "stages/enterprise.json", "stages/growth.json", "stages/mvp.json", "stages/scale.json",
        "trends/over-engineered.json", "adapters/business-with-monitoring.json", "breaches.json",
        "malformed/no-stage-signal.json",
    ])
    func fixturesReadTheSameBothWays(path: String) throws {
        try Self.expectHandledTheSame(try InputFile.bytes(at: TestSupport.fixture(path)), path)
    }

    /// The malformed fixtures are handed back (the row reader words their errors), or read the same.
    @Test(arguments: [
        "malformed/array-of-numbers.json", "malformed/bad-unit.json", "malformed/duplicate-field.json", "malformed/empty.json",
        "malformed/huge-number.json", "malformed/rate-above-one.json", "malformed/timestamp-millis.json",
        "malformed/trailing-comma.json", "malformed/unknown-field.json",
    ])
    func malformedFixturesAreHandedBack(path: String) throws {
        let bytes = try InputFile.bytes(at: TestSupport.fixture(path))
        for blockBytes in Self.blockSizes {
            #expect(try ColumnarJSONReader.read(bytes: bytes, source: "t.json", blockBytes: blockBytes) == nil, "\(path)")
        }
    }

    /// The monitoring exports are handed back, so their adapters read them.
    @Test(arguments: [
        "adapters/prometheus/vector.json", "adapters/prometheus/error-bad-query.json", "adapters/cloudwatch/get-metric-data.json",
        "adapters/datadog/query.json", "adapters/datadog/error.json", "adapters/k6/summary-export.json",
        "adapters/k6/machine-readable.json", "adapters/cloudwatch/error-status.json",
    ])
    func exportsAreHandedBack(path: String) throws {
        let bytes = try InputFile.bytes(at: TestSupport.fixture(path))
        #expect(try ColumnarJSONReader.read(bytes: bytes, source: "t.json", blockBytes: 7) == nil, "\(path)")
    }

    /// Whitespace and line ends of every kind, numbers of every form, units, nulls, unknown keys, aliases, checklists.
    @Test(arguments: [
        ("compact", #"[{"timestamp":"2026-01-01","users":100,"error_rate":0.01},{"timestamp":"2026-01-02","users":120}]"#),
        ("whitespace everywhere", " \n\t[ \r\n { \"users\" \t : \n 100 , \"mrr\":5 } \n , \n{\"users\":2}\r\n]\n\n \t"),
        ("CRLF", "[\r\n  {\"timestamp\": \"2026-01-01\", \"users\": 1},\r\n  {\"timestamp\": \"2026-01-02\", \"users\": 2}\r\n]\r\n"),
        ("CR", "[\r{\"users\": 1},\r\r{\"users\": 2}\r]"),
        ("BOM", "\u{FEFF}[{\"users\": 1, \"usres\": 2}]"),
        ("one object per line", "[\n{\"users\": 1},\n{\"users\": 2},\n{\"users\": 3}\n]\n"),
        ("objects over lines", "[\n  {\n    \"users\": 1,\n    \"mrr\": 2\n  },\n  {\n    \"users\": 3\n  }\n]"),
        ("exponents", #"[{"users":1e3,"mrr":2.5E+2,"db_cpu":5e-1,"requests_per_month":1.2e6,"response_p95_ms":12345678901234567e-14}]"#),
        ("negative zero", #"[{"users":-0,"mrr":-0.0,"timestamp":-0}]"#),
        ("zeros and fractions", #"[{"users":0,"mrr":0.1,"db_cpu":0.30000000000000004,"error_rate":0.99,"db_storage_gb":0.000001}]"#),
        ("long numbers", #"[{"users":999999999999999,"db_cpu":0.12345678901234567890123,"mrr":123456789012.3456789}]"#),
        ("units", #"[{"mrr":"$1,150","error_rate":"4.2%","requests_per_month":"2.1M","response_p95_ms":"0.62s","db_storage_gb":"512MB"}]"#),
        ("strings holding numbers", #"[{"users":"100","mrr":"12.5","timestamp":"1767225600","db_cpu":" 0.5 "}]"#),
        ("empty strings", #"[{"users":"","mrr":"  ","timestamp":""},{"users":1}]"#),
        ("nulls", #"[{"users":null,"timestamp":null,"checklist_done":null},{"users":2,"mrr":null}]"#),
        ("unknown keys", #"[{"users":1,"usres":2,"note":"hi","flag":true,"off":false,"nothing":null,"n":-1.5e3}]"#),
        (
            "many unknown keys",
            "["
                + (0..<3).map { row in "{" + (0..<14).map { "\"k\($0)_\(row)\": \($0)" }.joined(separator: ",") + "}" }.joined(
                    separator: ",") + "]"
        ),
        (
            "aliases",
            #"[{"date":"2026-01-01","dau":5,"latency_p95":100,"mrr_usd":"$3"},{"date":"2026-01-02","dau":6,"latency_p95":"110ms"}]"#
        ),
        ("camel case", #"[{"dailyActiveUsers":5,"payingCustomers":2}]"#),
        (
            "checklist arrays",
            #"[{"checklist_done":["database.indexes"," caching.cdn ","made.up"]},{"checklist_done":[]},{"checklist_done":"a.b; database.indexes ;;"}]"#
        ),
        ("checklist over lines", "[{\"users\": 1,\n \"checklist_done\": [\n  \"made.up\",\n  \"other.one\"\n ]}]"),
        ("a single object", "{\"timestamp\": \"2026-01-01T10:00:00Z\", \"users\": 5, \"mrr\": \"$4.2k\"}\n"),
        ("an empty object", #"[{},{"users":1}]"#),
        (
            "nested values under unknown keys",
            "[{\"users\":1,\"meta\":{\"a\": [1, {\"b\": null}, \"é\"], \"c\": {}},\n \"tags\":[\"x\", true, -1.5e3, []], \"usres\": 2}]"
        ),
        (
            "deep nesting under an unknown key",
            "[{\"deep\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + ",\"users\":1}]"
        ),
        ("an empty object alone", "{}"),
        (
            "times of every kind",
            #"[{"timestamp":"2026-01-01T12:00","users":1},{"timestamp":"2026-01-01 12:00:00.5Z"},{"timestamp":"2026-01-01T12:00:00+02:00"},{"timestamp":1767225600.5}]"#
        ),
        ("untimed rows", #"[{"timestamp":"2026-01-01","users":1},{"users":2},{"timestamp":"2026-01-01","users":3}]"#),
        (
            "escapes in values",
            #"[{"mrr":"\u0024100","note":"a \"quoted\" \\ line\nbreak \ud83d\ude00","checklist_done":["made\u002eup"]}]"#
        ),
        ("non-ASCII", "[{\"note\": \"héllo wörld 😀\", \"ünknown\": 1, \"users\": 2}, {\"ünknown\": 3, \"checklist_done\": [\"é.x\"]}]"),
        ("a minified series on one line with unicode", "[{\"n\":\"ééé\",\"usres\":1},{\"n\":\"😀\",\"checklist_done\":\"x.y\"}]"),
    ])
    func casesReadTheSameBothWays(name: String, text: String) throws {
        try Self.expectHandledTheSame(Array(text.utf8), name)
    }

    /// Values probably in the wrong unit (read, with the row reader's warning once per field, at its first place),
    /// keys with escapes (decoded), and a series under one key (unwrapped, with the row reader's note).
    static let implausibleValuesEscapedKeysAndWrappers: [(String, String)] = [
        ("p95 in seconds", #"[{"users":1,"latency_p95":0.62},{"users":2,"latency_p95":0.7}]"#),
        ("p95 in seconds as text", #"[{"users":1,"response_p95_ms":" 0.62 "}]"#),
        ("a whole rate written 1.00", #"[{"users":1,"error_rate":1.00},{"error_rate":1e0}]"#),
        ("a whole rate as text", #"[{"users":1,"cache_hit_rate":"1"}]"#),
        ("a count with a fraction", #"[{"users":1234.5}]"#),
        ("a fractional count in an exponent", #"[{"users":12.345e2,"mrr":1}]"#),
        (
            "implausible values among other warnings",
            "[{\"usres\": 1, \"cache_hit_rate\": 1, \"checklist_done\": [\"made.up\"], \"dau\": 2.5},\n"
                + " {\"cache_hit_rate\": 1.0, \"latency_p95\": 3, \"other\": 1, \"checklist_done\": \"made.up;more.made.up\"}]"
        ),
        // Keys with escapes, decoded.
        ("an escaped key", #"[{"us\u0065rs":1},{"users":2}]"#),
        ("escaped keys", "[{\"users\\u0020\": 1, \"resp\\u006fnse_p95_ms\": 120, \"n\\u00e9\": \"é\"},\n{\"\\u0075sers\": 2}]"),
        ("an escaped alias and an escaped unknown key", #"[{"d\u0061u":1,"us\u0072es":2,"\ud83d\ude00":3}]"#),
        // A series under one key, as the row reader unwraps it.
        ("a series under \"metrics\"", #"{"metrics": [{"users": 1}, {"users": 2, "note": {"a": [1]}}]}"#),
        (
            "a series under \"data\" over lines",
            "{\n  \"data\": [\n    {\"timestamp\": \"2026-01-01\", \"users\": 1},\n    {\"users\": 2}\n  ]\n}\n"
        ),
        ("a series under a time-like key", "\u{FEFF} { \"time\" : [ {\"users\": 1, \"cache_hit_rate\": 1} ] } "),
        ("a series under an escaped key", #"{"d\u0061ta": [{"users": 1}]}"#),
        ("a series under \"series\" without a pointlist", #"{"series": [{"users": 1}]}"#),
    ]

    @Test(arguments: implausibleValuesEscapedKeysAndWrappers)
    func implausibleValuesEscapedKeysAndWrappersReadTheSameBothWays(name: String, text: String) throws {
        try Self.expectHandledTheSame(Array(text.utf8), name)
    }

    /// What the columnar reader hands back, so the row reader words the error or reads what only it reads.
    @Test(arguments: [
        ("empty input", ""),
        ("whitespace only", " \n "),
        ("empty array", "[]"),
        ("empty array with space", "[ \n ]"),
        ("a number", "42"),
        ("an array of numbers", "[1, 2]"),
        ("an array of arrays", "[[1]]"),
        ("a nested object under a field", #"[{"users":{"a":1}}]"#),
        ("a nested array under a field", #"[{"users":[1]}]"#),
        ("a syntax error in a nested value", #"[{"users":1,"meta":{"a":1,}}]"#),
        ("a missing colon in a nested object", #"[{"users":1,"meta":{"a" 1}}]"#),
        (
            "nesting past the row reader's limit",
            "[{\"users\":1,\"deep\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}]"
        ),
        ("a duplicate field", #"[{"users":1,"users":2}]"#),
        ("a duplicate through an alias", #"[{"users":1,"dau":2,"daily_active_users":3}]"#),
        ("a boolean field", #"[{"users":true}]"#),
        ("a bad unit", #"[{"mrr":"5 parsecs"}]"#),
        ("a rate above one", #"[{"error_rate":1.5}]"#),
        ("a negative count", #"[{"users":-1}]"#),
        ("a huge number", #"[{"users":1e400}]"#),
        ("milliseconds as a time", #"[{"timestamp":1767225600000}]"#),
        ("a checklist number", #"[{"checklist_done":5}]"#),
        ("a checklist array of numbers", #"[{"checklist_done":[1]}]"#),
        ("a trailing comma in the array", #"[{"users":1},]"#),
        ("a trailing comma in an object", #"[{"users":1,}]"#),
        ("a missing comma", #"[{"users":1}{"users":2}]"#),
        ("an unterminated array", #"[{"users":1}"#),
        ("an unterminated object", #"[{"users":1"#),
        ("an unterminated string", #"[{"users":"1"#),
        ("text after the array", #"[{"users":1}] x"#),
        ("two arrays", #"[{"users":1}][{"users":2}]"#),
        ("a leading zero", #"[{"users":01}]"#),
        ("a bare dot", #"[{"users":1.}]"#),
        ("a plus sign", #"[{"users":+1}]"#),
        ("single quotes", "[{'users':1}]"),
        ("a control character in a string", "[{\"note\":\"a\tb\"}]"),
        ("a bad escape", #"[{"note":"\x"}]"#),
        ("a lone surrogate", #"[{"note":"\udc00"}]"#),
        ("a misspelled literal", #"[{"note":nul}]"#),
        ("a single object with an unknown key", #"{"status":"error","errorType":"bad_data","error":"x"}"#),
        ("a wrapper whose array holds no snapshot first", #"{"data": [{"timestamp": 1}, {"users": 1}]}"#),
        ("a wrapper beside another key", #"{"data": [{"users": 1}], "page": 2}"#),
        ("a wrapper of an empty array", #"{"data": []}"#),
        ("a wrapper of one snapshot object", #"{"metrics": {"users": 1}}"#),
        ("a series nested two levels", #"{"data": [{"items": [{"users": 1}]}]}"#),
        ("CloudWatch's key as a wrapper", #"{"Datapoints": [{"users": 1}]}"#),
        ("Datadog's series with a pointlist", #"{"series": [{"users": 1, "pointlist": [[1, 2]]}]}"#),
        ("Datadog's errors as a wrapper", #"{"errors": [{"users": 1}]}"#),
        ("an escaped key with a bad escape", #"[{"us\x65rs":1}]"#),
        ("an escaped key naming a field twice", #"[{"users":1,"us\u0065rs":2}]"#),
    ])
    func handsBackWhatOnlyTheRowReaderHandles(name: String, text: String) throws {
        for blockBytes in Self.blockSizes {
            let columnar = try ColumnarJSONReader.read(bytes: Array(text.utf8), source: "t.json", blockBytes: blockBytes)
            #expect(columnar == nil, "\(name) with \(blockBytes)-byte blocks")
        }
    }

    /// Invalid UTF-8 in a string is the row reader's to word.
    @Test func handsBackInvalidUTF8() throws {
        for bad: [UInt8] in [[0xFF], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80]] {
            let bytes = Array(#"[{"note":""#.utf8) + bad + Array(#""}]"#.utf8)
            for blockBytes in Self.blockSizes {
                #expect(try ColumnarJSONReader.read(bytes: bytes, source: "t.json", blockBytes: blockBytes) == nil)
            }
        }
    }

    /// Random arrays of objects, with random spacing, number forms, units and keys: equal both ways in tiny blocks.
    @Test func randomSeriesReadTheSameBothWays() throws {
        let seed: UInt64 = 0x5EED_15_0A
        var random = SeededRandom(state: seed)
        let keys = [
            // "dau" is the one alias: with "daily_active_users" too most objects would name a field twice.
            "timestamp", "users", "mrr", "error_rate", "response_p95_ms", "checklist_done", "note", "dau", "usres", "db_cpu",
        ]
        var handled = 0
        var readings = 0
        var accepted = 0
        for series in 0..<150 {
            func space() -> String {
                ["", "", "", " ", "\n", "\r\n", "  ", "\t", "\n    "].randomElement(using: &random)!
            }
            var text = space() + "["
            for row in 0..<Int.random(in: 1...25, using: &random) {
                if row > 0 { text += space() + "," }
                let present = keys.shuffled(using: &random).prefix(Int.random(in: 0...6, using: &random))
                let members = present.map { key in
                    space() + "\"\(key)\"" + space() + ":" + space() + Self.randomValue(key, row: row, using: &random) + space()
                }
                text += space() + "{" + members.joined(separator: ",") + "}"
            }
            text += space() + "]" + space()
            let bytes = Array(text.utf8)
            for blockBytes in [1, 3, 16, 1 << 20] {
                readings += 1
                let (columnar, rows) = try Self.bothReaders(bytes, blockBytes: blockBytes)
                guard let decoded = rows else {
                    #expect(columnar == nil, "seed \(seed), series \(series): the row reader rejects it, the columnar one read it")
                    continue
                }
                accepted += 1
                guard let (columns, warnings) = columnar else { continue }
                handled += 1
                Self.expectSame(columns, decoded.series, "seed \(seed), series \(series), \(blockBytes)-byte blocks")
                #expect(warnings == decoded.warnings, "seed \(seed), series \(series), \(blockBytes)-byte blocks")
            }
        }
        // Most series are the plain kind the columnar reader is for: a reader that handed everything back would fail here.
        #expect(accepted < readings, "the row reader read every series: nothing tested the hand-back")
        #expect(handled > readings / 2, "only \(handled) of \(readings) readings were columnar (\(accepted) read by the row reader)")
    }

    static func randomValue(_ key: String, row: Int, using random: inout SeededRandom) -> String {
        if Int.random(in: 0..<25, using: &random) == 0 { return "null" }
        // Now and then something the row reader rejects (or, under an unknown key, a nested value it skips).
        if Int.random(in: 0..<150, using: &random) == 0 { return ["\"lots\"", "-3", "{}", "[1]", "1e999"].randomElement(using: &random)! }
        switch key {
        case "timestamp":
            return [
                "\"2026-01-\(row % 19 + 10)\"", "\"2026-02-01T\(row % 14 + 10):00:00Z\"", "\(1_767_225_600 + row * 60)",
                "\(1_767_225_600 + row * 60).25", "\"\(1_767_225_600 + row)\"",
            ].randomElement(using: &random)!
        case "users", "dau", "daily_active_users":
            return ["\(Int.random(in: 0...100_000, using: &random))", "\"12.4k\"", "\"1,200\"", "1e3", "-0", "\"3M\"", "2.0"]
                .randomElement(using: &random)!
        case "mrr":
            return [
                "\(Int.random(in: 0...9_000, using: &random)).\(Int.random(in: 0...99, using: &random))", "\"$1,150\"", "\"$4.2k\"",
                "4.5E2", "0.1", "123456789.123456789",
            ].randomElement(using: &random)!
        case "error_rate", "db_cpu":
            return ["0.\(Int.random(in: 0...99_999, using: &random))", "\"1.5%\"", "0", "\"100%\"", "5e-3", "\"4.2%\""]
                .randomElement(using: &random)!
        case "response_p95_ms":
            return ["\(Int.random(in: 1...900, using: &random)).5", "\"620ms\"", "\"0.62s\"", "\"95 ms\"", "950e-1"]
                .randomElement(using: &random)!
        case "checklist_done":
            return [
                "[\"database.indexes\"]", "[\"database.indexes\", \"caching.cdn\"]", "\"made.up;database.indexes\"", "[]",
                "[\"made.up\" , \"other.id\"]",
            ].randomElement(using: &random)!
        default:
            return [
                "\"free text\"", "\"é 😀\"", "\"with \\\"escapes\\\"\\n\"", "true", "false", "-12.5e-3", "0", "[1, {\"k\": [\"v\", null]}]",
            ]
            .randomElement(using: &random)!
        }
    }

    /// A file read from disk in small blocks, and the command's own path through `loadColumns`.
    @Test func readsAFileInBlocks() throws {
        let path = TestSupport.fixture("adapters/business-with-monitoring.json")
        let decoded = try SnapshotDecoder.decode(try InputFile.bytes(at: path), source: path, format: .json)
        for blockBytes in [5, 4096] {
            let (series, warnings) = try #require(try ColumnarJSONReader.read(path: path, source: path, blockBytes: blockBytes))
            Self.expectSame(series, decoded.series, "file in \(blockBytes)-byte blocks")
            #expect(warnings == decoded.warnings)
        }
    }
}
