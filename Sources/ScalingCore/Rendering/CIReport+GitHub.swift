extension CIReport {
    /// The run as GitHub Actions workflow commands, one line per verdict worth showing; passes print nothing.
    ///
    /// A breach is `::error` when critical and `::warning` when warning-level, as SARIF's levels (whether it fails the
    /// gate is in the job summary and the exit code); a pending breach is `::warning`, a required unknown `::error`,
    /// an unknown that is not required `::notice`:
    ///
    /// ```
    /// ::error file=metrics.json,line=8,col=3,title=error-rate::error_rate is 1.8%, should be ≤ 1% (critical): Fix bugs
    /// ```
    ///
    /// Values are escaped as GitHub's toolkit does, so no input can end a line or start another command.
    public static func githubCommands(_ result: GateResult) -> String {
        var lines: [String] = []
        for verdict in result.verdicts {
            let command: Presentation.GitHubCommand
            switch presentation(result.outcome(of: verdict)).github {
            case .none: continue
            case .command(let fixed): command = fixed
            case .severity: command = (verdict.severity ?? .critical) >= .critical ? .error : .warning
            }
            let place = result.place(of: verdict)
            var properties: [(key: String, value: String)] = [("file", result.series.source)]
            if let line = place.line { properties.append(("line", String(line))) }
            if let column = place.column { properties.append(("col", String(column))) }
            properties.append(("title", verdict.threshold.id))
            lines.append(GitHubSink.command(command.rawValue, properties: properties, message: sentence(verdict, in: result)))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// A command's message (``GitHubSink/data(_:)``).
    static func githubData(_ text: String) -> String { GitHubSink.data(text) }

    /// A command's property value (``GitHubSink/property(_:)``).
    static func githubProperty(_ text: String) -> String { GitHubSink.property(text) }

    /// The run as Markdown for the job summary (`$GITHUB_STEP_SUMMARY`): PASS or FAIL, the counts, the table.
    public static func githubSummary(_ result: GateResult) -> String {
        var lines = ["## \(headingMark(result)) scalectl check: \(verdictWord(result))", ""]
        lines += ["\(MarkdownReport.escape(result.series.source)): \(counts(result)).", ""]
        lines += markdownTable(result)
        lines += ["", failOnLine(result)]
        return MarkdownSink.finish(lines.joined(separator: "\n") + "\n")
    }
}
