/// What to do ahead of a crossing: the guide's change that answers it.
public enum Preparation: Sendable, Equatable {
    /// The changes the guide lists for a stage.
    case stageChanges(Stage)
    /// One guide step.
    case step(GuideStep.ID)
    /// A threshold's action.
    case threshold(Threshold.ID)
    /// The guide's words, where no step or threshold carries them.
    case advice(String)
}

/// A limit of the stack's plans that usage grows into: a forecast says when it will be reached.
public struct PlanLimit: Sendable, Equatable, Identifiable {
    public let id: String
    public let field: SnapshotField
    public let comparison: Threshold.Comparison
    public let limit: Threshold.Limit
    /// The guide's wording of the limit: "Upstash Redis free tier: 10,000 commands/day".
    public let label: String
    public let preparation: Preparation
}

extension GuideCatalog {
    /// The plan limits forecasts watch; every other threshold is watched as well, with its own action. "Response time
    /// (< 500ms p95)" is one of the guide's Daily Checks, not a plan's limit: the response-time threshold watches it.
    public static let planLimits: [PlanLimit] = [
        PlanLimit(
            id: "deno-deploy-requests", field: .requestsPerMonth, comparison: .above, limit: .fixed(requestLimitPerMonth),
            label: "Deno Deploy Pro: 10 million requests/month", preparation: .threshold("request-count")),
        PlanLimit(
            id: "upstash-free-commands", field: .redisCommandsPerDay, comparison: .above, limit: .fixed(10_000),
            label: "Upstash Redis free tier: 10,000 commands/day", preparation: .step("growth.upstash-pay-as-you-go")),
        PlanLimit(
            id: "neon-storage", field: .dbStorageGB, comparison: .above, limit: .fixed(10),
            label: "Neon Pro: 10GB",
            preparation: .advice("Optimize database usage: archive old data, use appropriate data types, clean up unused indexes")),
        PlanLimit(
            id: "database-connections", field: .dbConnections, comparison: .atLeast, limit: .field(.dbConnectionLimit),
            label: "the database's connection limit", preparation: .step("growth.connection-pooling")),
    ]
}
