/// Renders a `check` run for CI systems: JUnit XML, SARIF, GitHub Actions commands, a pull-request comment, JSON.
///
/// Every renderer is pure (a `GateResult` in, a `String` out) and shows each verdict by its outcome for the gate,
/// as `outcomes` lays out in one table:
///
/// ```swift
/// let result = GateResult(series: series, verdicts: ThresholdEvaluator.evaluate(series), failOn: .warning)
/// let xml = CIReport.junit(result)
/// ```
public enum CIReport {
    // MARK: The mapping

    /// How one outcome shows in each format.
    struct Presentation: Sendable {
        /// What a JUnit test case holds.
        enum JUnitElement: Sendable, Equatable {
            /// An empty test case: passed.
            case none
            /// `<failure>`: counted in `failures`.
            case failure
            /// Passed, with the explanation in `<system-out>`.
            case systemOut
            /// `<skipped>`: counted in `skipped`.
            case skipped
        }

        /// Whether an outcome is a SARIF result, and at which level.
        enum SARIFLevel: Sendable, Equatable {
            /// Not a result.
            case none
            /// The breach's severity: critical is "error", warning is "warning".
            case severity
            /// Always "error".
            case error
        }

        /// The GitHub Actions workflow commands that annotate a run.
        enum GitHubCommand: String, Sendable {
            case error, warning, notice
        }

        /// The workflow command of a verdict's line: as SARIF's level, a breach's follows its severity.
        enum GitHubLevel: Sendable {
            /// No line.
            case none
            /// The breach's severity: critical is `::error`, warning is `::warning` (whether or not it fails the gate).
            case severity
            /// Always this command.
            case command(GitHubCommand)
        }

        let outcome: GateResult.Outcome
        let junit: JUnitElement
        /// The line's command, or none for no line.
        let github: GitHubLevel
        let sarif: SARIFLevel
        /// The verdict cell's mark in Markdown.
        let mark: String
    }

    /// Every outcome's presentation, one row each: failures are errors everywhere; breaches that do not fail the gate
    /// are warnings; unknowns that are not required are skipped tests and notices.
    static let outcomes: [Presentation] = [
        Presentation(outcome: .passed, junit: .none, github: .none, sarif: .none, mark: "✅"),
        Presentation(outcome: .failedBreach, junit: .failure, github: .severity, sarif: .severity, mark: "❌"),
        Presentation(outcome: .allowedBreach, junit: .systemOut, github: .severity, sarif: .severity, mark: "⚠️"),
        Presentation(outcome: .pending, junit: .systemOut, github: .command(.warning), sarif: .none, mark: "⏳"),
        Presentation(outcome: .unknown, junit: .skipped, github: .command(.notice), sarif: .none, mark: "❔"),
        Presentation(outcome: .failedUnknown, junit: .failure, github: .command(.error), sarif: .error, mark: "❌"),
    ]

    static func presentation(_ outcome: GateResult.Outcome) -> Presentation { outcomes.first { $0.outcome == outcome }! }

    // MARK: Shared wording

    /// One line on a verdict, for failure messages, annotations and SARIF results:
    /// "error_rate is 1.8%, should be ≤ 1% (critical): Fix bugs".
    static func sentence(_ verdict: ThresholdVerdict, in result: GateResult) -> String {
        let rule = verdict.threshold
        let should = limitPhrase(verdict).map { ", should be \($0)" } ?? ""
        let history = Wording.history(of: verdict)
        switch verdict.status {
        case .pass:
            return "\(rule.metric) is \(Wording.value(of: verdict))" + (limitPhrase(verdict).map { ", within \($0)" } ?? "")
        case .breach(let severity):
            var text = "\(rule.metric) is \(Wording.value(of: verdict))\(should) (\(severity.rawValue)): \(rule.action)"
            if let history { text += "; \(history)" }
            if severity < result.failOn { text += "; below fail-on \(result.failOn.rawValue), so the gate passes" }
            return text
        case .pending(let severity):
            return "\(rule.metric) is \(Wording.value(of: verdict))\(should) (\(severity.rawValue)); "
                + (history ?? "pending") + "; not a failure yet"
        case .unknown(let cause):
            let required = result.fails(verdict) ? "required, so the gate fails" : "not required"
            return "\(rule.metric) is unknown: \(cause)" + (limitPhrase(verdict).map { " (should be \($0))" } ?? "") + "; \(required)"
        }
    }

