/// Reads AWS CloudWatch output: `aws cloudwatch get-metric-data` and `get-metric-statistics`.
///
/// get-metric-data gives `MetricDataResults`, each with parallel `Timestamps` and `Values` (newest first) and a
/// `StatusCode`; get-metric-statistics gives `Datapoints` in no order, each with `Average`, `Maximum`, … and
/// `ExtendedStatistics` such as `p95`, each statistic read as its own series so that a field takes the one it asks
/// for (``StatisticChoice``: p95 for response_p95_ms, never the first key). Values are in base units (seconds,
/// counts) or the datapoints' `Unit` (``units``; another is an error); CPU utilisation is a percentage, so a series
/// whose label or id says CPU, or whose `Unit` is `Percent`, is read as percent.
enum CloudWatchAdapter {
    static func probe(_ root: JSONNode) -> Bool {
        root.member("MetricDataResults")?.elements != nil || root.member("Datapoints")?.elements != nil
    }

    /// CloudWatch's `Unit` names, each read as a unit scalectl converts from and a factor to it. A unit not here is an
    /// error naming it. (CloudWatch's byte multiples are binary: a Kilobyte is 1,024 bytes.)
    static let units: [String: (unit: MetricUnit, factor: Double)] = [
        "Seconds": (.seconds, 1), "Milliseconds": (.seconds, 1e-3), "Microseconds": (.seconds, 1e-6), "Percent": (.percent, 1),
        "Count": (.count, 1), "Count/Second": (.perSecond, 1), "Bytes": (.bytes, 1), "Kilobytes": (.bytes, 1024),
        "Megabytes": (.bytes, 1_048_576), "Gigabytes": (.bytes, 1_073_741_824), "Terabytes": (.bytes, 1_099_511_627_776),
        "None": (.base, 1),
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
                    points.append(try reader.point(time: try reader.time(time), value))
                }
                if let repeated = MetricPoint.repeatedTimes(points.compactMap(\.time)) {
                    warnings.append(
                        .partialData(
                            file: source,
                            detail:
                                "\"\(label)\" has \(repeated.count) Timestamps that repeat another (first \(Timestamp.format(repeated.first))): "
                                + "their values are combined with the field's aggregation"))
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
            var unit: (unit: MetricUnit, factor: Double, reason: String) =
                label.lowercased().contains("cpu")
                ? (.percent, 1, "the label \"\(label)\" says CPU, a percentage") : (.base, 1, "CloudWatch's base units")
            // Every statistic present, each its own series: a field takes the one it asks for (StatisticChoice).
            var statistics: [String] = []
            var pointsByStatistic: [String: [MetricPoint]] = [:]
            var times: [Double] = []
            for datapoint in datapoints {
                _ = try reader.object(datapoint, "a datapoint object")
                guard let timeNode = datapoint.member("Timestamp") else { throw reader.missing(datapoint, "a \"Timestamp\"") }
                let time = try reader.time(timeNode)
                times.append(time)
                if let unitNode = datapoint.member("Unit"), let name = unitNode.string {
                    guard let known = units[name] else {
                        throw .notAnExport(
                            place: unitNode.place(in: source), format: "cloudwatch",
                            expected: "a Unit scalectl can convert (" + units.keys.sorted().joined(separator: ", ")
                                + "); bind the file as FIELD:UNIT=PATH to say the unit",
                            found: "the unit \"\(name)\"")
                    }
                    unit = (known.unit, known.factor, "the datapoints' Unit \"\(name)\"")
                }
                var found: [(String, JSONNode)] = StatisticChoice.preference.compactMap { name in datapoint.member(name).map { (name, $0) }
                }
                found += (datapoint.member("ExtendedStatistics")?.members ?? []).map { ($0.key, $0.value) }
                guard !found.isEmpty else {
                    throw reader.missing(datapoint, "a statistic (Average, Maximum, …, ExtendedStatistics)")
                }
                for (name, node) in found {
                    if pointsByStatistic[name] == nil { statistics.append(name) }
                    pointsByStatistic[name, default: []].append(try reader.point(time: time, node))
                }
            }
            let field = FieldCatalog.field(named: label)
            for statistic in statistics {
                let points = (pointsByStatistic[statistic] ?? []).map { $0.converted(by: unit.factor) }
                series.append(
                    MetricSeries(
                        name: "\(label) (\(statistic))", field: field, unit: unit.unit, points: points, place: root.place(in: source),
                        labels: ["Label": label, "statistic": statistic], unitReason: unit.reason, statistic: statistic))
            }
            if let repeated = MetricPoint.repeatedTimes(times) {
                warnings.append(
                    .partialData(
                        file: source,
                        detail: "\(repeated.count) datapoints share a Timestamp with another (first \(Timestamp.format(repeated.first))): "
                            + "their values are combined with the field's aggregation"))
            }
        }
        return AdaptedInput(source: source, format: .cloudwatch, series: series, warnings: warnings)
    }

}
