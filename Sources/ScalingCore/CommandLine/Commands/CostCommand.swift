/// `scalectl cost`: the stage's band, an itemized estimate from the guide's prices, and what you pay.
enum CostCommand: ScalectlCommand {
    static let spec = CommandSpec(
        name: "cost",
        summary: "Estimate the month's cost from the guide's prices, against the stage's band and what you pay.",
        arguments: [CommandTable.fileArgument, CommandTable.moreInputs],
        options: [CommandTable.format(CostFormat.self), CommandTable.whatIf] + CommandTable.judgementOptions + [CommandTable.prices]
            + CommandTable.policyOptions
            + CommandTable.inputOptions + [CommandTable.output],
        examples: ["scalectl cost metrics.json", "scalectl cost metrics.json --what-if users=x3"],
        run: { try handle($0, $1) })

    struct Options {
        var series: SeriesJudgementOptions
        var format: CostFormat
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        Options(series: try SeriesJudgementOptions(arguments, command: spec.name), format: arguments.format(CostFormat.self))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        let judged = try JudgedSeries(options.series, policyRules: false, context: context)
        let current = CurrentValues(judged.series, maxAge: judged.settings.maxAge).snapshot
        let estimate = CostEstimator.estimate(
            current, stage: try StageClassifier.assess(current, rule: judged.settings.stageRule).stage, given: judged.settings.prices)
        switch options.format {
        case .text:
            let report = TextReport(style: context.style)
            context.writeText((judged.whatIf.map { report.whatIfSection($0) + "\n\n" } ?? "") + report.cost(estimate) + "\n")
        case .json: context.writeOut(JSONReport.cost(estimate, series: judged.series, whatIf: judged.whatIf))
        case .markdown: context.writeOut(MarkdownReport.cost(estimate, series: judged.series, whatIf: judged.whatIf))
        }
        return .success
    }
}
