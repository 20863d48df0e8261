import Foundation
import Testing

@testable import ScalingCore

@Suite struct MergeTests {
    private func metrics(_ text: String, source: String) throws -> MergeInput {
        MergeInput(read: try SnapshotDecoder.read(Array(text.utf8), source: source))
    }

    private func prometheusVector(_ name: String, time: Double, value: String) -> String {
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"\#(name)"},"value":[\#(time),"\#(value)"]}]}}"#
    }

    @Test func twoInputsWithOffsetTimesMergeWithinTheTolerance() throws {
        let business = try metrics(
            "timestamp,users,daily_active_users\n2026-11-18T12:00:00Z,9000,90\n2026-11-25T12:00:00Z,12000,120\n", source: "b.csv")
        // 2026-11-25T12:03:00Z: three minutes after the latest row, within the default five. The series' name says ms.
        let latency = try metrics(prometheusVector("response_p95_ms", time: 1_795_608_180, value: "250"), source: "p.json")
        let merged = try InputMerger.merge([business, latency])
        #expect(merged.series.snapshots.count == 2)
        #expect(merged.series.latest.timestamp == 1_795_608_000)  // the first input's time
        #expect(merged.series.latest[.users] == 12_000)
        #expect(merged.series.latest[.responseP95Ms] == 250)
        #expect(merged.series.snapshots[0][.responseP95Ms] == nil)
        // With a one-minute tolerance the point is too far from every business time: it gives nothing, and says so.
        let apart = try InputMerger.merge([business, latency], options: MergeOptions(tolerance: 60))
        #expect(apart.series.snapshots.count == 2)
        #expect(apart.series.latest[.users] == 12_000)
        #expect(apart.series.latest[.responseP95Ms] == nil)
        #expect(apart.warnings.contains(.unaligned(file: "p.json", base: "b.csv", tolerance: 60)))
    }

    @Test func finerMonitoringPointsDoNotOutliveTheFirstInputsTimes() throws {
        let business = try metrics("timestamp,users\n2026-11-25T12:00:00Z,12000\n", source: "b.csv")
        // A matrix every 2 minutes from 11:56 to 12:06: the 12:00 point is nearest, later ones make no snapshot.
        let values = stride(from: 1_795_607_760, through: 1_795_608_360, by: 120).map { "[\($0),\"0.\($0 % 1000)\"]" }
        let matrix = try metrics(
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"error_rate"},"values":[\#(values.joined(separator: ","))]}]}}"#,
            source: "m.json")
        let merged = try InputMerger.merge([business, matrix])
        #expect(merged.series.snapshots.count == 1)
        #expect(merged.series.latest[.users] == 12_000)
        #expect(merged.series.latest[.errorRate] == 0.0)  // 1795608000 % 1000 = 0: the point at 12:00 exactly
    }

