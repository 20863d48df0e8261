/// One time series read from a monitoring export: its name, the field it names (when it names one), the unit of
/// its values and its points.
public struct MetricSeries: Equatable, Sendable {
    /// How the export names the series: `__name__` and labels, a CloudWatch label or id, a Grafana column.
    public var name: String
    /// The snapshot field the series names by itself, or nil when it needs a binding (`FIELD=PATH`) to count.
    public var field: SnapshotField?
    /// The unit the values are in.
    public var unit: MetricUnit
    /// The points in time order; a nil value is a point with no value (`NaN`, `±Inf`, `null`, an empty cell).
    public var points: [MetricPoint]
    /// Why the values are read in `unit` (`its name ends in _ms`), for `--verbose`; nil when nothing needs saying.
    public var unitReason: String?
    /// The statistic the values are (`p95`, `Average`) when the export gives several of one metric (CloudWatch's
    /// get-metric-statistics): a field takes the one it asks for (``StatisticChoice``).
    public var statistic: String?
    /// Whether a mapping rule (`"statistic": "p99"`) chose this statistic for its field, knowingly.
    public var statisticAccepted = false
    /// Where the series starts in its file, for messages.
    public var place: SourcePlace
    /// What a mapping file (`--map`) can match: Prometheus labels (`__name__` included), `column` (Grafana), `Id` and
    /// `Label` (CloudWatch), `metric` (Datadog).
    public var labels: [String: String]

    public init(
        name: String, field: SnapshotField?, unit: MetricUnit, points: [MetricPoint], place: SourcePlace, labels: [String: String] = [:],
        unitReason: String? = nil, statistic: String? = nil
    ) {
        self.statistic = statistic
        self.labels = labels
        self.unitReason = unitReason
        self.name = name
        self.field = field
        self.unit = unit
        self.points = points.sorted { ($0.time ?? -.infinity) < ($1.time ?? -.infinity) }
        self.place = place
    }
}

/// One point of a metric series: a time (nil for a summary with no time, such as k6's) and a value (nil for none).
public struct MetricPoint: Equatable, Sendable {
    /// Unix seconds.
    public var time: Double?
    public var value: Double?
    /// The value as the export wrote it, in decimal, so a conversion keeps the source's digits; nil when unknown.
    var literal: DecimalLiteral?

    public init(time: Double?, value: Double?) {
        self.time = time
        self.value = value
    }

    /// A point whose value the export wrote as `literal` (`"0.25"`, a JSON number's text): its digits without the
    /// binary tail of the tool's arithmetic (``DecimalLiteral/withoutBinaryTail()``), so Prometheus's
    /// `"587.4999999999994"` ms is 587.5, as the same capture's `"0.5874999999999994"` s is once converted; digits
    /// with no such tail (`"0.48660714285714285"`) are kept, every one.
    init(time: Double?, value: Double?, literal: String?) {
        self.time = time
        self.literal = value == nil ? nil : literal.flatMap(DecimalLiteral.init)?.withoutBinaryTail()
        self.value = value.map { value in literal == nil ? value : self.literal?.value ?? value }
    }

    /// The point with its value times `factor`, carrying the source's digits: `"0.6942045454545454"` s times 1000
    /// is 694.2045454545454 ms, the source's digits with the point moved, never a rounding at a fixed 12 digits
    /// that drops some the source had (694.204545455); a binary tail the tool's arithmetic left is no digit of the
    /// source (``DecimalLiteral/withoutBinaryTail()``): `"0.09500000000000001"` s is 95 ms. A value with no literal (a computed one),
    /// or a factor with no exact decimal, falls back to ``InputMerger/cleaned(_:)``.
    func converted(by factor: Double) -> MetricPoint {
        guard factor != 1, let value else { return self }
        var point = self
        if let literal, let exact = DecimalLiteral(factor: factor).flatMap(literal.multiplied(by:)), let product = exact.value {
            point.value = product
            point.literal = exact
        } else {
            point.value = InputMerger.cleaned(value * factor)
            point.literal = nil
        }
        return point
    }
}

extension MetricPoint {
    /// How many times repeat an earlier one, and the first that does; nil when every time is its own.
    static func repeatedTimes(_ times: [Double]) -> (count: Int, first: Double)? {
        var seen = Set<Double>()
        var repeated: [Double] = []
        for time in times where !seen.insert(time).inserted { repeated.append(time) }
        return repeated.min().map { (repeated.count, $0) }
    }
}

