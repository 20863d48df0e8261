/// `scalectl review`: the guide's Weekly Reviews, computed from a series.
enum ReviewCommand: ScalectlCommand {
    static let spec = CommandSpec(
        name: "review",
        summary:
            "The guide's weekly review: user growth, cost per user and per customer, cost against the band and MRR, performance trends.",
        arguments: [CommandTable.fileArgument, CommandTable.moreInputs],
        options: [CommandTable.format(ReviewFormat.self)] + CommandTable.seriesOptions + CommandTable.judgementOptions
            + [CommandTable.prices] + CommandTable.policyOptions + CommandTable.inputOptions + [CommandTable.output],
        examples: ["scalectl review history.csv", "scalectl review history.csv --format markdown -o REVIEW.md"],
        discussion: "Warns when monthly_cost is above the stage's band or a later stage's paid step is reported done: "
            + "\"Don't over-engineer!\"",
        run: { try handle($0, $1) })

    static func options(_ arguments: ParsedArguments) throws -> SeriesReadOptions<ReviewFormat> {
        try SeriesReadOptions(arguments, command: spec.name)
    }

    static func run(_ options: SeriesReadOptions<ReviewFormat>, context: RunContext) throws -> ExitCode {
        let settings = try Scalectl.evaluationSetup(options.policy, context: context).settings
        let review = try WeeklyReview.review(try Scalectl.load(options.inputs, context: context), options: options.trend, settings: settings)
        switch options.format {
        case .text: context.writeText(TextReport(style: context.style).review(review))
        case .json: context.writeOut(JSONReport.review(review))
        case .markdown: context.writeOut(MarkdownReport.review(review))
        }
        return .success
    }
}
