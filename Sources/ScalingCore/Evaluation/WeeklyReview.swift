/// Something paid for before the stage needs it: the guide's "Don't over-engineer!"
public enum OverEngineering: Sendable, Equatable {
    /// `monthly_cost` is above the stage's band; the saving is what lies above the band's top.
    case costAboveBand(current: Double, band: CostBand, saving: Double)
    /// A step of a later stage is reported done; the saving is what the guide prices the services it adds at.
    case stepAhead(step: GuideStep, stage: Stage, services: [PriceItem], saving: ClosedRange<Double>?)
}

/// The guide's Weekly Reviews, computed: growth, cost per user and per customer, cost against the band and MRR,
/// performance trends, and what is paid for too early.
public struct WeeklyReview: Sendable, Equatable {
    public let series: SnapshotSeries
    public let assessment: StageAssessment
    public let trends: TrendAnalysis
    public let cost: CostEstimate
    /// monthly_cost / users.
    public let costPerUser: Double?
    /// monthly_cost / paying_customers.
    public let costPerPayingCustomer: Double?
    /// monthly_cost / mrr.
    public let costShareOfMRR: Double?
    /// The performance metrics' trends: p95 and error rate (those the input reports).
    public let performance: [MetricTrend]
    public let overEngineering: [OverEngineering]

    public var stage: Stage { assessment.stage }
    public var userGrowth: MetricTrend? { trends.trend(.users) }

    /// The fields whose trends make up "Performance trends".
    public static let performanceFields: [SnapshotField] = [.responseP95Ms, .errorRate]

    /// Reviews the series as of its latest snapshot.
    public static func review(
        _ series: SnapshotSeries, options: TrendOptions = .standard, settings: EvaluationSettings = .standard
    ) throws(StageError) -> WeeklyReview {
        let snapshot = CurrentValues(series, maxAge: settings.maxAge).snapshot
        let assessment = try StageClassifier.assess(snapshot, rule: settings.stageRule)
        let stage = assessment.stage
        let trends = TrendAnalyzer.analyze(series, stage: stage, options: options)
        let cost = CostEstimator.estimate(snapshot, stage: stage, given: settings.prices)
        // The derived figures of the policy's table: unknown (nil) when a field is absent or the divisor is 0.
        func figure(_ name: String) -> Double? {
            guard let figure = DerivedCatalog.figure(named: name),
                case .value(let value) = MetricExpression.derived(figure).reading(in: snapshot)
            else { return nil }
            return value
        }
        return WeeklyReview(
            series: series, assessment: assessment, trends: trends, cost: cost,
            costPerUser: figure("cost_per_user"), costPerPayingCustomer: figure("cost_per_paying_customer"),
            costShareOfMRR: figure("cost_share_of_mrr"),
            performance: performanceFields.compactMap(trends.trend),
            overEngineering: overEngineering(snapshot, stage: stage, band: cost.band))
    }

    /// Cost above the band, and later stages' paid steps reported done.
    static func overEngineering(_ snapshot: Snapshot, stage: Stage, band: CostBand) -> [OverEngineering] {
        var findings: [OverEngineering] = []
        if let current = snapshot[.monthlyCost], current > band.high {
            findings.append(.costAboveBand(current: current, band: band, saving: current - band.high))
        }
        let done = snapshot.doneIDs
        for profile in GuideCatalog.stages where profile.stage > stage {
            for step in profile.steps where done.contains(step.id) {
                let services = GuideCatalog.prices.filter { $0.addedBy.contains(step.id) }
                guard !services.isEmpty else { continue }  // code changes cost nothing to do early
                var low = 0.0
                var high = 0.0
                var priced = false
                for service in services {
                    switch service.pricing {
                    case .flat(let l, let h): low += l; high += h; priced = true
                    case .usagePerDay(_, _, _, let typical, _): low += typical; high += typical; priced = true
                    case .unpriced: break
                    }
                }
                findings.append(.stepAhead(step: step, stage: profile.stage, services: services, saving: priced ? low...high : nil))
            }
        }
        return findings
    }
}
