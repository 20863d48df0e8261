import Testing

@testable import ScalingCore

@Suite struct StageClassifierTests {
    /// One snapshot's stage under both rules, and the triggers the decision tree reports above its stage.
    struct Case: CustomTestStringConvertible, Sendable {
        let values: [SnapshotField: Double]
        /// The stage under `decision-tree` (the default).
        let decisionTree: Stage
        /// The stage under `highest-signal`.
        let highestSignal: Stage
        /// Under `decision-tree`: the stages of the triggers met above the stage.
        var above: [Stage] = []
        var testDescription: String {
            values.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\(Quantity.formatPlain($0.value))" }.joined(
                separator: ",") + " → \(decisionTree.rawValue) / \(highestSignal.rawValue)"
        }
    }

    static let cases: [Case] = [
        // Users alone: both rules follow the decision tree's ranges, at every boundary.
        Case(values: [.users: 0], decisionTree: .mvp, highestSignal: .mvp),
        Case(values: [.users: 999], decisionTree: .mvp, highestSignal: .mvp),
        Case(values: [.users: 1_000], decisionTree: .earlyTraction, highestSignal: .earlyTraction),
        Case(values: [.users: 9_999], decisionTree: .earlyTraction, highestSignal: .earlyTraction),
        Case(values: [.users: 10_000], decisionTree: .growth, highestSignal: .growth),
        Case(values: [.users: 49_999], decisionTree: .growth, highestSignal: .growth),
        Case(values: [.users: 50_000], decisionTree: .scale, highestSignal: .scale),
        Case(values: [.users: 199_999], decisionTree: .scale, highestSignal: .scale),
        Case(values: [.users: 200_000], decisionTree: .enterprise, highestSignal: .enterprise),
        Case(values: [.users: 5_000_000], decisionTree: .enterprise, highestSignal: .enterprise),
        // No users: the highest trigger met decides under both rules, at every trigger's boundary.
        Case(values: [.payingCustomers: 0], decisionTree: .mvp, highestSignal: .mvp),
        Case(values: [.payingCustomers: 1], decisionTree: .earlyTraction, highestSignal: .earlyTraction),
        Case(values: [.mrr: 0], decisionTree: .mvp, highestSignal: .mvp),
        Case(values: [.mrr: 0.01], decisionTree: .earlyTraction, highestSignal: .earlyTraction),
        Case(values: [.mrr: 9_999.99], decisionTree: .earlyTraction, highestSignal: .earlyTraction),
        Case(values: [.mrr: 10_000], decisionTree: .scale, highestSignal: .scale),
        Case(values: [.mrr: 99_999], decisionTree: .scale, highestSignal: .scale),
        Case(values: [.mrr: 100_000], decisionTree: .enterprise, highestSignal: .enterprise),
        Case(values: [.dailyActiveUsers: 99], decisionTree: .mvp, highestSignal: .mvp),
        Case(values: [.dailyActiveUsers: 100], decisionTree: .growth, highestSignal: .growth),
        // Users and triggers: the decision tree keeps the users' stage and reports the triggers above it.
        Case(values: [.users: 500, .payingCustomers: 3], decisionTree: .mvp, highestSignal: .earlyTraction, above: [.earlyTraction]),
        Case(values: [.users: 500, .dailyActiveUsers: 150], decisionTree: .mvp, highestSignal: .growth, above: [.growth]),
        Case(values: [.users: 500, .mrr: 10_000], decisionTree: .mvp, highestSignal: .scale, above: [.earlyTraction, .scale]),
        Case(values: [.users: 12_000, .mrr: 12_000], decisionTree: .growth, highestSignal: .scale, above: [.scale]),
        Case(values: [.users: 300_000, .mrr: 50], decisionTree: .enterprise, highestSignal: .enterprise),
        Case(values: [.users: 2_000, .mrr: 150_000], decisionTree: .earlyTraction, highestSignal: .enterprise, above: [.scale, .enterprise]),
        // The small startup: 3,423 users, 171 daily active users, 12 paying, $900 MRR.
        Case(
            values: [.users: 3_423, .dailyActiveUsers: 171, .payingCustomers: 12, .mrr: 900], decisionTree: .earlyTraction,
            highestSignal: .growth, above: [.growth]),
    ]

    @Test(arguments: cases)
    func placesTheSnapshotUnderBothRules(_ testCase: Case) throws {
        let snapshot = Snapshot(values: testCase.values)
        let tree = try StageClassifier.assess(snapshot)
        #expect(tree.rule == .decisionTree)
        #expect(tree.stage == testCase.decisionTree)
        #expect(tree.triggersAbove.map(\.stage) == testCase.above)
        let highest = try StageClassifier.assess(snapshot, rule: .highestSignal)
        #expect(highest.stage == testCase.highestSignal)
        #expect(highest.triggersAbove.isEmpty, "under highest-signal no trigger is above the stage")
        // The decision-tree line printed beside the stage agrees with the stage whenever users are reported.
        if let users = testCase.values[.users] { #expect(GuideCatalog.decision(forUsers: users).stage == tree.stage) }
    }

    @Test func everyTriggerMetIsListedWithItsGuideWording() throws {
        let assessment = try StageClassifier.assess(Snapshot(values: [.users: 3_423, .dailyActiveUsers: 171, .payingCustomers: 12, .mrr: 900]))
        let listed = assessment.triggers.map { "\($0.field.rawValue) \($0.stage.rawValue) \($0.isAboveStage) \($0.trigger.when)" }
        #expect(
            listed == [
                "paying_customers early-traction false First paying customers arrive",
                "mrr early-traction false First paying customers arrive",
                "daily_active_users growth true 100+ daily active users",
            ])
        #expect(
            Wording.trigger(assessment.triggersAbove[0], stage: assessment.stage, decision: GuideCatalog.decision(forUsers: 3_423))
                == "daily_active_users 171 meets Growth's \"When: 100+ daily active users\"; the decision tree keeps Early Traction "
                + "(< 10K users? → Add Upstash Redis)")
    }

    @Test func withoutUsersTheHighestTriggerDecidesAndSaysSo() throws {
        let assessment = try StageClassifier.assess(Snapshot(values: [.mrr: 12_000, .payingCustomers: 40]))
        #expect(assessment.stage == .scale)
        #expect(assessment.basis == .triggersWithoutUsers)
        #expect(Wording.why(assessment) == "users not reported: staged by the When trigger of Scale (mrr $12,000 ≥ $10,000, \"When: $10K+ MRR\")")
    }

    @Test func namesTheDecidingSignals() throws {
        let snapshot = Snapshot(values: [.users: 24_500, .dailyActiveUsers: 1_300, .mrr: 4_200])
        let tree = try StageClassifier.assess(snapshot)
        #expect(tree.stage == .growth)
        #expect(tree.deciding.map(\.field) == [.users])
        #expect(tree.missing == [.payingCustomers])
        let highest = try StageClassifier.assess(snapshot, rule: .highestSignal)
        #expect(highest.deciding.map(\.field) == [.users, .dailyActiveUsers])
    }

    @Test func underTheDecisionTreeTheDistanceIsInUsersAndTheTriggersStillToReachAreListed() throws {
        let assessment = try StageClassifier.assess(Snapshot(values: [.users: 45_800, .mrr: 4_200, .dailyActiveUsers: 900]))
        #expect(assessment.distances.map { [$0.field.rawValue, "\($0.shortfall)", $0.rule.stage.rawValue] } == [["users", "4200.0", "scale"]])
        #expect(assessment.triggersToReach.map { [$0.field.rawValue, "\($0.shortfall)", $0.rule.stage.rawValue] } == [["mrr", "5800.0", "scale"]])
        #expect(
            Wording.distances(assessment) == "to reach scale: 4,200 more users; triggers still to reach: $5,800 more MRR (scale: When: $10K+ MRR)")
    }

    @Test func underHighestSignalEverySignalSaysHowFarItIs() throws {
        let near = try StageClassifier.assess(Snapshot(values: [.users: 45_800, .mrr: 4_200, .dailyActiveUsers: 900]), rule: .highestSignal)
        #expect(Wording.distances(near) == "to reach scale: 4,200 more users, or $5,800 more MRR")
        let skipping = try StageClassifier.assess(Snapshot(values: [.users: 3_000, .mrr: 500]), rule: .highestSignal)
        #expect(Wording.distances(skipping) == "to reach growth: 7,000 more users, or $9,500 more MRR (reaches scale)")
    }

    @Test func aTriggerAlreadyMetIsNotStillToReach() throws {
        let assessment = try StageClassifier.assess(Snapshot(values: [.users: 3_423, .dailyActiveUsers: 171, .mrr: 900]))
        #expect(!assessment.triggersToReach.contains { $0.field == .dailyActiveUsers })
        #expect(assessment.triggersToReach.map(\.field) == [.mrr])
    }

    @Test func pastAMillionUsersIsBeyondTheGuide() throws {
        #expect(try StageClassifier.assess(Snapshot(values: [.users: 999_999])).beyondGuide == false)
        #expect(try StageClassifier.assess(Snapshot(values: [.users: 1_000_000])).beyondGuide == true)
    }

    @Test(arguments: StageRule.allCases)
    func aSnapshotWithoutSignalsCannotBeStaged(_ rule: StageRule) {
        let origin = SourcePlace(file: "m.json", line: 1, column: 1)
        #expect(throws: StageError.noSignal(place: origin)) {
            try StageClassifier.assess(Snapshot(values: [.responseP95Ms: 200], origin: origin), rule: rule)
        }
    }

    @Test func triggeredStepsArePreparationNotDueAndSkipWhatTheDueStepsCover() throws {
        let startup = try StageClassifier.assess(Snapshot(values: [.users: 3_423, .dailyActiveUsers: 171, .payingCustomers: 12, .mrr: 900]))
        let steps = Advisor.nextSteps(startup, done: [])
        #expect(steps.filter { $0.reason == .due }.map(\.stage) == [.earlyTraction, .earlyTraction, .earlyTraction])
        #expect(!steps.contains { $0.reason == .due && $0.step.id == "growth.deno-deploy-pro" }, "Deno Deploy Pro is not due at 3,423 users")
        let triggered = steps.filter { $0.reason == .triggered }
        #expect(triggered.map(\.stage).allSatisfy { $0 == .growth } && triggered.count == GuideCatalog.profile(for: .growth).steps.count)
        #expect(triggered.allSatisfy { $0.trigger?.field == .dailyActiveUsers })
        #expect(!steps.contains { $0.reason == .upcoming }, "the triggered next stage is not listed twice")
        // 500 users and $10K MRR: multi-region is worth preparing, never due.
        let small = try StageClassifier.assess(Snapshot(values: [.users: 500, .mrr: 10_000]))
        let smallSteps = Advisor.nextSteps(small, done: [])
        #expect(smallSteps.first { $0.step.id == "scale.multi-region" }?.reason == .triggered)
        #expect(!smallSteps.contains { $0.reason == .due })
        // A triggered step whose checklist items the due steps already cover says nothing new and is left out.
        let growthWithScaleTrigger = try StageClassifier.assess(Snapshot(values: [.users: 20_000, .mrr: 20_000]))
        let covering = Advisor.nextSteps(growthWithScaleTrigger, done: ["caching.database-queries"])
        #expect(!covering.contains { $0.step.id == "scale.enhanced-caching" })
        #expect(Advisor.nextSteps(growthWithScaleTrigger, done: []).contains { $0.step.id == "scale.enhanced-caching" })
    }
}
