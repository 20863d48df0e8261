/// A `FIELD=PATH` or `FIELD:UNIT=PATH` argument: the input's series are the field, in the unit given or the
/// export's own.
///
/// `response_p95_ms=p95.json` binds a Prometheus p95 (seconds) to the field in milliseconds;
/// `response_p95_ms:ms=export.json` says the values already are milliseconds; `requests_per_second=rate.json` binds a
/// per-second rate, which becomes requests_per_month (× 2,592,000, the seconds of a 30-day month).
public struct InputBinding: Equatable, Sendable {
    public var field: SnapshotField
    /// The unit written after the field, overriding the export's.
    public var unit: MetricUnit?
    public var path: String
    /// The argument as written, for messages.
    public var argument: String

    public init(field: SnapshotField, unit: MetricUnit?, path: String, argument: String) {
        self.field = field
        self.unit = unit
        self.path = path
        self.argument = argument
    }

    /// Names a per-second request rate; bound, it becomes requests_per_month.
    public static let perSecondRequestsName = "requests_per_second"

    /// Whether an argument is written as a binding: `NAME=…` or `NAME:UNIT=…` where NAME is letters, digits and `_`.
    /// A path with `=` in it is still a path when `exists` says the file is there.
    public static func looksLikeBinding(_ argument: String, exists: (String) -> Bool) -> Bool {
        guard let equals = argument.firstIndex(of: "="), !exists(argument) else { return false }
        let left = argument[..<equals]
        return !left.isEmpty && !left.contains("/")
    }

    /// Parses `FIELD=PATH` or `FIELD:UNIT=PATH`.
    public static func parse(_ argument: String) throws(InputError) -> InputBinding {
        guard let equals = argument.firstIndex(of: "=") else {
            throw .invalidBinding(argument: argument, reason: "expected FIELD=PATH or FIELD:UNIT=PATH")
        }
        let left = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else { throw .invalidBinding(argument: argument, reason: "no file after '='") }
        let parts = left.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        var unit: MetricUnit?
        if parts.count == 2 {
            guard let parsed = MetricUnit(parsing: parts[1]) else {
                throw .invalidBinding(
                    argument: argument, reason: "unknown unit '\(parts[1])'; units: s, ms, us, ratio, %, count, /s, bytes, GB")
            }
            unit = parsed
        }
        if FieldCatalog.normalize(name) == FieldCatalog.normalize(perSecondRequestsName) {
            return InputBinding(field: .requestsPerMonth, unit: unit ?? .perSecond, path: path, argument: argument)
        }
        guard let field = FieldCatalog.field(named: name), field.isNumeric else {
            let suggestion = Suggestion.nearest(to: name, in: FieldCatalog.allNames + [perSecondRequestsName])
            throw .invalidBinding(
                argument: argument,
                reason: "'\(name)' is not a numeric snapshot field" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        return InputBinding(field: field, unit: unit, path: path, argument: argument)
    }
}

/// How several series for one field are combined at one time.
public enum Aggregation: String, CaseIterable, Sendable {
    /// Added up: request rates and counts split across instances.
    case sum
    /// The largest: latencies, CPU, connections, where the worst instance is what matters.
    case max
    /// The average: ratios.
    case mean
    /// The smallest.
    case min

    public func apply(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        switch self {
        case .sum: return values.reduce(0, +)
        case .max: return values.max()
        case .mean: return values.reduce(0, +) / Double(values.count)
        case .min: return values.min()
        }
    }

    /// Each field's natural aggregation: how its series add up across instances, handlers or status codes.
    public static let natural: [SnapshotField: Aggregation] = [
        .users: .sum, .dailyActiveUsers: .sum, .payingCustomers: .sum, .mrr: .sum, .requestsPerMonth: .sum,
        .redisCommandsPerDay: .sum, .dbStorageGB: .sum, .monthlyCost: .sum,
        .responseP95Ms: .max, .dbCPU: .max, .dbConnections: .max, .dbConnectionLimit: .max,
        .errorRate: .mean, .cacheHitRate: .mean,
    ]

    /// `FIELD=sum|max|mean|min`, as `--combine` takes it.
    public static func parseOverride(_ text: String) throws(InputError) -> (SnapshotField, Aggregation) {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, let field = FieldCatalog.field(named: parts[0]), natural[field] != nil else {
            throw .invalidBinding(
                argument: text, reason: "--combine expects FIELD=sum|max|mean|min with a numeric field, such as response_p95_ms=max")
        }
        guard let aggregation = Aggregation(rawValue: parts[1].lowercased()) else {
            throw .invalidBinding(argument: text, reason: "'\(parts[1])' is not sum, max, mean or min")
        }
        return (field, aggregation)
    }
}
