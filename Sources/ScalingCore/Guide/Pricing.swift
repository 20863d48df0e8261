/// A service the guide's stack uses at some stages, and what the guide says it costs.
public struct PriceItem: Sendable, Equatable, Identifiable {
    /// How the guide prices the service.
    public enum Pricing: Sendable, Equatable {
        /// A monthly price or range in USD.
        case flat(low: Double, high: Double)
        /// Free up to `freeAllowance` of `field` per day, then `unitPrice` for every `unitSize` units in a month.
        /// Without usage figures, stages from `paidFrom` on are priced at the guide's `typicalMonthly`, earlier ones as free.
        case usagePerDay(
            field: SnapshotField, freeAllowance: Double, unitSize: Double, unitPrice: Double, typicalMonthly: Double, paidFrom: Stage)
        /// Part of the stack, but the guide names no price.
        case unpriced
    }

    public let id: String
    public let service: String
    public let pricing: Pricing
    /// The first stage whose stack includes the service.
    public let from: Stage
    /// The last stage whose stack includes it (nil: every later stage).
    public let through: Stage?
    /// The guide's words the price comes from.
    public let source: String
    /// What the price includes, past which the guide prices nothing (Deno Deploy Pro: 10 million requests/month).
    public var includes: Allowance? = nil
    /// The guide steps that put the service (or its paid plan) in the stack; reporting one done before its stage
    /// is paying for it early.
    public var addedBy: [GuideStep.ID] = []

    /// A quantity a plan includes.
    public struct Allowance: Sendable, Equatable {
        public let field: SnapshotField
        public let limit: Double
        /// The guide's wording: "10 million requests/month".
        public let label: String
    }

    /// Whether the stack of `stage` includes this service.
    public func applies(to stage: Stage) -> Bool { stage >= from && through.map { stage <= $0 } ?? true }
}

extension GuideCatalog {
    /// Days in the month the guide's monthly prices assume, for per-day usage.
    public static let daysPerMonth: Double = 30

    /// Every price the guide gives, in one table.
    public static let prices: [PriceItem] = [
        PriceItem(
            id: "deno-deploy-free", service: "Deno Deploy (free tier)", pricing: .flat(low: 0, high: 0),
            from: .mvp, through: .earlyTraction, source: "Current Setup (Free MVP): Cost: $0/month"),
        PriceItem(
            id: "deno-deploy-pro", service: "Deno Deploy Pro", pricing: .flat(low: 20, high: 20),
            from: .growth, through: nil, source: "Stage 2: Deno Deploy Pro ($20/month), 10 million requests/month",
            includes: .init(field: .requestsPerMonth, limit: requestLimitPerMonth, label: "10 million requests/month"),
            addedBy: ["growth.deno-deploy-pro"]),
        PriceItem(
            id: "neon-free", service: "Neon (free tier)", pricing: .flat(low: 0, high: 0),
            from: .mvp, through: .growth, source: "Current Setup (Free MVP): Cost: $0/month"),
        PriceItem(
            id: "neon-pro", service: "Neon Pro (or Supabase)", pricing: .flat(low: 19, high: 25),
            from: .scale, through: nil, source: "Stage 3: Neon Pro: $19/month (10GB, autoscaling); Or migrate to Supabase: $25/month",
            includes: .init(field: .dbStorageGB, limit: 10, label: "10GB"),
            addedBy: ["scale.database-upgrade"]),
        PriceItem(
            id: "upstash-redis", service: "Upstash Redis",
            pricing: .usagePerDay(
                field: .redisCommandsPerDay, freeAllowance: 10_000, unitSize: 500_000, unitPrice: 5, typicalMonthly: 5, paidFrom: .growth),
            from: .earlyTraction, through: nil,
            source: "Stage 1: 10,000 commands/day free; Stage 2: Upstash Pay-as-you-go ~$5/month for 500K commands",
            addedBy: ["growth.upstash-pay-as-you-go"]),
        PriceItem(
            id: "cdn", service: "CDN for assets (Cloudflare Pages)", pricing: .flat(low: 0, high: 10),
            from: .growth, through: nil, source: "Stage 2: CDN for assets (Free-$10)",
            addedBy: ["growth.cdn"]),
        PriceItem(
            id: "monitoring", service: "Monitoring (Better Stack, Sentry)", pricing: .flat(low: 0, high: 0),
            from: .earlyTraction, through: nil, source: "Stage 1: Add monitoring (Free)"),
        PriceItem(
            id: "vercel", service: "Vercel", pricing: .unpriced,
            from: .mvp, through: nil, source: "Current Setup: Stack: Deno Deploy + Vercel + Neon + In-Memory Cache"),
        PriceItem(
            id: "multi-region", service: "Multi-region deployment (3 regions)", pricing: .unpriced,
            from: .scale, through: nil, source: "Stage 3: Multi-region deployment",
            addedBy: ["scale.multi-region"]),
        PriceItem(
            id: "qstash", service: "Upstash QStash", pricing: .unpriced,
            from: .scale, through: nil, source: "Stage 3: Queue system for heavy tasks",
            addedBy: ["scale.queue"]),
        PriceItem(
            id: "custom-infrastructure", service: "Custom infrastructure (Kubernetes, database cluster, microservices)",
            pricing: .unpriced, from: .enterprise, through: nil, source: "Stage 4: Full Production Stack",
            addedBy: ["enterprise.custom-infrastructure", "enterprise.database-cluster", "enterprise.microservices"]),
    ]

}
