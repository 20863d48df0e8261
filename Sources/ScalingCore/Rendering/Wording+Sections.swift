/// Shared phrasing of the advice's sections (steps, checklist, cost), for reports that lay them out their own way.
///
/// The HTML report uses these; the text and Markdown reports still spell the same sentences inline and can move
/// to them.
extension Wording {
    /// "Due now (Growth)", "Prepare for Scale", or, for a stage whose trigger is met, "Worth preparing for Scale (not
    /// due: its trigger mrr $12,000 is met, "When: $10K+ MRR")".
    static func stepGroup(_ item: NextStep) -> String {
        switch item.reason {
        case .due: return "Due now (\(item.stage.name))"
        case .upcoming: return "Prepare for \(item.stage.name)"
        case .triggered:
            guard let trigger = item.trigger else { return "Worth preparing for \(item.stage.name)" }
            return "Worth preparing for \(item.stage.name) (not due: its trigger \(trigger.field.rawValue) "
                + "\(value(trigger.value, trigger.field)) is met, \"When: \(trigger.trigger.when)\")"
        }
    }

    /// "Every change up to Growth is reported done."
    static func everyStepDone(_ stage: Stage) -> String { "Every change up to \(stage.name) is reported done." }

    /// "3 of 15 items expected by Growth done.", or "Nothing is expected yet at Free MVP." (never "0 of 0 items").
    static func checklistProgress(open: Int, expected: Int, stage: Stage) -> String {
        guard expected > 0 else { return "Nothing is expected yet at \(stage.name)." }
        return "\(expected - open) of \(count(expected, "item")) expected by \(stage.name) done."
    }

    static let beyondGuide = "Past 1,000,000 users: beyond the guide's range (Enterprise covers 200K-1M users)."

    /// "Forecast to happen within 4 weeks".
    static func forecastWithin(_ horizon: Double) -> String { "Forecast to happen within \(TimeSpan.format(horizon))" }

    /// A cost line's basis: the guide's source for a flat price, else the arithmetic and the source.
    static func basis(_ line: CostLine) -> String {
        if case .given = line.source { return line.basis }
        return line.basis == "flat" ? line.item.source : "\(line.basis) (\(line.item.source))"
    }

    /// "within the band", "above the band by $40: the guide says don't over-engineer".
    static func bandPosition(_ estimate: CostEstimate) -> String? {
        guard let current = estimate.current, let position = estimate.currentPosition else { return nil }
        switch position {
        case .within: return "within the band"
        case .below: return "below the band"
        case .above:
            return "above the band by \(Quantity.format(current - estimate.band.high, as: .money)): the guide says don't over-engineer"
        }
    }

    static let addMonthlyCost = "Add monthly_cost to compare with what you pay."
}
