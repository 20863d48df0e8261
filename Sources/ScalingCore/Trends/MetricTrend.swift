#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The figures of one metric over a series, as a query engine would give them: count, min, mean, the 95th percentile
/// (interpolated, as `quantile_cont(0.95)`), max, and the latest value.
public struct MetricSummary: Sendable, Equatable {
    public let count: Int
    public let min: Double
    public let mean: Double
    public let p95: Double
    public let max: Double
    public let latest: Double

    /// The percentile reported.
    public static let percentile = 0.95
}

/// Which way a metric is going, as far as its fit can tell.
public enum TrendDirection: String, Sendable, Equatable {
    case rising, falling
    /// No change, or a small change the fit cannot tell from noise (its 95% slope interval includes zero).
    case flat
    /// The fitted change is large (5% a week or more) but the fit cannot tell it from noise: never called flat, since
    /// +130%/week on three noisy points is not "no change".
    case unclear
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

    /// Least, mean, 95th percentile, greatest and latest value.
    public let summary: MetricSummary

    public var first: Double { values.first! }
    public var latest: Double { values.last! }
    public var count: Int { values.count }

    /// Fits a metric's values (oldest first, none missing) at their times (nil when the series has none); nil
    /// without values.
    init?(metric: TrendMetric, times: [Double]?, values: [Double]) {
        guard !values.isEmpty else { return nil }
        precondition(times == nil || times!.count == values.count, "a time for every value")
        self.metric = metric
        self.values = values
        self.times = times
        var model = metric.model
        var note: String? = nil
        if model == .compound, let bad = values.first(where: { $0 <= 0 }) {
            model = .linear
            note = "a value of \(Quantity.format(bad, as: metric.field.spec.kind)) cannot grow by a percentage: fitted linearly"
        }
        self.model = model
        modelNote = note
        origin = times?.first
        (fit, summary) = MetricTrend.measure(values: values, times: times, compound: model == .compound)
    }

    /// The fit (x in days since the first time, or in rows; y the value or its logarithm) and the summary, in one
    /// pass of blocks over the values.
    static func measure(values: [Double], times: [Double]?, compound: Bool) -> (LinearFit?, MetricSummary) {
        let timed = times != nil
        return values.withUnsafeBufferPointer { values in
            (times ?? []).withUnsafeBufferPointer { times in
                let origin = timed ? times[0] : 0
                var moments = Moments()
                var sum = 0.0
                var least = Double.infinity
                var greatest = -Double.infinity
                var lastValue = Double.nan
                var lastLog = Double.nan
                var logTable = [Double](repeating: .nan, count: compound && values.count > 100_000 ? 1 << 16 : 0)
                logTable.withUnsafeMutableBufferPointer { logTable in
                    var start = 0
                    while start < values.count {
                        let end = min(start + Moments.block, values.count)
                        var sums = BlockSums()
                        var blockSum = 0.0
                        for index in start..<end {
                            let value = values[index]
                            blockSum += value
                            least = min(least, value)
                            greatest = max(greatest, value)
                            let x = timed ? (times[index] - origin) / TimelineRules.day : Double(index)
                            var y = value
                            if compound {
                                // Counts repeat, from one row to the next and across a series: a logarithm is worked
                                // out once per new value, and once per whole number below 65,536.
                                if value != lastValue {
                                    lastValue = value
                                    if value < Double(logTable.count), let whole = Int(exactly: value) {
                                        if logTable[whole].isNaN { logTable[whole] = log(value) }
                                        lastLog = logTable[whole]
                                    } else {
                                        lastLog = log(value)
                                    }
                                }
                                y = lastLog
                            }
                            sums.add(x: x, y: y)
                        }
                        moments.merge(sums.moments)
                        sum += blockSum
                        start = end
                    }
                }
                let summary = MetricSummary(
                    count: values.count, min: least, mean: sum / Double(values.count),
                    p95: Statistics.quantile(values, MetricSummary.percentile, least: least, greatest: greatest), max: greatest,
                    latest: values[values.count - 1])
                return (LinearFit(moments), summary)
            }
        }
    }

    /// Change per week: a fraction for compound growth (0.18 = +18%/week), units of the field for linear.
    public var changePerWeek: Double? { change(overDays: TrendCatalog.daysPerWeek) }
    /// Change per 30-day month, in the same terms as `changePerWeek`.
    public var changePerMonth: Double? { change(overDays: TrendCatalog.daysPerMonth) }

    func change(overDays days: Double) -> Double? {
        guard times != nil, let fit else { return nil }
        return model == .compound ? exp(fit.slope * days) - 1 : fit.slope * days
    }

    /// Which way the metric goes: the sign of the slope; when the 95% interval of the slope includes zero, flat for a
    /// small change and unclear for a large one (``TrendCatalog/unclearChangePerWeek`` of the mean a week or more).
    public var direction: TrendDirection {
        guard let fit, fit.slope != 0 else { return .flat }
        if let interval = fit.slopeInterval, interval.low <= 0, interval.high >= 0 {
            return relativeChangePerWeek.map { abs($0) >= TrendCatalog.unclearChangePerWeek } == true ? .unclear : .flat
        }
        return fit.slope > 0 ? .rising : .falling
    }

    /// The fitted change per week (per row without times) as a share: the compound rate, or a linear change over the mean.
    var relativeChangePerWeek: Double? {
        guard let fit else { return nil }
        let step = times == nil ? 1 : TrendCatalog.daysPerWeek
        if model == .compound { return exp(fit.slope * step) - 1 }
        let mean = values.reduce(0, +) / Double(values.count)
        return mean == 0 ? nil : fit.slope * step / abs(mean)
    }

    /// Whether the direction is good, bad or neither, from the metric's sense: nil when neither.
    public var isImproving: Bool? {
        switch (metric.sense, direction) {
        case (.neither, _), (_, .flat), (_, .unclear): nil
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
