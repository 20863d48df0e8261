/// How serious a breached threshold is; ordered, so `--fail-on warning` also fails on critical.
public enum Severity: String, CaseIterable, Comparable, Codable, Sendable {
    /// Needs attention soon: the guide's "watch" metrics.
    case warning
    /// Hurts users now: the guide's "Error rate > 1% → Fix bugs".
    case critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses `warning` or `critical`, ignoring case.
    public init?(parsing text: String) { self.init(rawValue: text.lowercased()) }
}

/// A metric limit from the guide: which field, which side of the limit is bad, how bad, and what to do.
public struct Threshold: Sendable, Equatable, Identifiable {
    public typealias ID = String

    /// Which side of the limit is a breach.
    public enum Comparison: String, Sendable, Equatable {
        /// value > limit
        case above = ">"
        /// value ≥ limit
        case atLeast = "≥"
        /// value < limit
        case below = "<"
        /// value ≤ limit: the guide's "Cache hit rate (> 80%)" is a target, so exactly 80% misses it.
        case atMost = "≤"

        public func isBreached(_ value: Double, limit: Double) -> Bool {
            switch self {
            case .above: value > limit
            case .atLeast: value >= limit
            case .below: value < limit
            case .atMost: value <= limit
            }
        }

        /// Whether higher values are the bad side (`>` and `≥`); a ratchet's best is then the lowest value seen.
        public var higherIsWorse: Bool { self == .above || self == .atLeast }

        /// The comparison that holds when the value is fine, for "limit" columns: `≤ 500 ms`.
        public var healthySymbol: String {
            switch self {
            case .above: "≤"
            case .atLeast: "<"
            case .below: "≥"
            case .atMost: ">"
            }
        }
    }

    /// Where a limit's number comes from.
    public enum Limit: Sendable, Equatable {
        /// A number from the guide, in the metric's unit.
        case fixed(Double)
        /// Another field of the same snapshot (database connections against the connection limit).
        case field(SnapshotField)
    }

    /// One severity level and its limit; a threshold checks its most severe level first.
    public struct Level: Sendable, Equatable {
        public let severity: Severity
        public let limit: Limit
    }

    /// Stable id, such as `response-time`.
    public let id: ID
    public let metric: SnapshotField
    public let comparison: Comparison
    /// Levels from most to least severe.
    public let levels: [Level]
    /// What the guide says to do when breached.
    public let action: String
    /// The guide's line(s) the threshold encodes, verbatim.
    public let guideText: [String]
    /// The guide sections it comes from.
    public let source: String
    /// Who says each part of the row: the guide (quoted) or scalectl (with its reason).
    public let sources: Sources
    /// The plan (a price id) whose allowance the threshold watches: it applies only at the stages whose stack has that
    /// plan (Deno Deploy Pro's 10 million requests/month from Growth on). Nil: it applies at every stage.
    public var plan: PriceItem.ID? = nil
    /// The guide step that answers a breach, so a forecast can say it is done already.
    public var answeredBy: GuideStep.ID? = nil

    /// Who says the metric and comparison, the limit, the severity and the action.
    public struct Sources: Sendable, Equatable {
        public let definition: Attribution
        public let limit: Attribution
        public let severity: Attribution
        public let action: Attribution
    }
}

extension GuideCatalog {
    /// Severity is scalectl's: the guide ranks none of its metrics.
    static let warningSeverity = Attribution.scalectl(
        "the guide ranks no metric: scalectl makes every threshold a warning but the error rate")
    static let metricsToWatch = GuideSection.path(GuideSection.stage1, "Metrics to Watch")

