/// When traffic counts as a spike: the latest value at least `factor` times the median of the `window` before it.
public struct SpikeRule: Sendable, Equatable {
    public var factor: Double
    /// Seconds before the latest snapshot whose values form the baseline.
    public var window: Double
    /// The traffic fields watched.
    public var fields: [SnapshotField]

    /// The default: 3× the trailing median of the previous 7 days, on requests and daily active users.
    public static let standard = SpikeRule(factor: 3, window: 7 * TimelineRules.day, fields: [.requestsPerMonth, .dailyActiveUsers])

    /// Without timestamps, the baseline is this many rows before the latest.
    public static let untimedRows = 7

    public init(factor: Double, window: Double, fields: [SnapshotField]) {
        self.factor = factor
        self.window = window
        self.fields = fields
    }
}

/// A traffic field far above its recent level.
public struct Spike: Sendable, Equatable {
    public let field: SnapshotField
    public let latest: Double
    /// The median of the baseline values.
    public let baseline: Double
    /// How many values formed the baseline.
    public let baselineCount: Int
    /// latest / baseline.
    public var ratio: Double { latest / baseline }
}

/// Finds traffic spikes, the trigger for the guide's Emergency Scaling playbook.
public enum SpikeDetector {
    public static func detect(_ timeline: Timeline, rule: SpikeRule = .standard) -> [Spike] {
        guard timeline.count >= 2 else { return [] }
        let latestRow = timeline.count - 1
        // The baseline rows: those within the window before the latest (the times are sorted), or the last few.
        let firstBaseline: Int
        if timeline.isTimed {
            let times = timeline.times
            let from = times[latestRow] - rule.window
            var low = 0
            var high = latestRow
            while low < high {
                let middle = (low + high) / 2
                if times[middle] >= from { high = middle } else { low = middle + 1 }
            }
            firstBaseline = low
        } else {
            firstBaseline = max(0, latestRow - SpikeRule.untimedRows)
        }
        return rule.fields.compactMap { field in
            guard let column = timeline.columns.column(field), !column[latestRow].isNaN else { return nil }
            let value = column[latestRow]
            let baseline = column[firstBaseline..<latestRow].filter { !$0.isNaN }
            guard !baseline.isEmpty else { return nil }
            let median = Statistics.median(baseline)
            // A zero baseline makes every value an infinite jump; it is a launch, not a spike to scale for.
            guard median > 0, value >= rule.factor * median else { return nil }
            return Spike(field: field, latest: value, baseline: median, baselineCount: baseline.count)
        }
    }
}
