import Testing

@testable import ScalingCore

@Suite struct ThresholdEvaluatorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let values: [SnapshotField: Double]
        let status: ThresholdVerdict.Status
        var testDescription: String {
            "\(id) \(values.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(separator: ",")) → \(status)"
        }
    }

    static let cases: [Case] = [
        Case(id: "response-time", values: [.responseP95Ms: 500], status: .pass),
        Case(id: "response-time", values: [.responseP95Ms: 500.1], status: .breach(.warning)),
        Case(id: "database-cpu", values: [.dbCPU: 0.5], status: .pass),
        Case(id: "database-cpu", values: [.dbCPU: 0.51], status: .breach(.warning)),
        Case(id: "error-rate", values: [.errorRate: 0.01], status: .pass),
        Case(id: "error-rate", values: [.errorRate: 0.0101], status: .breach(.critical)),
        // The guide's "Cache hit rate (> 80%)" is a target: exactly 80% misses it.
        Case(id: "cache-hit-rate", values: [.cacheHitRate: 0.8001], status: .pass),
        Case(id: "cache-hit-rate", values: [.cacheHitRate: 0.8], status: .breach(.warning)),
        Case(id: "cache-hit-rate", values: [.cacheHitRate: 0.79], status: .breach(.warning)),
        Case(id: "request-count", values: [.requestsPerMonth: 10_000_000], status: .pass),
        Case(id: "request-count", values: [.requestsPerMonth: 10_000_001], status: .breach(.warning)),
        Case(id: "database-connections", values: [.dbConnections: 99, .dbConnectionLimit: 100], status: .pass),
        Case(id: "database-connections", values: [.dbConnections: 100, .dbConnectionLimit: 100], status: .breach(.warning)),
        Case(id: "database-connections", values: [.dbConnections: 100], status: .unknown(.missing(.dbConnectionLimit))),
        Case(id: "response-time", values: [:], status: .unknown(.missing(.responseP95Ms))),
    ]

    @Test(arguments: cases)
    func judges(_ testCase: Case) throws {
        let threshold = try #require(GuideCatalog.threshold(testCase.id))
        let verdicts = ThresholdEvaluator.evaluate(Snapshot(values: testCase.values), rules: [GateRule(guide: threshold)])
        #expect(verdicts.map(\.status) == [testCase.status])
    }

    @Test func failOnCountsOnlyBreachesAtOrAboveTheSeverity() {
        let warningOnly = ThresholdEvaluator.evaluate(Snapshot(values: [.responseP95Ms: 900, .errorRate: 0.001]))
        #expect(ThresholdEvaluator.fails(warningOnly, at: .warning))
        #expect(!ThresholdEvaluator.fails(warningOnly, at: .critical))
        let critical = ThresholdEvaluator.evaluate(Snapshot(values: [.errorRate: 0.05]))
        #expect(ThresholdEvaluator.fails(critical, at: .critical))
        let unknownOnly = ThresholdEvaluator.evaluate(Snapshot(values: [:]))
        #expect(!ThresholdEvaluator.fails(unknownOnly, at: .warning))
    }
}

@Suite struct CostEstimatorTests {
    @Test func upstashGrowsFromZeroWithNoJumpAtTheFreeAllowance() {
        func redis(_ perDay: Double) -> Double {
            CostEstimator.estimate(Snapshot(values: [.redisCommandsPerDay: perDay]), stage: .growth).lines.first { $0.item.id == "upstash-redis" }!.low
        }
        #expect(redis(10_000) == 0)
        #expect(redis(10_001) < 0.001, "one command past the allowance costs a fraction of a cent, not $3")
        #expect(redis(110_000) == 30)  // 100,000/day past the allowance × 30 = 3M commands at $5 per 500K
        let line = CostEstimator.estimate(Snapshot(values: [.redisCommandsPerDay: 25_000]), stage: .growth).lines.first {
            $0.item.id == "upstash-redis"
        }!
        #expect(line.basis.contains("scalectl's extrapolation"))
    }

