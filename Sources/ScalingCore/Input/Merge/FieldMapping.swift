/// A mapping file (`--map FILE`): which series of monitoring exports are which snapshot field, by name.
///
/// ```json
/// {
///   "response_p95_ms": {"columns": ["http p95"], "unit": "s"},
///   "error_rate": {"labels": {"__name__": "job:errors:ratio"}},
///   "db_cpu": {"cloudwatch_ids": ["cpu"]},
///   "requests_per_second": {"datadog_metrics": ["trace.http.request.hits"]}
/// }
/// ```
///
/// Each key is a field (or `requests_per_second`); each value names series by Grafana column, Prometheus labels (all
/// must match; `__name__` included), CloudWatch `Id` or `Label`, or Datadog metric, with an optional unit. A series a
/// rule matches gets the rule's field (over the one its name implies); a `FIELD=PATH` binding still wins. Unknown
/// fields and keys are errors, so a typo never silently maps nothing.
public struct FieldMapping: Equatable, Sendable {
    /// One field's rule.
    public struct Rule: Equatable, Sendable {
        public var field: SnapshotField
        /// Any one of these matches: every label in it equal.
        public var matchers: [[String: String]]
        public var unit: MetricUnit?
        /// The statistic the rule takes knowingly (`"statistic": "p99"` for response_p95_ms), when the export has several.
        public var statistic: String?
    }

    public var rules: [Rule]

    /// The keys a field's rule may have, and what each names.
    static let ruleKeys: [(key: String, help: String)] = [
        ("columns", "Grafana column headers"),
        ("labels", "Prometheus labels that must all match, such as {\"__name__\": \"job:p95:seconds\"}"),
        ("cloudwatch_ids", "CloudWatch Ids or Labels"),
        ("datadog_metrics", "Datadog metric names"),
        ("statistic", "the statistic to take, knowingly, where the export has several (CloudWatch's p99 for a p95)"),
        ("unit", "the values' unit: s, ms, us, ratio, %, count, /s, bytes or GB"),
    ]

    /// Parses a mapping file's bytes; `source` names it in messages.
    public static func parse(_ bytes: [UInt8], source: String) throws(InputError) -> FieldMapping {
        let root: JSONNode
        do { root = try JSONReader.parse(bytes) } catch {
            throw .invalidMapping(
                place: SourcePlace(file: source, line: error.location.line, column: error.location.column),
                reason: "invalid JSON: expected \(error.expected), found \(error.found)")
        }
        func fail(_ node: JSONNode, _ reason: String) -> InputError { .invalidMapping(place: node.place(in: source), reason: reason) }
        func strings(_ node: JSONNode, _ key: String) throws(InputError) -> [String] {
            guard let elements = node.elements else { throw fail(node, "\"\(key)\" must be an array of strings") }
            var texts: [String] = []
            for element in elements {
                guard let text = element.string else { throw fail(element, "\"\(key)\" must be an array of strings") }
                texts.append(text)
            }
            return texts
        }
        guard let members = root.members else {
            throw fail(root, "expected an object whose keys are snapshot fields, such as {\"response_p95_ms\": {\"columns\": [\"p95\"]}}")
        }
        var rules: [Rule] = []
        for member in members {
            let keyPlace = SourcePlace(file: source, line: member.keyLocation.line, column: member.keyLocation.column)
            var field = FieldCatalog.field(named: member.key)
            var unit: MetricUnit?
            if FieldCatalog.normalize(member.key) == FieldCatalog.normalize(InputBinding.perSecondRequestsName) {
                field = .requestsPerMonth
                unit = .perSecond
            }
            guard let field, field.isNumeric else {
                let suggestion = Suggestion.nearest(to: member.key, in: FieldCatalog.allNames + [InputBinding.perSecondRequestsName])
                throw .invalidMapping(
                    place: keyPlace,
                    reason: "unknown field \"\(member.key)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""))
            }
            guard let entries = member.value.members else { throw fail(member.value, "the rule for \(member.key) must be an object") }
            var matchers: [[String: String]] = []
            var statistic: String?
            for entry in entries {
                switch entry.key {
                case "columns": matchers += try strings(entry.value, entry.key).map { ["column": $0] }
                case "cloudwatch_ids": matchers += try strings(entry.value, entry.key).flatMap { [["Id": $0], ["Label": $0]] }
                case "datadog_metrics": matchers += try strings(entry.value, entry.key).map { ["metric": $0] }
                case "labels":
                    guard let labels = entry.value.members else {
                        throw fail(entry.value, "\"labels\" must be an object of label names to values")
                    }
                    var matcher: [String: String] = [:]
                    for label in labels {
                        guard let value = label.value.string else { throw fail(label.value, "label \"\(label.key)\" must be a string") }
                        matcher[label.key] = value
                    }
                    matchers.append(matcher)
                case "statistic":
                    guard let text = entry.value.string, !text.isEmpty else {
                        throw fail(entry.value, "\"statistic\" must be a statistic's name, such as \"p99\" or \"Average\"")
                    }
                    statistic = text
                case "unit":
                    guard let text = entry.value.string, let parsed = MetricUnit(parsing: text) else {
                        throw fail(entry.value, "\"unit\" must be one of s, ms, us, ratio, %, count, /s, bytes, GB")
                    }
                    unit = parsed
                default:
                    let suggestion = Suggestion.nearest(to: entry.key, in: ruleKeys.map(\.key))
                    throw .invalidMapping(
                        place: SourcePlace(file: source, line: entry.keyLocation.line, column: entry.keyLocation.column),
                        reason: "unknown key \"\(entry.key)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
                            + "; a rule takes " + ruleKeys.map(\.key).joined(separator: ", "))
                }
            }
            guard !matchers.isEmpty else {
                throw fail(
                    member.value, "the rule for \(member.key) names no series: give columns, labels, cloudwatch_ids or datadog_metrics")
            }
            if let statistic { matchers = matchers.map { $0.merging(["statistic": statistic]) { $1 } } }
            rules.append(Rule(field: field, matchers: matchers, unit: unit, statistic: statistic))
        }
        return FieldMapping(rules: rules)
    }

    /// The input with each series a rule matches given the rule's field and unit; the first matching rule wins.
    public func apply(to input: AdaptedInput) -> AdaptedInput {
        var mapped = input
        for index in mapped.series.indices {
            let labels = mapped.series[index].labels
            guard
                let rule = rules.first(where: { rule in
                    rule.matchers.contains { matcher in matcher.allSatisfy { labels[$0.key] == $0.value } }
                })
            else { continue }
            mapped.series[index].field = rule.field
            if let unit = rule.unit {
                mapped.series[index].unit = unit
                mapped.series[index].unitReason = "as the mapping file's rule for \(rule.field.rawValue) says"
            }
            if rule.statistic != nil { mapped.series[index].statisticAccepted = true }
        }
        return mapped
    }
}
