/// How a snapshot's signals decide its stage.
///
/// The guide gives each stage a range of users (its heading, repeated by the decision tree) and a "When:" line
/// (first paying customers, 100+ daily active users, $10K+ MRR, $100K+ MRR). The default reads the stage from the
/// users, as the decision tree does, and reports the "When:" lines met as triggers beside it: "Don't over-engineer!
/// Scale when you need to, not before."
public enum StageRule: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    /// The decision tree: the stage is where `users` falls (< 1K mvp, < 10K early-traction, < 50K growth, < 200K
    /// scale, else enterprise); a trigger met above it is reported, never raising it. Without `users`, the highest
    /// trigger met.
    case decisionTree = "decision-tree"
    /// The highest stage any signal places the app at: the users' range or a "When:" trigger.
    case highestSignal = "highest-signal"

    /// The rule in force when neither a flag, the environment nor a policy names one.
    public static let standard = StageRule.decisionTree

    public var description: String { rawValue }

    /// One sentence for `--explain`, help and `policy show`.
    public var summary: String {
        switch self {
        case .decisionTree:
            "decision-tree: the stage is where users fall in the guide's decision tree (< 1K mvp, < 10K early-traction, "
                + "< 50K growth, < 200K scale, else enterprise); the \"When:\" lines met are triggers, reported beside the "
                + "stage and never raising it; without users, the highest trigger met."
        case .highestSignal:
            "highest-signal: every signal places the app at a stage (users by the guide's ranges, the rest by the "
                + "\"When:\" lines; below every rule: mvp), and the stage is the highest of them."
        }
    }

    /// Parses `decision-tree` or `highest-signal`, ignoring case, `_` for `-` and spaces around.
    public init?(parsing text: String) {
        let key = String(text.trimmingSpaces.lowercased().map { $0 == "_" ? "-" : $0 })
        guard let rule = StageRule(rawValue: key) else { return nil }
        self = rule
    }
}
