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
                series.append(
                    MetricSeries(name: name, field: field, unit: .base, points: points, place: element.place(in: source), labels: labels))
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
        return MetricPoint(time: try reader.time(pair[0]), value: try reader.value(pair[1]))
    }
}
