/// `scalectl trend`: each metric's growth and when the next stage and each plan limit arrive; reads by columns.
enum TrendCommand: ScalectlCommand {
    static let spec = CommandSpec(
        name: "trend",
        summary: "Show each metric's growth per week and month, and when the next stage and each plan limit arrive.",
        arguments: [CommandTable.fileArgument, CommandTable.moreInputs],
        options: [CommandTable.format(TrendFormat.self)] + CommandTable.seriesOptions + [CommandTable.stageRule]
            + CommandTable.policyOptions + CommandTable.inputOptions + [CommandTable.output],
        examples: ["scalectl trend history.csv", "scalectl trend history.csv --format json | jq '.trend.forecasts'"],
        discussion:
            "Counts (users, daily active users, MRR, requests) are fitted on the logarithm (compound growth), latencies, "
            + "rates and cost linearly. Forecasts need 3 or more snapshots with timestamps; rows out of order are sorted, "
            + "repeated timestamps and gaps are reported.",
        run: { try handle($0, $1) })

    static func options(_ arguments: ParsedArguments) throws -> SeriesReadOptions<TrendFormat> {
        try SeriesReadOptions(arguments, command: spec.name)
    }

    static func run(_ options: SeriesReadOptions<TrendFormat>, context: RunContext) throws -> ExitCode {
        let stageRule = try Scalectl.evaluationSetup(options.policy, context: context).stageRule.value
        let columns = try Scalectl.loadColumns(options.inputs, context: context)
        let timeline = Timeline(columns)
        let heading = SeriesHeading(columns)
        // Forecasts of next-stage signals need the stage: that of each stage signal's latest known value (a
        // monitoring-only latest row should not send forecasts back to the MVP's targets); a series without any stage
        // signal still has trends.
        var signals = Snapshot()
        for signal in GuideCatalog.stageSignals {
            guard let values = timeline.columns.column(signal.field), let row = values.lastIndex(where: { !$0.isNaN }) else { continue }
            signals[signal.field] = values[row]
        }
        let stage = try? StageClassifier.assess(signals, rule: stageRule).stage
        let analysis = TrendAnalyzer.analyze(timeline, stage: stage ?? .mvp, options: options.trend)
        switch options.format {
        case .text: context.writeText(TextReport(style: context.style).trend(analysis, heading: heading))
        case .json: context.writeOut(JSONReport.trend(analysis, heading: heading))
        case .markdown: context.writeOut(MarkdownReport.trend(analysis, heading: heading))
        }
        return .success
    }
}
