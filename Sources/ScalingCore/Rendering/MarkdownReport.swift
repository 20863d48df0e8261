/// Renders advice as Markdown, ready for a pull-request comment or a wiki page; input text is escaped.
public enum MarkdownReport {
    /// Escapes text for a Markdown table cell or line: pipes, backslashes, emphasis and HTML.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in sanitizedForTerminal(text) {
            switch character {
            case "|", "\\", "*", "_", "`", "[", "]", "#": out += "\\\(character)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Our own wording in a table cell: only the pipe needs escaping.
    static func cell(_ text: String) -> String { text.replacingPipes }

    public static func advice(_ advice: Advice) -> String {
        let assessment = advice.assessment
        let profile = GuideCatalog.profile(for: advice.stage)
        var lines = ["# Scaling advice: \(escape(advice.series.source))", ""]
        lines.append("**\(Wording.stageTitle(advice.stage))** (\(profile.users.label) users, \(profile.cost.label))")
        lines.append("")
        lines.append("`\(Wording.ladder(advice.stage))`")
        lines.append("")
        lines.append("- Why: " + assessment.deciding.map { Wording.reading($0) }.joined(separator: "; "))
        if let distances = Wording.distances(assessment) { lines.append("- Next: " + distances) }
        if let decision = advice.decision { lines.append("- Decision tree: \(decision.condition) → \(decision.advice)") }
        lines += ["", "## Thresholds", "", "| Threshold | Value | Limit | Verdict | Action |", "|---|---|---|---|---|"]
        for verdict in advice.verdictsByUrgency {
            let value = Wording.value(of: verdict)
            let action = verdict.severity != nil ? verdict.threshold.action : ""
            lines.append(
                "| \(verdict.threshold.id) | \(cell(value)) | \(cell(Wording.limit(verdict))) | \(Wording.status(verdict.status)) | \(cell(action)) |"
            )
        }
        lines += ["", "## Next steps", ""]
        if advice.nextSteps.isEmpty { lines.append("Every change up to \(advice.stage.name) is reported done.") }
        for item in advice.nextSteps {
            let when = item.reason == .due ? "due now" : "prepare for \(item.stage.name)"
            lines.append("- [ ] **\(item.step.title)** (\(when), `\(item.step.id)`)")
        }
        lines += [
            "", "## Checklist", "",
            "\(advice.expectedChecklist.count - advice.openChecklist.count) of \(advice.expectedChecklist.count) items expected by \(advice.stage.name) done.",
            "",
        ]
        for item in advice.openChecklist { lines.append("- [ ] \(item.group.heading): \(item.text) (`\(item.id)`)") }
        let cost = advice.cost
        lines += [
            "", "## Cost", "", "The guide's band for \(cost.stage.name): \(cost.band.label).", "", "| Service | Monthly | Basis |",
            "|---|---|---|",
        ]
        for line in cost.lines {
            let basis = line.basis == "flat" ? line.item.source : "\(line.basis) (\(line.item.source))"
            lines.append("| \(cell(line.item.service)) | \(Wording.moneyRange(line.low, line.high)) | \(cell(basis)) |")
        }
        lines.append("| **Estimate** | **\(Wording.moneyRange(cost.low, cost.high))** | |")
        if !cost.unpriced.isEmpty {
            lines += ["", "Not priced by the guide: " + cost.unpriced.map(\.service).joined(separator: ", ") + "."]
        }
        if let current = cost.current, let position = cost.currentPosition {
            lines += ["", "You pay \(Quantity.format(current, as: .money))/month: \(position.rawValue) the band."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

}

extension String {
    var replacingPipes: String {
        var out = ""
        for character in self { if character == "|" { out += "\\|" } else { out.append(character) } }
        return out
    }
}
