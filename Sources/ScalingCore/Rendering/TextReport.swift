/// Renders results as text for a terminal: aligned columns, colored only when `style` is enabled.
public struct TextReport: Sendable {
    public let style: Style

    public init(style: Style) { self.style = style }

    // MARK: advise

    public func advice(_ advice: Advice, explain: Bool, verbose: Bool = false) -> String {
        var sections = [header(advice.series)]
        if let whatIf = advice.whatIf { sections.append(whatIfSection(whatIf)) }
        if let emergency = advice.emergency {
            sections.append(emergencySection(emergency, timed: advice.trends?.timeline.isTimed ?? false))
        }
        let plan = advice.actionPlan
        sections.append(actionSection(plan, now: advice.trends?.now))
        sections.append(stageSection(advice.assessment, explain: explain, decision: advice.decision, current: advice.current))
        sections.append(
            thresholdSection(advice.verdictsByUrgency, explain: explain)
                + advice.notApplicable.map { "\n  " + style.dim("– " + Wording.notApplicable($0)) }.joined())
        if let trends = advice.trends {
            if !trends.timeline.notes.isEmpty { sections.append(notesSection(trends.timeline.notes)) }
            sections.append(trendSection(trends))
            sections.append(forecastSection(trends))
        }
        if !advice.preparations.isEmpty, let trends = advice.trends {
            sections.append(preparationSection(advice.preparations, horizon: trends.options.horizon, now: trends.now))
        }
        sections.append(nextStepsSection(advice.nextSteps, stage: advice.stage))
        sections.append(
            checklistSection(
                open: advice.openChecklist, expected: advice.expectedChecklist, stage: advice.stage,
                covered: verbose ? [] : plan.coveredChecklist, verbose: verbose))
        sections.append(cost(advice.cost))
        if let legend = Wording.legend(for: sections.joined()) { sections.append(style.dim(legend)) }
        return TerminalSink.finish(sections.joined(separator: "\n\n") + "\n")
    }

    func header(_ series: SnapshotSeries) -> String { header(SeriesHeading(series)) }

    func header(_ heading: SeriesHeading) -> String {
        var line = style.bold("scalectl") + " · " + sanitizedForTerminal(heading.source)
        if heading.count > 1 {
            line += " · latest of \(Quantity.format(Double(heading.count), as: .count)) snapshots"
        }
        if let time = heading.latestTime { line += " · " + Timestamp.format(time) }
        if let origin = heading.latestLine, heading.count > 1 { line += " (line \(origin))" }
        return line
    }

    func stageSection(_ assessment: StageAssessment, explain: Bool, decision: DecisionBranch?, current: CurrentValues? = nil) -> String {
        let profile = GuideCatalog.profile(for: assessment.stage)
        var lines = [
            style.bold(Wording.stageTitle(assessment.stage)) + "  " + style.dim("\(profile.users.label) users · \(profile.cost.label)")
        ]
        lines.append("  " + Wording.ladder(assessment.stage))
        lines.append("  Why: " + Wording.why(assessment))
        if let current { lines += Wording.carriedSignals(assessment, current: current).map { "  " + style.yellow("Not the newest: ") + $0 } }
        if assessment.beyondGuide {
            lines.append("  " + style.yellow("Past 1,000,000 users: beyond the guide's range (Enterprise covers 200K-1M users)."))
        }
        for trigger in assessment.triggersAbove {
            lines.append("  " + style.yellow("Trigger: ") + Wording.trigger(trigger, stage: assessment.stage, decision: decision))
        }
        if let distances = Wording.distances(assessment) { lines.append("  Next: " + distances) }
        if let decision { lines.append("  Decision tree: \(decision.condition) → \(decision.advice)") }
        if explain {
            lines.append("")
            lines.append("  Stage rule in force: " + assessment.rule.summary)
            lines += Wording.stageRuleLines.map { "    " + $0 }
            lines.append("  Signals:")
            lines += assessment.readings.map { "    " + Wording.reading($0) }
            lines += assessment.missing.map { "    \($0.rawValue): not reported" }
            lines.append("  Triggers met:" + (assessment.triggers.isEmpty ? " none" : ""))
            lines += assessment.triggers.map { trigger in
                "    \(trigger.field.rawValue) \(Wording.value(trigger.value, trigger.field)) → \(trigger.stage.rawValue) "
                    + "(When: \(trigger.trigger.when))" + (trigger.isAboveStage ? ": above the stage, reported only" : "")
            }
        }
        return lines.joined(separator: "\n")
    }

    func thresholdSection(_ verdicts: [ThresholdVerdict], explain: Bool) -> String {
        let breached = verdicts.filter { $0.severity != nil }.count
        var title = style.bold("Thresholds")
        if verdicts.allSatisfy(\.isUnknown) {
            title += " (" + style.yellow(Wording.nothingChecked) + ")"
        } else {
            title += breached == 0 ? " (none breached)" : " (\(breached) breached)"
        }
        let guide = { (verdict: ThresholdVerdict) -> String? in
            explain && !verdict.threshold.guideText.isEmpty ? "guide: " + verdict.threshold.guideText.joined(separator: " / ") : nil
        }
        return title + "\n" + thresholdTable(verdicts, notes: guide)
    }

