/// A snapshot field that places the app at a stage, with the guide's rules for it.
public struct StageSignal: Sendable, Equatable {
    /// "At `stage` once the field is at least (or above) `value`."
    public struct Rule: Sendable, Equatable {
        /// Which of the guide's two kinds of rule this is.
        public enum Kind: String, Sendable, Equatable {
            /// A stage's range of users (its heading, and the decision tree's branch): what decides the stage.
            case usersRange = "users-range"
            /// A stage's "When:" line: an event that says the stage may be coming, reported beside the stage.
            case trigger
        }

        public let stage: Stage
        public let comparison: Threshold.Comparison
        public let value: Double
        /// Where the rule comes from in the guide.
        public let basis: String
        public let kind: Kind

        public init(stage: Stage, comparison: Threshold.Comparison, value: Double, basis: String, kind: Kind) {
            self.stage = stage
            self.comparison = comparison
            self.value = value
            self.basis = basis
            self.kind = kind
        }

        public func holds(for observed: Double) -> Bool { comparison.isBreached(observed, limit: value) }
    }

    public let field: SnapshotField
    /// Rules in ascending stage order.
    public let rules: [Rule]

    /// The stage the field's value places the app at, and the rule that did it (nil: no rule holds, so the MVP).
    public func placement(for value: Double) -> (stage: Stage, rule: Rule?) {
        guard let rule = rules.last(where: { $0.holds(for: value) }) else { return (.mvp, nil) }
        return (rule.stage, rule)
    }
}

extension GuideCatalog {
    /// The signals a stage is read from: `users` by the guide's ranges (which the decision tree repeats), and the
    /// guide's "When:" lines as triggers. ``StageRule`` says how they combine.
    public static let stageSignals: [StageSignal] = [
        StageSignal(
            field: .users,
            rules: [
                .init(stage: .earlyTraction, comparison: .atLeast, value: 1_000, basis: "Stage 1: Early Traction (1K-10K users)", kind: .usersRange),
                .init(stage: .growth, comparison: .atLeast, value: 10_000, basis: "Stage 2: Growth (10K-50K users)", kind: .usersRange),
                .init(stage: .scale, comparison: .atLeast, value: 50_000, basis: "Stage 3: Scale (50K-200K users)", kind: .usersRange),
                .init(stage: .enterprise, comparison: .atLeast, value: 200_000, basis: "Stage 4: Enterprise (200K-1M users)", kind: .usersRange),
            ]),
        StageSignal(
            field: .payingCustomers,
            rules: [
                .init(stage: .earlyTraction, comparison: .atLeast, value: 1, basis: "When: First paying customers arrive", kind: .trigger)
            ]),
        StageSignal(
            field: .mrr,
            rules: [
                .init(stage: .earlyTraction, comparison: .above, value: 0, basis: "When: First paying customers arrive", kind: .trigger),
                .init(stage: .scale, comparison: .atLeast, value: 10_000, basis: "When: $10K+ MRR", kind: .trigger),
                .init(stage: .enterprise, comparison: .atLeast, value: 100_000, basis: "When: $100K+ MRR", kind: .trigger),
            ]),
        StageSignal(
            field: .dailyActiveUsers,
            rules: [
                .init(stage: .growth, comparison: .atLeast, value: 100, basis: "When: 100+ daily active users", kind: .trigger)
            ]),
    ]

    /// The guide's "When:" lines, each as the rule it is, in stage order: first paying customers (`paying_customers`
    /// or `mrr`), 100+ daily active users, $10K+ MRR, $100K+ MRR.
    public static let stageTriggers: [StageTrigger] = stageSignals.flatMap { signal in
        signal.rules.filter { $0.kind == .trigger }.map { StageTrigger(field: signal.field, rule: $0) }
    }.sorted { $0.rule.stage < $1.rule.stage }

    /// The user count past which the guide has nothing more to say ("200K-1M users" is its last range).
    public static let usersBeyondGuide: Double = 1_000_000
}

/// One of the guide's "When:" lines as a rule on one field: "$10K+ MRR" is `mrr ≥ 10,000` for Scale.
public struct StageTrigger: Sendable, Equatable {
    public let field: SnapshotField
    public let rule: StageSignal.Rule

    /// The stage whose "When:" line this is.
    public var stage: Stage { rule.stage }
    /// The guide's "When:" wording, verbatim: "100+ daily active users".
    public var when: String { GuideCatalog.profile(for: rule.stage).trigger ?? rule.basis }
}
