/// A service the guide's stack uses at some stages, and what the guide says it costs.
public struct PriceItem: Sendable, Equatable, Identifiable {
    /// How the guide prices the service.
    public enum Pricing: Sendable, Equatable {
        /// A monthly price or range in USD.
        case flat(low: Double, high: Double)
        /// Free up to `free` per day, then `unitPrice` for every `unitSize` units in a month. Without usage figures,
        /// stages from `paidFrom` on are priced at the guide's `typicalMonthly`, earlier ones as free.
        case usagePerDay(free: Allowance, unitSize: Double, unitPrice: Double, typicalMonthly: Double, paidFrom: Stage)
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
    /// Who says the price (or that the service is in the stack, for one the guide does not price).
    public let provenance: Attribution
    /// What the price includes, past which the guide prices nothing (Deno Deploy Pro: 10 million requests/month).
    public var includes: Allowance? = nil
    /// The guide steps that put the service (or its paid plan) in the stack; reporting one done before its stage
    /// is paying for it early.
    public var addedBy: [GuideStep.ID] = []
    /// Why the stack stops having the service at `through`, where it does: scalectl's reading of the next stage's stack.
    public var replacedBecause: Attribution? = nil

    /// A quantity a plan includes: what a forecast watches as a plan limit.
    public struct Allowance: Sendable, Equatable {
        /// The plan limit's id, as forecasts name it.
        public let id: String
        public let field: SnapshotField
        public let limit: Double
        /// The guide's wording: "10 million requests/month".
        public let label: String
        /// Who says the number.
        public let provenance: Attribution
        /// What to do ahead of reaching it.
        public let preparation: Preparation
    }

    /// The guide's words the price comes from, for a cost line: the quote, or scalectl's reason.
    public var source: String {
        switch provenance {
        case .guide(let section, let quote):
            // "Stage 2" of "Stage 2: Growth (10K-50K users) › …"; another heading whole.
            let heading = String(section.split(separator: " › ", maxSplits: 1).first ?? Substring(section))
            return "\(quote) (\(heading.hasPrefix("Stage ") ? String(heading.prefix { $0 != ":" }) : heading))"
        case .scalectl(let reason, _): return "scalectl: \(reason)"
        }
    }

    /// Every allowance of the plan: what it includes, and a free tier.
    public var allowances: [Allowance] {
        var all = includes.map { [$0] } ?? []
        if case .usagePerDay(let free, _, _, _, _) = pricing { all.append(free) }
        return all
    }

    /// Whether the stack of `stage` includes this service.
    public func applies(to stage: Stage) -> Bool { stage >= from && through.map { stage <= $0 } ?? true }
}

extension GuideCatalog {
    /// Days in the month the guide's monthly prices assume, for per-day usage.
    public static let daysPerMonth: Double = 30

    static let growthUpgrades = GuideSection.path(GuideSection.stage2, "Infrastructure Upgrades")
    static let scaleChanges = GuideSection.path(GuideSection.stage3, "Major Changes")
    static let enterpriseStack = GuideSection.path(GuideSection.stage4, "Full Production Stack")
    /// Why Enterprise's stack has no Deno Deploy, Neon or Upstash line: the guide replaces them there.
    static let replacedAtEnterprise = Attribution.scalectl(
        reason: "the guide's Enterprise stack is custom infrastructure (Kubernetes or enterprise tiers), a PostgreSQL "
            + "cluster and Redis Cluster: scalectl prices no earlier plan there", borrowsFrom: enterpriseStack)

    /// Deno Deploy Pro's monthly request allowance, the only request limit the guide states.
    public static let denoDeployProRequests = PriceItem.Allowance(
        id: "deno-deploy-requests", field: .requestsPerMonth, limit: 10_000_000, label: "10 million requests/month",
        provenance: .guide(section: growthUpgrades, quote: "Deno Deploy Pro ($20/month) 10 million requests/month"),
        preparation: .threshold("request-count"))

