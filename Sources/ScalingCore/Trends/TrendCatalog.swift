/// How a metric grows, which decides how its trend is fitted.
public enum GrowthModel: String, Sendable, Equatable, CaseIterable {
    /// Compound growth (a steady percentage per week): a straight line fitted to the logarithm.
    case compound
    /// Steady change (so many units per week): a straight line fitted to the values.
    case linear
}

/// Which way of moving is good for a metric.
public enum MetricSense: String, Sendable, Equatable {
    case higherIsBetter = "higher is better"
    case lowerIsBetter = "lower is better"
    /// Neither way is good or bad in itself (more requests, more connections).
    case neither = "neither"

    /// The threshold side that is worse for this sense (`>` when lower is better), or nil for `neither`.
    public var worseSide: Threshold.Comparison? {
        switch self {
        case .lowerIsBetter: .above
        case .higherIsBetter: .below
        case .neither: nil
        }
    }
}

/// A metric trends are computed for, with its growth model and its sense.
public struct TrendMetric: Sendable, Equatable {
    public let field: SnapshotField
    public let model: GrowthModel
    public let sense: MetricSense
}

/// The metrics `trend`, `advise` and `review` follow over time, in the order they are shown.
public enum TrendCatalog {
    /// Counts grow compound; latencies, rates and the bill are fitted linearly.
    public static let metrics: [TrendMetric] = [
        TrendMetric(field: .users, model: .compound, sense: .higherIsBetter),
        TrendMetric(field: .dailyActiveUsers, model: .compound, sense: .higherIsBetter),
        TrendMetric(field: .payingCustomers, model: .compound, sense: .higherIsBetter),
        TrendMetric(field: .mrr, model: .compound, sense: .higherIsBetter),
        TrendMetric(field: .requestsPerMonth, model: .compound, sense: .neither),
        TrendMetric(field: .redisCommandsPerDay, model: .compound, sense: .neither),
        TrendMetric(field: .dbConnections, model: .compound, sense: .neither),
        TrendMetric(field: .dbStorageGB, model: .compound, sense: .neither),
        TrendMetric(field: .responseP95Ms, model: .linear, sense: .lowerIsBetter),
        TrendMetric(field: .errorRate, model: .linear, sense: .lowerIsBetter),
        TrendMetric(field: .dbCPU, model: .linear, sense: .lowerIsBetter),
        TrendMetric(field: .cacheHitRate, model: .linear, sense: .higherIsBetter),
        TrendMetric(field: .monthlyCost, model: .linear, sense: .lowerIsBetter),
    ]

    /// The row for a field, if the field is trended.
    public static func metric(for field: SnapshotField) -> TrendMetric? { metrics.first { $0.field == field } }

    /// Fewest points a forecast is made from: two points always fit a line exactly, so they say nothing of the fit.
    public static let minimumForecastPoints = 3
    /// Crossings further out than this (after the latest snapshot) are "not at current growth".
    public static let forecastReach: Double = Double(forecastReachYears) * 365 * TimelineRules.day
    /// ``forecastReach`` in years, as the output says it: "not within 10 years".
    public static let forecastReachYears = 10
    /// Days per week and per month for growth rates; a month is the guide's 30 days.
    public static let daysPerWeek: Double = 7
    /// A change per week (a share of the mean, or the compound rate) from which a fit within noise is "unclear", not "flat".
    public static let unclearChangePerWeek: Double = 0.05
    public static var daysPerMonth: Double { GuideCatalog.daysPerMonth }
}