/// Which statistic of an export that gives several (CloudWatch's get-metric-statistics) a field takes.
///
/// A percentile field takes its percentile by name and nothing else: p99 is not a p95. Other fields take the first
/// of the export's statistics in preference order.
public enum StatisticChoice {
    /// The statistic each percentile field asks for.
    public static let wanted: [SnapshotField: String] = [.responseP95Ms: "p95"]

    /// The plain statistics, in the order one is taken for a field that asks for no percentile.
    public static let preference = ["Average", "Maximum", "Sum", "Minimum", "SampleCount"]

    /// The series of one field that it takes: those a mapping accepted, else those of the statistic it wants, else
    /// the most preferred statistic. Throws when a percentile field finds no series of its percentile.
    static func choose(
        _ list: [(MetricSeries, Double)], field: SnapshotField, file: String
    ) throws(InputError) -> [(MetricSeries, Double)] {
        let withStatistic = list.filter { $0.0.statistic != nil }
        guard !withStatistic.isEmpty else { return list }
        let plain = list.filter { $0.0.statistic == nil }
        let accepted = withStatistic.filter { $0.0.statisticAccepted }
        if !accepted.isEmpty { return plain + accepted }
        let present = withStatistic.compactMap(\.0.statistic).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if let wanted = wanted[field] {
            let matching = withStatistic.filter { $0.0.statistic?.lowercased() == wanted }
            guard !matching.isEmpty else {
                throw .statisticMissing(
                    file: file, field: field, wanted: wanted, present: present,
                    label: withStatistic[0].0.labels["Label"] ?? withStatistic[0].0.name)
            }
            return plain + matching
        }
        let best = preference.first { present.contains($0) } ?? present[0]
        return plain + withStatistic.filter { $0.0.statistic == best }
    }
}

/// The unit of a metric series' values, converted to the unit of the field it is bound to.
public enum MetricUnit: String, Sendable, CaseIterable {
    /// Base units as Prometheus and CloudWatch report them: seconds for durations, a 0–1 ratio for fractions, plain
    /// numbers for counts.
    case base
    /// Already in the field's own unit (ms for durations, 0–1 for fractions).
    case native
    case seconds = "s"
    case milliseconds = "ms"
    case microseconds = "us"
    case ratio
    case percent
    case count
    /// Events per second: bound to requests_per_month it is multiplied by the seconds of a 30-day month.
    case perSecond = "per-second"
    /// Bytes, for a size (db_storage_gb counts decimal gigabytes: 1 GB is 10⁹ bytes).
    case bytes
    /// Decimal gigabytes, db_storage_gb's own unit.
    case gigabytes = "GB"

    /// The unit for people, in notes: `seconds`, `ms`, `a 0–1 ratio`.
    public var spoken: String {
        switch self {
        case .base: "base units (seconds, 0-1 ratios, counts)"
        case .native: "the field's own unit"
        case .seconds: "seconds"
        case .milliseconds: "milliseconds"
        case .microseconds: "microseconds"
        case .ratio: "ratios (0-1)"
        case .percent: "percent"
        case .count: "counts"
        case .perSecond: "per-second rates"
        case .bytes: "bytes"
        case .gigabytes: "gigabytes"
        }
    }

    /// Seconds in the 30-day month a per-second rate is scaled to: 2,592,000.
    public static let secondsPerMonth: Double = 2_592_000

    /// The unit named in a binding (`FIELD:UNIT=PATH`), ignoring case: `s`, `ms`, `us`, `ratio`, `%`, `count`, `/s`,
    /// `bytes`, `GB`.
    public init?(parsing text: String) {
        let table: [String: MetricUnit] = [
            "s": .seconds, "sec": .seconds, "seconds": .seconds, "ms": .milliseconds, "milliseconds": .milliseconds,
            "us": .microseconds, "µs": .microseconds, "ratio": .ratio, "fraction": .ratio, "%": .percent, "percent": .percent,
            "pct": .percent, "count": .count, "/s": .perSecond, "per-second": .perSecond, "rps": .perSecond, "native": .native,
            "base": .base, "bytes": .bytes, "b": .bytes, "gb": .gigabytes,
        ]
        guard let unit = table[text.lowercased()] else { return nil }
        self = unit
    }

