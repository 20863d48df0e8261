/// The outcome of one threshold on one snapshot.
public struct ThresholdVerdict: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case pass
        case breach(Severity)
        /// The metric (or the field its limit comes from) is absent: never counted as a pass.
        case unknown(missing: SnapshotField)
    }

    public let threshold: Threshold
    public let value: Double?
    /// The limit the verdict was judged against (the breached level's, or the least severe level's).
    public let limit: Double?
    public let status: Status

    /// The breach's severity, or nil when the threshold is not breached.
    public var severity: Severity? {
        if case .breach(let severity) = status { return severity }
        return nil
    }
}

/// Checks a snapshot against thresholds, most severe level first.
public enum ThresholdEvaluator {
    public static func evaluate(_ snapshot: Snapshot, thresholds: [Threshold] = GuideCatalog.thresholds) -> [ThresholdVerdict] {
        thresholds.map { evaluate(snapshot, $0) }
    }

    public static func evaluate(_ snapshot: Snapshot, _ threshold: Threshold) -> ThresholdVerdict {
        guard let value = snapshot[threshold.metric] else {
            // The limit is still worth showing when it is a number of the guide's.
            var limit: Double?
            if case .fixed(let number) = threshold.levels.min(by: { $0.severity < $1.severity })?.limit { limit = number }
            return ThresholdVerdict(threshold: threshold, value: nil, limit: limit, status: .unknown(missing: threshold.metric))
        }
        let levels = threshold.levels.sorted { $0.severity > $1.severity }
        var leastSevereLimit: Double?
        for level in levels {
            let limit: Double
            switch level.limit {
            case .fixed(let number):
                limit = number
            case .field(let field):
                guard let number = snapshot[field] else {
                    return ThresholdVerdict(threshold: threshold, value: value, limit: nil, status: .unknown(missing: field))
                }
                limit = number
            }
            if threshold.comparison.isBreached(value, limit: limit) {
                return ThresholdVerdict(threshold: threshold, value: value, limit: limit, status: .breach(level.severity))
            }
            leastSevereLimit = limit
        }
        return ThresholdVerdict(threshold: threshold, value: value, limit: leastSevereLimit, status: .pass)
    }

    /// Whether any verdict is a breach at or above `severity`: the `check` command's exit condition.
    public static func fails(_ verdicts: [ThresholdVerdict], at severity: Severity) -> Bool {
        verdicts.contains { $0.severity.map { $0 >= severity } ?? false }
    }
}
