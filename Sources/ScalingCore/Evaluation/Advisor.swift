/// A guide step the app should take, and why it is listed.
public struct NextStep: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable {
        /// A change of the current stage (or an earlier one) not reported done.
        case due
        /// A change of a later stage whose "When:" trigger is met: worth preparing, not due.
        case triggered
        /// A change the next stage will need.
        case upcoming
    }

    public let step: GuideStep
    public let stage: Stage
    public let reason: Reason
    /// For a triggered step, the trigger met (the first of its stage's).
    public var trigger: TriggerReading? = nil
}

/// Everything `advise` reports about the latest snapshot of a series.
public struct Advice: Sendable, Equatable {
    public let series: SnapshotSeries
    /// Each field's latest known value, and which of them are older than the newest snapshot.
    public let current: CurrentValues
    /// The snapshot advice is about: the newest, with each field at its latest known value.
    public var snapshot: Snapshot { current.snapshot }
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
    /// Trends, forecasts and spikes, when the input holds two or more snapshots.
    public let trends: TrendAnalysis?
    /// Guide changes to prepare now: forecast crossings within the horizon, soonest first.
    public let preparations: [PreparationItem]
    /// The Emergency Scaling playbook, when traffic spiked.
    public let emergency: EmergencyAdvice?
    /// What a `--what-if` changed against the real snapshot (the rest of the advice is about the changed one).
    public var whatIf: WhatIfComparison? = nil
    /// Thresholds the policy in force sets aside at this stage, with the reason.
    public var notApplicable: [EffectivePolicy.NotApplicableRule] = []

    public var stage: Stage { assessment.stage }
    public var breaches: [ThresholdVerdict] { verdicts.filter { $0.severity != nil } }

    /// Verdicts with breaches first (critical before warning), then passes, then unknowns; table order within each.
    public var verdictsByUrgency: [ThresholdVerdict] {
        func rank(_ verdict: ThresholdVerdict) -> Int {
            switch verdict.status {
            case .breach(let severity): -1 - Severity.allCases.firstIndex(of: severity)!
            case .pending: 0
            case .pass: 1
            case .unknown: 2
            }
        }
        return verdicts.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}

/// A forecast crossing within the horizon, and the guide's change that prepares for it.
public struct PreparationItem: Sendable, Equatable {
    public let forecast: Forecast
    /// The guide steps to take, not yet reported done (empty when the guide's answer is an action, not a step).
    public let steps: [GuideStep]
    /// The stage the steps belong to, for a next-stage crossing.
    public let stage: Stage?
    /// The guide's action, when no step carries it.
    public let action: String?

    /// The item for a forecast, or nil when everything it asks for is already done.
    init?(_ forecast: Forecast, done: Set<String>) {
        self.forecast = forecast
        switch forecast.target.preparation {
        case .stageChanges(let stage):
            steps = GuideCatalog.profile(for: stage).steps.filter { !$0.isDone(given: done) }
            self.stage = stage
            action = nil
            if steps.isEmpty { return nil }
        case .step(let id):
            guard let step = GuideCatalog.step(id), !step.isDone(given: done) else { return nil }
            steps = [step]
            stage = GuideCatalog.stage(ofStep: id)
            action = nil
        case .threshold(let id):
            steps = []
            stage = nil
            action = GuideCatalog.threshold(id)?.action
        case .advice(let text):
            steps = []
            stage = nil
            action = text
        }
    }
}

/// The guide's Emergency Scaling playbook and the spikes that call for it.
public struct EmergencyAdvice: Sendable, Equatable {
    public let spikes: [Spike]
    public let playbook: Playbook
    public let rule: SpikeRule
}

/// Puts the stage, thresholds, steps, checklist and cost together for the latest snapshot.
public enum Advisor {
    public static func advise(
        _ series: SnapshotSeries, trendOptions: TrendOptions = .standard, rules: [GateRule] = ThresholdEvaluator.guideRules,
        settings: EvaluationSettings = .standard
    ) throws(StageError) -> Advice {
        // One timeline serves the latest known values, the verdicts' history and the trends.
        let timeline = Timeline(series)
        let history = timeline.snapshots(in: series)
        let current = CurrentValues(history: history, maxAge: settings.maxAge)
        let snapshot = current.snapshot
        let assessment = try StageClassifier.assess(snapshot, rule: settings.stageRule)
        let stage = assessment.stage
        let done = snapshot.doneIDs.union(GuideCatalog.evidencedSteps(snapshot))
        let steps = nextSteps(assessment, done: done)
        let expected = GuideCatalog.checklist.filter { $0.expectedFrom <= stage }
        let trends = series.count >= 2 ? TrendAnalyzer.analyze(timeline, stage: stage, options: trendOptions, rules: rules) : nil
        let emergency = trends.flatMap { analysis in
            analysis.spikes.isEmpty
                ? nil
                : EmergencyAdvice(
                    spikes: analysis.spikes, playbook: GuideCatalog.migrationPath("emergency-scaling")!, rule: trendOptions.spike)
        }
        return Advice(
            series: series,
            current: current,
            assessment: assessment,
            verdicts: ThresholdEvaluator.evaluate(history: history, current: current, rules: rules),
            nextSteps: steps,
            openChecklist: expected.filter { !done.contains($0.id) },
            expectedChecklist: expected,
            cost: CostEstimator.estimate(snapshot, stage: stage, given: settings.prices),
            decision: snapshot[.users].map(GuideCatalog.decision(forUsers:)),
            trends: trends,
            preparations: trends?.imminent.compactMap { PreparationItem($0, done: done) } ?? [],
            emergency: emergency)
    }
}

extension Advisor {
    /// The steps to list: those of the stage and the stages below it not reported done (due); then, for each later
    /// stage whose "When:" trigger is met, its steps that say something the due ones do not (triggered, worth
    /// preparing); else the next stage's (upcoming).
    static func nextSteps(_ assessment: StageAssessment, done: Set<String>) -> [NextStep] {
        let stage = assessment.stage
        var steps: [NextStep] = []
        for profile in GuideCatalog.stages where profile.stage <= stage {
            for step in profile.steps where !step.isDone(given: done) {
                steps.append(NextStep(step: step, stage: profile.stage, reason: .due))
            }
        }
        // What the due steps already cover: their ids and the checklist items that complete them.
        let covered = Set(steps.flatMap { [$0.step.id] + $0.step.doneWith })
        for profile in GuideCatalog.stages where profile.stage > stage {
            if let trigger = assessment.triggersAbove.first(where: { $0.stage == profile.stage }) {
                for step in profile.steps where !step.isDone(given: done) {
                    // Nothing new: every item that completes it is done already or completes a due step too.
                    if !step.doneWith.isEmpty && step.doneWith.allSatisfy({ covered.contains($0) || done.contains($0) }) { continue }
                    steps.append(NextStep(step: step, stage: profile.stage, reason: .triggered, trigger: trigger))
                }
            } else if profile.stage == stage.next {
                for step in profile.steps where !step.isDone(given: done) {
                    steps.append(NextStep(step: step, stage: profile.stage, reason: .upcoming))
                }
            }
        }
        return steps
    }
}
