/// A level a metric may grow into: a next-stage signal, a plan limit or a threshold.
public struct ForecastTarget: Sendable, Equatable, Identifiable {
    public enum Kind: Sendable, Equatable {
        /// Reaching it moves the app to this stage.
        case nextStage(Stage)
        /// A limit of a plan the stack uses.
        case planLimit
        /// A threshold of the guide's.
        case threshold(Severity)
    }

    public let id: String
    public let field: SnapshotField
    public let comparison: Threshold.Comparison
    public let limit: Threshold.Limit
    public let kind: Kind
    /// What the target is, in the guide's words: "Stage 2: Growth (10K-50K users)".
    public let label: String
    public let preparation: Preparation

    /// The targets for an app at `stage`: for each stage signal the nearest rule of a later stage, the limits of the
    /// plans the stack has now or will have, and every rule in force (the policy's, or the guide's thresholds) on a field
    /// that no plan limit already watches at the same number. Ids are unique: a rule is labelled from its limit in force.
    public static func all(after stage: Stage, rules: [GateRule] = ThresholdEvaluator.guideRules) -> [ForecastTarget] {
        var targets: [ForecastTarget] = []
        for signal in GuideCatalog.stageSignals {
            guard let rule = signal.rules.first(where: { $0.stage > stage }) else { continue }
            targets.append(
                ForecastTarget(
                    id: "\(signal.field.rawValue)->\(rule.stage.rawValue)", field: signal.field, comparison: rule.comparison,
                    limit: .fixed(rule.value), kind: .nextStage(rule.stage), label: rule.basis, preparation: .stageChanges(rule.stage)))
        }
        let later = Stage.allCases.filter { $0 >= stage }
        let limits = GuideCatalog.planLimits.filter { limit in
            GuideCatalog.price(limit.plan).map { item in later.contains(where: item.applies(to:)) } ?? true
        }
        for limit in limits {
            targets.append(
                ForecastTarget(
                    id: limit.id, field: limit.field, comparison: limit.comparison, limit: limit.limit, kind: .planLimit,
                    label: limit.label, preparation: limit.preparation))
        }
        for rule in rules {
            // Only rules on a field can be projected; a plan limit on the same field and limit already watches it.
            guard let field = rule.metric.field, let level = rule.levels.last,
                !limits.contains(where: { $0.field == field && $0.limit == level.limit }),
                !targets.contains(where: { $0.id == rule.id })
            else { continue }
            // The guide's step that answers the breach, while the rule keeps the guide's action.
            let guide = GuideCatalog.threshold(rule.id)
            let preparation: Preparation =
                guide.flatMap { threshold in threshold.answeredBy.flatMap { rule.action == threshold.action ? .step($0) : nil } }
                ?? .advice(rule.action)
            targets.append(
                ForecastTarget(
                    id: rule.id, field: field, comparison: rule.comparison, limit: level.limit,
                    kind: .threshold(level.severity), label: "\(rule.metric.description) " + Wording.levels(rule, level: level),
                    preparation: preparation))
        }
        return targets
    }
}

/// When a metric is projected to reach a target at its current growth.
public struct Forecast: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The latest value is already at or past the target.
        case reached
        /// Projected to reach it at `date` (Unix seconds), with the 95% range from the fit (nil ends: not known, never, or
        /// beyond the forecast's reach of ``TrendCatalog/forecastReach``, so no date past it is ever carried).
        case crossing(date: Double, earliest: Double?, latest: Double?)
        /// Growth is flat or goes the other way, or the crossing is more than ten years out.
        case notAtCurrentGrowth(reason: String)
        /// No forecast can be made: `reason` says why.
        case unavailable(reason: String)
    }

    public let target: ForecastTarget
    /// The target's number (nil when it comes from a field the snapshot lacks).
    public let limit: Double?
    /// The metric's latest value.
    public let current: Double?
    public let outcome: Outcome

    /// Whether the crossing falls within `horizon` seconds after `now`.
    public func crosses(within horizon: Double, after now: Double) -> Bool {
        if case .crossing(let date, _, _) = outcome { return date <= now + horizon }
        return false
    }
}

/// Projects each target's metric forward along its fitted trend.
public enum Forecaster {
    /// Forecasts for every target, or one "unavailable" outcome each when the series cannot support a forecast.
    public static func forecast(
        _ targets: [ForecastTarget], trends: [MetricTrend], timeline: Timeline
    ) -> [Forecast] {
        let latest = timeline.last
        return targets.map { target in
            let limit: Double? =
                switch target.limit {
                case .fixed(let value): value
                case .field(let field): latest[field]
                }
            let trend = trends.first { $0.field == target.field }
            let current = trend?.latest ?? latest[target.field]
            func result(_ outcome: Forecast.Outcome) -> Forecast {
                Forecast(target: target, limit: limit, current: current, outcome: outcome)
            }
            guard let current else { return result(.unavailable(reason: "not reported")) }
            guard let limit else {
                if case .field(let field) = target.limit {
                    return result(.unavailable(reason: "its limit \(field.rawValue) is not reported"))
                }
                return result(.unavailable(reason: "no limit"))
            }
            if target.comparison.isBreached(current, limit: limit) { return result(.reached) }
            if let reason = unavailability(trend, timeline: timeline) { return result(.unavailable(reason: reason)) }
            guard let trend else { return result(.unavailable(reason: "no trend")) }
            let rising = target.comparison.higherIsWorse
            let label = target.field.spec.label
            let slope = trend.fit!.slope
            guard slope != 0 else { return result(.notAtCurrentGrowth(reason: "\(label) is flat")) }
            guard (slope > 0) == rising, let days = trend.daysToReach(limit) else {
                return result(.notAtCurrentGrowth(reason: "\(label) is \(rising ? "falling" : "rising")"))
            }
            let now = latest.timestamp!
            let origin = trend.origin!
            func date(_ days: Double) -> Double { max(origin + days * TimelineRules.day, now) }
            // A fitted line already past the limit while the latest value is not: growth too uneven to project.
            guard origin + days.estimate * TimelineRules.day >= now else {
                return result(
                    .notAtCurrentGrowth(reason: "\(label) is too uneven: its fitted line is past the limit, its latest value is not"))
            }
            let estimate = date(days.estimate)
            guard estimate.isFinite, estimate - now <= TrendCatalog.forecastReach else {
                return result(
                    .notAtCurrentGrowth(reason: "not within \(TrendCatalog.forecastReachYears) years at the current growth of \(label)"))
            }
            // A range end past the reach is as unknowable as the estimate would be: it is left open, never dated (a slope
            // interval ending barely above zero puts it some 1e20 s out, past any calendar).
            func withinReach(_ end: Double?) -> Double? {
                end.map(date).flatMap { $0.isFinite && $0 - now <= TrendCatalog.forecastReach ? $0 : nil }
            }
            return result(.crossing(date: estimate, earliest: withinReach(days.earliest), latest: withinReach(days.latest)))
        }
    }

    /// Why a metric's trend cannot be projected, or nil when it can.
    static func unavailability(_ trend: MetricTrend?, timeline: Timeline) -> String? {
        guard timeline.isTimed else {
            return "the snapshots have no timestamps, so growth per week cannot be known"
        }
        let count = trend?.count ?? 0
        guard count >= TrendCatalog.minimumForecastPoints, trend?.fit != nil else {
            return "needs at least \(TrendCatalog.minimumForecastPoints) snapshots with the metric and a timestamp; "
                + "this input has \(count)"
        }
        return nil
    }
}
