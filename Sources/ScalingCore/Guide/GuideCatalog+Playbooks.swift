/// A titled sequence of steps from the guide: a migration path or a playbook.
public struct Playbook: Sendable, Equatable, Identifiable {
    public let id: String
    public let title: String
    /// The guide's sentence that introduces it, if any.
    public let purpose: String?
    public let steps: [PlaybookStep]
}

/// One step of a playbook, with its command or note as the guide writes it.
public struct PlaybookStep: Sendable, Equatable {
    public let title: String
    public let lines: [String]

    public init(_ title: String, _ lines: [String] = []) {
        self.title = title
        self.lines = lines
    }
}

/// A cost-optimization tip and its reasons.
public struct CostTip: Sendable, Equatable {
    public let title: String
    public let points: [String]
}

/// A row of the guide's decision tree: below `usersBelow` users (nil: above the last), do `advice`.
public struct DecisionBranch: Sendable, Equatable {
    /// The guide's condition, verbatim: "< 10K users?".
    public let condition: String
    public let usersBelow: Double?
    public let advice: String
    /// The stage the branch corresponds to.
    public let stage: Stage
}

/// What `scalectl review` computes for a line of the guide's Weekly Reviews.
public enum WeeklyMeasure: String, Sendable, Equatable {
    /// Growth per week and per month of `users`.
    case userGrowth = "user-growth"
    /// No snapshot field carries it: reported as not measured.
    case featureUsage = "feature-usage"
    /// `monthly_cost` per user and per paying customer.
    case costPerUser = "cost-per-user"
    /// `monthly_cost` against the stage's band and as a share of MRR.
    case infrastructureCosts = "infrastructure-costs"
    /// The direction of p95 and the error rate.
    case performanceTrends = "performance-trends"
}

/// A line of "Monitoring Key Metrics": what to look at, and the field or threshold that measures it, if any.
public struct ReviewItem: Sendable, Equatable {
    public let text: String
    public let field: SnapshotField?
    public let threshold: Threshold.ID?
    /// For a weekly review line, what `review` computes for it.
    public var measure: WeeklyMeasure? = nil
}

/// A place to get help, from "Support Resources".
public struct SupportResource: Sendable, Equatable {
    public let tier: String
    public let name: String
    public let detail: String?
}

extension GuideCatalog {
    /// "Migration Paths": From Free to Paid, and Emergency Scaling.
    public static let migrationPaths: [Playbook] = [
        Playbook(
            id: "free-to-paid", title: "From Free to Paid", purpose: nil,
            steps: [
                PlaybookStep("Add Upstash Redis", ["UPSTASH_REDIS_REST_URL=xxx", "UPSTASH_REDIS_REST_TOKEN=xxx"]),
                PlaybookStep("Upgrade Deno Deploy", ["Via dashboard → Billing → Pro"]),
                PlaybookStep("Database scaling", ["Neon dashboard → Upgrade plan"]),
            ]),
        Playbook(
            id: "emergency-scaling", title: "Emergency Scaling", purpose: "Quick scale for viral traffic",
            steps: [
                PlaybookStep("Enable Cloudflare (immediate)"),
                PlaybookStep("Increase cache TTLs"),
                PlaybookStep("Enable rate limiting"),
                PlaybookStep("Scale database (if needed)"),
            ]),
    ]

    /// The migration path with this id.
    public static func migrationPath(_ id: String) -> Playbook? { migrationPaths.first { $0.id == id } }

    /// "Cost Optimization Tips: Save Money at Each Stage".
    public static let costTips: [CostTip] = [
        CostTip(
            title: "Use serverless where possible", points: ["Pay only for what you use", "Auto-scaling included", "No server management"]),
        CostTip(title: "Optimize database usage", points: ["Archive old data", "Use appropriate data types", "Clean up unused indexes"]),
        CostTip(title: "Cache aggressively", points: ["Reduces database load", "Improves response times", "Lowers costs"]),
        CostTip(title: "Monitor and optimize", points: ["Track usage patterns", "Identify bottlenecks", "Remove unused features"]),
    ]

    /// "Monitoring Key Metrics: Daily Checks", each tied to the threshold that checks it.
    public static let dailyChecks: [ReviewItem] = [
        ReviewItem(text: "Request count vs limits", field: .requestsPerMonth, threshold: "request-count"),
        ReviewItem(text: "Error rate (< 1%)", field: .errorRate, threshold: "error-rate"),
        ReviewItem(text: "Response time (< 500ms p95)", field: .responseP95Ms, threshold: "response-time"),
        ReviewItem(text: "Database connections", field: .dbConnections, threshold: "database-connections"),
        ReviewItem(text: "Cache hit rate (> 80%)", field: .cacheHitRate, threshold: "cache-hit-rate"),
    ]

    /// "Monitoring Key Metrics: Weekly Reviews", with the snapshot field each one is computed from, where one exists.
    public static let weeklyReviews: [ReviewItem] = [
        ReviewItem(text: "User growth rate", field: .users, threshold: nil, measure: .userGrowth),
        ReviewItem(text: "Feature usage", field: nil, threshold: nil, measure: .featureUsage),
        ReviewItem(text: "Cost per user", field: .monthlyCost, threshold: nil, measure: .costPerUser),
        ReviewItem(text: "Infrastructure costs", field: .monthlyCost, threshold: nil, measure: .infrastructureCosts),
        ReviewItem(text: "Performance trends", field: .responseP95Ms, threshold: nil, measure: .performanceTrends),
    ]

    /// "Decision Tree", top to bottom; the first branch whose condition holds applies.
    public static let decisionTree: [DecisionBranch] = [
        DecisionBranch(condition: "< 1K users?", usersBelow: 1_000, advice: "Stay on free tier", stage: .mvp),
        DecisionBranch(condition: "< 10K users?", usersBelow: 10_000, advice: "Add Upstash Redis", stage: .earlyTraction),
        DecisionBranch(condition: "< 50K users?", usersBelow: 50_000, advice: "Upgrade to Pro tiers", stage: .growth),
        DecisionBranch(condition: "< 200K users?", usersBelow: 200_000, advice: "Multi-region + optimization", stage: .scale),
        DecisionBranch(condition: "> 200K users?", usersBelow: nil, advice: "Consider custom infrastructure", stage: .enterprise),
    ]

    /// The decision-tree branch for a number of users.
    public static func decision(forUsers users: Double) -> DecisionBranch {
        decisionTree.first { branch in branch.usersBelow.map { users < $0 } ?? true }!
    }

    /// "Support Resources: When You Need Help".
    public static let supportResources: [SupportResource] = [
        SupportResource(tier: "Community (Free)", name: "Deno Discord", detail: "https://discord.gg/deno"),
        SupportResource(tier: "Community (Free)", name: "Vercel Discord", detail: "https://discord.gg/vercel"),
        SupportResource(tier: "Community (Free)", name: "Stack Overflow", detail: nil),
        SupportResource(tier: "Paid Support", name: "Deno Deploy Pro", detail: "Priority support"),
        SupportResource(tier: "Paid Support", name: "Neon Pro", detail: "Email support"),
        SupportResource(tier: "Paid Support", name: "Consultants", detail: "$100-300/hour"),
    ]

    /// Every id a snapshot's `checklist_done` may name: checklist items and guide steps.
    public static let doneIDs: [String] = checklist.map(\.id) + stages.flatMap { $0.steps.map(\.id) }

    /// Whether `id` names a checklist item or a guide step.
    public static func isKnownDoneID(_ id: String) -> Bool { doneIDSet.contains(id) }

    private static let doneIDSet = Set(doneIDs)
}
