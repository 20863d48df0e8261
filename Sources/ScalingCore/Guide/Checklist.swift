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
///
/// The item is the guide's; the stage it is expected from is scalectl's: the guide's checklist has no stages.
public struct ChecklistItem: Sendable, Equatable, Identifiable {
    /// Stable id, `group.slug`, as reported in a snapshot's `checklist_done`.
    public typealias ID = String

    public let id: ID
    public let group: ChecklistGroup
    /// The guide's wording of the item.
    public let text: String
    /// The stage from which scalectl expects the item done.
    public let expectedFrom: Stage
    /// Why that stage: scalectl's reason, and the guide section it borrows from, if any.
    public let expectation: Attribution

    /// The guide's words for the item.
    public var provenance: Attribution {
        .guide(section: GuideSection.path(GuideSection.checklist, group.heading), quote: text)
    }
}

extension GuideCatalog {
    static func expected(_ reason: String, _ section: String?) -> Attribution {
        .scalectl(reason: "the guide's checklist has no stages: " + reason, borrowsFrom: section)
    }
    static let stage1Changes = GuideSection.path(GuideSection.stage1, "Changes Needed")
    static let stage2Code = GuideSection.path(GuideSection.stage2, "Code Optimizations")

    /// The Performance Optimization Checklist: 20 items in four groups, in the guide's order.
    public static let checklist: [ChecklistItem] = [
        ChecklistItem(
            id: "database.indexes", group: .database, text: "Add appropriate indexes", expectedFrom: .earlyTraction,
            expectation: expected("scalectl expects it with Stage 1's \"Optimize database queries\" (indexes)", stage1Changes)),
        ChecklistItem(
            id: "database.connection-pooling", group: .database, text: "Use connection pooling", expectedFrom: .growth,
            expectation: expected("scalectl expects it with Stage 2's \"Database connection pooling\"", growthUpgrades)),
        ChecklistItem(
            id: "database.query-caching", group: .database, text: "Implement query caching", expectedFrom: .growth,
            expectation: expected("scalectl expects it with Stage 2's \"Add response caching\"", stage2Code)),
        ChecklistItem(
            id: "database.read-replicas", group: .database, text: "Add read replicas", expectedFrom: .scale,
            expectation: expected("scalectl expects it with Stage 3's \"Enable read replicas\"", scaleChanges)),
        ChecklistItem(
            id: "database.partitioning", group: .database, text: "Partition large tables", expectedFrom: .enterprise,
            expectation: expected("scalectl expects it with Stage 4's \"Database cluster\"", enterpriseStack)),

        ChecklistItem(
            id: "caching.cdn", group: .caching, text: "Cache static content at CDN", expectedFrom: .growth,
            expectation: expected("scalectl expects it with Stage 2's \"CDN for assets\"", growthUpgrades)),
        ChecklistItem(
            id: "caching.api-responses", group: .caching, text: "Cache API responses in Redis", expectedFrom: .growth,
            expectation: expected("scalectl expects it with Stage 2's \"Add response caching\"", stage2Code)),
        ChecklistItem(
            id: "caching.browser", group: .caching, text: "Implement browser caching", expectedFrom: .growth,
            expectation: expected(
                "scalectl expects it with Stage 2's \"CDN for assets\", which \"Reduces bandwidth usage\"", growthUpgrades)),
        ChecklistItem(
            id: "caching.etags", group: .caching, text: "Use ETags for conditional requests", expectedFrom: .scale,
            expectation: expected("scalectl expects it with Stage 3's \"Enhanced caching\" (cache at multiple levels)", scaleChanges)),
        ChecklistItem(
            id: "caching.database-queries", group: .caching, text: "Cache database queries", expectedFrom: .growth,
            expectation: expected("scalectl expects it with Stage 2's \"Add response caching\"", stage2Code)),

        ChecklistItem(
            id: "code.lazy-loading", group: .code, text: "Lazy load components", expectedFrom: .growth,
            expectation: expected("the guide says nothing of when; scalectl expects it with the first code changes, at Growth", nil)),
        ChecklistItem(
            id: "code.virtual-scrolling", group: .code, text: "Implement virtual scrolling", expectedFrom: .scale,
            expectation: expected("the guide says nothing of when; scalectl expects it at Scale, when lists grow long", nil)),
        ChecklistItem(
            id: "code.websockets", group: .code, text: "Use WebSocket for real-time", expectedFrom: .scale,
            expectation: expected("the guide says nothing of when; scalectl expects it at Scale, a choice of its own", nil)),
        ChecklistItem(
            id: "code.batch-requests", group: .code, text: "Batch API requests", expectedFrom: .growth,
            expectation: expected("scalectl expects it with Stage 2's \"Add database query batching\"", stage2Code)),
        ChecklistItem(
            id: "code.image-optimization", group: .code, text: "Optimize images (WebP, AVIF)", expectedFrom: .growth,
            expectation: expected(
                "scalectl expects it with Stage 2's \"CDN for assets\", which \"Reduces bandwidth usage\"", growthUpgrades)),

        ChecklistItem(
            id: "monitoring.apm", group: .monitoring, text: "Set up APM (Application Performance Monitoring)", expectedFrom: .growth,
            expectation: expected(
                "scalectl expects it at Growth, to watch Stage 1's \"Response time > 500ms → Add caching\"", metricsToWatch)),
        ChecklistItem(
            id: "monitoring.error-tracking", group: .monitoring, text: "Configure error tracking", expectedFrom: .earlyTraction,
            expectation: expected("scalectl expects it with Stage 1's \"Add monitoring (Free)\" (Sentry)", stage1Changes)),
        ChecklistItem(
            id: "monitoring.custom-metrics", group: .monitoring, text: "Implement custom metrics", expectedFrom: .growth,
            expectation: expected("scalectl expects it at Growth, to measure the guide's Daily Checks", GuideSection.dailyChecks)),
        ChecklistItem(
            id: "monitoring.alerting", group: .monitoring, text: "Set up alerting rules", expectedFrom: .earlyTraction,
            expectation: expected("scalectl expects it with Stage 1's \"Add monitoring (Free)\" (Better Stack)", stage1Changes)),
        ChecklistItem(
            id: "monitoring.dashboards", group: .monitoring, text: "Create dashboards", expectedFrom: .growth,
            expectation: expected("scalectl expects it at Growth, to follow the guide's Weekly Reviews", GuideSection.weeklyReviews)),
    ]

    /// The checklist item with this id, if any.
    public static func checklistItem(_ id: ChecklistItem.ID) -> ChecklistItem? { checklist.first { $0.id == id } }
}
