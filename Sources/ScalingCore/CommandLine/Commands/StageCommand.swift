/// `scalectl stage`: the stage as one line for scripts, JSON, or an explanation; `--at-least` as an exit code.
enum StageCommand: ScalectlCommand {
    static let atLeast = OptionSpec(
        "at-least", value: "STAGE", completion: .stages, help: "Print nothing; exit 0 if the stage is STAGE or later, 1 if not.")

    static let explain = CommandTable.explain(
        "Print the stage rule, every signal and every trigger instead of one line; with --format json, the whole reasoning.")

    static let spec = CommandSpec(
        name: "stage",
        summary: "Print the stage as one line for scripts, or test it with --at-least.",
        arguments: [CommandTable.fileArgument, CommandTable.moreInputs],
        options: [
            CommandTable.format(StageFormat.self, help: "Print the stage id (growth), its number (2), or JSON."), atLeast,
            explain, CommandTable.whatIf,
        ] + CommandTable.judgementOptions + CommandTable.policyOptions + CommandTable.inputOptions + [CommandTable.output],
        examples: ["scalectl stage metrics.json", "if scalectl stage metrics.json --at-least growth; then echo upgrade; fi"],
        run: { try handle($0, $1) })

    struct Options {
        var series: SeriesJudgementOptions
        var format: StageFormat
        var atLeast: Stage?
        var explain: Bool
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        Options(
            series: try SeriesJudgementOptions(arguments, command: spec.name), format: arguments.format(StageFormat.self),
            atLeast: try arguments.value(atLeast).map(Scalectl.parseStage), explain: arguments.has(explain))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        let judged = try JudgedSeries(options.series, policyRules: false, context: context)
        let current = CurrentValues(judged.series, maxAge: judged.settings.maxAge)
        let assessment = try StageClassifier.assess(current.snapshot, rule: judged.settings.stageRule)
        if let minimum = options.atLeast { return assessment.stage >= minimum ? .success : .checkFailed }
        let report = TextReport(style: context.style)
        if options.explain && options.format == .json {
            context.writeOut(JSONReport.stageExplained(assessment, series: judged.series, current: current, whatIf: judged.whatIf))
            return .success
        }
        if options.explain {
            let decision = current.snapshot[.users].map(GuideCatalog.decision(forUsers:))
            context.writeText(
                (judged.whatIf.map { report.whatIfSection($0) + "\n\n" } ?? "")
                    + report.stageExplanation(assessment, decision: decision, current: current))
            return .success
        }
        if let whatIf = judged.whatIf, options.format != .json {
            // stdout stays one line for scripts; what changed goes to stderr.
            context.warn(
                "scalectl: what-if: stage \(whatIf.stageBefore?.rawValue ?? "none") → \(whatIf.stageAfter?.rawValue ?? "none")"
                    + " (\(whatIf.fields.map(\.text).joined(separator: ", ")))\n")
        }
        switch options.format {
        case .name: context.writeOut("\(assessment.stage.rawValue)\n")
        case .number: context.writeOut("\(assessment.stage.number)\n")
        case .json:
            context.writeOut(JSONReport.stage(assessment, series: judged.series, current: current, whatIf: judged.whatIf))
        }
        return .success
    }
}
