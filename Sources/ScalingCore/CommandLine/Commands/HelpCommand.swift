/// `scalectl help`: help for scalectl or one command, or the manual page.
enum HelpCommand: ScalectlCommand {
    static let man = OptionSpec("man", help: "Print the manual page (roff) of every command: scalectl help --man | man -l -")

    static let spec = CommandSpec(
        name: "help",
        summary: "Show help for scalectl or one command.",
        arguments: [ArgumentSpec(name: "COMMAND", help: "The command to describe.", isOptional: true, completion: .commands)],
        options: [man],
        examples: ["scalectl help check", "scalectl help --man | man -l -"],
        reads: .nothing,
        run: { try handle($0, $1) })

    enum Options {
        case overview
        case command(CommandSpec)
        case manPage
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        if arguments.has(man) {
            // The page describes every command; a COMMAND with it would be ignored, so it is refused.
            if let extra = arguments.positionals.first { throw UsageError.extraArgument(command: "help --man", argument: extra) }
            return .manPage
        }
        guard let name = arguments.positionals.first else { return .overview }
        if arguments.positionals.count > 1 { throw UsageError.extraArgument(command: spec.name, argument: arguments.positionals[1]) }
        guard let command = CommandTable.command(named: name) else {
            throw UsageError.unknownCommand(name, suggestion: Suggestion.nearest(to: name, in: CommandTable.commands.map(\.name)))
        }
        return .command(command)
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        switch options {
        case .overview: context.writeOut(HelpText.overview(width: context.terminalWidth))
        case .command(let command): context.writeOut(HelpText.command(command, width: context.terminalWidth))
        case .manPage: context.writeOut(ManPage.render())
        }
        return .success
    }
}
