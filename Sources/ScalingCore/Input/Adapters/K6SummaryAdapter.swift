/// Reads k6 end-of-test summaries in all three shapes, giving response_p95_ms and error_rate with no configuration.
///
/// - handleSummary data (`--summary-export` in k6 ≥ 0.30's JSON output of `handleSummary`):
///   `metrics.http_req_duration.values["p(95)"]`, `metrics.http_req_failed.values.rate`.
/// - the legacy `--summary-export` file, flattened: `metrics.http_req_duration["p(95)"]`, `metrics.http_req_failed.value`.
/// - the machine-readable summary: `{"version": …, "results": {"metrics": [{"name": …, "values": {…}}]}}`.
///
/// A summary has no time: its values join the latest snapshot. Durations are milliseconds, the failure rate a ratio.
enum K6SummaryAdapter {
    /// What is read from a summary: the metric, the statistic, the field and the unit.
    static let readings: [(metric: String, statistics: [String], field: SnapshotField, unit: MetricUnit)] = [
        ("http_req_duration", ["p(95)"], .responseP95Ms, .milliseconds),
        ("http_req_failed", ["rate", "value"], .errorRate, .ratio),
    ]

    /// What to use instead of k6's measurement outputs, which scalectl refuses.
    static let useASummary =
        "it holds every measurement, not a summary: give scalectl an end-of-test summary (k6 run --summary-export summary.json, "
        + "or handleSummary returning JSON.stringify(data))"

    /// k6's `--out csv` (a `metric_name,timestamp,metric_value,…` header) and `--out json` (one JSON object per line,
    /// `{"type":"Metric"|"Point","metric":…}`) as an error saying to use a summary; nil for anything else.
    ///
    /// Read as snapshots they would be a CSV of hundreds of empty snapshots that pass, or "invalid JSON at line 2".
    static func refusal(_ bytes: [UInt8], source: String) -> InputError? {
        let firstLine = Array(bytes.prefix(4096).prefix { $0 != 0x0A && $0 != 0x0D })
        if firstLine.starts(with: Array("metric_name,timestamp,metric_value".utf8)) {
            return .unsupportedExport(file: source, what: "k6's --out csv output", instead: useASummary)
        }
        guard firstLine.first == UInt8(ascii: "{"), firstLine.count < bytes.count, let root = try? JSONReader.parse(firstLine),
            let type = root.member("type")?.string, type == "Metric" || type == "Point", root.member("metric")?.string != nil
        else { return nil }
        return .unsupportedExport(file: source, what: "k6's --out json output (one JSON object per line)", instead: useASummary)
    }

    static func probe(_ root: JSONNode) -> Bool {
        if root.member("results")?.member("metrics")?.elements != nil && root.member("version") != nil { return true }
        guard let metrics = root.member("metrics")?.members else { return false }
        return metrics.contains { $0.key.hasPrefix("http_req") || $0.key == "iterations" || $0.key == "vus" || $0.key == "checks" }
    }

    static func read(_ root: JSONNode, source: String) throws(InputError) -> AdaptedInput {
        let reader = ExportReader(file: source, format: .k6)
        _ = try reader.object(root, "a k6 summary object")
        // Each metric's statistics object, whatever the shape.
        var statistics: [String: JSONNode] = [:]
        if let list = root.member("results")?.member("metrics") {
            for metric in try reader.array(list, in: root, "a results.metrics array") {
                guard let name = metric.member("name")?.string else { throw reader.missing(metric, "a metric \"name\"") }
                statistics[name] = metric.member("values") ?? metric
            }
        } else if let metrics = root.member("metrics") {
            for member in try reader.object(metrics, "a \"metrics\" object") {
                statistics[member.key] = member.value.member("values") ?? member.value
            }
        } else {
            throw reader.missing(root, "a \"metrics\" object or \"results\".\"metrics\" array")
        }
        var series: [MetricSeries] = []
        var warnings: [InputWarning] = []
        for reading in readings {
            guard let node = statistics[reading.metric],
                let valueNode = reading.statistics.lazy.compactMap({ node.member($0) }).first
            else { continue }
            var value = try reader.value(valueNode)
            let name = "\(reading.metric) \(reading.statistics[0])"
            // k6 records 0 ms for a request that never got a response (connection refused): no latency, not a fast one.
            if reading.unit == .milliseconds, value == 0 {
                value = nil
                warnings.append(
                    .partialData(
                        file: source,
                        detail: "\(name) is 0 ms: no request got a response (a refused connection takes no time), so it is no "
                            + "latency and \(reading.field.rawValue) is unknown"))
            }
            series.append(
                MetricSeries(
                    name: name, field: reading.field, unit: reading.unit, points: [MetricPoint(time: nil, value: value, literal: ExportReader.literal(valueNode))],
                    place: valueNode.place(in: source),
                    unitReason: reading.unit == .milliseconds ? "k6 writes durations in ms" : "k6 writes rates as 0-1 ratios"))
        }
        guard !series.isEmpty else {
            throw .notAnExport(
                place: root.place(in: source), format: "k6", expected: "http_req_duration p(95) or http_req_failed rate",
                found: "neither (is p(95) in summaryTrendStats?)")
        }
        return AdaptedInput(source: source, format: .k6, series: series, warnings: warnings)
    }
}