    @Test func theLaterInputWinsForTheSameField() throws {
        let first = try metrics(#"{"timestamp": 1795608000, "users": 100, "response_p95_ms": 300}"#, source: "a.json")
        let second = try metrics(prometheusVector("response_p95_ms", time: 1_795_608_010, value: "400"), source: "p.json")
        let merged = try InputMerger.merge([first, second])
        #expect(merged.series.latest[.responseP95Ms] == 400)
        #expect(merged.warnings.contains(.fieldSource(field: .responseP95Ms, file: "p.json", series: "response_p95_ms")))
        #expect(merged.warnings.contains(.fieldSource(field: .users, file: "a.json", series: "its users column")))
    }

    /// A binding and the value it gives the field.
    struct BindingCase: CustomTestStringConvertible, Sendable {
        var argument: String
        var export: String
        var field: SnapshotField
        var value: Double
        var testDescription: String { argument }
    }

    static let bindingCases: [BindingCase] = [
        BindingCase(
            argument: "response_p95_ms=p.json", export: #"[{"metric":{},"value":[1795608000,"0.095"]}]"#, field: .responseP95Ms,
            value: 95),
        BindingCase(
            argument: "response_p95_ms:ms=p.json", export: #"[{"metric":{},"value":[1795608000,"230.5"]}]"#, field: .responseP95Ms,
            value: 230.5),
        BindingCase(
            argument: "error_rate=p.json", export: #"[{"metric":{},"value":[1795608000,"0.02"]}]"#, field: .errorRate, value: 0.02),
        BindingCase(
            argument: "db_cpu:%=p.json", export: #"[{"metric":{},"value":[1795608000,"41.5"]}]"#, field: .dbCPU, value: 0.415),
        BindingCase(
            argument: "requests_per_second=p.json", export: #"[{"metric":{},"value":[1795608000,"4"]}]"#, field: .requestsPerMonth,
            value: 10_368_000),
        // Two series for one field: requests add up, latencies take the worst.
        BindingCase(
            argument: "requests_per_second=p.json",
            export: #"[{"metric":{"code":"200"},"value":[1795608000,"3"]},{"metric":{"code":"500"},"value":[1795608000,"1"]}]"#,
            field: .requestsPerMonth, value: 10_368_000),
        BindingCase(
            argument: "response_p95_ms=p.json",
            export: #"[{"metric":{"instance":"a"},"value":[1795608000,"0.1"]},{"metric":{"instance":"b"},"value":[1795608000,"0.3"]}]"#,
            field: .responseP95Ms, value: 300),
        BindingCase(
            argument: "error_rate=p.json",
            export: #"[{"metric":{"instance":"a"},"value":[1795608000,"0.01"]},{"metric":{"instance":"b"},"value":[1795608000,"0.03"]}]"#,
            field: .errorRate, value: 0.02),
    ]

    @Test(arguments: bindingCases) func aBindingConvertsToTheFieldsUnit(_ binding: BindingCase) throws {
        let text = #"{"status":"success","data":{"resultType":"vector","result":\#(binding.export)}}"#
        let input = MergeInput(
            read: try SnapshotDecoder.read(Array(text.utf8), source: "p.json"), binding: try InputBinding.parse(binding.argument))
        let merged = try InputMerger.merge([input])
        #expect(merged.series.latest[binding.field] == binding.value)
    }

    @Test func combineOverridesTheNaturalAggregation() throws {
        let text =
            #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1795608000,"0.1"]},{"metric":{"a":"2"},"value":[1795608000,"0.3"]}]}}"#
        let input = MergeInput(
            read: try SnapshotDecoder.read(Array(text.utf8), source: "p.json"), binding: try InputBinding.parse("response_p95_ms=p.json"))
        let merged = try InputMerger.merge([input], options: MergeOptions(combine: [.responseP95Ms: .mean]))
        #expect(merged.series.latest[.responseP95Ms] == 200)
    }

    @Test func aFractionalCountIsAcceptedButFlaggedImplausible() throws {
        let text = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795608000,"0.095"]}]}}"#
        let input = MergeInput(
            read: try SnapshotDecoder.read(Array(text.utf8), source: "p95.json"), binding: try InputBinding.parse("users=p95.json"))
        let merged = try InputMerger.merge([input])
        #expect(merged.series.latest[.users] == 0.095)
        #expect(
            merged.warnings.contains(
                .implausibleBinding(
                    file: "p95.json", field: .users,
                    detail: "it holds fractional values, which cannot be a count (is it a duration or a ratio?)")))
    }

    /// Bindings that cannot be used.
    @Test(arguments: [
        ("p95=", InputError.invalidBinding(argument: "p95=", reason: "no file after '='")),
        (
            "usres=x.json",
            InputError.invalidBinding(argument: "usres=x.json", reason: "'usres' is not a numeric snapshot field (did you mean 'users'?)")
        ),
        (
            "response_p95_ms:parsec=x.json",
            InputError.invalidBinding(
                argument: "response_p95_ms:parsec=x.json", reason: "unknown unit 'parsec'; units: s, ms, us, ratio, %, count, /s, bytes, GB"
            )
        ),
    ])
    func rejectsBadBindings(_ argument: String, _ expected: InputError) {
        #expect(throws: expected) { try InputBinding.parse(argument) }
    }

    @Test func aSnapshotFileCannotBeBound() throws {
        let input = MergeInput(
            read: try SnapshotDecoder.read(Array("timestamp,users\n2026-11-25,10\n".utf8), source: "b.csv"),
            binding: try InputBinding.parse("users=b.csv"))
        #expect(
            throws: InputError.invalidBinding(
                argument: "users=b.csv", reason: "b.csv is a snapshot file, whose columns name their own fields: give it without users=")
        ) { try InputMerger.merge([input]) }
    }

    @Test func aUnitThatCannotDescribeTheFieldIsAnError() throws {
        let text = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1795608000,"3"]}]}}"#
        let input = MergeInput(
            read: try SnapshotDecoder.read(Array(text.utf8), source: "p.json"), binding: try InputBinding.parse("users:ms=p.json"))
        #expect(throws: InputError.self) { try InputMerger.merge([input]) }
    }

    @Test func aK6SummaryJoinsTheLatestSnapshot() throws {
        let business = try metrics("timestamp,users\n2026-11-18,9000\n2026-11-25,12000\n", source: "b.csv")
        let k6 = try metrics(#"{"metrics":{"http_req_duration":{"p(95)":230.5},"http_req_failed":{"value":0.0125}}}"#, source: "k6.json")
        let merged = try InputMerger.merge([business, k6])
        #expect(merged.series.latest[.responseP95Ms] == 230.5)
        #expect(merged.series.latest[.errorRate] == 0.0125)
        #expect(merged.series.snapshots[0][.responseP95Ms] == nil)
    }
}

