/// A snapshot field that places the app at a stage, with the guide's rules for it.
public struct StageSignal: Sendable, Equatable {
    /// "At `stage` once the field is at least (or above) `value`."
    public struct Rule: Sendable, Equatable {
        public let stage: Stage
        public let comparison: Threshold.Comparison
        public let value: Double
        /// Where the rule comes from in the guide.
        public let basis: String

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
    /// The stage rule: each signal places the app at a stage, and the stage is the highest of them.
    public static let stageSignals: [StageSignal] = [
        StageSignal(
            field: .users,
            rules: [
                .init(stage: .earlyTraction, comparison: .atLeast, value: 1_000, basis: "Stage 1: Early Traction (1K-10K users)"),
                .init(stage: .growth, comparison: .atLeast, value: 10_000, basis: "Stage 2: Growth (10K-50K users)"),
                .init(stage: .scale, comparison: .atLeast, value: 50_000, basis: "Stage 3: Scale (50K-200K users)"),
                .init(stage: .enterprise, comparison: .atLeast, value: 200_000, basis: "Stage 4: Enterprise (200K-1M users)"),
            ]),
        StageSignal(
            field: .payingCustomers,
            rules: [
                .init(stage: .earlyTraction, comparison: .atLeast, value: 1, basis: "When: First paying customers arrive")
            ]),
        StageSignal(
            field: .mrr,
            rules: [
                .init(stage: .earlyTraction, comparison: .above, value: 0, basis: "When: First paying customers arrive"),
                .init(stage: .scale, comparison: .atLeast, value: 10_000, basis: "When: $10K+ MRR"),
                .init(stage: .enterprise, comparison: .atLeast, value: 100_000, basis: "When: $100K+ MRR"),
            ]),
        StageSignal(
            field: .dailyActiveUsers,
            rules: [
                .init(stage: .growth, comparison: .atLeast, value: 100, basis: "When: 100+ daily active users")
            ]),
    ]

    /// The user count past which the guide has nothing more to say ("200K-1M users" is its last range).
    public static let usersBeyondGuide: Double = 1_000_000
}
