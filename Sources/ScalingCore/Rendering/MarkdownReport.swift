/// Renders advice as Markdown, ready for a pull-request comment or a wiki page; input text is escaped.
public enum MarkdownReport {
    /// Escapes text for a Markdown table cell or line (``MarkdownSink/escape(_:)``).
    static func escape(_ text: String) -> String { MarkdownSink.escape(text) }

    /// Our own wording in a table cell: only the pipe needs escaping.
    static func cell(_ text: String) -> String { text.replacingPipes }

    public static func advice(_ advice: Advice) -> String {
        let assessment = advice.assessment
        let profile = GuideCatalog.profile(for: advice.stage)
        var lines = ["# Scaling advice: \(escape(advice.series.source))", ""]
        lines += whatIfLines(advice.whatIf) + emergencyLines(advice.emergency, timed: advice.trends?.timeline.isTimed ?? false)
        let plan = advice.actionPlan
        lines += ["## " + escape(Wording.actionsHeading(plan)), ""]
        for action in plan.actions {
            let why = Wording.saysMore(action) ? ": " + escape(action.why) : ""
            let fix = action.step.map { "**\(escape($0.title))** (`\($0.id)`)" + why } ?? escape(action.why)
            lines.append("\(action.rank). \(escape(Wording.answers(action, now: advice.trends?.now))) → \(fix)")
        }
        lines.append("")
        lines.append("**\(Wording.stageTitle(advice.stage))** (\(profile.users.label) users, \(profile.cost.label))")
        lines.append("")
        lines.append("`\(Wording.ladder(advice.stage))`")
        lines.append("")
        lines.append("- Why: " + escape(Wording.why(assessment)))
        lines += Wording.carriedSignals(assessment, current: advice.current).map { "- Not the newest: " + escape($0) }
        for trigger in assessment.triggersAbove {
            lines.append("- Trigger: " + escape(Wording.trigger(trigger, stage: advice.stage, decision: advice.decision)))
        }
        if let distances = Wording.distances(assessment) { lines.append("- Next: " + distances) }
        if let decision = advice.decision { lines.append("- Decision tree: \(decision.condition) → \(decision.advice)") }
        lines += ["", "## Thresholds", ""]
        if advice.verdicts.allSatisfy(\.isUnknown) { lines += ["**\(Wording.nothingChecked).**", ""] }
        lines += ["| Threshold | Value | Limit | Verdict | Action |", "|---|---|---|---|---|"]
        for verdict in advice.verdictsByUrgency {
            let value = Wording.value(of: verdict)
            let action = verdict.severity != nil ? escape(verdict.threshold.action + Wording.actionMark(verdict.threshold)) : ""
            lines.append(
                "| \(verdict.threshold.id) | \(cell(value)) | \(cell(Wording.limit(verdict))) | \(Wording.status(verdict.status)) | \(action) |"
            )
        }
        if !advice.notApplicable.isEmpty { lines += [""] + advice.notApplicable.map { "- " + escape(Wording.notApplicable($0)) } }
        if let trends = advice.trends { lines += trendLines(trends) }
        if let trends = advice.trends, !advice.preparations.isEmpty {
            lines += ["", "## Prepare now", "", "Forecast to happen within \(TimeSpan.format(trends.options.horizon)):", ""]
            for item in advice.preparations {
                let what = item.steps.map { "**\($0.title)** (`\($0.id)`)" } + (item.action.map { [escape($0)] } ?? [])
                lines.append(
                    "- \(Wording.target(item.forecast)) \(Wording.outcome(item.forecast, now: trends.now)): " + what.joined(separator: "; ")
                )
            }
        }
        lines += ["", "## Next steps", ""]
        if advice.nextSteps.isEmpty { lines.append("Every change up to \(advice.stage.name) is reported done.") }
        for item in advice.nextSteps {
            lines.append("- [ ] **\(item.step.title)** (\(escape(Wording.stepGroup(item))), `\(item.step.id)`)")
        }
        lines += ["", "## Checklist", ""]
        var progress = Wording.checklistProgress(
            open: advice.openChecklist.count, expected: advice.expectedChecklist.count, stage: advice.stage)
        if !advice.expectedChecklist.isEmpty {
            progress += " (The stage each item is expected from is scalectl's: the guide's checklist has no stages.)"
        }
        lines += [progress, ""]
        let covered = plan.coveredChecklist
        for item in advice.openChecklist where !covered.contains(item.id) {
            lines.append("- [ ] \(item.group.heading): \(item.text) (`\(item.id)`)")
        }
        let part = advice.openChecklist.filter { covered.contains($0.id) }
        if !part.isEmpty {
            lines += ["", "Part of the steps above: " + part.map { "`\($0.id)`" }.joined(separator: ", ") + "."]
        }
        lines += [""] + costLines(advice.cost)
        if let legend = Wording.legend(for: lines.joined()) { lines += ["", "_\(escape(legend))_"] }
        return MarkdownSink.finish(lines.joined(separator: "\n") + "\n")
    }