@Suite struct FieldMappingTests {
    private let grafana = AdaptedInput(
        source: "g.csv", format: .grafana,
        series: [
            MetricSeries(
                name: "http p95", field: nil, unit: .seconds, points: [MetricPoint(time: 1_795_608_000, value: 0.2)],
                place: SourcePlace(file: "g.csv"), labels: ["column": "http p95"]),
            MetricSeries(
                name: "job:errors:ratio", field: nil, unit: .base, points: [MetricPoint(time: 1_795_608_000, value: 0.01)],
                place: SourcePlace(file: "g.csv"), labels: ["__name__": "job:errors:ratio", "job": "web"]),
            MetricSeries(
                name: "hits", field: nil, unit: .base, points: [MetricPoint(time: 1_795_608_000, value: 3)],
                place: SourcePlace(file: "g.csv"), labels: ["metric": "trace.http.request.hits"]),
        ])

    @Test func mapsColumnsLabelsAndMetricsToFields() throws {
        let mapping = try FieldMapping.parse(
            Array(
                #"{"response_p95_ms": {"columns": ["http p95"]}, "error_rate": {"labels": {"__name__": "job:errors:ratio", "job": "web"}}, "requests_per_second": {"datadog_metrics": ["trace.http.request.hits"]}}"#
                    .utf8), source: "map.json")
        let mapped = mapping.apply(to: grafana)
        #expect(mapped.series.map(\.field) == [.responseP95Ms, .errorRate, .requestsPerMonth])
        let merged = try InputMerger.merge([MergeInput(read: .metrics(mapped))])
        #expect(merged.series.latest[.responseP95Ms] == 200)
        #expect(merged.series.latest[.errorRate] == 0.01)
        #expect(merged.series.latest[.requestsPerMonth] == 7_776_000)
    }

