/// Shared phrasing of the gate's reports: levels, provenance and changes.
extension Wording {
    /// "request-count: not applicable: Deno Deploy Pro's 10 million requests/month applies from Growth (…)".
    static func notApplicable(_ item: EffectivePolicy.NotApplicableRule) -> String {
        "\(item.rule.id): not applicable: \(item.reason)"
    }

    /// "> 400 ms (critical), > 300 ms (warning)", "≥ db_connection_limit", "ratchet 10%".
    static func levels(_ rule: GateRule) -> String {
        var parts = rule.levels.map { level -> String in
            "\(rule.comparison.rawValue) \(limit(level.limit, rule.metric))"
                + (rule.levels.count > 1 ? " (\(level.severity.rawValue))" : "")
        }
        if let ratchet = rule.ratchet { parts.append("ratchet \(ratchet.tolerance) from the best") }
        return parts.joined(separator: ", ")
    }

    /// One level as a forecast target names it: "> 400 ms", "≥ db_connection_limit".
    static func levels(_ rule: GateRule, level: Threshold.Level) -> String {
        "\(rule.comparison.rawValue) \(limit(level.limit, rule.metric))"
    }

    /// "defined by guide (…) · severity (scalectl) · limit from policy .scalectl.json:7": the definition's origin, then
    /// every setting that is scalectl's own judgement or comes from elsewhere; the guide's other settings go unsaid.
    static func provenance(_ rule: GateRule) -> String {
        let definition = rule.origin(of: .definition)
        var parts: [String] = []
        switch definition {
        case .catalog(.scalectl(_, let section)):
            parts.append(
                "defined \(scalectlMark)"
                    + (section.map { _ in " after the guide's \(rule.origin(of: .definition).shortSection ?? "")" } ?? ""))
        default: parts.append("defined by \(definition)")
        }
        for setting in RuleSetting.allCases where setting != .definition {
            guard let origin = rule.provenance[setting], origin != definition else { continue }
            switch origin {
            case .catalog(.guide): continue
            case .catalog(.scalectl):
                if case .catalog(.scalectl) = definition { continue }
                parts.append("\(setting.rawValue) \(scalectlMark)")
            default: parts.append("\(setting.rawValue) from \(origin)")
            }
        }
        return parts.joined(separator: " · ")
    }
}

extension Wording {

    /// "+20.6%", "-3.6%", "new" (from 0).
    static func percentChange(_ relative: Double) -> String {
        guard relative.isFinite else { return relative > 0 ? "from 0" : "to below 0" }
        return (relative > 0 ? "+" : "") + Quantity.trimmedDecimal(relative * 100, maxDecimals: 1) + "%"
    }
}
