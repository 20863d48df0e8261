/// A subcommand of `scalectl`: its row in the command table (parsing, help, completions and the man page are built
/// from it) and the handler that runs it.
public struct CommandSpec: Sendable {
    /// What a command reads, which a report it writes with `--output` must never replace.
    public enum Reads: Sendable, Equatable {
        /// FILE and further inputs (a binding's file), `--map`, and the policy file.
        case inputs
        /// The policy file only.
        case policy
        /// Nothing.
        case nothing
    }

    public let name: String
    public let summary: String
    public let arguments: [ArgumentSpec]
    /// The command's own options; the shared ones are added by `allOptions`.
    public let options: [OptionSpec]
    public let examples: [String]
    /// A paragraph under the usage line.
    public let discussion: String?
    public let reads: Reads
    /// Whether `--quiet` also silences the report on stdout, since the exit code is the answer (`check`, `diff`).
    public let quietSilencesReport: Bool
    /// Builds the command's typed options from the parsed arguments, once, and runs it.
    let run: @Sendable (ParsedArguments, RunContext) throws -> ExitCode

    init(
        name: String, summary: String, arguments: [ArgumentSpec], options: [OptionSpec], examples: [String], discussion: String? = nil,
        reads: Reads = .inputs, quietSilencesReport: Bool = false, run: @escaping @Sendable (ParsedArguments, RunContext) throws -> ExitCode
    ) {
        self.name = name
        self.summary = summary
        self.arguments = arguments
        self.options = options
        self.examples = examples
        self.discussion = discussion
        self.reads = reads
        self.quietSilencesReport = quietSilencesReport
        self.run = run
    }

    /// The command's options followed by the options every command takes.
    public var allOptions: [OptionSpec] { options + CommandTable.sharedOptions }

    /// The command's `--format` option, if it has one.
    public var formatOption: OptionSpec? { options.first { $0.name == CommandTable.formatName } }

    /// `scalectl advise FILE [options]`.
    public var usage: String {
        let arguments = arguments.map { $0.isOptional ? "[\($0.name)]" : $0.name }.joined(separator: " ")
        return "scalectl \(name)" + (arguments.isEmpty ? "" : " \(arguments)") + " [options]"
    }
}

extension CommandSpec: Equatable {
    public static func == (lhs: CommandSpec, rhs: CommandSpec) -> Bool { lhs.name == rhs.name }
}

/// A command of `scalectl`, in its own file under `Commands/`: its table row, its options as a typed value built and
/// checked once from the parsed arguments, and what it does with them.
///
/// Adding a command is one file conforming to this protocol and one row in `CommandTable.commands`.
protocol ScalectlCommand {
    associatedtype Options
    /// The command's row in the table.
    static var spec: CommandSpec { get }
    /// The typed options: the one place the command's arguments are read.
    static func options(_ arguments: ParsedArguments) throws -> Options
    /// Runs the command; the exit code is the answer.
    static func run(_ options: Options, context: RunContext) throws -> ExitCode
}

extension ScalectlCommand {
    /// What the table's row calls: the options built, then the run.
    static func handle(_ arguments: ParsedArguments, _ context: RunContext) throws -> ExitCode {
        try run(try options(arguments), context: context)
    }
}

/// Every command and option of `scalectl`: the single table parsing, help and docs are built from.
public enum CommandTable {
    public static let version = "0.1.0"

    public static let commands: [CommandSpec] = [
        AdviseCommand.spec, ReportCommand.spec, StageCommand.spec, CheckCommand.spec, CostCommand.spec, TrendCommand.spec,
        ReviewCommand.spec, DiffCommand.spec, PolicyCommand.spec, GuideCommand.spec, HelpCommand.spec, CompletionsCommand.spec,
    ]

    public static func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }

    // MARK: Options every command (or every report) shares, each declared once

    /// The name of `--format`, whose values each command's format enum gives.
    static let formatName = "format"

    /// `--format`, for a command whose formats are `F`'s cases.
    static func format<F: ReportFormat>(_: F.Type, help: String = "Output format.") -> OptionSpec {
        OptionSpec(
            formatName, short: "f", value: "FORMAT", allowed: F.allCases.map(\.rawValue), default: F.standard.rawValue, help: help)
    }

    static let output = OptionSpec(
        "output", short: "o", value: "FILE", completion: .files,
        help:
            "Write the report to FILE instead of standard output: whole or not at all (a temporary file renamed into place), never over the input."
    )

    static let inputFormat = OptionSpec(
        "input-format", value: "FORMAT", allowed: InputFormat.allCases.map(\.rawValue),
        help: "Read FILE as this format instead of detecting it from the extension or content (with bindings: the bound inputs).")

    static let color = OptionSpec(
        "color", value: "WHEN", allowed: ["auto", "always", "never"], default: "auto",
        help: "Color the text output: auto colors a terminal unless NO_COLOR is set.")
    static let verbose = OptionSpec(
        "verbose", short: "v", help: "Also say which alias mapped to which field, and which input gave each field.")
    static let quiet = OptionSpec(
        "quiet", short: "q",
        help: "For scripts: no warnings, notes or progress on stderr (errors still print); check and diff also print no "
            + "report on stdout, since the exit code is the answer. Other commands still print their output.")
    static let help = OptionSpec("help", short: "h", help: "Show help for the command.")
    static let versionOption = OptionSpec("version", help: "Print the version.")

    /// Options every command accepts.
    public static let sharedOptions: [OptionSpec] = [color, verbose, quiet, help]

    /// Options only the top level accepts.
    public static let topLevelOptions: [OptionSpec] = [versionOption, OptionSpec("help", short: "h", help: "Show this help.")]

    // MARK: Positional arguments

    static let fileArgument = ArgumentSpec(
        name: "FILE", help: "A JSON or CSV snapshot file, a monitoring export, or - for standard input.", isOptional: false,
        completion: .files)

    /// More inputs after FILE: snapshot files or monitoring exports, bound to a field with FIELD=PATH.
    static let moreInputs = ArgumentSpec(
        name: "INPUT...",
        help: "More inputs merged with FILE by time: snapshot files or monitoring exports (Prometheus, Grafana CSV, "
            + "CloudWatch, k6, Datadog); FIELD=PATH or FIELD:UNIT=PATH binds an export's series to a field.",
        isOptional: true, completion: .files)
}