    /// Every price the guide gives, in one table.
    public static let prices: [PriceItem] = [
        PriceItem(
            id: "deno-deploy-free", service: "Deno Deploy (free tier)", pricing: .flat(low: 0, high: 0),
            from: .mvp, through: .earlyTraction,
            provenance: .guide(section: GuideSection.mvp, quote: "Cost: $0/month Stack: Deno Deploy + Vercel + Neon + In-Memory Cache")),
        PriceItem(
            id: "deno-deploy-pro", service: "Deno Deploy Pro", pricing: .flat(low: 20, high: 20),
            from: .growth, through: .scale, provenance: .guide(section: growthUpgrades, quote: "Deno Deploy Pro ($20/month)"),
            includes: denoDeployProRequests, addedBy: ["growth.deno-deploy-pro"], replacedBecause: replacedAtEnterprise),
        PriceItem(
            id: "neon-free", service: "Neon (free tier)", pricing: .flat(low: 0, high: 0),
            from: .mvp, through: .growth,
            provenance: .guide(section: GuideSection.mvp, quote: "Cost: $0/month Stack: Deno Deploy + Vercel + Neon + In-Memory Cache")),
        PriceItem(
            id: "neon-pro", service: "Neon Pro (or Supabase)", pricing: .flat(low: 19, high: 25),
            from: .scale, through: .scale,
            provenance: .guide(
                section: scaleChanges, quote: "Neon Pro: $19/month (10GB, autoscaling) Or migrate to Supabase: $25/month"),
            includes: .init(
                id: "neon-storage", field: .dbStorageGB, limit: 10, label: "10GB",
                provenance: .guide(section: scaleChanges, quote: "Neon Pro: $19/month (10GB, autoscaling)"),
                preparation: .advice("Optimize database usage: archive old data, use appropriate data types, clean up unused indexes")),
            addedBy: ["scale.database-upgrade"], replacedBecause: replacedAtEnterprise),
        PriceItem(
            id: "upstash-redis", service: "Upstash Redis",
            pricing: .usagePerDay(
                free: .init(
                    id: "upstash-free-commands", field: .redisCommandsPerDay, limit: 10_000, label: "10,000 commands/day free",
                    provenance: .guide(
                        section: GuideSection.path(GuideSection.stage1, "Changes Needed"), quote: "10,000 commands/day free"),
                    preparation: .step("growth.upstash-pay-as-you-go")),
                unitSize: 500_000, unitPrice: 5, typicalMonthly: 5, paidFrom: .growth),
            from: .earlyTraction, through: .scale,
            provenance: .guide(section: growthUpgrades, quote: "Upstash Pay-as-you-go ~$5/month for 500K commands"),
            addedBy: ["growth.upstash-pay-as-you-go"], replacedBecause: replacedAtEnterprise),
        PriceItem(
            id: "cdn", service: "CDN for assets (Cloudflare Pages)", pricing: .flat(low: 0, high: 10),
            from: .growth, through: nil, provenance: .guide(section: growthUpgrades, quote: "CDN for assets (Free-$10)"),
            addedBy: ["growth.cdn"]),
        PriceItem(
            id: "monitoring", service: "Monitoring (Better Stack, Sentry)", pricing: .flat(low: 0, high: 0),
            from: .earlyTraction, through: nil,
            provenance: .guide(section: GuideSection.path(GuideSection.stage1, "Changes Needed"), quote: "Add monitoring (Free)")),
        PriceItem(
            id: "vercel", service: "Vercel", pricing: .unpriced,
            from: .mvp, through: .scale,
            provenance: .guide(section: GuideSection.mvp, quote: "Stack: Deno Deploy + Vercel + Neon + In-Memory Cache"),
            replacedBecause: replacedAtEnterprise),
        PriceItem(
            id: "multi-region", service: "Multi-region deployment (3 regions)", pricing: .unpriced,
            from: .scale, through: .scale, provenance: .guide(section: scaleChanges, quote: "Multi-region deployment"),
            addedBy: ["scale.multi-region"], replacedBecause: replacedAtEnterprise),
        PriceItem(
            id: "qstash", service: "Upstash QStash", pricing: .unpriced,
            from: .scale, through: .scale, provenance: .guide(section: scaleChanges, quote: "Upstash QStash for background jobs"),
            addedBy: ["scale.queue"], replacedBecause: replacedAtEnterprise),
        PriceItem(
            id: "custom-infrastructure", service: "Custom infrastructure (Kubernetes or enterprise tiers)",
            pricing: .unpriced, from: .enterprise, through: nil,
            provenance: .guide(section: enterpriseStack, quote: "Custom infrastructure Kubernetes on DigitalOcean/Linode"),
            addedBy: ["enterprise.custom-infrastructure"]),
        PriceItem(
            id: "database-cluster", service: "Database cluster (PostgreSQL, Redis Cluster, ElasticSearch)",
            pricing: .unpriced, from: .enterprise, through: nil,
            provenance: .guide(section: enterpriseStack, quote: "Database cluster PostgreSQL with read replicas"),
            addedBy: ["enterprise.database-cluster"]),
        PriceItem(
            id: "microservices", service: "Microservices architecture",
            pricing: .unpriced, from: .enterprise, through: nil,
            provenance: .guide(section: enterpriseStack, quote: "Microservices architecture"),
            addedBy: ["enterprise.microservices"]),
    ]

    /// The price with this id, if any.
    public static func price(_ id: PriceItem.ID) -> PriceItem? { prices.first { $0.id == id } }
}