    /// One row per verdict: mark and status, id, value, limit and what to do. `fails` marks the verdicts that fail a gate
    /// (a breach below `--fail-on` gets "!" instead of "✗"); `notes` adds a dimmed line under a row.
    func thresholdTable(
        _ verdicts: [ThresholdVerdict], fails: (ThresholdVerdict) -> Bool = { $0.severity != nil },
        notes: (ThresholdVerdict) -> String? = { _ in nil }
    ) -> String {
        var table = TextColumns()
        for verdict in verdicts {
            let failing = fails(verdict)
            let mark: String
            var note = ""
            switch verdict.status {
            case .pass: mark = "✓"
            case .breach:
                mark = failing ? "✗" : "!"
                note = "→ " + sanitizedForTerminal(verdict.threshold.action) + Wording.actionMark(verdict.threshold)
            case .pending: mark = "…"
            case .unknown(let cause): mark = failing ? "✗" : "?"; note = style.dim(cause.description) + (failing ? " (required)" : "")
            }
            if let history = Wording.history(of: verdict) { note = history + (note.isEmpty ? "" : "  " + note) }
            table.add(
                style.verdict(mark + " " + Wording.status(verdict.status), verdict.status),
                verdict.threshold.id, Wording.value(of: verdict), "limit " + Wording.limit(verdict), note)
        }
        return interleave(table.renderRows(width: style.width), verdicts.map(notes))
    }

    func nextStepsSection(_ steps: [NextStep], stage: Stage) -> String {
        guard !steps.isEmpty else { return style.bold("Next steps") + "\n  Every change up to \(stage.name) is reported done." }
        var lines = [style.bold("Next steps")]
        var number = 0
        var lastGroup: String?
        for item in steps {
            let group = Wording.stepGroup(item)
            if group != lastGroup {
                lines.append("  " + style.cyan(group + ":"))
                lastGroup = group
            }
            number += 1
            lines.append("  \(number < 10 ? " " : "")\(number). \(item.step.title)  " + style.dim("[\(item.step.id)]"))
            if !item.step.details.isEmpty { lines.append("      " + item.step.details.joined(separator: "; ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// The action plan: what each action answers, and the step that fixes it.
    func actionSection(_ plan: ActionPlan, now: Double?) -> String {
        func colorOf(_ kind: Action.Kind) -> (String) -> String {
            switch kind {
            case .critical: { style.bold(style.red($0)) }
            case .warning, .forecast: style.yellow
            case .due: { $0 }
            }
        }
        var lines = [style.bold(Wording.actionsHeading(plan))]
        for action in plan.actions {
            let answered = sanitizedForTerminal(Wording.answers(action, now: now))
            lines.append("  \(action.rank < 10 ? " " : "")\(action.rank). " + colorOf(action.kind)(answered))
            lines.append("      → " + sanitizedForTerminal(Wording.fix(action)))
        }
        return lines.joined(separator: "\n")
    }

    /// The checklist's counts per group and its open items; without `verbose`, the items a listed step completes are
    /// counted, not listed again under another name.
    func checklistSection(
        open: [ChecklistItem], expected: [ChecklistItem], stage: Stage, covered: Set<ChecklistItem.ID> = [], verbose: Bool = true
    ) -> String {
        guard !expected.isEmpty else { return style.bold("Checklist") + "\n  Nothing is expected yet at \(stage.name)." }
        let done = expected.count - open.count
        let groups = ChecklistGroup.allCases.compactMap { group -> String? in
            let items = expected.filter { $0.group == group }
            guard !items.isEmpty else { return nil }
            return "\(group.heading) \(items.count - open.filter { $0.group == group }.count) of \(items.count)"
        }
        var lines = [
            style.bold("Checklist") + " (\(done) of \(Wording.count(expected.count, "item")) expected by \(stage.name) done: "
                + groups.joined(separator: ", ") + "; stages \(Wording.scalectlMark))"
        ]
        guard !open.isEmpty else { return lines.joined(separator: "\n") }
        let listed = open.filter { !covered.contains($0.id) }
        var table = TextColumns()
        for item in listed { table.add(item.group.heading, item.id, item.text) }
        if !listed.isEmpty { lines.append(table.render(width: style.width)) }
        let part = open.filter { covered.contains($0.id) }
        if !part.isEmpty {
            lines.append(
                "  " + style.dim(
                    "Open and part of a step above: " + part.map(\.id).joined(separator: ", ") + " (--verbose lists them in full)."))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: cost

    public func cost(_ estimate: CostEstimate) -> String {
        var lines = [style.bold("Cost") + " (\(estimate.stage.name): the guide's band is \(estimate.band.label))"]
        var table = TextColumns()
        for line in estimate.lines {
            table.add(line.item.service, Wording.moneyRange(line.low, line.high), style.dim(Wording.basis(line)))
        }
        table.add(style.bold("Estimate"), style.bold(Wording.moneyRange(estimate.low, estimate.high) + "/month"), "")
        lines.append(table.render(width: style.width))
        lines.append("  Prices: " + Wording.priceSource(estimate))
        if !estimate.unpriced.isEmpty {
            lines.append("  Not priced by the guide: " + estimate.unpriced.map(\.service).joined(separator: ", "))
        }
        for note in estimate.notes { lines.append("  " + style.yellow("Note: ") + note) }
        if let current = estimate.current, let position = estimate.currentPosition {
            let amount = Quantity.format(current, as: .money)
            let verdict: String
            switch position {
            case .within: verdict = style.green("within the band")
            case .below: verdict = "below the band"
            case .above:
                verdict = style.yellow(
                    "above the band by \(Quantity.format(current - estimate.band.high, as: .money)): the guide says don't over-engineer")
            }
            lines.append("  You pay \(amount)/month: \(verdict).")
        } else {
            lines.append("  " + style.dim("Add monthly_cost to compare with what you pay."))
        }
        return TerminalSink.finish(lines.joined(separator: "\n"))
    }

    // MARK: stage --explain

    public func stageExplanation(_ assessment: StageAssessment, decision: DecisionBranch? = nil, current: CurrentValues? = nil) -> String {
        TerminalSink.finish(stageSection(assessment, explain: true, decision: decision, current: current) + "\n")
    }
}
