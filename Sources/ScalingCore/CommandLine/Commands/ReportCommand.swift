/// `scalectl report`: the advice as one self-contained HTML page.
enum ReportCommand: ScalectlCommand {
    static let spec = CommandSpec(
        name: "report",
        summary: "Write the advice as one self-contained HTML page: stage ladder, charts with forecasts, findings, cost.",
        arguments: [CommandTable.fileArgument, CommandTable.moreInputs],
        options: [CommandTable.whatIf] + CommandTable.judgementOptions + CommandTable.seriesOptions + [CommandTable.prices]
            + CommandTable.policyOptions
            + CommandTable.inputOptions + [CommandTable.output],
        examples: ["scalectl report history.csv --output report.html", "scalectl report metrics.json > report.html"],
        discussion:
            "The page fetches nothing (no script, font or image; a strict Content-Security-Policy), escapes everything "
            + "from the input, reads on a phone and prints on A4. A series gets a chart per key metric with its threshold, "
            + "next-stage line and forecast. Without --output it goes to standard output, but never to a terminal.",
        run: { try handle($0, $1) })

    struct Options {
        var series: SeriesJudgementOptions
        var trend: TrendOptions
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        Options(series: try SeriesJudgementOptions(arguments, command: spec.name), trend: try TrendOptions(arguments))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        if context.stdoutIsTerminal { throw UsageError.terminalOutput(command: spec.name, format: "an HTML page") }
        context.writeOut(HTMLReport.advice(try AdviseCommand.advice(options.series, trend: options.trend, context: context)))
        return .success
    }
}