    @Test func anEstimateBelowTheBandSaysWhatTheGuideLeavesUnpriced() {
        let enterprise = CostEstimator.estimate(Snapshot(values: [.users: 300_000]), stage: .enterprise)
        #expect(enterprise.high < enterprise.band.low)
        #expect(
            enterprise.notes.contains {
                $0.hasPrefix("the estimate is below the band's $500 because the guide prices none of Custom infrastructure")
            })
        let growth = CostEstimator.estimate(Snapshot(values: [.users: 20_000]), stage: .growth)
        #expect(!growth.notes.contains { $0.contains("below the band") }, "within the band: nothing to explain")
    }

    @Test func growthIsPricedFromTheGuidesUnitPrices() {
        let estimate = CostEstimator.estimate(Snapshot(values: [.redisCommandsPerDay: 25_000, .monthlyCost: 45]), stage: .growth)
        #expect(estimate.lines.map(\.item.id) == ["deno-deploy-pro", "neon-free", "upstash-redis", "cdn", "monitoring"])
        let redis = estimate.lines.first { $0.item.id == "upstash-redis" }
        #expect(redis?.low == 4.5)  // (25,000 − 10,000 free)/day × 30 = 450K commands at $5 per 500K
        #expect(estimate.low == 24.5)
        #expect(estimate.high == 34.5)
        #expect(estimate.band == CostBand(low: 20, high: 60, label: "$20-60/month"))
        #expect(estimate.currentPosition == .within)
    }

    @Test func redisWithinTheFreeTierCostsNothing() {
        let estimate = CostEstimator.estimate(Snapshot(values: [.redisCommandsPerDay: 10_000]), stage: .earlyTraction)
        #expect(estimate.high == 0)
        #expect(estimate.lines.first { $0.item.id == "upstash-redis" }?.assumed == false)
    }

    @Test func missingUsageFallsBackToTheGuidesTypicalFigureAndSaysSo() {
        let estimate = CostEstimator.estimate(Snapshot(), stage: .growth)
        let redis = estimate.lines.first { $0.item.id == "upstash-redis" }
        #expect(redis?.low == 5)
        #expect(redis?.assumed == true)
    }

    @Test func scaleAddsNeonProAndListsWhatTheGuideDoesNotPrice() {
        let estimate = CostEstimator.estimate(Snapshot(values: [.monthlyCost: 400]), stage: .scale)
        #expect(estimate.lines.contains { $0.item.id == "neon-pro" && $0.low == 19 && $0.high == 25 })
        #expect(!estimate.lines.contains { $0.item.id == "neon-free" })
        #expect(estimate.unpriced.map(\.id) == ["vercel", "multi-region", "qstash"])
        #expect(estimate.currentPosition == .above)
    }

    @Test func usagePastWhatTheGuidePricesIsNoted() {
        let estimate = CostEstimator.estimate(Snapshot(values: [.requestsPerMonth: 12_000_000, .dbStorageGB: 20]), stage: .scale)
        #expect(estimate.notes.count == 3)
        #expect(estimate.notes[0].contains("past the 10 million requests/month Deno Deploy Pro includes"))
        #expect(estimate.notes[1].contains("past the 10GB Neon Pro (or Supabase) includes"))
        // Scale's stack priced from the guide's prices alone is $44–60 against a $100–300 band: said, not hidden.
        #expect(estimate.notes[2].hasPrefix("the estimate is below the band's $100 because the guide prices none of Vercel"))
    }
}

@Suite struct AdvisorTests {
    @Test func nextStepsAreDueChangesThenTheNextStagesAndSkipWhatIsDone() throws {
        let series = SnapshotSeries(
            source: "m", snapshots: [Snapshot(values: [.users: 3_000], checklistDone: ["database.indexes", "early-traction.monitoring"])])
        let advice = try Advisor.advise(series)
        #expect(advice.stage == .earlyTraction)
        let due = advice.nextSteps.filter { $0.reason == .due }.map(\.step.id)
        #expect(due == ["early-traction.upstash-redis"])
        let upcoming = advice.nextSteps.filter { $0.reason == .upcoming }
        #expect(upcoming.allSatisfy { $0.stage == .growth })
        #expect(upcoming.count == GuideCatalog.profile(for: .growth).steps.count)
    }

    @Test func openChecklistIsWhatTheStageExpectsAndIsNotDone() throws {
        let series = SnapshotSeries(source: "m", snapshots: [Snapshot(values: [.users: 3_000], checklistDone: ["database.indexes"])])
        let advice = try Advisor.advise(series)
        #expect(advice.expectedChecklist.map(\.id) == ["database.indexes", "monitoring.error-tracking", "monitoring.alerting"])
        #expect(advice.openChecklist.map(\.id) == ["monitoring.error-tracking", "monitoring.alerting"])
    }

    @Test func breachesComeFirstMostSevereFirst() throws {
        let series = SnapshotSeries(
            source: "m", snapshots: [Snapshot(values: [.users: 3_000, .responseP95Ms: 900, .errorRate: 0.05, .dbCPU: 0.1])])
        let ordered = try Advisor.advise(series).verdictsByUrgency.map(\.threshold.id)
        #expect(Array(ordered.prefix(3)) == ["error-rate", "response-time", "database-cpu"])
    }
}
