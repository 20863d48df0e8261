import Dispatch

/// The settings trends are computed with.
public struct TrendOptions: Sendable, Equatable {
    /// Crossings within this many seconds after the latest snapshot become "prepare now" steps.
    public var horizon: Double
    public var spike: SpikeRule

    /// Four weeks of horizon and the standard spike rule.
    public static let standard = TrendOptions(horizon: 28 * TimelineRules.day, spike: .standard)

    public init(horizon: Double, spike: SpikeRule) {
        self.horizon = horizon
        self.spike = spike
    }
}

/// Everything known about a series over time: per-metric trends, forecasts and spikes.
public struct TrendAnalysis: Sendable, Equatable {
    public let timeline: Timeline
    /// One trend per metric of `TrendCatalog` the series reports, in the catalog's order.
    public let metrics: [MetricTrend]
    public let forecasts: [Forecast]
    public let spikes: [Spike]
    public let options: TrendOptions

    /// The latest snapshot's time, if it has one.
    public var now: Double? { timeline.times.last }

    /// Why no forecast can be made at all, or nil when some can.
    public var forecastUnavailable: String? {
        if !timeline.isTimed { return "the snapshots have no timestamps, so growth per week cannot be known" }
        if timeline.count < TrendCatalog.minimumForecastPoints {
            return "a forecast needs at least \(TrendCatalog.minimumForecastPoints) snapshots with timestamps; "
                + "this input has \(timeline.count)"
        }
        return nil
    }

    /// Forecast crossings within the horizon, soonest first.
    public var imminent: [Forecast] {
        guard let now else { return [] }
        return forecasts.filter { $0.crosses(within: options.horizon, after: now) }.sorted { lhs, rhs in
            guard case .crossing(let a, _, _) = lhs.outcome, case .crossing(let b, _, _) = rhs.outcome else { return false }
            return a < b
        }
    }

    /// The trend of one field, if the series reports it.
    public func trend(_ field: SnapshotField) -> MetricTrend? { metrics.first { $0.field == field } }
}

/// Computes trends, forecasts and spikes for a series.
public enum TrendAnalyzer {
    /// Analyzes `series`; `stage` decides which next-stage signals are forecast.
    public static func analyze(
        _ series: SnapshotSeries, stage: Stage, options: TrendOptions = .standard, rules: [GateRule] = ThresholdEvaluator.guideRules
    ) -> TrendAnalysis {
        analyze(Timeline(series), stage: stage, options: options, rules: rules)
    }

    /// Analyzes a series put in order; the metrics are measured in parallel when the series is long.
    public static func analyze(
        _ timeline: Timeline, stage: Stage, options: TrendOptions = .standard, rules: [GateRule] = ThresholdEvaluator.guideRules
    ) -> TrendAnalysis {
        let catalog = TrendCatalog.metrics.filter { timeline.columns.column($0.field) != nil }
        let measured = UnsafeMutableBufferPointer<MetricTrend?>.allocate(capacity: catalog.count)
        measured.initialize(repeating: nil)
        defer { measured.deallocate() }
        nonisolated(unsafe) let shared = measured
        nonisolated(unsafe) var spikes: [Spike] = []
        // One task per metric, and one more for the spike detector's baseline medians, all on the same cores.
        let measure: @Sendable (Int) -> Void = { index in
            guard index < catalog.count else {
                spikes = SpikeDetector.detect(timeline, rule: options.spike)
                return
            }
            guard let points = timeline.points(catalog[index].field) else { return }
            shared[index] = MetricTrend(metric: catalog[index], times: points.times, values: points.values)
        }
        if timeline.count >= parallelAbove {
            DispatchQueue.concurrentPerform(iterations: catalog.count + 1, execute: measure)
        } else {
            for index in 0...catalog.count { measure(index) }
        }
        let metrics = (0..<catalog.count).compactMap { measured.moveElement(from: $0) }
        return TrendAnalysis(
            timeline: timeline, metrics: metrics,
            forecasts: Forecaster.forecast(ForecastTarget.all(after: stage, rules: rules), trends: metrics, timeline: timeline),
            spikes: spikes, options: options)
    }

    /// Series with at least this many rows have their metrics measured on several cores.
    static let parallelAbove = 50_000
}