    /// The factor that turns a value in this unit into the field's canonical unit, or nil when the unit cannot
    /// describe that field (seconds bound to a count).
    public func factor(to field: SnapshotField) -> Double? {
        switch (field.spec.kind, self) {
        case (_, .native): 1
        case (.milliseconds, .base), (.milliseconds, .seconds): 1000
        case (.milliseconds, .milliseconds): 1
        case (.milliseconds, .microseconds): 0.001
        case (.fraction, .base), (.fraction, .ratio): 1
        case (.fraction, .percent): 0.01
        case (.count, .perSecond) where field == .requestsPerMonth: MetricUnit.secondsPerMonth
        case (.count, .base), (.count, .count), (.money, .base), (.gigabytes, .base), (.gigabytes, .gigabytes): 1
        case (.gigabytes, .bytes): 1e-9
        default: nil
        }
    }
}

/// The series read from one monitoring export, and what was noticed on the way.
public struct AdaptedInput: Equatable, Sendable {
    public var source: String
    public var format: InputFormat
    public var series: [MetricSeries]
    public var warnings: [InputWarning]

    public init(source: String, format: InputFormat, series: [MetricSeries], warnings: [InputWarning] = []) {
        self.source = source
        self.format = format
        self.series = series
        self.warnings = warnings
    }
}

extension JSONNode {
    /// The member named `key` of an object node.
    func member(_ key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }

    var string: String? { if case .string(let text) = value { text } else { nil } }
    var number: Double? { if case .number(let number) = value { number.value } else { nil } }
    var elements: [JSONNode]? { if case .array(let elements) = value { elements } else { nil } }
    var members: [JSONMember]? { if case .object(let members) = value { members } else { nil } }
    var isObject: Bool { members != nil }

    func place(in file: String) -> SourcePlace { SourcePlace(file: file, line: location.line, column: location.column) }
}

/// Reading helpers every adapter shares: a wrong shape is an `InputError.notAnExport` naming the place.
struct ExportReader {
    let file: String
    let format: InputFormat

    func fail(_ node: JSONNode, _ expected: String) -> InputError {
        .notAnExport(place: node.place(in: file), format: format.rawValue, expected: expected, found: node.value.typeNameWithArticle)
    }

    func object(_ node: JSONNode, _ expected: String) throws(InputError) -> [JSONMember] {
        guard let members = node.members else { throw fail(node, expected) }
        return members
    }

    func array(_ node: JSONNode?, in parent: JSONNode, _ expected: String) throws(InputError) -> [JSONNode] {
        guard let node else { throw missing(parent, expected) }
        guard let elements = node.elements else { throw fail(node, expected) }
        return elements
    }

    func missing(_ parent: JSONNode, _ expected: String) -> InputError {
        .notAnExport(place: parent.place(in: file), format: format.rawValue, expected: expected, found: "nothing")
    }

    /// The text a number or numeric string was written as, for ``MetricPoint/literal``.
    static func literal(_ node: JSONNode) -> String? {
        switch node.value {
        case .number(let number): number.literal
        case .string(let text): text.trimmingSpaces
        default: nil
        }
    }

    /// A point at `time` whose value is `node`, with the literal it was written as.
    func point(time: Double?, _ node: JSONNode) throws(InputError) -> MetricPoint {
        MetricPoint(time: time, value: try value(node), literal: Self.literal(node))
    }

    /// A number or a numeric string (Prometheus writes `"0.25"`, `"NaN"`, `"+Inf"`); non-finite and null are no value.
    func value(_ node: JSONNode) throws(InputError) -> Double? {
        switch node.value {
        case .null: return nil
        case .number(let number): return number.value.isFinite ? number.value : nil
        case .string(let text):
            let trimmed = text.trimmingSpaces
            if ["nan", "+inf", "-inf", "inf", ""].contains(trimmed.lowercased()) { return nil }
            guard let number = Double(trimmed), number.isFinite else { throw fail(node, "a number or a numeric string") }
            return number
        default: throw fail(node, "a number, a numeric string or null")
        }
    }

    /// A time in Unix seconds, fractions allowed; `divisor` 1000 reads epoch milliseconds.
    func time(_ node: JSONNode, divisor: Double = 1) throws(InputError) -> Double {
        let seconds: Double?
        switch node.value {
        case .number(let number): seconds = number.value / divisor
        case .string(let text):
            if let number = Double(text.trimmingSpaces) { seconds = number / divisor } else { seconds = try? Timestamp.parse(text) }
        default: seconds = nil
        }
        guard let seconds, seconds.isFinite,
            (try? Timestamp.check(unixSeconds: seconds, literal: Quantity.formatPlain(seconds))) != nil
        else { throw fail(node, divisor == 1 ? "a time in Unix seconds or ISO-8601" : "a time in epoch milliseconds") }
        return seconds
    }
}