    /// "≤ 500 ms", or nil when the rule has no limit to state (a ratchet without history).
    static func limitPhrase(_ verdict: ThresholdVerdict) -> String? {
        let limit = Wording.limit(verdict)
        return limit == "—" || limit == "ratchet" ? nil : limit
    }

    /// The verdict as "key: value" lines, for JUnit failure text and system-out.
    static func details(_ verdict: ThresholdVerdict, in result: GateResult) -> [String] {
        let rule = verdict.threshold
        var lines = ["metric: \(rule.metric)"]
        if case .unknown(let cause) = verdict.status {
            lines.append("value: unknown (\(cause))")
        } else {
            lines.append("value: \(Wording.value(of: verdict))")
        }
        lines.append("limit: \(Wording.limit(verdict))")
        switch verdict.status {
        case .breach(let severity), .pending(let severity): lines.append("severity: \(severity.rawValue)")
        case .pass, .unknown: break
        }
        if let history = Wording.history(of: verdict) { lines.append("history: \(history)") }
        if rule.require { lines.append("required: yes") }
        lines.append("action: \(rule.action)")
        lines += rule.guideText.map { "guide: \($0)" }
        lines.append("at: \(result.place(of: verdict))")
        lines.append("gate: \(gateNote(verdict, in: result))")
        return lines
    }

    /// Why the verdict does or does not fail the gate.
    static func gateNote(_ verdict: ThresholdVerdict, in result: GateResult) -> String {
        let failOn = result.failOn.rawValue
        switch result.outcome(of: verdict) {
        case .passed: return "passes"
        case .failedBreach: return "fails (a breach at or above fail-on \(failOn))"
        case .allowedBreach: return "passes (a breach below fail-on \(failOn))"
        case .pending: return "passes (pending: the breach has not yet held for \(verdict.threshold.sustain?.description ?? "long enough"))"
        case .unknown: return "passes (unknown, and the rule is not required)"
        case .failedUnknown:
            return verdict.threshold.require ? "fails (unknown, and the rule is required)" : "fails (unknown, and require-all is on)"
        }
    }

    /// "6 thresholds: 1 ok, 4 failing, 1 allowed breach, 0 pending, 0 unknown".
    static func counts(_ result: GateResult) -> String {
        let failing = result.count(.failedBreach) + result.count(.failedUnknown)
        return "\(result.verdicts.count) threshold\(result.verdicts.count == 1 ? "" : "s"): \(result.count(.passed)) ok, "
            + "\(failing) failing, \(result.count(.allowedBreach)) allowed breach\(result.count(.allowedBreach) == 1 ? "" : "es"), "
            + "\(result.count(.pending)) pending, \(result.count(.unknown)) unknown"
    }

    /// "PASS" or "FAIL".
    static func verdictWord(_ result: GateResult) -> String { result.failed ? "FAIL" : "PASS" }
}

extension JSONReport {
    /// `check(_:verdicts:failOn:failed:whatIf:notApplicable:stage:)` for a gate result judged at `stage`.
    public static func check(_ result: GateResult, stage: Stage? = nil, whatIf comparison: WhatIfComparison? = nil) -> String {
        check(
            result.series, verdicts: result.verdicts, failOn: result.failOn, failed: result.failed, whatIf: comparison,
            notApplicable: result.notApplicable, stage: stage)
    }
}

extension CheckFormat {
    /// A `check` run in this format; the text shows where each setting comes from with `explain`, and what a what-if
    /// changed above the table.
    public func render(
        _ result: GateResult, policy: EffectivePolicy, explain: Bool = false, whatIf: WhatIfComparison? = nil,
        style: Style = Style(enabled: false)
    ) -> String {
        switch self {
        case .text:
            let report = TextReport(style: style)
            return (whatIf.map { report.whatIfSection($0) + "\n\n" } ?? "") + report.check(result, policy: policy, explain: explain)
        case .json: return JSONReport.check(result, stage: policy.stage, whatIf: whatIf)
        case .csv: return CSVReport.check(result.verdicts)
        case .markdown: return CIReport.markdown(result)
        case .junit: return CIReport.junit(result)
        case .sarif: return CIReport.sarif(result)
        case .github: return CIReport.githubCommands(result)
        }
    }
}
