/// `scalectl diff`: two snapshots compared, metric by metric; exit 1 on a regression past the allowance.
enum DiffCommand: ScalectlCommand {
    static let spec = CommandSpec(
        name: "diff",
        summary: "Compare two snapshots: the stage change and each metric's change, better or worse; exit 1 on a regression.",
        arguments: [
            ArgumentSpec(
                name: "BASE", help: "The snapshot before (JSON or CSV; its latest snapshot).", isOptional: false, completion: .files),
            ArgumentSpec(name: "NEW", help: "The snapshot after.", isOptional: false, completion: .files),
        ],
        options: [CommandTable.failOnRegression, CommandTable.format(DiffFormat.self)] + CommandTable.judgementOptions
            + CommandTable.policyOptions + [CommandTable.inputFormat, CommandTable.output],
        examples: ["scalectl diff before.json after.json --fail-on-regression 10%"],
        discussion:
            "Better and worse follow each metric's sense: a lower p95 or error rate is better, a higher cache hit rate or more "
            + "users is better; requests and connections move neither way.",
        quietSilencesReport: true,
        run: { try handle($0, $1) })

    struct Options {
        var base: InputOptions
        var new: InputOptions
        var policy: PolicyOptions
        var format: DiffFormat
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        guard arguments.positionals.count >= 2 else {
            throw UsageError.missingArgument(command: spec.name, argument: arguments.positionals.isEmpty ? "BASE and NEW" : "NEW")
        }
        if arguments.positionals.count > 2 { throw UsageError.extraArgument(command: spec.name, argument: arguments.positionals[2]) }
        let inputs = try InputOptions(arguments, command: spec.name)
        return Options(
            base: inputs.only(arguments.positionals[0]), new: inputs.only(arguments.positionals[1]), policy: try PolicyOptions(arguments),
            format: arguments.format(DiffFormat.self))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        let base = try Scalectl.load(options.base, context: context)
        let new = try Scalectl.load(options.new, context: context)
        let policy = try Scalectl.effectivePolicy(for: new, options.policy, context: context)
        let diff = SnapshotDiff.compare(base: base, new: new, policy: policy)
        if !diff.changes.contains(where: { $0.before != nil && $0.after != nil }) {
            throw GateError.nothingCompared(base: base.source, new: new.source)
        }
        switch options.format {
        case .text: context.writeText(TextReport(style: context.style).diff(diff))
        case .json: context.writeOut(JSONReport.diff(diff))
        case .markdown: context.writeOut(MarkdownReport.diff(diff))
        }
        return diff.regressions.isEmpty ? .success : .checkFailed
    }
}
