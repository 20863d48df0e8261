/// `scalectl advise`: the stage and why, breaches, next steps, checklist and cost, for a person or a page.
enum AdviseCommand: ScalectlCommand {
    static let explain = CommandTable.explain("Also print the stage rule and how each signal was placed.")

    static let spec = CommandSpec(
        name: "advise",
        summary: "Show the stage and why, breached thresholds, next steps, open checklist items and the month's cost.",
        arguments: [CommandTable.fileArgument, CommandTable.moreInputs],
        options: [
            CommandTable.format(AdviseFormat.self), explain,
            CommandTable.whatIf,
        ] + CommandTable.judgementOptions + CommandTable.seriesOptions + [CommandTable.prices] + CommandTable.policyOptions
            + CommandTable.inputOptions
            + [CommandTable.output],
        examples: [
            "scalectl advise metrics.json", "scalectl advise business.csv response_p95_ms=p95.json error_rate=errors.json",
            "scalectl advise history.csv --format markdown > SCALING.md",
        ],
        discussion:
            "Advice is about the latest snapshot: the greatest timestamp, or the last one when there are no timestamps. "
            + "With two or more snapshots it adds a trend per metric and forecasts; a traffic spike puts the guide's "
            + "Emergency Scaling playbook first.",
        run: { try handle($0, $1) })

    struct Options {
        var series: SeriesJudgementOptions
        var trend: TrendOptions
        var format: AdviseFormat
        var explain: Bool
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        Options(
            series: try SeriesJudgementOptions(arguments, command: spec.name), trend: try TrendOptions(arguments),
            format: arguments.format(AdviseFormat.self), explain: arguments.has(explain))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        let advice = try advice(options.series, trend: options.trend, context: context)
        switch options.format {
        case .text:
            let report = TextReport(style: context.style)
            context.writeText(report.advice(advice, explain: options.explain, verbose: options.series.inputs.verbose))
        case .json: context.writeOut(JSONReport.advice(advice))
        case .markdown: context.writeOut(MarkdownReport.advice(advice))
        }
        return .success
    }

    /// The advice `advise` and `report` give: under the policy in force, with the what-if's comparison.
    static func advice(_ options: SeriesJudgementOptions, trend: TrendOptions, context: RunContext) throws -> Advice {
        let judged = try JudgedSeries(options, policyRules: true, context: context)
        let policy = try Scalectl.effectivePolicy(for: judged.series, options.policy, context: context)
        var advice = try Advisor.advise(judged.series, trendOptions: trend, rules: policy.rules, settings: policy.evaluation.settings)
        advice.whatIf = judged.whatIf
        advice.notApplicable = policy.notApplicable
        return advice
    }
}
