/// Reads AWS CloudWatch output: `aws cloudwatch get-metric-data` and `get-metric-statistics`.
///
/// get-metric-data gives `MetricDataResults`, each with parallel `Timestamps` and `Values` (newest first) and a
/// `StatusCode`; get-metric-statistics gives `Datapoints` in no order, each with `Average`, `Maximum`, … and
/// `ExtendedStatistics` such as `p95`. Values are in base units (seconds, counts); CPU utilisation is a percentage,
/// so a series whose label or id says CPU, or whose `Unit` is `Percent`, is read as percent.
enum CloudWatchAdapter {
    static func probe(_ root: JSONNode) -> Bool {
        root.member("MetricDataResults")?.elements != nil || root.member("Datapoints")?.elements != nil
    }

    /// The statistics of a get-metric-statistics datapoint, in the order one is chosen when several are present.
    static let statisticPreference = ["Average", "Maximum", "Sum", "Minimum", "SampleCount"]

    /// CloudWatch's `Unit` names and the units they are read in.
    static let units: [String: MetricUnit] = [
        "Seconds": .seconds, "Milliseconds": .milliseconds, "Microseconds": .microseconds, "Percent": .percent,
        "Count": .count, "Count/Second": .perSecond,
    ]

    static func read(_ root: JSONNode, source: String) throws(InputError) -> AdaptedInput {
        let reader = ExportReader(file: source, format: .cloudwatch)
        _ = try reader.object(root, "get-metric-data or get-metric-statistics output")
        var warnings: [InputWarning] = []
        var series: [MetricSeries] = []
        if let results = root.member("MetricDataResults") {
            for result in try reader.array(results, in: root, "a MetricDataResults array") {
                let id = result.member("Id")?.string ?? ""
                let label = result.member("Label")?.string ?? id
                switch result.member("StatusCode")?.string ?? "Complete" {
                case "Complete": break
                case "PartialData":
                    warnings.append(.partialData(file: source, detail: "\"\(label)\" has StatusCode PartialData (more pages exist)"))
                case let code:
                    let messages = (root.member("Messages")?.elements ?? []).compactMap { $0.member("Value")?.string }
                    throw .exportError(
                        file: source, tool: "CloudWatch",
                        detail: "\"\(label)\" has StatusCode \(code)" + (messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")))
                }
                let times = try reader.array(result.member("Timestamps"), in: result, "a Timestamps array")
                let values = try reader.array(result.member("Values"), in: result, "a Values array")
                guard times.count == values.count else {
                    throw reader.fail(result, "as many Timestamps as Values (\(times.count) and \(values.count))")
                }
                var points: [MetricPoint] = []
                for (time, value) in zip(times, values) {
                    points.append(MetricPoint(time: try reader.time(time), value: try reader.value(value)))
                }
                let field = FieldCatalog.field(named: id) ?? FieldCatalog.field(named: label)
                let unit: MetricUnit = (label + " " + id).lowercased().contains("cpu") ? .percent : .base
                series.append(
                    MetricSeries(
                        name: label, field: field, unit: unit, points: points, place: result.place(in: source),
                        labels: ["Id": id, "Label": label]))
            }
        } else {
            let label = root.member("Label")?.string ?? "datapoints"
            let datapoints = try reader.array(root.member("Datapoints"), in: root, "a Datapoints array")
            var statistic: String?
            var unit: MetricUnit = label.lowercased().contains("cpu") ? .percent : .base
            var points: [MetricPoint] = []
            for datapoint in datapoints {
                _ = try reader.object(datapoint, "a datapoint object")
                guard let time = datapoint.member("Timestamp") else { throw reader.missing(datapoint, "a \"Timestamp\"") }
                let chosen = statistic ?? chooseStatistic(datapoint)
                statistic = chosen
                guard let chosen else { throw reader.missing(datapoint, "a statistic (Average, Maximum, …, ExtendedStatistics)") }
                let node = datapoint.member(chosen) ?? datapoint.member("ExtendedStatistics")?.member(chosen)
                if let name = datapoint.member("Unit")?.string, let known = units[name] { unit = known }
                points.append(
                    MetricPoint(
                        time: try reader.time(time), value: try node.map { (node) throws(InputError) in try reader.value(node) } ?? nil))
            }
            let name = label + (statistic.map { " (\($0))" } ?? "")
            series.append(
                MetricSeries(
                    name: name, field: FieldCatalog.field(named: label), unit: unit, points: points, place: root.place(in: source),
                    labels: ["Label": label])
            )
        }
        return AdaptedInput(source: source, format: .cloudwatch, series: series, warnings: warnings)
    }

    /// A percentile from ExtendedStatistics first (p95 is what advice needs), else the first of the plain statistics.
    private static func chooseStatistic(_ datapoint: JSONNode) -> String? {
        if let extended = datapoint.member("ExtendedStatistics")?.members?.first { return extended.key }
        return statisticPreference.first { datapoint.member($0) != nil }
    }
}
