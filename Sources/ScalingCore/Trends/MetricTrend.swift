#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which way a metric is going, as far as its fit can tell.
public enum TrendDirection: String, Sendable, Equatable {
    case rising, falling
    /// No change, or a change the fit cannot tell from noise (its 95% slope interval includes zero).
    case flat
}

/// One metric over time: its values, the fitted line and the growth per week and per month.
public struct MetricTrend: Sendable, Equatable {
    public let metric: TrendMetric
    public var field: SnapshotField { metric.field }
    /// The values, oldest first.
    public let values: [Double]
    /// Their timestamps (Unix seconds), or nil when the series has none.
    public let times: [Double]?
    /// The model used: the metric's own, or linear when the values cannot be fitted compound (a zero among them).
    public let model: GrowthModel
    /// Why the model differs from the metric's own, if it does.
    public let modelNote: String?
    /// The line fitted with x in days since `origin` (or in rows when untimed), and y the value or its natural logarithm.
    public let fit: LinearFit?
    /// Time x = 0 stands for.
    public let origin: Double?

    public var first: Double { values.first! }
    public var latest: Double { values.last! }
    public var count: Int { values.count }

    /// Fits a metric's points; nil when it has no point.
    init?(metric: TrendMetric, points: [(time: Double?, value: Double)], timed: Bool) {
        guard !points.isEmpty else { return nil }
        self.metric = metric
        values = points.map(\.value)
        times = timed ? points.map { $0.time! } : nil
        var model = metric.model
        var note: String? = nil
        if model == .compound, let bad = values.first(where: { $0 <= 0 }) {
            model = .linear
            note = "a value of \(Quantity.format(bad, as: metric.field.spec.kind)) cannot grow by a percentage: fitted linearly"
        }
        self.model = model
        modelNote = note
        origin = times?.first
        let xs: [Double] = times.map { times in times.map { ($0 - times[0]) / TimelineRules.day } } ?? values.indices.map(Double.init)
        let ys = model == .compound ? values.map { log($0) } : values
        fit = Statistics.fit(x: xs, y: ys)
    }

    /// Change per week: a fraction for compound growth (0.18 = +18%/week), units of the field for linear.
    public var changePerWeek: Double? { change(overDays: TrendCatalog.daysPerWeek) }
    /// Change per 30-day month, in the same terms as `changePerWeek`.
    public var changePerMonth: Double? { change(overDays: TrendCatalog.daysPerMonth) }

    func change(overDays days: Double) -> Double? {
        guard times != nil, let fit else { return nil }
        return model == .compound ? exp(fit.slope * days) - 1 : fit.slope * days
    }

    /// Which way the metric goes: the sign of the slope, flat when the 95% interval of the slope includes zero.
    public var direction: TrendDirection {
        guard let fit, fit.slope != 0 else { return .flat }
        if let interval = fit.slopeInterval, interval.low <= 0, interval.high >= 0 { return .flat }
        return fit.slope > 0 ? .rising : .falling
    }

    /// Whether the direction is good, bad or neither, from the metric's sense: nil when neither.
    public var isImproving: Bool? {
        switch (metric.sense, direction) {
        case (.neither, _), (_, .flat): nil
        case (.higherIsBetter, let direction): direction == .rising
        case (.lowerIsBetter, let direction): direction == .falling
        }
    }

    /// Days after `origin` at which the fitted line reaches `limit`, with the 95% range; nil when it never does going forward.
    func daysToReach(_ limit: Double) -> (estimate: Double, earliest: Double?, latest: Double?)? {
        guard let fit, fit.slope != 0 else { return nil }
        let target: Double
        if model == .compound {
            guard limit > 0 else { return nil }
            target = log(limit)
        } else {
            target = limit
        }
        func crossing(_ slope: Double) -> Double { fit.meanX + (target - fit.meanY) / slope }
        let estimate = crossing(fit.slope)
        guard let interval = fit.slopeInterval else { return (estimate, nil, nil) }
        // The steeper slope reaches the limit first; a slope of the other sign (or zero) never does.
        let steep = fit.slope > 0 ? interval.high : interval.low
        let shallow = fit.slope > 0 ? interval.low : interval.high
        let sameSign = shallow != 0 && (shallow > 0) == (fit.slope > 0)
        let bounds = [crossing(steep), sameSign ? crossing(shallow) : .infinity]
        return (estimate, bounds.min(), bounds.max().flatMap { $0.isFinite ? $0 : nil })
    }
}
