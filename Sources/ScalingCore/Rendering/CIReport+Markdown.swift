extension CIReport {
    /// The run as a Markdown table for a pull-request comment: PASS or FAIL and the file, one row per verdict, fail-on.
    ///
    /// Input text (the file name, rule ids, actions and causes, which policy files may set) is escaped with
    /// `MarkdownReport.escape`; scalectl's own wording only has its pipes escaped.
    public static func markdown(_ result: GateResult) -> String {
        var lines = [
            "## \(headingMark(result)) scalectl check: \(verdictWord(result)) · \(MarkdownReport.escape(result.series.source))", "",
        ]
        lines += markdownTable(result)
        lines += ["", failOnLine(result)]
        return MarkdownSink.finish(lines.joined(separator: "\n") + "\n")
    }

    static func headingMark(_ result: GateResult) -> String { result.failed ? "❌" : "✅" }

    static func markdownTable(_ result: GateResult) -> [String] {
        var lines = ["| Threshold | Value | Limit | Verdict | Action / note |", "|---|---|---|---|---|"]
        for verdict in result.verdicts {
            let outcome = result.outcome(of: verdict)
            let status = "\(presentation(outcome).mark) \(Wording.status(verdict.status))"
            var notes: [String] = []
            switch verdict.status {
            case .breach: notes.append(MarkdownReport.escape(verdict.threshold.action))
            case .unknown(let cause): notes.append(MarkdownReport.escape(cause.description))
            case .pass, .pending: break
            }
            if let history = Wording.history(of: verdict) { notes.append(MarkdownReport.cell(history)) }
            switch outcome {
            case .allowedBreach: notes.append("allowed: below fail-on \(result.failOn.rawValue)")
            case .failedUnknown: notes.append("required")
            case .passed, .failedBreach, .pending, .unknown: break
            }
            let cells = [
                MarkdownReport.escape(verdict.threshold.id), MarkdownReport.cell(Wording.value(of: verdict)),
                MarkdownReport.cell(Wording.limit(verdict)), status, notes.joined(separator: "; "),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// What fails the gate: "Fails on a breach at warning or above, or an unknown on a required rule."
    static func failOnLine(_ result: GateResult) -> String {
        let unknowns = result.requireAll ? "or any unknown (require-all)" : "or an unknown on a required rule"
        return "Fails on a breach at \(result.failOn.rawValue) or above, \(unknowns)."
    }
}
