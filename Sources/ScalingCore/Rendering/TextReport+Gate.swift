/// The gate's text reports: `check`, `policy show` and `diff`.
extension TextReport {
    // MARK: check

    public func check(_ result: GateResult, policy: EffectivePolicy, explain: Bool) -> String {
        var lines = [header(result.series), ""]
        lines.append(thresholdTable(result.verdicts, fails: result.fails, notes: { explain ? Wording.provenance($0.threshold) : nil }))
        var summary =
            "\(result.verdicts.count) thresholds: \(result.passed) ok, \(result.breached) breached, "
            + (result.pending > 0 ? "\(result.pending) pending, " : "") + "\(result.unknown) unknown"
        let rule = "a breach at or above \(result.failOn.rawValue)" + (result.requireAll ? ", or any unknown" : "")
        summary +=
            result.failed
            ? " — " + style.bold(style.red("FAIL")) + " (\(rule))"
            : " — " + style.green("PASS") + " (nothing at or above \(result.failOn.rawValue))"
        lines += result.notApplicable.map { "  " + style.dim("– " + Wording.notApplicable($0)) }
        lines.append(summary)
        if explain {
            lines.append(
                style.dim(
                    "  fail-on \(policy.failOn.value.rawValue) from \(policy.failOn.origin); require-all \(policy.requireAll.value) from "
                        + "\(policy.requireAll.origin); policy file: \(policy.policyPath.map(sanitizedForTerminal) ?? "none")"))
            for item in policy.disabled { lines.append(style.dim("  disabled: \(item.rule.id) by \(item.by)")) }
            if let legend = Wording.legend(for: lines.joined()) { lines.append(style.dim("  " + legend)) }
        }
        return TerminalSink.finish(lines.joined(separator: "\n") + "\n")
    }

    /// The rendered table with a dimmed line under each row that has a note.
    func interleave(_ rows: [String], _ notes: [String?]) -> String {
        var out: [String] = []
        for (index, row) in rows.enumerated() {
            out.append(row)
            if index < notes.count, let note = notes[index] {
                guard let width = style.width else {
                    out.append("      " + style.dim(note))
                    continue
                }
                out += TextColumns.wrap(style.dim(note), width: max(TextColumns.minimumColumnWidth, width - 8)).enumerated().map {
                    ($0.offset == 0 ? "      " : "        ") + $0.element
                }
            }
        }
        return out.joined(separator: "\n")
    }

    // MARK: policy show

    public func policy(_ policy: EffectivePolicy) -> String {
        var lines = [
            style.bold("Policy") + " · "
                + (policy.policyPath.map { "file \(sanitizedForTerminal($0))" } ?? "no policy file: the guide's defaults")
                + " · " + (policy.stage.map { "stage \($0.rawValue)" } ?? "no stage given (--stage adds its preset and stage sections)")
        ]
        lines.append("  fail-on \(policy.failOn.value.rawValue)  " + style.dim("(\(policy.failOn.origin))"))
        lines.append("  require-all \(policy.requireAll.value)  " + style.dim("(\(policy.requireAll.origin))"))
        let evaluation = policy.evaluation
        lines.append("  stage-rule \(evaluation.stageRule.value.rawValue)  " + style.dim("(\(evaluation.stageRule.origin))"))
        lines.append(
            "  max-age " + (evaluation.maxAge.map { TimeSpan.format($0.value) + "  " + style.dim("(\($0.origin))") }
                ?? "none  " + style.dim("(any age counts)")))
        if let share = policy.failOnRegression {
            lines.append(
                "  diff fails on a regression over \(share.value.description(for: nil))"
                    + (share.value.judgesRatesOnly ? " (rates)" : "") + "  " + style.dim("(\(share.origin))"))
        }
        for (field, share) in policy.regression.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            lines.append(
                "  diff: \(field.rawValue) may worsen by \(share.value.description(for: field))  " + style.dim("(\(share.origin))"))
        }
        lines += ["", style.bold("Thresholds")]
        var table = TextColumns()
        var notes: [String?] = []
        for rule in policy.rules {
            table.add(
                rule.id, rule.metric.description, Wording.levels(rule),
                rule.levels.last.map { $0.severity.rawValue } ?? rule.ratchet?.severity.rawValue ?? "",
                rule.sustain.map { "for \($0)" } ?? "", rule.require ? "required" : "")
            notes.append(Wording.provenance(rule))
        }
        lines.append(interleave(table.renderRows(width: style.width), notes))
        if !policy.disabled.isEmpty {
            lines += ["", style.bold("Disabled")]
            lines += policy.disabled.map { "  \($0.rule.id)  " + style.dim("(\($0.by))") }
        }
        if !policy.notApplicable.isEmpty {
            lines += ["", style.bold("Not applicable") + (policy.stage.map { " at \($0.rawValue)" } ?? "")]
            lines += policy.notApplicable.map { "  \($0.rule.id)  " + style.dim($0.reason) }
        }
        if let legend = Wording.legend(for: lines.joined()) { lines += ["", style.dim(legend)] }
        return TerminalSink.finish(lines.joined(separator: "\n") + "\n")
    }

    // MARK: diff

    public func diff(_ diff: SnapshotDiff) -> String {
        var lines = [
            style.bold("scalectl diff") + " · " + sanitizedForTerminal(diff.base.source) + " → " + sanitizedForTerminal(diff.new.source)
        ]
        let before = diff.stageBefore?.rawValue ?? "no stage"
        let after = diff.stageAfter?.rawValue ?? "no stage"
        lines.append("Stage: " + (before == after ? "\(after) (unchanged)" : "\(before) → " + style.bold(after)))
        var table = TextColumns()
        for change in diff.changes {
            let metric = Metric(change.field)
            let a = change.before.map { Wording.value($0, metric) } ?? "—"
            let b = change.after.map { Wording.value($0, metric) } ?? "—"
            let relative = Wording.change(change)
            var verdict = change.direction == .unchanged ? "" : change.direction.rawValue
            if change.direction == .better { verdict = style.green(verdict) }
            if change.direction == .worse { verdict = style.yellow(verdict) }
            var note = ""
            if change.isRegression, let allowed = change.allowed {
                verdict = style.red("✗ regression")
                note = style.dim("allowed \(allowed.value.description(for: change.field)) (\(allowed.origin))")
            }
            if change.direction == .worse, case .relative? = change.allowed?.value, change.before == 0 {
                // A change from zero has no percentage: say why the allowance did not judge it.
                note = style.dim("from zero: no percentage; an amount in the policy's \"regression\" judges it")
            }
            table.add(change.field.rawValue, a, b, relative, verdict, note)
        }
        lines.append(table.render(width: style.width))
        let regressions = diff.regressions.count
        if regressions > 0 {
            lines.append(style.bold(style.red("FAIL")) + ": \(regressions) metric\(regressions == 1 ? "" : "s") worse by more than allowed")
        } else if !Wording.diffIsReportOnly(diff) {
            lines.append(style.green("PASS") + ": no metric worse by more than allowed")
        } else {
            lines.append(style.dim(Wording.diffReportOnlyLine))
        }
        return TerminalSink.finish(lines.joined(separator: "\n") + "\n")
    }
}
