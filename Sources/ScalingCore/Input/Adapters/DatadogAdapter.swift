/// Reads a Datadog `GET /api/v1/query` response: `series[].pointlist` of `[epoch_ms, value|null]`.
///
/// A series names its field through its `metric` or `expression` when that is a field name or alias; its unit comes
/// from `unit[0].name` (second, millisecond, percent, fraction). Null points, trailing ones included, have no value.
enum DatadogAdapter {
    /// Datadog's unit names and the units they are read in.
    static let units: [String: MetricUnit] = [
        "second": .seconds, "millisecond": .milliseconds, "microsecond": .microseconds, "nanosecond": .native,
        "percent": .percent, "fraction": .ratio, "request": .count, "hit": .count,
    ]

    static func probe(_ root: JSONNode) -> Bool {
        if let series = root.member("series")?.elements {
            return root.member("res_type") != nil || root.member("from_date") != nil || root.member("query") != nil
                || series.contains { $0.member("pointlist") != nil }
        }
        return root.member("errors")?.elements != nil && root.member("status") == nil
    }

    static func read(_ root: JSONNode, source: String) throws(InputError) -> AdaptedInput {
        let reader = ExportReader(file: source, format: .datadog)
        _ = try reader.object(root, "a Datadog query response object")
        if let errors = root.member("errors")?.elements, !errors.isEmpty {
            throw .exportError(file: source, tool: "Datadog", detail: errors.compactMap(\.string).joined(separator: "; "))
        }
        if root.member("status")?.string == "error" {
            throw .exportError(file: source, tool: "Datadog", detail: root.member("error")?.string ?? "status error")
        }
        var series: [MetricSeries] = []
        for element in try reader.array(root.member("series"), in: root, "a \"series\" array") {
            let metric = element.member("metric")?.string ?? element.member("expression")?.string ?? "series"
            let scope = element.member("scope")?.string
            var points: [MetricPoint] = []
            for pair in try reader.array(element.member("pointlist"), in: element, "a \"pointlist\" array") {
                guard let items = pair.elements, items.count == 2 else { throw reader.fail(pair, "an [epoch_ms, value] pair") }
                points.append(MetricPoint(time: try reader.time(items[0], divisor: 1000), value: try reader.value(items[1])))
            }
            let unitName = element.member("unit")?.elements?.first?.member("name")?.string
            let field = FieldCatalog.field(named: metric) ?? element.member("expression")?.string.flatMap(FieldCatalog.field(named:))
            series.append(
                MetricSeries(
                    name: metric + (scope.map { "{\($0)}" } ?? ""), field: field, unit: unitName.flatMap { units[$0] } ?? .native,
                    points: points, place: element.place(in: source), labels: ["metric": metric, "scope": scope ?? ""]))
        }
        return AdaptedInput(source: source, format: .datadog, series: series)
    }
}
