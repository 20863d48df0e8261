extension GuideCatalog {
    /// Every preset rule of any stage, by id: a policy may name them whatever the stage.
    public static let presetRulesByID: [String: GateRule] = {
        var table: [String: GateRule] = [:]
        for stage in Stage.allCases { for rule in presetRules(for: stage) where table[rule.id] == nil { table[rule.id] = rule } }
        return table
    }()

    /// Thresholds that hold only at some stages because the stage's stack has a plan with a limit: the "stage preset"
    /// between the guide's defaults and a policy file.
    ///
    /// They are generated from the price table: a usage-priced service's free allowance while the stage is on its
    /// free plan (Upstash's 10,000 commands/day before Stage 2), and what a paid plan includes where the guide prices
    /// nothing past it (Neon Pro's 10GB from Stage 3); a limit a guide threshold already watches is not repeated.
    public static func presetRules(for stage: Stage) -> [GateRule] {
        var rules: [GateRule] = []
        for item in prices where item.applies(to: stage) {
            var field: SnapshotField
            var limit: Double
            var action: String
            var suffix: String
            var quoted: Attribution
            switch item.pricing {
            case .usagePerDay(let free, _, _, _, let paidFrom) where stage < paidFrom:
                field = free.field
                limit = free.limit
                quoted = free.provenance
                suffix = "free-tier"
                action =
                    "\(item.service)'s free tier is \(Quantity.format(free.limit, as: .count))/day: move to the paid plan the guide names for "
                    + "\(GuideCatalog.profile(for: paidFrom).heading)"
            default:
                guard let allowance = item.includes else { continue }
                field = allowance.field
                limit = allowance.limit
                quoted = allowance.provenance
                suffix = "included"
                action = "\(item.service) includes \(allowance.label); the guide prices nothing past it"
            }
            let watched = thresholds.contains { $0.metric == field && $0.levels.contains { $0.limit == .fixed(limit) } }
            guard !watched else { continue }
            rules.append(
                GateRule(
                    id: "\(item.id)-\(suffix)", metric: Metric(field), comparison: .above,
                    levels: [.init(severity: .warning, limit: .fixed(limit))], action: action, guideText: [item.source],
                    source: item.source,
                    provenance: [
                        .definition: .preset(stage), .limit: .catalog(quoted),
                        .action: .catalog(
                            .scalectl(
                                reason: "the guide states the allowance, not what to do past it: scalectl's action",
                                borrowsFrom: item.provenance.section)),
                    ]))
        }
        return rules
    }
}
