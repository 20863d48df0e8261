/// `scalectl guide`: the scaling guide as scalectl encodes it.
enum GuideCommand: ScalectlCommand {
    static let spec = CommandSpec(
        name: "guide",
        summary: "Print the scaling guide as scalectl encodes it: all of it, or one stage.",
        arguments: [
            ArgumentSpec(
                name: "STAGE", help: "A stage id, number or name: mvp, early-traction, growth, scale, enterprise.", isOptional: true,
                completion: .stages)
        ],
        options: [CommandTable.format(GuideFormat.self), CommandTable.output],
        examples: ["scalectl guide", "scalectl guide growth"],
        reads: .nothing,
        run: { try handle($0, $1) })

    struct Options {
        var stage: Stage?
        var format: GuideFormat
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        if arguments.positionals.count > 1 { throw UsageError.extraArgument(command: spec.name, argument: arguments.positionals[1]) }
        return Options(stage: try arguments.positionals.first.map(Scalectl.parseStage), format: arguments.format(GuideFormat.self))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        switch options.format {
        case .text: context.writeText(GuideReport.text(stage: options.stage, style: context.style))
        case .json: context.writeOut(GuideReport.json(stage: options.stage))
        }
        return .success
    }
}
