/// Reads Prometheus HTTP API responses: `/api/v1/query` (vector, scalar) and `/api/v1/query_range` (matrix).
///
/// Thanos, Mimir and VictoriaMetrics answer in the same shape. Values are strings; `"NaN"`, `"+Inf"` and `"-Inf"`
/// are points with no value (never 0). Times are Unix seconds with fractions. A series names its field through its
/// `__name__` label when that is a field name or alias (a recording rule `error_rate`); `"metric":{}` (a computed
/// query) needs a binding. `"status":"error"` is ``InputError/prometheusError(file:errorType:error:)``.
enum PrometheusAdapter {
    /// A Prometheus response: an object with `status`, and `data.resultType` or an `errorType`.
    static func probe(_ root: JSONNode) -> Bool {
        guard root.member("status")?.string != nil else { return false }
        return root.member("data")?.member("resultType") != nil || root.member("errorType") != nil
    }

    static func read(_ root: JSONNode, source: String) throws(InputError) -> AdaptedInput {
        let reader = ExportReader(file: source, format: .prometheus)
        _ = try reader.object(root, "a Prometheus API response object")
        let status = root.member("status")?.string
        if status == "error" {
            throw .prometheusError(
                file: source, errorType: root.member("errorType")?.string ?? "unknown", error: root.member("error")?.string ?? "")
        }
        guard status == "success" else {
            throw reader.fail(root.member("status") ?? root, "\"status\": \"success\" or \"error\"")
        }
        guard let data = root.member("data") else { throw reader.missing(root, "a \"data\" member") }
        guard let resultType = data.member("resultType")?.string else { throw reader.missing(data, "\"resultType\"") }
        guard let result = data.member("result") else { throw reader.missing(data, "\"result\"") }
        var series: [MetricSeries] = []
        switch resultType {
        case "scalar", "string":
            let pair = try reader.array(result, in: data, "a [time, \"value\"] pair")
            series.append(
                MetricSeries(
                    name: "scalar", field: nil, unit: .base, points: [try point(pair, node: result, reader)],
                    place: result.place(in: source)))
        case "vector", "matrix":
            for element in try reader.array(result, in: data, "an array of series") {
                let (name, field, labels) = try identity(element, reader)
                var points: [MetricPoint] = []
                if resultType == "vector" {
                    guard let sample = element.member("value") else { throw reader.missing(element, "a \"value\" pair") }
                    points.append(try point(try reader.array(sample, in: element, "a [time, \"value\"] pair"), node: sample, reader))
                } else {
                    for sample in try reader.array(element.member("values"), in: element, "a \"values\" array of pairs") {
                        points.append(try point(try reader.array(sample, in: element, "a [time, \"value\"] pair"), node: sample, reader))
                    }
                }
                let (unit, reason) = unit(named: labels["__name__"])
                series.append(
                    MetricSeries(
                        name: name, field: field, unit: unit, points: points, place: element.place(in: source), labels: labels,
                        unitReason: reason))
            }
        default:
            throw reader.fail(data.member("resultType")!, "resultType vector, matrix or scalar")
        }
        var warnings: [InputWarning] = []
        let empty = series.flatMap(\.points).filter { $0.value == nil }.count
        if empty > 0 { warnings.append(.partialData(file: source, detail: "\(empty) point(s) are NaN or ±Inf: read as no value")) }
        if let list = root.member("warnings")?.elements, !list.isEmpty {
            warnings.append(.partialData(file: source, detail: "Prometheus warned: " + list.compactMap(\.string).joined(separator: "; ")))
        }
        return AdaptedInput(source: source, format: .prometheus, series: series, warnings: warnings)
    }

    /// Unit suffixes of series names, as Prometheus's naming conventions and recording rules write them.
    static let nameUnits: [(suffix: String, unit: MetricUnit)] = [
        ("_milliseconds", .milliseconds), ("_ms", .milliseconds), ("_microseconds", .microseconds), ("_us", .microseconds),
        ("_seconds", .seconds), ("_ratio", .ratio), ("_percent", .percent), ("_bytes", .bytes), ("_gb", .gigabytes),
    ]

    /// The unit a series' values are in, and why: the unit its name ends in (`response_p95_ms`, a recording rule
    /// `job:request_duration_seconds:p95`, any colon-separated part of it), else Prometheus's base units.
    static func unit(named name: String?) -> (MetricUnit, String) {
        let base = "Prometheus's base unit, as its name says no other"
        guard let name, !name.isEmpty else { return (.base, base + " (it has no name)") }
        for part in name.lowercased().split(separator: ":").reversed() {
            if let match = nameUnits.first(where: { part.hasSuffix($0.suffix) }) {
                return (match.unit, "its name \"\(name)\" ends in \(match.suffix)")
            }
        }
        return (.base, base + " (\"\(name)\")")
    }

    /// `{__name__="x", job="y"}` for messages, and the field `__name__` names.
    private static func identity(_ element: JSONNode, _ reader: ExportReader) throws(InputError) -> (
        String, SnapshotField?, [String: String]
    ) {
        guard let metric = element.member("metric") else { throw reader.missing(element, "a \"metric\" object of labels") }
        let labels = try reader.object(metric, "a \"metric\" object of labels")
        let metricName = labels.first { $0.key == "__name__" }?.value.string
        let others = labels.filter { $0.key != "__name__" }.map { "\($0.key)=\"\($0.value.string ?? "")\"" }
        let name = (metricName ?? "") + (others.isEmpty && metricName != nil ? "" : "{" + others.joined(separator: ",") + "}")
        var all: [String: String] = [:]
        for label in labels { all[label.key] = label.value.string ?? "" }
        return (name == "{}" ? "a series with no labels" : name, metricName.flatMap(FieldCatalog.field(named:)), all)
    }

    private static func point(_ pair: [JSONNode], node: JSONNode, _ reader: ExportReader) throws(InputError) -> MetricPoint {
        guard pair.count == 2 else { throw reader.fail(node, "a [time, \"value\"] pair") }
        return MetricPoint(time: try reader.time(pair[0]), value: try value(pair[1], reader), literal: ExportReader.literal(pair[1]))
    }

    /// The forms Prometheus writes a sample value in: a decimal with an optional exponent, or `NaN`, `+Inf`, `-Inf`.
    static let valueForms = "a value as Prometheus writes it: a decimal string such as \"0.25\" or \"1e-3\", or \"NaN\", \"+Inf\", \"-Inf\""

    /// A sample value: only Prometheus's own number forms (Go's `FormatFloat`), so an empty string, a hex float
    /// (`0x1p3`) or a padded `" 5"` is an error naming the point rather than a number or a missing value.
    static func value(_ node: JSONNode, _ reader: ExportReader) throws(InputError) -> Double? {
        switch node.value {
        case .number(let number) where number.value.isFinite: return number.value
        case .string("NaN"), .string("+Inf"), .string("-Inf"): return nil
        case .string(let text):
            guard CSVWriter.isPlainNumber(text), let number = Double(text), number.isFinite else {
                throw .notAnExport(
                    place: node.place(in: reader.file), format: "prometheus", expected: valueForms, found: "\"\(text)\"")
            }
            return number
        default: throw reader.fail(node, valueForms)
        }
    }
}
