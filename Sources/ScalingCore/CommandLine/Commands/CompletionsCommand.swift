/// `scalectl completions`: a shell completion script generated from the command table.
enum CompletionsCommand: ScalectlCommand {
    static let spec = CommandSpec(
        name: "completions",
        summary: "Print a shell completion script for bash, zsh or fish, generated from the command table.",
        arguments: [
            ArgumentSpec(
                name: "SHELL", help: "The shell to complete in: bash, zsh or fish.", isOptional: false, allowed: Shell.allCases.map(\.rawValue))
        ],
        options: [],
        examples: [
            "source <(scalectl completions bash)", "scalectl completions zsh > \"${fpath[1]}/_scalectl\"",
            "scalectl completions fish > ~/.config/fish/completions/scalectl.fish",
        ],
        discussion:
            "bash: add 'source <(scalectl completions bash)' to ~/.bashrc. zsh: write the script as _scalectl in a folder of "
            + "$fpath before compinit runs. fish: write it to ~/.config/fish/completions/scalectl.fish.",
        reads: .nothing,
        run: { try handle($0, $1) })

    static func options(_ arguments: ParsedArguments) throws -> Shell {
        // SHELL was checked against its allowed values with the other arguments.
        guard let name = arguments.positionals.first, let shell = Shell(rawValue: name) else {
            throw UsageError.missingArgument(command: spec.name, argument: "SHELL (bash, zsh or fish)")
        }
        if arguments.positionals.count > 1 { throw UsageError.extraArgument(command: spec.name, argument: arguments.positionals[1]) }
        return shell
    }

    static func run(_ shell: Shell, context: RunContext) throws -> ExitCode {
        context.writeOut(Completions.script(for: shell))
        return .success
    }
}