    /// Mapping files that are refused, each with the place and the reason.
    @Test(arguments: [
        (#"{"response_p95_ms": {"colums": ["x"]}}"#, "line 1, column 22", "unknown key \"colums\" (did you mean \"columns\"?)"),
        (#"{"usres": {"columns": ["x"]}}"#, "line 1, column 2", "unknown field \"usres\" (did you mean \"users\"?)"),
        (#"{"users": {"columns": "x"}}"#, "line 1, column 23", "\"columns\" must be an array of strings"),
        (#"{"users": {"unit": "s"}}"#, "line 1, column 11", "the rule for users names no series"),
        (#"[1]"#, "line 1, column 1", "expected an object whose keys are snapshot fields"),
    ])
    func rejectsUnknownKeysAndWrongTypes(_ text: String, _ place: String, _ reason: String) {
        do {
            _ = try FieldMapping.parse(Array(text.utf8), source: "map.json")
            Issue.record("accepted \(text)")
        } catch {
            guard case .invalidMapping(let at, let message) = error else { Issue.record("\(error)"); return }
            #expect(at.description == "map.json: " + place)
            #expect(message.hasPrefix(reason), "\(message)")
        }
    }
}

/// The done-when of issue 5: captured Prometheus answers bound beside a business CSV give the same advice as the
/// hand-written snapshot that says the same.
@Suite struct MonitoringEndToEndTests {
    /// The advice JSON without its "source" section, which names the inputs.
    static func adviceWithoutSource(_ json: String) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return object.filter { $0.key != "source" } as NSDictionary
    }

    @Test func boundCapturesGiveTheSameAdviceAsTheHandWrittenSnapshot() throws {
        let merged = try TestSupport.runBinary([
            "advise", "Fixtures/adapters/business.csv", "response_p95_ms=Fixtures/adapters/prometheus/p95.json",
            "error_rate=Fixtures/adapters/prometheus/errors.json", "--format", "json",
        ])
        let handWritten = try TestSupport.runBinary(["advise", "Fixtures/adapters/business-with-monitoring.json", "--format", "json"])
        #expect(merged.status == 0)
        #expect(merged.stderr == "")
        #expect(handWritten.status == 0)
        #expect(try Self.adviceWithoutSource(merged.stdout) == Self.adviceWithoutSource(handWritten.stdout))
    }

    @Test func errorsExitTwoNamingTheFile() throws {
        let outcome = try TestSupport.runBinary([
            "advise", "Fixtures/adapters/business.csv", "response_p95_ms=Fixtures/adapters/prometheus/error-bad-query.json",
        ])
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr
                == "scalectl: error: Fixtures/adapters/prometheus/error-bad-query.json: the Prometheus query failed (bad_data): invalid parameter \"query\": 1:10: parse error: unclosed left parenthesis\n"
        )
        let unbound = try TestSupport.runBinary(["stage", "Fixtures/adapters/business.csv", "Fixtures/adapters/prometheus/p95.json"])
        #expect(unbound.status == 2)
        #expect(unbound.stderr.contains("no series names a snapshot field"))
    }

    @Test func verboseSaysWhichFileGaveEachFieldAndImplausibleBindingsWarn() throws {
        let outcome = try TestSupport.runBinary([
            "stage", "Fixtures/adapters/business.csv", "users=Fixtures/adapters/prometheus/p95.json", "--verbose",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("scalectl: note: users from Fixtures/adapters/prometheus/p95.json (a series with no labels)"))
        #expect(
            outcome.stderr.contains(
                "scalectl: warning: Fixtures/adapters/prometheus/p95.json bound to users looks implausible: it holds fractional values"))
    }

    /// Merge options and bindings that are refused on the command line, each with exit 2 and a message.
    @Test(arguments: [
        (
            ["--combine", "response_p95_ms=median"],
            "scalectl: error: 'response_p95_ms=median': 'median' is not sum, max, mean or min\n"
        ),
        (
            ["--align", "soon"],
            "scalectl: error: option '--align' cannot use 'soon': "
        ),
        (
            ["usres=Fixtures/adapters/prometheus/p95.json"],
            "scalectl: error: 'usres=Fixtures/adapters/prometheus/p95.json': 'usres' is not a numeric snapshot field (did you mean 'users'?)\n"
        ),
    ])
    func refusedMergeArguments(_ extra: [String], _ message: String) {
        let outcome = TestSupport.run(["stage", "Fixtures/adapters/business.csv"] + extra)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix(message), "\(outcome.stderr)")
    }

    @Test func aMappingFileNamesTheSeriesOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-map-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = folder.appendingPathComponent("map.json")
        try Data(#"{"response_p95_ms": {"cloudwatch_ids": ["TargetResponseTime"]}, "db_cpu": {"cloudwatch_ids": ["cpu"]}}"#.utf8).write(
            to: map)
        let outcome = try TestSupport.runBinary([
            "advise", "Fixtures/adapters/business.csv", "Fixtures/adapters/cloudwatch/get-metric-data.json", "--map", map.path,
            "--format", "json", "--verbose",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("note: db_cpu from Fixtures/adapters/cloudwatch/get-metric-data.json (CPUUtilization)"))
        #expect(
            outcome.stderr.contains("note: response_p95_ms from Fixtures/adapters/cloudwatch/get-metric-data.json (TargetResponseTime)"))
        // At 19:40 CloudWatch says 171 ms and 38.25 % CPU, over the business CSV's 34 %.
        #expect(outcome.stdout.contains(#""value": 171"#))
        #expect(outcome.stdout.contains(#""value": 0.3825"#))
    }

    @Test func diffStillTakesExactlyTwoFiles() throws {
        let outcome = TestSupport.run(["diff", "a.json", "b.json", "c.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("unexpected extra argument 'c.json'"))
    }
}