    /// The cost estimate as a section: the band, a table of the guide's prices, what is not priced, what you pay.
    static func costLines(_ cost: CostEstimate) -> [String] {
        var lines = [
            "## Cost", "", "The guide's band for \(cost.stage.name): \(cost.band.label).", "", "| Service | Monthly | Basis |", "|---|---|---|",
        ]
        for line in cost.lines {
            let basis = Wording.basis(line)
            lines.append("| \(cell(line.item.service)) | \(Wording.moneyRange(line.low, line.high)) | \(cell(basis)) |")
        }
        lines.append("| **Estimate** | **\(Wording.moneyRange(cost.low, cost.high))** | |")
        lines += ["", "Prices: " + escape(Wording.priceSource(cost)) + "."]
        if !cost.unpriced.isEmpty {
            lines += ["", "Not priced by the guide: " + cost.unpriced.map(\.service).joined(separator: ", ") + "."]
        }
        for note in cost.notes { lines += ["", "Note: " + escape(note)] }
        if let current = cost.current, let position = cost.currentPosition {
            lines += ["", "You pay \(Quantity.format(current, as: .money))/month: \(position.rawValue) the band."]
        } else {
            lines += ["", "Add monthly_cost to compare with what you pay."]
        }
        return lines
    }

    static func whatIfLines(_ comparison: WhatIfComparison?) -> [String] {
        guard let comparison else { return [] }
        var lines = ["## What if", "", "Everything below is about the changed snapshot.", ""]
        for change in comparison.fields {
            let before = change.before.map { Wording.value($0, change.field) } ?? "not reported"
            lines.append("- \(change.field.rawValue): \(before) → \(Wording.value(change.after, change.field)) (`\(escape(change.text))`)")
        }
        lines.append(
            comparison.stageChanged
                ? "- Stage: \(comparison.stageBefore?.rawValue ?? "no stage signal") → **\(comparison.stageAfterName)**"
                : "- Stage: \(comparison.stageAfterName) (unchanged)")
        for verdict in comparison.newBreaches { lines.append("- New breach: \(verdict.threshold.id) (\(verdict.severity!.rawValue))") }
        for verdict in comparison.clearedBreaches { lines.append("- Cleared: \(verdict.threshold.id)") }
        let after = comparison.costAfter.map { Wording.moneyRange($0.low, $0.high) } ?? "no estimate (no stage signal)"
        let before = comparison.costBefore.map { Wording.moneyRange($0.low, $0.high) + " → " } ?? ""
        lines += ["- Cost estimate: \(before)\(after) per month", ""]
        return lines
    }

    static func emergencyLines(_ emergency: EmergencyAdvice?, timed: Bool) -> [String] {
        guard let emergency else { return [] }
        var lines = ["## Emergency scaling", ""]
        lines += emergency.spikes.map { "**Why:** " + Wording.spike($0, rule: emergency.rule, timed: timed) + "." }
        lines.append("")
        lines += emergency.playbook.steps.enumerated().map { "\($0.offset + 1). \($0.element.title)" }
        lines.append("")
        return lines
    }

    static func trendLines(_ trends: TrendAnalysis) -> [String] {
        var lines = ["", "## Trend", ""]
        lines += trends.timeline.notes.map { "- " + Wording.note($0) }
        if !trends.timeline.notes.isEmpty { lines.append("") }
        lines += ["| Metric | Trend | First → latest | Growth | Direction | Fit |", "|---|---|---|---|---|---|"]
        for trend in trends.metrics where trend.count >= 2 {
            let span = "\(Wording.value(trend.first, trend.field)) → \(Wording.value(trend.latest, trend.field))"
            lines.append(
                "| \(trend.field.rawValue) | \(Wording.sparkline(trend.values)) | \(cell(span)) | \(Wording.growth(trend)) | "
                    + "\(Wording.direction(trend)) | \(Wording.fit(trend)) |")
        }
        lines += ["", "### Forecast", ""]
        if let reason = trends.forecastUnavailable { return lines + ["No forecast is possible: \(reason)."] }
        lines += ["| Target | When | What it is |", "|---|---|---|"]
        for forecast in trends.forecasts {
            if case .unavailable = forecast.outcome { continue }
            lines.append(
                "| \(cell(Wording.target(forecast))) | \(Wording.outcome(forecast, now: trends.now)) | \(cell(Wording.targetKind(forecast.target))) |"
            )
        }
        return lines
    }
}

extension String {
    var replacingPipes: String {
        var out = ""
        for character in self { if character == "|" { out += "\\|" } else { out.append(character) } }
        return out
    }
}