    /// The thresholds of "Metrics to Watch" and "Daily Checks".
    ///
    /// Severity is a column here: error-rate breaches are critical, the rest warnings; both are scalectl's choice.
    public static let thresholds: [Threshold] = [
        Threshold(
            id: "response-time", metric: .responseP95Ms, comparison: .above,
            levels: [.init(severity: .warning, limit: .fixed(500))],
            action: "Add caching",
            guideText: ["Response time > 500ms → Add caching", "Response time (< 500ms p95)"],
            source: "Stage 1: Metrics to Watch; Daily Checks",
            sources: .init(
                definition: .guide(section: metricsToWatch, quote: "Response time > 500ms → Add caching"),
                limit: .guide(section: GuideSection.dailyChecks, quote: "Response time (< 500ms p95)"),
                severity: warningSeverity,
                action: .guide(section: metricsToWatch, quote: "Response time > 500ms → Add caching"))),
        Threshold(
            id: "database-cpu", metric: .dbCPU, comparison: .above,
            levels: [.init(severity: .warning, limit: .fixed(0.5))],
            action: "Optimize queries",
            guideText: ["Database CPU > 50% → Optimize queries"],
            source: "Stage 1: Metrics to Watch",
            sources: .init(
                definition: .guide(section: metricsToWatch, quote: "Database CPU > 50% → Optimize queries"),
                limit: .guide(section: metricsToWatch, quote: "Database CPU > 50% → Optimize queries"),
                severity: warningSeverity,
                action: .guide(section: metricsToWatch, quote: "Database CPU > 50% → Optimize queries"))),
        Threshold(
            id: "error-rate", metric: .errorRate, comparison: .above,
            levels: [.init(severity: .critical, limit: .fixed(0.01))],
            action: "Fix bugs",
            guideText: ["Error rate > 1% → Fix bugs", "Error rate (< 1%)"],
            source: "Stage 1: Metrics to Watch; Daily Checks",
            sources: .init(
                definition: .guide(section: metricsToWatch, quote: "Error rate > 1% → Fix bugs"),
                limit: .guide(section: GuideSection.dailyChecks, quote: "Error rate (< 1%)"),
                severity: .scalectl("the guide ranks no metric: scalectl makes the error rate critical, as errors hurt users now"),
                action: .guide(section: metricsToWatch, quote: "Error rate > 1% → Fix bugs"))),
        Threshold(
            id: "cache-hit-rate", metric: .cacheHitRate, comparison: .atMost,
            levels: [.init(severity: .warning, limit: .fixed(0.8))],
            action: "Cache more: cache API responses in Redis and database queries, and raise cache TTLs",
            guideText: ["Cache hit rate (> 80%)"],
            source: "Daily Checks; Performance Optimization Checklist",
            sources: .init(
                definition: .guide(section: GuideSection.dailyChecks, quote: "Cache hit rate (> 80%)"),
                limit: .guide(section: GuideSection.dailyChecks, quote: "Cache hit rate (> 80%)"),
                severity: warningSeverity,
                action: .scalectl(
                    reason: "the guide sets the target, not what to do below it: scalectl says what to do from the checklist's "
                        + "\"Cache API responses in Redis\" and \"Cache database queries\" and the playbook's \"Increase cache TTLs\"",
                    borrowsFrom: GuideSection.checklist))),
        Threshold(
            id: "request-count", metric: .requestsPerMonth, comparison: .above,
            levels: [.init(severity: .warning, limit: .fixed(denoDeployProRequests.limit))],
            action: "Request count is past Deno Deploy Pro's 10 million requests/month: cache at the CDN (Cloudflare) and raise cache TTLs",
            guideText: ["Request count vs limits", "Deno Deploy Pro ($20/month): 10 million requests/month"],
            source: "Daily Checks; Stage 2: Infrastructure Upgrades",
            sources: .init(
                definition: .guide(section: GuideSection.dailyChecks, quote: "Request count vs limits"),
                limit: denoDeployProRequests.provenance,
                severity: warningSeverity,
                action: .scalectl(
                    reason: "the guide says to check the request count against limits, not what to do past them: scalectl "
                        + "composes the action from Emergency Scaling's \"Enable Cloudflare (immediate)\" and \"Increase cache TTLs\"",
                    borrowsFrom: GuideSection.path(GuideSection.migration, "Emergency Scaling"))),
            plan: "deno-deploy-pro"),
        Threshold(
            id: "database-connections", metric: .dbConnections, comparison: .atLeast,
            levels: [.init(severity: .warning, limit: .field(.dbConnectionLimit))],
            action: "Database connection pooling: use Neon's pooled connection string (?pgbouncer=true)",
            guideText: ["Database connections", "Database connection pooling"],
            source: "Daily Checks; Stage 2: Infrastructure Upgrades",
            sources: .init(
                definition: .scalectl(
                    reason: "the guide lists \"Database connections\" as a daily check with no limit: scalectl breaches when "
                        + "db_connections reaches db_connection_limit",
                    borrowsFrom: GuideSection.dailyChecks),
                limit: .scalectl(
                    reason: "the guide states no connection limit: the snapshot's own db_connection_limit is the limit",
                    borrowsFrom: GuideSection.dailyChecks),
                severity: warningSeverity,
                action: .scalectl(
                    reason: "the guide pairs no action with the check: scalectl names Growth's \"Database connection pooling\"",
                    borrowsFrom: GuideSection.path(GuideSection.stage2, "Infrastructure Upgrades"))),
            answeredBy: "growth.connection-pooling"),
    ]

    /// The threshold with this id, if any.
    public static func threshold(_ id: Threshold.ID) -> Threshold? { thresholds.first { $0.id == id } }
}
