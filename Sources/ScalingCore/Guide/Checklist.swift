/// A group of the guide's Performance Optimization Checklist.
public enum ChecklistGroup: String, CaseIterable, Codable, Sendable {
    case database
    case caching
    case code
    case monitoring

    /// The guide's heading for the group.
    public var heading: String {
        switch self {
        case .database: "Database"
        case .caching: "Caching"
        case .code: "Code"
        case .monitoring: "Monitoring"
        }
    }
}

/// One item of the guide's Performance Optimization Checklist.
public struct ChecklistItem: Sendable, Equatable, Identifiable {
    /// Stable id, `group.slug`, as reported in a snapshot's `checklist_done`.
    public typealias ID = String

    public let id: ID
    public let group: ChecklistGroup
    /// The guide's wording of the item.
    public let text: String
    /// The stage from which the item is expected to be done.
    public let expectedFrom: Stage
    /// Why that stage: the guide's line the expectation rests on.
    public let basis: String
}

extension GuideCatalog {
    /// The Performance Optimization Checklist: 20 items in four groups, in the guide's order.
    public static let checklist: [ChecklistItem] = [
        ChecklistItem(
            id: "database.indexes", group: .database, text: "Add appropriate indexes", expectedFrom: .earlyTraction,
            basis: "Stage 1, Changes Needed: Optimize database queries (add indexes for common queries)"),
        ChecklistItem(
            id: "database.connection-pooling", group: .database, text: "Use connection pooling", expectedFrom: .growth,
            basis: "Stage 2, Infrastructure Upgrades: Database connection pooling"),
        ChecklistItem(
            id: "database.query-caching", group: .database, text: "Implement query caching", expectedFrom: .growth,
            basis: "Stage 2, Code Optimizations: Add response caching"),
        ChecklistItem(
            id: "database.read-replicas", group: .database, text: "Add read replicas", expectedFrom: .scale,
            basis: "Stage 3, Major Changes: Database upgrade (Enable read replicas)"),
        ChecklistItem(
            id: "database.partitioning", group: .database, text: "Partition large tables", expectedFrom: .enterprise,
            basis: "Stage 4, Full Production Stack: Database cluster"),

        ChecklistItem(
            id: "caching.cdn", group: .caching, text: "Cache static content at CDN", expectedFrom: .growth,
            basis: "Stage 2, Infrastructure Upgrades: CDN for assets"),
        ChecklistItem(
            id: "caching.api-responses", group: .caching, text: "Cache API responses in Redis", expectedFrom: .growth,
            basis: "Stage 2, Code Optimizations: Add response caching (Redis from Stage 1)"),
        ChecklistItem(
            id: "caching.browser", group: .caching, text: "Implement browser caching", expectedFrom: .growth,
            basis: "Stage 2, CDN for assets: reduces bandwidth usage"),
        ChecklistItem(
            id: "caching.etags", group: .caching, text: "Use ETags for conditional requests", expectedFrom: .scale,
            basis: "Stage 3, Major Changes: Enhanced caching (cache at multiple levels)"),
        ChecklistItem(
            id: "caching.database-queries", group: .caching, text: "Cache database queries", expectedFrom: .growth,
            basis: "Stage 2, Code Optimizations: Add response caching"),

        ChecklistItem(
            id: "code.lazy-loading", group: .code, text: "Lazy load components", expectedFrom: .growth,
            basis: "Stage 2: Code Optimizations"),
        ChecklistItem(
            id: "code.virtual-scrolling", group: .code, text: "Implement virtual scrolling", expectedFrom: .scale,
            basis: "Stage 3: large lists at 50K+ users"),
        ChecklistItem(
            id: "code.websockets", group: .code, text: "Use WebSocket for real-time", expectedFrom: .scale,
            basis: "Stage 3: Multi-region deployment"),
        ChecklistItem(
            id: "code.batch-requests", group: .code, text: "Batch API requests", expectedFrom: .growth,
            basis: "Stage 2, Code Optimizations: Add database query batching"),
        ChecklistItem(
            id: "code.image-optimization", group: .code, text: "Optimize images (WebP, AVIF)", expectedFrom: .growth,
            basis: "Stage 2, CDN for assets: reduces bandwidth usage"),

        ChecklistItem(
            id: "monitoring.apm", group: .monitoring, text: "Set up APM (Application Performance Monitoring)", expectedFrom: .growth,
            basis: "Stage 1, Metrics to Watch: response time > 500ms"),
        ChecklistItem(
            id: "monitoring.error-tracking", group: .monitoring, text: "Configure error tracking", expectedFrom: .earlyTraction,
            basis: "Stage 1, Changes Needed: Add monitoring (Sentry)"),
        ChecklistItem(
            id: "monitoring.custom-metrics", group: .monitoring, text: "Implement custom metrics", expectedFrom: .growth,
            basis: "Monitoring Key Metrics: Daily Checks"),
        ChecklistItem(
            id: "monitoring.alerting", group: .monitoring, text: "Set up alerting rules", expectedFrom: .earlyTraction,
            basis: "Stage 1, Changes Needed: Add monitoring (Better Stack)"),
        ChecklistItem(
            id: "monitoring.dashboards", group: .monitoring, text: "Create dashboards", expectedFrom: .growth,
            basis: "Monitoring Key Metrics: Weekly Reviews"),
    ]

    /// The checklist item with this id, if any.
    public static func checklistItem(_ id: ChecklistItem.ID) -> ChecklistItem? { checklist.first { $0.id == id } }
}
