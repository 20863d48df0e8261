/// The scaling guide as data: every table the advice is computed from lives on this namespace.
///
/// The texts are the guide's own words, so `scalectl guide` can be held against the document line by line.
public enum GuideCatalog {
    /// The guide's title.
    public static let title = "Scaling Guide: From MVP to Million Users"
    /// The guide's closing reminder.
    public static let reminder = "Don't over-engineer! Scale when you need to, not before. Most apps never need more than Stage 2."

    /// The profile of one stage.
    public static func profile(for stage: Stage) -> StageProfile { stages[stage.number] }

    /// The five stages in order, MVP first.
    public static let stages: [StageProfile] = [
        StageProfile(
            stage: .mvp, name: "Free MVP", heading: "Current Setup (Free MVP)",
            users: UserRange(lower: 0, upper: 1_000, label: "0-1,000"),
            trigger: nil,
            cost: CostBand(low: 0, high: 0, label: "$0/month"),
            stack: "Deno Deploy + Vercel + Neon + In-Memory Cache",
            sections: [], diagram: nil, metricsToWatch: []),
        StageProfile(
            stage: .earlyTraction, name: "Early Traction", heading: "Stage 1: Early Traction (1K-10K users)",
            users: UserRange(lower: 1_000, upper: 10_000, label: "1K-10K"),
            trigger: "First paying customers arrive",
            cost: CostBand(low: 0, high: 20, label: "$0-20/month"),
            stack: "Deno Deploy + Vercel + Neon + Upstash Redis (free tier) + Better Stack/Sentry (free tiers)",
            sections: [
                StageSection(
                    heading: "Changes Needed",
                    steps: [
                        GuideStep(
                            "early-traction.upstash-redis", "Add Upstash Redis (Still free tier)",
                            details: ["10,000 commands/day free", "Distributed caching", "Session persistence"],
                            snippet: """
                                # Set in Deno Deploy:
                                UPSTASH_REDIS_REST_URL=https://xxx.upstash.io
                                UPSTASH_REDIS_REST_TOKEN=xxx
                                """),
                        GuideStep(
                            "early-traction.monitoring", "Add monitoring (Free)",
                            details: ["Better Stack: https://betterstack.com (free tier)", "Sentry: https://sentry.io (free tier)"],
                            doneWith: ["monitoring.error-tracking", "monitoring.alerting"]),
                        GuideStep(
                            "early-traction.query-indexes", "Optimize database queries",
                            snippet: """
                                -- Add indexes for common queries
                                CREATE INDEX idx_pitches_user_id ON pitches(user_id);
                                CREATE INDEX idx_pitches_status ON pitches(status);
                                CREATE INDEX idx_pitches_created_at ON pitches(created_at DESC);
                                """,
                            doneWith: ["database.indexes"]),
                    ])
            ],
            diagram: nil,
            metricsToWatch: ["response-time", "database-cpu", "error-rate"]),
        StageProfile(
            stage: .growth, name: "Growth", heading: "Stage 2: Growth (10K-50K users)",
            users: UserRange(lower: 10_000, upper: 50_000, label: "10K-50K"),
            trigger: "100+ daily active users",
            cost: CostBand(low: 20, high: 60, label: "$20-60/month"),
            stack: "Deno Deploy Pro + Vercel + Neon (pooled connections) + Upstash Pay-as-you-go + Cloudflare Pages CDN",
            sections: [
                StageSection(
                    heading: "Infrastructure Upgrades",
                    steps: [
                        GuideStep(
                            "growth.deno-deploy-pro", "Deno Deploy Pro ($20/month)",
                            details: ["10 million requests/month", "Priority support", "Better performance"]),
                        GuideStep(
                            "growth.upstash-pay-as-you-go", "Upstash Pay-as-you-go",
                            details: ["~$5/month for 500K commands", "Global replication", "Auto-scaling"]),
                        GuideStep(
                            "growth.cdn", "CDN for assets (Free-$10)",
                            details: ["Cloudflare Pages for static assets", "Reduces bandwidth usage", "Global distribution"],
                            doneWith: ["caching.cdn"]),
                        GuideStep(
                            "growth.connection-pooling", "Database connection pooling",
                            snippet: """
                                // Use Neon's pooled connection string
                                DATABASE_URL=postgresql://...?pgbouncer=true
                                """,
                            doneWith: ["database.connection-pooling"]),
                    ]),
                StageSection(
                    heading: "Code Optimizations",
                    steps: [
                        GuideStep(
                            "growth.response-caching", "Add response caching",
                            snippet: """
                                const cached = await CacheService.getHomepageData();
                                if (cached) return cached;
                                """,
                            doneWith: ["caching.api-responses"]),
                        GuideStep(
                            "growth.pagination", "Implement pagination",
                            snippet: """
                                const pitches = await db.select()
                                  .from(pitches)
                                  .limit(20)
                                  .offset(page * 20);
                                """),
                        GuideStep(
                            "growth.query-batching", "Add database query batching",
                            snippet: """
                                const results = await Promise.all([
                                  getUserData(userId),
                                  getUserPitches(userId),
                                  getUserStats(userId)
                                ]);
                                """,
                            doneWith: ["code.batch-requests"]),
                    ]),
            ],
            diagram: nil, metricsToWatch: []),
        StageProfile(
            stage: .scale, name: "Scale", heading: "Stage 3: Scale (50K-200K users)",
            users: UserRange(lower: 50_000, upper: 200_000, label: "50K-200K"),
            trigger: "$10K+ MRR",
            cost: CostBand(low: 100, high: 300, label: "$100-300/month"),
            stack: "Cloudflare (CDN + DDoS Protection) + Deno Deploy (3 regions) + Upstash Redis + Neon (Primary) + QStash (Queue)",
            sections: [
                StageSection(
                    heading: "Major Changes",
                    steps: [
                        GuideStep(
                            "scale.database-upgrade", "Database upgrade",
                            details: [
                                "Neon Pro: $19/month (10GB, autoscaling)", "Or migrate to Supabase: $25/month", "Enable read replicas",
                            ],
                            doneWith: ["database.read-replicas"]),
                        GuideStep(
                            "scale.multi-region", "Multi-region deployment",
                            snippet: """
                                // Deploy to multiple regions
                                deployctl deploy --project=pitchey-backend --regions=iad,lhr,sin
                                """),
                        GuideStep(
                            "scale.queue", "Queue system for heavy tasks",
                            details: ["Upstash QStash for background jobs", "Email sending", "Report generation"]),
                        GuideStep(
                            "scale.enhanced-caching", "Enhanced caching",
                            snippet: """
                                // Cache at multiple levels
                                - CDN cache (1 hour)
                                - Redis cache (5 minutes)
                                - Application cache (1 minute)
                                """,
                            doneWith: ["caching.cdn", "caching.api-responses", "caching.database-queries"]),
                    ])
            ],
            diagram: (
                heading: "Architecture Evolution",
                text: """
                ┌─────────────┐
                │  Cloudflare │ (CDN + DDoS Protection)
                └──────┬──────┘
                       │
                ┌──────┴──────┐     ┌─────────────┐
                │ Deno Deploy │────│   Upstash   │
                │  (3 regions)│     │   Redis     │
                └──────┬──────┘     └─────────────┘
                       │
                ┌──────┴──────┐     ┌─────────────┐
                │    Neon     │────│   QStash    │
                │  (Primary)  │     │   (Queue)   │
                └─────────────┘     └─────────────┘
                """
            ),
            metricsToWatch: []),
        StageProfile(
            stage: .enterprise, name: "Enterprise", heading: "Stage 4: Enterprise (200K-1M users)",
            users: UserRange(lower: 200_000, upper: nil, label: "200K-1M"),
            trigger: "$100K+ MRR",
            cost: CostBand(low: 500, high: 2_000, label: "$500-2000/month"),
            stack:
                "Kubernetes on DigitalOcean/Linode (or serverless enterprise tiers) + PostgreSQL with read replicas + Redis Cluster + ElasticSearch + microservices",
            sections: [
                StageSection(
                    heading: "Full Production Stack",
                    steps: [
                        GuideStep(
                            "enterprise.custom-infrastructure", "Custom infrastructure",
                            details: ["Kubernetes on DigitalOcean/Linode", "Or stay serverless with enterprise tiers"]),
                        GuideStep(
                            "enterprise.database-cluster", "Database cluster",
                            details: ["PostgreSQL with read replicas", "Redis Cluster for caching", "ElasticSearch for search"]),
                        GuideStep(
                            "enterprise.microservices", "Microservices architecture",
                            snippet: """
                                - API Gateway (Kong/Traefik)
                                - Auth Service
                                - Pitch Service
                                - Message Service
                                - Analytics Service
                                """),
                        GuideStep(
                            "enterprise.features", "Enterprise features",
                            details: ["SSO/SAML", "Audit logs", "Data residency", "SLA guarantees"]),
                    ])
            ],
            diagram: nil, metricsToWatch: []),
    ]
}

extension GuideCatalog {
    /// The guide step with this id, from any stage.
    public static func step(_ id: GuideStep.ID) -> GuideStep? {
        stages.lazy.flatMap(\.steps).first { $0.id == id }
    }

    /// The stage whose profile lists the step.
    public static func stage(ofStep id: GuideStep.ID) -> Stage? {
        stages.first { $0.steps.contains { $0.id == id } }?.stage
    }
}
