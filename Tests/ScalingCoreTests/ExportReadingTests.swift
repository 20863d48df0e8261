import Foundation
import Testing

@testable import ScalingCore

/// Issue 16: real exports read right. Fixtures under `Fixtures/adapters/load/` are captured by
/// `Fixtures/capture/load.sh` (Prometheus 2.42, VictoriaMetrics 1.79 and k6 1.1.0 on an app under load); the others
/// named here are derived by hand, as `Fixtures/README.md` says.
@Suite struct ExportReadingTests {
    static let load = "Fixtures/adapters/load/"
    static let adapters = "Fixtures/adapters/"

    private static func run(_ arguments: [String]) -> TestSupport.Outcome { TestSupport.run(arguments) }

    private static func read(_ path: String) throws -> ReadInput {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.packageRoot.appendingPathComponent(path).path)))
        return try SnapshotDecoder.read(bytes, source: path)
    }

    /// Reads inputs (with bindings) as the command line does, and merges them.
    private static func merged(_ arguments: [String], options: MergeOptions = .standard) throws -> DecodedInput {
        var inputs: [MergeInput] = []
        for argument in arguments {
            let binding = InputBinding.looksLikeBinding(argument, exists: { _ in false }) ? try InputBinding.parse(argument) : nil
            inputs.append(MergeInput(read: try read(binding?.path ?? argument), binding: binding))
        }
        return try InputMerger.merge(inputs, options: options)
    }

    // MARK: 1. Precedence

    /// A command line and what it must give: the p95 and error rate, and which file each comes from.
    struct PrecedenceCase: CustomTestStringConvertible, Sendable {
        var inputs: [String]
        var p95: String
        var p95From: String
        var errorRate: String
        var testDescription: String { inputs.joined(separator: " ") }
    }

    static let precedenceCases: [PrecedenceCase] = [
        // The summary (p95 495.8 ms) comes before Prometheus (486.6 ms): Prometheus, the later input, wins.
        PrecedenceCase(
            inputs: ["business.csv", "k6-summary.json", "response_p95_ms=prometheus-p95-ms.json"], p95: "486.6 ms",
            p95From: "prometheus-p95-ms.json", errorRate: "5.37%"),
        // The other way round the summary wins.
        PrecedenceCase(
            inputs: ["business.csv", "response_p95_ms=prometheus-p95-ms.json", "k6-summary.json"], p95: "495.8 ms",
            p95From: "k6-summary.json", errorRate: "5.37%"),
        // Binding error_rate to the summary binds that field alone: Prometheus's p95 stays.
        PrecedenceCase(
            inputs: ["business.csv", "response_p95_ms=prometheus-p95-ms.json", "error_rate=k6-summary.json"], p95: "486.6 ms",
            p95From: "prometheus-p95-ms.json", errorRate: "5.37%"),
    ]

    @Test(arguments: precedenceCases) func aSummaryTakesItsPlaceInTheOrderOfInputs(_ test: PrecedenceCase) {
        let arguments = test.inputs.map { input in
            input.contains("=") ? input.replacingOccurrences(of: "=", with: "=" + Self.load) : Self.load + input
        }
        let outcome = Self.run(["check"] + arguments + ["--verbose"])
        #expect(outcome.status == 1, "the error rate breaches: \(outcome.stderr)")
        let p95Line = outcome.stdout.split(separator: "\n").first { $0.contains("response-time") } ?? ""
        #expect(p95Line.contains(test.p95), "\(p95Line)")
        #expect(outcome.stdout.contains(test.errorRate))
        #expect(outcome.stderr.contains("note: response_p95_ms from \(Self.load)\(test.p95From)"), "\(outcome.stderr)")
    }

    @Test func aBindingOfOneFieldLeavesTheFilesOtherFieldsOutAndSaysSo() throws {
        let decoded = try Self.merged([Self.load + "business.csv", "error_rate=\(Self.load)k6-summary.json"])
        #expect(decoded.series.latest[.errorRate] == 0.053747161241483724)
        #expect(decoded.series.latest[.responseP95Ms] == nil)
        #expect(
            decoded.warnings.contains(
                .outsideBinding(
                    file: Self.load + "k6-summary.json", binding: "error_rate=\(Self.load)k6-summary.json", field: .errorRate,
                    series: ["http_req_duration p(95) (response_p95_ms)"])))
    }

    // MARK: 2. Units from the series name

    struct NameUnitCase: CustomTestStringConvertible, Sendable {
        var inputs: [String]
        var p95: Double
        var note: String
        var testDescription: String { inputs.joined(separator: " ") }
    }

    static let nameUnitCases: [NameUnitCase] = [
        // A recording rule named after the field, in ms: 486.6 ms, not 486,607 ms.
        NameUnitCase(
            inputs: [load + "prometheus-p95-ms.json"], p95: 486.60714285714283,
            note: #"response_p95_ms read in milliseconds: its name "response_p95_ms" ends in _ms"#),
        NameUnitCase(
            inputs: ["response_p95_ms=" + load + "prometheus-p95-ms.json"], p95: 486.60714285714283,
            note: #"response_p95_ms read in milliseconds: its name "response_p95_ms" ends in _ms"#),
        // A recording rule whose name ends in _seconds, bound: seconds × 1000.
        NameUnitCase(
            inputs: ["response_p95_ms=" + load + "prometheus-p95-seconds.json"], p95: 486.60714285714283,
            note: #"response_p95_ms read in seconds: its name "app:request_duration:p95_seconds" ends in _seconds"#),
        // A computed query names no unit: Prometheus's base unit, seconds.
        NameUnitCase(
            inputs: ["response_p95_ms=" + adapters + "prometheus/p95.json"], p95: 95,
            note: "response_p95_ms read in base units (seconds, 0-1 ratios, counts): Prometheus's base unit, as its name says no other"),
    ]

    @Test(arguments: nameUnitCases) func aSeriesNameThatCarriesAUnitIsReadInIt(_ test: NameUnitCase) throws {
        let decoded = try Self.merged(test.inputs)
        #expect(decoded.series.latest[.responseP95Ms] == test.p95)
        let notes = decoded.warnings.map(ErrorMessage.warning)
        #expect(notes.contains { $0.contains(test.note) }, "\(notes)")
    }

    @Test(arguments: [
        ("job:request_latency_seconds:p95", MetricUnit.seconds), ("db_cpu_ratio", .ratio), ("db_cpu_percent", .percent),
        ("pg_database_size_bytes", .bytes), ("latency_p95_milliseconds", .milliseconds), ("error_rate", .base), ("up", .base),
    ])
    func unitSuffixesOfNames(_ name: String, _ unit: MetricUnit) {
        #expect(PrometheusAdapter.unit(named: name).0 == unit)
    }

    @Test func aSizeNamedInBytesBecomesGigabytes() throws {
        let text =
            #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"pg_database_size_bytes"},"value":[1795608000,"2500000000"]}]}}"#
        let input = MergeInput(
            read: try SnapshotDecoder.read(Array(text.utf8), source: "p.json"), binding: try InputBinding.parse("db_storage_gb=p.json"))
        #expect(try InputMerger.merge([input]).series.latest[.dbStorageGB] == 2.5)
    }

    // MARK: 3. NaN is no value

    @Test func aNaNPointOfTheExportThatSetsTheTimesIsNeverFilledIn() throws {
        // 16 points every 5 s, 6 of them NaN (no request before, between and after the two bursts of load).
        let decoded = try Self.merged([Self.load + "prometheus-p95-ms-range.json"])
        #expect(decoded.series.snapshots.count == 16)
        let values = decoded.series.snapshots.compactMap { $0[.responseP95Ms] }
        #expect(values.count == 10)
        // 23:39:05 (1796513945) is NaN in the capture: it stays unknown, not 706.25 from 5 s before.
        #expect(decoded.series.snapshots.first { $0.timestamp == 1_796_513_945 }?[.responseP95Ms] == nil)
    }

    @Test func trendCountsAndAveragesOnlyRealValues() throws {
        let outcome = Self.run(["trend", Self.load + "prometheus-p95-ms-range.json", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let root = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let metrics = (root?["trend"] as? [String: Any])?["metrics"] as? [[String: Any]] ?? []
        let p95 = metrics.first { $0["field"] as? String == "response_p95_ms" }
        let summary = p95?["summary"] as? [String: Any]
        #expect(summary?["count"] as? Int == 10)
        let real = [
            440.6249999999997, 486.60714285714283, 621.8749999999993, 429.16666666666674, 706.2499999999998, 462.4999999999999,
            496.4285714285714, 756.2499999999997, 494.8863636363636, 587.4999999999994,
        ]
        let mean = try #require(summary?["mean"] as? Double)
        #expect(abs(mean - real.reduce(0, +) / 10) < 1e-9)
    }

    @Test func aNaNPointInAnotherInputStillGivesWayToItsNearestValue() throws {
        // The business row sets the time, 12:00. A NaN point at 12:00 exactly is that time's answer: unknown. A NaN
        // point at 12:00:30 is only the nearest point, so the one at 11:59 with a value gives the field.
        let business = MergeInput(
            read: try SnapshotDecoder.read(Array("timestamp,users\n2026-11-25T12:00:00Z,12000\n".utf8), source: "b.csv"))
        let atTime = #"[[1795607940,"300"],[1795608000,"NaN"]]"#
        let offTime = #"[[1795607940,"300"],[1795608030,"NaN"]]"#
        for (values, expected) in [(atTime, nil as Double?), (offTime, 300)] {
            let text =
                #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"response_p95_ms"},"values":\#(values)}]}}"#
            let matrix = MergeInput(read: try SnapshotDecoder.read(Array(text.utf8), source: "m.json"))
            #expect(try InputMerger.merge([business, matrix]).series.latest[.responseP95Ms] == expected)
        }
    }

    // MARK: 4. The percentile asked for

    @Test func aP95FieldTakesP95ByNameNotTheFirstKey() throws {
        let decoded = try Self.merged(["response_p95_ms=\(Self.adapters)cloudwatch/get-metric-statistics-p99-p95.json"])
        #expect(decoded.series.latest[.responseP95Ms] == 610)  // p95 0.61 s, not p99 0.92 s
        #expect(decoded.warnings.contains { ErrorMessage.warning($0).contains("Latency (p95)") })
    }

    @Test func withoutP95ItIsAnErrorNamingTheStatisticsAndHowToAcceptOne() throws {
        let path = Self.adapters + "cloudwatch/get-metric-statistics-p99-p90.json"
        let outcome = Self.run(["check", "response_p95_ms=" + path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(path): response_p95_ms needs the p95 statistic, and \"Latency\" has p99 and p90 only"))
        #expect(outcome.stderr.contains(#"--map FILE holding {"response_p95_ms": {"cloudwatch_ids": ["Latency"], "statistic": "p99"}}"#))
        // Accepting p99 knowingly with a mapping file reads it.
        let map = #"{"response_p95_ms": {"cloudwatch_ids": ["Latency"], "statistic": "p99"}}"#
        let accepted = TestSupport.run(["check", path, "--map", "map.json", "--format", "json"], files: ["map.json": map])
        #expect(accepted.stdout.contains("920"), "\(accepted.stderr)")
    }

    @Test func aPublishedAWSCLIOutputIsReadInPercent() throws {
        let decoded = try Self.merged(["db_cpu=\(Self.adapters)cloudwatch/aws-cli-example-cpu.json"])
        #expect(decoded.series.snapshots.count == 23)
        #expect(decoded.series.latest[.dbCPU] == 0.4896)  // 2014-04-09T21:18:00Z, 48.96 %
    }

    // MARK: 5. Every unit the tool sends

    struct DatadogUnitCase: CustomTestStringConvertible, Sendable {
        var file: String
        var field: SnapshotField
        var value: Double
        var testDescription: String { file }
    }

    static let datadogUnitCases: [DatadogUnitCase] = [
        DatadogUnitCase(file: "nanosecond", field: .responseP95Ms, value: 250),  // 2.5e8 ns
        DatadogUnitCase(file: "minute", field: .responseP95Ms, value: 30_000),  // 0.5 min: no false pass
        DatadogUnitCase(file: "week", field: .responseP95Ms, value: 604.8),  // 1e-6 week
        DatadogUnitCase(file: "percent", field: .dbCPU, value: 0.415),
        DatadogUnitCase(file: "fraction", field: .errorRate, value: 0.012),
        DatadogUnitCase(file: "gibibyte", field: .dbStorageGB, value: 2.68435456),
        DatadogUnitCase(file: "byte", field: .dbStorageGB, value: 12.5),
        DatadogUnitCase(file: "request-per-minute", field: .requestsPerMonth, value: 5_184_000),  // 2/s
    ]

    @Test(arguments: datadogUnitCases) func everyDatadogUnitIsConverted(_ test: DatadogUnitCase) throws {
        let name = test.field == .requestsPerMonth ? "requests_per_second" : test.field.rawValue
        let decoded = try Self.merged(["\(name)=\(Self.adapters)datadog/units/\(test.file).json"])
        #expect(decoded.series.latest[test.field] == test.value)
    }

    @Test func anUnknownDatadogUnitIsAnErrorNamingIt() {
        let path = Self.adapters + "datadog/units/furlong.json"
        let outcome = Self.run(["check", "response_p95_ms=" + path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(path + ":"))
        #expect(outcome.stderr.contains(#"found the unit "furlong""#), "\(outcome.stderr)")
    }

    // MARK: 6. Empty results

    @Test(arguments: ["prometheus-empty-vector.json", "prometheus-empty-matrix.json"])
    func aBoundEmptyResultLeavesTheFieldUnknownWithOneWarning(_ file: String) {
        let arguments = [
            "check", Self.load + "business.csv", "error_rate=\(Self.load)prometheus-errors-overall.json",
            "response_p95_ms=\(Self.load)\(file)",
        ]
        let outcome = Self.run(arguments)
        #expect(outcome.status == 1, "the error rate (6.6%) breaches: \(outcome.stderr)")
        let p95Line = outcome.stdout.split(separator: "\n").first { $0.contains("response-time") } ?? ""
        #expect(p95Line.contains("unknown"), "\(outcome.stdout)")
        let warnings = outcome.stderr.split(separator: "\n").filter { $0.contains(file) }
        #expect(warnings == ["scalectl: warning: \(Self.load)\(file): the result is empty (no series), so response_p95_ms is unknown"])
        let json = Self.run(arguments + ["--format", "json"])
        #expect(json.stdout.contains("the result is empty (no series), so response_p95_ms is unknown"))  // the report's warnings
    }

    @Test func anUnboundEmptyResultSaysItIsEmptyNotThatItNeedsABinding() {
        let outcome = Self.run(["check", Self.load + "business.csv", Self.load + "prometheus-empty-vector.json"])
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr.contains(
                "\(Self.load)prometheus-empty-vector.json: no snapshot to read: the result is empty: the query matched no series"))
        #expect(!outcome.stderr.contains("(("))
    }

    struct HintCase: CustomTestStringConvertible, Sendable {
        var name: String
        var export: String
        var hint: String
        var testDescription: String { name }
    }

    static let hintCases: [HintCase] = [
        HintCase(
            name: "cpu", export: #"[{"metric":{"__name__":"process_cpu_seconds_total"},"value":[1795608000,"0.4"]}]"#,
            hint: "such as db_cpu=p.json"),
        HintCase(
            name: "a _seconds histogram bucket",
            export: #"[{"metric":{"__name__":"http_request_duration_seconds_bucket","le":"0.5"},"value":[1795608000,"12"]}]"#,
            hint: "such as response_p95_ms=p.json"),
        HintCase(
            name: "an error ratio", export: #"[{"metric":{"__name__":"job:http_errors:ratio"},"value":[1795608000,"0.01"]}]"#,
            hint: "such as error_rate=p.json"),
        HintCase(
            name: "requests", export: #"[{"metric":{"__name__":"http_requests_total","code":"200"},"value":[1795608000,"12"]}]"#,
            hint: "such as requests_per_second=p.json"),
        HintCase(
            name: "a computed query with no labels", export: #"[{"metric":{},"value":[1795608000,"0.4"]}]"#,
            hint: "such as response_p95_ms=p.json for a latency, error_rate=p.json for an error ratio, db_cpu=p.json for CPU"),
    ]

    @Test(arguments: hintCases) func theBindingHintFitsTheSeries(_ test: HintCase) {
        let text = #"{"status":"success","data":{"resultType":"vector","result":\#(test.export)}}"#
        let outcome = TestSupport.run(["check", "p.json"], files: ["p.json": text])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("bind it to one: FIELD=p.json, " + test.hint), "\(outcome.stderr)")
    }

    // MARK: 7. Prometheus values

    @Test(arguments: [("value-empty", #""""#), ("value-hex", #""0x1p3""#), ("value-padded", #"" 5""#)])
    func onlyPrometheusNumberFormsAreValues(_ file: String, _ shown: String) {
        let path = Self.adapters + "prometheus/derived/\(file).json"
        let outcome = Self.run(["check", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(path): line 1, column "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("expected \(PrometheusAdapter.valueForms), found \(shown)"), "\(outcome.stderr)")
    }

    // MARK: 8. k6 edge runs

    @Test func aRunWhereEveryRequestFailedHasNoLatency() throws {
        let path = Self.load + "k6-refused-summary.json"
        let decoded = try Self.merged([path])
        #expect(decoded.series.latest[.responseP95Ms] == nil)
        #expect(decoded.series.latest[.errorRate] == 1)
        #expect(
            decoded.warnings.contains { ErrorMessage.warning($0).contains("http_req_duration p(95) is 0 ms: no request got a response") })
        let outcome = Self.run(["check", path])
        let p95Line = outcome.stdout.split(separator: "\n").first { $0.contains("response-time") } ?? ""
        #expect(p95Line.contains("unknown"), "a p95 of 0 ms must not pass: \(outcome.stdout)")
    }

    @Test(arguments: ["k6-out.csv", "k6-out.ndjson"]) func k6MeasurementOutputsAreRefusedWithAHint(_ file: String) {
        for command in ["check", "trend"] {
            let outcome = Self.run([command, Self.load + file])
            #expect(outcome.status == 2, "\(command): \(outcome.stdout)")
            #expect(outcome.stderr.contains("\(Self.load)\(file): this is k6's --out"), "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.contains("--summary-export"))
        }
    }

    // MARK: 9. Warnings everywhere

    struct WarningCase: CustomTestStringConvertible, Sendable {
        var argument: String
        var warning: String
        var testDescription: String { argument }
    }

    static let warningCases: [WarningCase] = [
        WarningCase(
            argument: "response_p95_ms=" + adapters + "grafana/nan-null-undefined.csv",
            warning: "1 NaN, 1 null and 1 undefined cell(s) read as no value"),
        WarningCase(
            argument: "response_p95_ms=" + adapters + "grafana/duplicate-times.csv",
            warning: "1 row(s) repeat the time of another (first 2026-11-25T19:41:00Z)"),
        WarningCase(
            argument: "db_cpu=" + adapters + "cloudwatch/duplicate-timestamps.json",
            warning: "1 datapoints share a Timestamp with another (first 2014-04-09T20:18:00Z)"),
        WarningCase(
            argument: "response_p95_ms=" + adapters + "datadog/only-nulls.json",
            warning: "trace.http.request.duration{service:web} has only null points: it gives no value"),
    ]

    @Test(arguments: warningCases) func eachReaderWarnsOfPointsWithNoValueAndRepeatedTimes(_ test: WarningCase) {
        let outcome = Self.run(["check", "Fixtures/adapters/business.csv", test.argument])
        #expect(outcome.stderr.contains("warning: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(test.warning), "\(outcome.stderr)")
    }

    // MARK: 10. Averages that mislead

    @Test func aMeanOfRatiosOverSeveralSeriesIsSaidToBeUnweighted() throws {
        // The handlers' ratios are 0.0207 and 0.2419; the overall ratio of the same capture is 0.0660.
        let decoded = try Self.merged(["error_rate=\(Self.load)prometheus-errors-by-handler.json"])
        #expect(decoded.series.latest[.errorRate] == (0.020746887966804982 + 0.24193548387096775) / 2)
        #expect(
            decoded.warnings.contains(
                .unweightedMean(
                    file: Self.load + "prometheus-errors-by-handler.json", field: .errorRate,
                    series: [#"{handler="/"}"#, #"{handler="/api"}"#])))
        let outcome = Self.run(["check", "error_rate=\(Self.load)prometheus-errors-by-handler.json"])
        #expect(
            outcome.stderr.contains("warning: \(Self.load)prometheus-errors-by-handler.json: error_rate is an unweighted mean of 2 series"))
        // With --combine the choice is the user's: nothing to say.
        let chosen = try Self.merged(
            ["error_rate=\(Self.load)prometheus-errors-by-handler.json"], options: MergeOptions(combine: [.errorRate: .max]))
        #expect(!chosen.warnings.contains { if case .unweightedMean = $0 { true } else { false } })
    }

    @Test func victoriaMetricsLeavesNaNPointsOutAndIsReadInSeconds() throws {
        let decoded = try Self.merged(["response_p95_ms=\(Self.load)victoria-p95-range.json"])
        #expect(decoded.series.snapshots.count == 10)
        #expect(decoded.series.latest[.responseP95Ms] == 637.5)
    }

    // MARK: 11. Printing

    struct PrecisionCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        /// The JSON path to the printed numbers: a snapshot field's value in `check`, a trend's values in `trend`.
        var numbers: @Sendable (Any) -> [Double]
        /// The source's values as the capture wrote them, and the factor the field's unit asks for.
        var source: String
        var factor: Double
        /// The numbers as they must print: the source's digits with the point moved, never a 12-digit rounding.
        var printed: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let precisionCases: [PrecisionCase] = [
        // "0.48660714285714285" s: 486.60714285714283 ms, as the same capture's recording rule in ms says (the 12-digit
        // rounding printed 486.607142857).
        PrecisionCase(
            // CSV, which prints every digit (JSON rounds every number to 12 significant digits).
            arguments: ["check", load + "business.csv", "response_p95_ms=" + load + "prometheus-p95-seconds.json", "--format", "csv"],
            numbers: { csv in
                ((csv as? String) ?? "").split(separator: "\n").filter { $0.hasPrefix("response-time,") }
                    .compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[2]) }
            },
            source: load + "prometheus-p95-seconds.json", factor: 1000, printed: ["486.60714285714283"]),
        // VictoriaMetrics' own digits stay ("0.495833333333333" s is 495.833333333333 ms); its arithmetic's tail does
        // not ("0.612499999999998" s is 612.5 ms).
        PrecisionCase(
            arguments: ["trend", "response_p95_ms=" + load + "victoria-p95-range.json", "--format", "json"],
            numbers: { json in
                ((((json as? [String: Any])?["trend"] as? [String: Any])?["metrics"] as? [[String: Any]]) ?? [])
                    .filter { $0["field"] as? String == "response_p95_ms" }.flatMap { ($0["values"] as? [Double]) ?? [] }
            },
            source: load + "victoria-p95-range.json", factor: 1000,
            printed: [
                "457.1428571428571", "561.25", "512.5", "422.61904761904765", "762.5", "495.833333333333", "612.5",
                "602.0833333333331", "479.5", "637.5",
            ]),
        // A recording rule already in ms: Prometheus's "587.4999999999994" is 587.5, as the capture in seconds says once
        // converted; "486.60714285714283" has no binary tail and keeps its digits.
        PrecisionCase(
            arguments: ["trend", load + "prometheus-p95-ms-range.json", "--format", "json"],
            numbers: { json in
                ((((json as? [String: Any])?["trend"] as? [String: Any])?["metrics"] as? [[String: Any]]) ?? [])
                    .filter { $0["field"] as? String == "response_p95_ms" }.flatMap { ($0["values"] as? [Double]) ?? [] }
            },
            source: load + "prometheus-p95-ms-range.json", factor: 1,
            printed: [
                "440.625", "486.60714285714283", "621.875", "429.16666666666674", "706.25", "462.5", "496.4285714285714", "756.25",
                "494.8863636363636", "587.5",
            ]),
    ]

    /// The conversion itself: the literal's digits times the exact factor, a binary tail dropped, nothing else.
    @Test(arguments: [
        ("0.09500000000000001", 1000.0, "95"), ("0.5124999999999991", 1000, "512.5"), ("0.612499999999998", 1000, "612.5"),
        ("0.6942045454545454", 1000, "694.2045454545454"), ("91.4583840476142", 0.01, "0.914583840476142"), ("0.5", 60, "30"),
        ("2.5e8", 1e-9, "0.25"), ("-1.25E-3", 1000, "-1.25"), ("3", 1_073_741_824, "3221225472"), ("0.1", 0.125, "0.0125"),
        ("1e-320", 1e-9, "0"),
    ])
    func aConversionMultipliesTheSourcesDigits(literal: String, factor: Double, printed: String) {
        let point = MetricPoint(time: nil, value: Double(literal), literal: literal).converted(by: factor)
        #expect(point.value.map(Quantity.formatPlain) == printed)
    }

    /// Issue 16 item 11: a converted value prints at the precision its source had (and so does one in the field's own
    /// unit), on real captures, through the binary.
    @Test(arguments: precisionCases) func convertedValuesPrintAtTheSourcesPrecision(_ test: PrecisionCase) throws {
        let outcome = try TestSupport.runBinary(test.arguments)
        #expect(outcome.status == 0 || outcome.status == 1, "\(outcome.stderr)")
        let isJSON = test.arguments.last == "json"
        // The digits as printed, read from the output's text: a JSON parser's Double would hide a longer tail.
        let printedTexts = outcome.stdout.split(whereSeparator: { " ,:\n[]".contains($0) }).map(String.init)
        for printed in test.printed {
            // JSON rounds every number to 12 significant digits; the value read is checked whole in
            // aConversionMultipliesTheSourcesDigits and through CSV above.
            let shown = isJSON ? JSONOutput.number(Double(printed)!) : printed
            #expect(printedTexts.contains(shown), "\(shown) in \(outcome.stdout)")
        }
        let numbers = test.numbers(isJSON ? try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) : outcome.stdout)
        #expect(numbers.count == test.printed.count)
        // Each is the capture's value times the factor, to well within a Double's precision.
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(test.source), encoding: .utf8)
        let written = text.split(separator: "\"").compactMap { Double($0) }.filter { $0 < 1e9 }
        #expect(written.count == numbers.count)
        for (value, source) in zip(numbers, written) { #expect(abs(value - source * test.factor) <= 1e-11 * value, "\(source)") }
    }

    // MARK: Published real outputs

    struct PublishedCase: CustomTestStringConvertible, Sendable {
        var path: String
        /// The source's points as (Unix seconds, value in its unit), read from the file by Foundation's JSON parser.
        var points: @Sendable (Any) -> [(Double, Double)]
        var factor: Double
        var first: String
        var latest: String
        var note: String
        var testDescription: String { path }
    }

    static let publishedCases: [PublishedCase] = [
        // Datadog's API client records this /api/v1/query response in its tests (system.cpu.idle, unit percent).
        PublishedCase(
            path: adapters + "datadog/published/query-system-cpu-idle.json",
            points: { json in
                let series = ((json as? [String: Any])?["series"] as? [[String: Any]]) ?? []
                return ((series.first?["pointlist"] as? [[Double]]) ?? []).map { ($0[0] / 1000, $0[1]) }
            },
            factor: 0.01, first: "2022-01-05T00:55:00Z", latest: "2022-01-06T00:50:00Z",
            note: #"db_cpu read in percent: Datadog's unit "percent""#),
        // The AWS CLI's own example of get-metric-statistics (CPUUtilization, Maximum, Percent).
        PublishedCase(
            path: adapters + "cloudwatch/aws-cli-example-cpu.json",
            points: { json in
                let points = ((json as? [String: Any])?["Datapoints"] as? [[String: Any]]) ?? []
                return points.compactMap { point in
                    guard let time = (point["Timestamp"] as? String).flatMap({ try? Timestamp.parse($0) }),
                        let value = point["Maximum"] as? Double
                    else { return nil }
                    return (time, value)
                }.sorted { $0.0 < $1.0 }
            },
            factor: 0.01, first: "2014-04-08T23:18:00Z", latest: "2014-04-09T21:18:00Z", note: "db_cpu read in percent"),
    ]

    /// Issue 16: outputs the tools' makers published, read through the binary, every value checked against the file.
    @Test(arguments: publishedCases) func aPublishedOutputIsReadPointByPoint(_ test: PublishedCase) throws {
        let outcome = try TestSupport.runBinary(["trend", "db_cpu=" + test.path, "--format", "json", "--verbose"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(test.note), "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let trend = json?["trend"] as? [String: Any]
        let series = trend?["series"] as? [String: Any]
        let metric = (trend?["metrics"] as? [[String: Any]])?.first { $0["field"] as? String == "db_cpu" }
        let values = (metric?["values"] as? [Double]) ?? []
        let source = test.points(
            try JSONSerialization.jsonObject(with: Data(contentsOf: TestSupport.packageRoot.appendingPathComponent(test.path))))
        #expect(!source.isEmpty)
        #expect(values.count == source.count)
        #expect(series?["snapshots"] as? Int == source.count)
        #expect(series?["first"] as? String == test.first)
        #expect(series?["latest"] as? String == test.latest)
        #expect(series?["first"] as? String == Timestamp.format(source[0].0))
        for (value, point) in zip(values, source) { #expect(abs(value - point.1 * test.factor) <= 1e-12, "\(point)") }
        // Each value prints with the source's digits, the point moved: Datadog's "91.4583840476142" % is
        // 0.914583840476142, not a 12-digit rounding (0.914583840476).
        let printed = Set(outcome.stdout.split(whereSeparator: { " ,:\n[]".contains($0) }).map(String.init))
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(test.path), encoding: .utf8)
        let literals = text.split(whereSeparator: { " ,:\n[]{}\"".contains($0) }).filter { $0.contains(".") && Double($0) != nil }
        #expect(!literals.isEmpty)
        for literal in literals {
            let moved = DecimalLiteral(String(literal))!.multiplied(by: DecimalLiteral(factor: test.factor)!)!.value!
            #expect(printed.contains(JSONOutput.number(moved)), "\(literal)")
            #expect(String(literal).filter(\.isNumber).count + 2 >= Quantity.formatPlain(moved).filter(\.isNumber).count, "\(literal)")
        }
    }
}
