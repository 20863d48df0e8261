/// A guide step the app should take, and why it is listed.
public struct NextStep: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable {
        /// A change of the current stage (or an earlier one) not reported done.
        case due
        /// A change the next stage will need.
        case upcoming
    }

    public let step: GuideStep
    public let stage: Stage
    public let reason: Reason
}

/// Everything `advise` reports about the latest snapshot of a series.
public struct Advice: Sendable, Equatable {
    public let series: SnapshotSeries
    public var snapshot: Snapshot { series.latest }
    public let assessment: StageAssessment
    public let verdicts: [ThresholdVerdict]
    public let nextSteps: [NextStep]
    /// Checklist items expected by the stage and not reported done, in the guide's order.
    public let openChecklist: [ChecklistItem]
    /// Checklist items expected by the stage in all.
    public let expectedChecklist: [ChecklistItem]
    public let cost: CostEstimate
    /// The decision-tree branch for the users reported (nil without users).
    public let decision: DecisionBranch?

    public var stage: Stage { assessment.stage }
    public var breaches: [ThresholdVerdict] { verdicts.filter { $0.severity != nil } }

    /// Verdicts with breaches first (critical before warning), then passes, then unknowns; table order within each.
    public var verdictsByUrgency: [ThresholdVerdict] {
        func rank(_ verdict: ThresholdVerdict) -> Int {
            switch verdict.status {
            case .breach(let severity): -1 - Severity.allCases.firstIndex(of: severity)!
            case .pass: 0
            case .unknown: 1
            }
        }
        return verdicts.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}

/// Puts the stage, thresholds, steps, checklist and cost together for the latest snapshot.
public enum Advisor {
    public static func advise(_ series: SnapshotSeries) throws(StageError) -> Advice {
        let snapshot = series.latest
        let assessment = try StageClassifier.assess(snapshot)
        let stage = assessment.stage
        let done = snapshot.doneIDs
        var steps: [NextStep] = []
        for profile in GuideCatalog.stages where profile.stage <= stage {
            for step in profile.steps where !step.isDone(given: done) {
                steps.append(NextStep(step: step, stage: profile.stage, reason: .due))
            }
        }
        if let next = stage.next {
            for step in GuideCatalog.profile(for: next).steps where !step.isDone(given: done) {
                steps.append(NextStep(step: step, stage: next, reason: .upcoming))
            }
        }
        let expected = GuideCatalog.checklist.filter { $0.expectedFrom <= stage }
        return Advice(
            series: series,
            assessment: assessment,
            verdicts: ThresholdEvaluator.evaluate(snapshot),
            nextSteps: steps,
            openChecklist: expected.filter { !done.contains($0.id) },
            expectedChecklist: expected,
            cost: CostEstimator.estimate(snapshot, stage: stage),
            decision: snapshot[.users].map(GuideCatalog.decision(forUsers:)))
    }
}
