/// Phrasing of the action plan `advise` opens with, shared by every format so they say the same thing.
extension Wording {
    /// "critical: error-rate 1.8% (limit ≤ 1%)", "due at Early Traction", "forecast: cache_hit_rate ≤ 80% on
    /// 2026-11-05 (in 10 days)".
    static func answer(_ answer: ActionAnswer, now: Double?) -> String {
        switch answer {
        case .breach(let verdict):
            return "\(verdict.severity?.rawValue ?? "breach"): \(verdict.threshold.id) \(value(of: verdict)) (limit \(limit(verdict)))"
        case .due(let stage):
            return "due at \(stage.name), not reported done"
        case .forecast(let forecast):
            var text = "forecast: \(target(forecast))"
            if case .crossing(let date, _, _) = forecast.outcome {
                text += " on \(Timestamp.formatDate(date))"
                if let now { text += " (\(daysFrom(now, to: date)))" }
            }
            return text
        }
    }

    /// Every answer of an action, most urgent first, joined with "; ".
    static func answers(_ action: Action, now: Double?) -> String {
        action.answers.map { answer($0, now: now) }.joined(separator: "; ")
    }

    /// "Add response caching [growth.response-caching]: Add caching", or "Fix bugs" without a step.
    static func fix(_ action: Action) -> String {
        guard let step = action.step else { return action.why }
        return "\(step.title) [\(step.id)]" + (saysMore(action) ? ": " + action.why : "")
    }

    /// Whether an action's why says more than its answers and its step's title: a due step's why only repeats that it
    /// is due, and "Optimize queries" says nothing "Optimize database queries" does not.
    static func saysMore(_ action: Action) -> Bool {
        if action.kind == .due && action.answers.count == 1 { return false }
        guard let step = action.step else { return true }
        return !words(of: action.why).isSubset(of: words(of: step.title))
    }

    /// The words of a text, lowercased, for comparing what two phrasings say.
    private static func words(of text: String) -> Set<Substring> {
        Set(text.lowercased().split { !($0.isLetter || $0.isNumber) })
    }

    /// "What to do now (6 actions, most urgent first)".
    static func actionsHeading(_ plan: ActionPlan) -> String {
        plan.actions.isEmpty
            ? "What to do now: nothing (no breach, no due step, no forecast crossing within the horizon)"
            : "What to do now (\(count(plan.actions.count, "action")), most urgent first)"
    }

    /// "1 action", "3 actions", "1,200 snapshots": a count with its noun in the singular or plural.
    static func count(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(Quantity.format(Double(number), as: .count)) \(number == 1 ? singular : plural ?? singular + "s")"
    }
}
