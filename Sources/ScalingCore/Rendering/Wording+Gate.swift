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
    /// A diff's change as people compare it: a rate in percentage points (`+0.8 pp`), another metric in percent
    /// (`+12.5%`), and a change from zero, which has no percentage, as the amount (`+$5`).
    static func change(_ change: MetricChange) -> String {
        guard let amount = change.change else { return "" }
        if change.isRate { return (amount > 0 ? "+" : amount < 0 ? "-" : "") + Quantity.trimmedDecimal(abs(amount) * 100, maxDecimals: 2) + " pp" }
        if let relative = change.relative { return percentChange(relative) }
        if amount == 0 { return "" }
        return (amount > 0 ? "+" : "-") + value(abs(amount), Metric(change.field))
    }

    /// A diff whose metrics have no allowance anywhere reports only: it never fails.
    static func diffIsReportOnly(_ diff: SnapshotDiff) -> Bool { !diff.changes.contains { $0.allowed != nil } }

    /// The line under a diff that judges nothing, in the text and Markdown alike.
    static let diffReportOnlyLine =
        "No regression allowance set (--fail-on-regression 10% or 0.5pp, or the policy's \"fail_on_regression\" or \"regression\"): report only."

    static func percentChange(_ relative: Double) -> String {
        guard relative.isFinite else { return relative > 0 ? "from 0" : "to below 0" }
        return (relative > 0 ? "+" : "") + Quantity.groupedTrimmed(relative * 100, maxDecimals: 1) + "%"
    }
}
