/// How text output marks scalectl's own judgements, and how JSON writes who says a claim.
extension Wording {
    /// The mark after a claim that is scalectl's own judgement, not the guide's.
    static let scalectlMark = "(scalectl)"
    /// The legend printed once under text that has marks.
    static let scalectlLegend = "(scalectl): scalectl's own judgement, not the guide's; --format json says why."

    /// " (scalectl)" after a claim of scalectl's, nothing after the guide's.
    static func mark(_ attribution: Attribution) -> String { attribution.isGuide ? "" : " " + scalectlMark }

    /// "the guide's prices", or "the guide's prices, with neon-pro from prices.json:2": where an estimate's prices come from.
    static func priceSource(_ estimate: CostEstimate) -> String {
        let given = estimate.lines.compactMap { line -> String? in
            if case .given(let origin) = line.source { return "\(line.item.id) from \(origin)" }
            return nil
        }
        if given.isEmpty { return "the guide's prices" }
        if given.count == estimate.lines.count { return "your prices: " + given.joined(separator: ", ") }
        return "the guide's prices, with " + given.joined(separator: ", ")
    }

    /// " (scalectl)" after a rule's action when it is scalectl's own (the request-count action), nothing otherwise.
    static func actionMark(_ rule: GateRule) -> String {
        if case .catalog(let claim) = rule.origin(of: .action) { return mark(claim) }
        return ""
    }

    /// The legend line, when `text` has a mark.
    static func legend(for text: String) -> String? { text.contains(scalectlMark) ? scalectlLegend : nil }
}

extension JSONReport {
    /// `{"source": "guide", "section": "…", "quote": "…"}` or `{"source": "scalectl", "reason": "…", "section": "…"}`.
    static func attribution(_ attribution: Attribution) -> JSONOutput {
        switch attribution {
        case .guide(let section, let quote):
            .object([("source", .string("guide")), ("section", .string(section)), ("quote", .string(quote))])
        case .scalectl(let reason, let section):
            .object([("source", .string("scalectl")), ("reason", .string(reason)), ("section", .optional(section))])
        }
    }

    /// Where a setting of a rule comes from, as an object: the catalog's attribution, or the policy, environment or flag.
    static func origin(_ origin: Provenance) -> JSONOutput {
        switch origin {
        case .catalog(let claim): attribution(claim)
        case .builtIn: .object([("source", .string("default"))])
        case .preset(let stage): .object([("source", .string("preset")), ("stage", .string(stage.rawValue))])
        case .policyFile(let path, let line):
            .object([("source", .string("policy")), ("file", .string(path)), ("line", .optional(line.map(Double.init)))])
        case .environment(let name): .object([("source", .string("environment")), ("name", .string(name))])
        case .flag(let option): .object([("source", .string("flag")), ("option", .string(option))])
        }
    }

    /// Every setting of a rule with its origin as an object: `{"definition": {...}, "limit": {...}, …}`.
    static func sources(_ rule: GateRule) -> JSONOutput {
        .object(RuleSetting.allCases.filter { rule.provenance[$0] != nil }.map { ($0.rawValue, origin(rule.origin(of: $0))) })
    }

    /// Where a cost line's amount comes from.
    static func priceSource(_ source: PriceSource) -> JSONOutput {
        switch source {
        case .catalog(let claim): attribution(claim)
        case .given(let origin): .object([("source", .string("given")), ("origin", .string(origin))])
        }
    }
}
