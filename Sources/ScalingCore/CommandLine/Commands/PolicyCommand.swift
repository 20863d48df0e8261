/// `scalectl policy show|init`: the thresholds in force and where each setting comes from, or a starting file.
enum PolicyCommand: ScalectlCommand {
    static let stage = OptionSpec(
        "stage", value: "STAGE", completion: .stages, help: "Apply this stage's preset and the policy's stage sections.")

    static let spec = CommandSpec(
        name: "policy",
        summary: "Show the thresholds in force and where each setting comes from, or write a starting policy file.",
        arguments: [
            ArgumentSpec(
                name: "ACTION", help: "show (the effective policy) or init (write the guide's defaults as a policy).", isOptional: false,
                allowed: Action.allCases.map(\.rawValue)),
            ArgumentSpec(
                name: "FILE", help: "For init: the file to write (default .scalectl.json; - for standard output).", isOptional: true,
                completion: .files),
        ],
        options: [stage, CommandTable.format(PolicyFormat.self, help: "Output format of show.")] + CommandTable.gateOptions
            + CommandTable.judgementOptions + CommandTable.policyOptions + [CommandTable.output],
        examples: [
            "scalectl policy init", "scalectl policy show --stage scale", "scalectl policy show --policy ci/policy.json --format json",
        ],
        discussion: "init never overwrites an existing file; --output applies to show.",
        reads: .policy,
        run: { try handle($0, $1) })

    enum Action: String, CaseIterable {
        case show, `init`
    }

    struct Options {
        var action: Action
        /// For init: the file to write.
        var file: String?
        var stage: Stage?
        var policy: PolicyOptions
        var format: PolicyFormat
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        // ACTION was checked against its allowed values (show, init) with the other arguments.
        guard let name = arguments.positionals.first, let action = Action(rawValue: name) else {
            throw UsageError.missingArgument(command: spec.name, argument: "show or init")
        }
        let most = action == .show ? 1 : 2
        if arguments.positionals.count > most {
            throw UsageError.extraArgument(command: spec.name, argument: arguments.positionals[most])
        }
        return Options(
            action: action, file: arguments.positionals.dropFirst().first, stage: try arguments.value(stage).map(Scalectl.parseStage),
            policy: try PolicyOptions(arguments), format: arguments.format(PolicyFormat.self))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        switch options.action {
        case .show:
            let policy = try Scalectl.effectivePolicy(for: nil, stage: options.stage, options.policy, context: context)
            switch options.format {
            case .text: context.writeText(TextReport(style: context.style).policy(policy))
            case .json: context.writeOut(JSONReport.policy(policy))
            }
        case .`init`:
            let path = options.file ?? PolicyFile.defaultPath
            let text = PolicyFile.starter(stage: options.stage)
            if path == "-" {
                context.writeOut(text)
                return .success
            }
            guard !context.fileExists(path) else {
                throw OutputError.unwritable(
                    path: path, reason: "something already exists there; policy init never overwrites: remove it or name another file")
            }
            try context.writeOutput(text, path, [])
            context.warn("scalectl: wrote \(sanitizedForTerminal(path)): the guide's thresholds as a starting policy\n")
        }
        return .success
    }
}
