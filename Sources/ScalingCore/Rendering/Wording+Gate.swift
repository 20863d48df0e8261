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

    /// "limit: policy .scalectl.json:7 · severity: guide (…)": every setting whose origin differs from the definition's.
    static func provenance(_ rule: GateRule) -> String {
        let definition = rule.origin(of: .definition)
        var parts = ["defined by \(definition)"]
        for setting in RuleSetting.allCases where setting != .definition {
            guard let origin = rule.provenance[setting], origin != definition else { continue }
            parts.append("\(setting.rawValue) from \(origin)")
        }
        return parts.joined(separator: " · ")
    }
}

extension Wording {

    /// "+20.6%", "-3.6%", "new" (from 0).
    static func percentChange(_ relative: Double) -> String {
        guard relative.isFinite else { return relative > 0 ? "from 0" : "to below 0" }
        return (relative > 0 ? "+" : "") + Quantity.groupedTrimmed(relative * 100, maxDecimals: 1) + "%"
    }
}
