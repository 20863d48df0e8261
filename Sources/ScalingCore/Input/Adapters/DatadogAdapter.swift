/// Reads a Datadog `GET /api/v1/query` response: `series[].pointlist` of `[epoch_ms, value|null]`.
///
/// A series names its field through its `metric` or `expression` when that is a field name or alias; its unit comes
/// from `unit[0].name` per `unit[1].name` (``units``). Null points, trailing ones included, have no value.
enum DatadogAdapter {
    /// Datadog's unit names (its metric units list), each read as a unit scalectl converts from and a factor to it:
    /// the whole time family (nanosecond to week), percent and fraction, bytes (binary and decimal), money, and the
    /// things Datadog counts. A unit not here is an error naming it, never assumed to be the field's.
    static let units: [String: (unit: MetricUnit, factor: Double)] = {
        var table: [String: (unit: MetricUnit, factor: Double)] = [
            "nanosecond": (.seconds, 1e-9), "microsecond": (.seconds, 1e-6), "millisecond": (.seconds, 1e-3), "second": (.seconds, 1),
            "minute": (.seconds, 60), "hour": (.seconds, 3600), "day": (.seconds, 86_400), "week": (.seconds, 604_800),
            "percent": (.percent, 1), "percent_nano": (.percent, 1e-9), "fraction": (.ratio, 1),
            "bit": (.bytes, 0.125), "byte": (.bytes, 1), "kibibyte": (.bytes, 1024), "mebibyte": (.bytes, 1_048_576),
            "gibibyte": (.bytes, 1_073_741_824), "tebibyte": (.bytes, 1_099_511_627_776), "pebibyte": (.bytes, 1_125_899_906_842_624),
            "kilobyte": (.bytes, 1e3), "megabyte": (.bytes, 1e6), "gigabyte": (.bytes, 1e9), "terabyte": (.bytes, 1e12),
            "petabyte": (.bytes, 1e15), "dollar": (.base, 1), "cent": (.base, 0.01),
        ]
        for name in countUnits { table[name] = (.count, 1) }
        return table
    }()

    /// Datadog units that count things: requests, hits, connections, queries, …
    static let countUnits: [String] = [
        "request", "response", "hit", "miss", "connection", "query", "command", "operation", "event", "error", "item", "task",
        "packet", "message", "transaction", "row", "key", "record", "document", "job", "execution", "invocation", "user",
        "session", "occurrence", "unit", "process", "thread", "host", "node", "instance", "container", "get", "set", "eviction",
        "read", "write", "success", "exception", "sample", "check", "attempt", "timeout", "lock", "scan", "fetch", "commit",
    ]

    /// The unit of a series: `unit[0]`, per `unit[1]` (a rate such as request per second); nil when Datadog gives none.
    static func unit(of element: JSONNode, _ reader: ExportReader) throws(InputError) -> (unit: MetricUnit, factor: Double, name: String)? {
        guard let list = element.member("unit")?.elements, let first = list.first, first.value != .null else { return nil }
        func lookUp(_ node: JSONNode) throws(InputError) -> (name: String, unit: (unit: MetricUnit, factor: Double)) {
            guard let name = node.member("name")?.string else { throw reader.fail(node, "a unit object with a \"name\"") }
            guard let unit = units[name.lowercased()] else {
                throw .notAnExport(
                    place: node.place(in: reader.file), format: "datadog",
                    expected:
                        "a unit scalectl can convert (nanosecond to week, percent, fraction, byte units, or a count such as request); "
                        + "bind the file as FIELD:UNIT=PATH to say the unit",
                    found: "the unit \"\(name)\"")
            }
            return (name, unit)
        }
        let (name, unit) = try lookUp(first)
        guard list.count > 1, list[1].value != .null else { return (unit.unit, unit.factor, name) }
        let (perName, per) = try lookUp(list[1])
        guard per.unit == .seconds, unit.unit == .count || unit.unit == .base else {
            throw .notAnExport(
                place: list[1].place(in: reader.file), format: "datadog",
                expected: "a count per unit of time (request per second)", found: "\"\(name)\" per \"\(perName)\"")
        }
        return (.perSecond, unit.factor / per.factor, "\(name) per \(perName)")
    }

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
        var warnings: [InputWarning] = []
        for element in try reader.array(root.member("series"), in: root, "a \"series\" array") {
            let metric = element.member("metric")?.string ?? element.member("expression")?.string ?? "series"
            let scope = element.member("scope")?.string
            let unit = try unit(of: element, reader)
            var points: [MetricPoint] = []
            for pair in try reader.array(element.member("pointlist"), in: element, "a \"pointlist\" array") {
                guard let items = pair.elements, items.count == 2 else { throw reader.fail(pair, "an [epoch_ms, value] pair") }
                let point = try reader.point(time: try reader.time(items[0], divisor: 1000), items[1])
                points.append(unit.map { point.converted(by: $0.factor) } ?? point)
            }
            let field = FieldCatalog.field(named: metric) ?? element.member("expression")?.string.flatMap(FieldCatalog.field(named:))
            let name = metric + (scope.map { "{\($0)}" } ?? "")
            if !points.isEmpty, points.allSatisfy({ $0.value == nil }) {
                warnings.append(.partialData(file: source, detail: "\(name) has only null points: it gives no value"))
            }
            series.append(
                MetricSeries(
                    name: name, field: field, unit: unit?.unit ?? .native, points: points, place: element.place(in: source),
                    labels: ["metric": metric, "scope": scope ?? ""],
                    unitReason: unit.map { "Datadog's unit \"\($0.name)\"" }
                        ?? "Datadog gives no unit, so the field's own (bind FIELD:UNIT=PATH to say another)"))
        }
        return AdaptedInput(source: source, format: .datadog, series: series, warnings: warnings)
    }
}
