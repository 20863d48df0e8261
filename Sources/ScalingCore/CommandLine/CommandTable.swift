/// A subcommand of `scalectl`, described as data.
public struct CommandSpec: Sendable, Equatable {
    public let name: String
    public let summary: String
    public let arguments: [ArgumentSpec]
    /// The command's own options; the shared ones are added by `allOptions`.
    public let options: [OptionSpec]
    public let examples: [String]
    /// A paragraph under the usage line.
    public let discussion: String?

    /// The command's options followed by the options every command takes.
    public var allOptions: [OptionSpec] { options + CommandTable.sharedOptions }

    /// `scalectl advise FILE [options]`.
    public var usage: String {
        let arguments = arguments.map { $0.isOptional ? "[\($0.name)]" : $0.name }.joined(separator: " ")
        return "scalectl \(name)" + (arguments.isEmpty ? "" : " \(arguments)") + " [options]"
    }
}

/// Every command and option of `scalectl`: the single table parsing, help and docs are built from.
public enum CommandTable {
    public static let version = "0.1.0"

    static let fileArgument = ArgumentSpec(name: "FILE", help: "A JSON or CSV snapshot file, or - for standard input.", isOptional: false)

    static let inputFormat = OptionSpec(
        "input-format", value: "FORMAT", allowed: InputFormat.allCases.map(\.rawValue),
        help: "Read FILE as this format instead of detecting it from the extension or content.")

    static let output = OptionSpec(
        "output", short: "o", value: "FILE",
        help:
            "Write the report to FILE instead of standard output: whole or not at all (a temporary file renamed into place), never over the input."
    )

    /// Options every command accepts.
    public static let sharedOptions: [OptionSpec] = [
        OptionSpec(
            "color", value: "WHEN", allowed: ["auto", "always", "never"], default: "auto",
            help: "Color the text output: auto colors a terminal unless NO_COLOR is set."),
        OptionSpec("verbose", short: "v", help: "Also say which alias mapped to which field."),
        OptionSpec("help", short: "h", help: "Show help for the command."),
    ]

    /// Options only the top level accepts.
    public static let topLevelOptions: [OptionSpec] = [
        OptionSpec("version", help: "Print the version."),
        OptionSpec("help", short: "h", help: "Show this help."),
    ]

    public static let commands: [CommandSpec] = [
        CommandSpec(
            name: "advise",
            summary: "Show the stage and why, breached thresholds, next steps, open checklist items and the month's cost.",
            arguments: [fileArgument],
            options: [
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: ["text", "json", "markdown"], default: "text",
                    help: "Output format."),
                OptionSpec("explain", help: "Also print the stage rule and how each signal was placed."),
                inputFormat,
                output,
            ],
            examples: ["scalectl advise metrics.json", "scalectl advise history.csv --format markdown > SCALING.md"],
            discussion: "Advice is about the latest snapshot: the greatest timestamp, or the last one when there are no timestamps."),
        CommandSpec(
            name: "stage",
            summary: "Print the stage as one line for scripts, or test it with --at-least.",
            arguments: [fileArgument],
            options: [
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: ["name", "number", "json"], default: "name",
                    help: "Print the stage id (growth), its number (2), or JSON."),
                OptionSpec("at-least", value: "STAGE", help: "Print nothing; exit 0 if the stage is STAGE or later, 1 if not."),
                OptionSpec("explain", help: "Print the stage rule and how each signal was placed instead of one line."),
                inputFormat,
                output,
            ],
            examples: ["scalectl stage metrics.json", "if scalectl stage metrics.json --at-least growth; then echo upgrade; fi"],
            discussion: nil),
        CommandSpec(
            name: "check",
            summary: "Check every threshold; exit 1 when one is breached at or above --fail-on.",
            arguments: [fileArgument],
            options: [
                OptionSpec(
                    "fail-on", value: "SEVERITY", allowed: Severity.allCases.map(\.rawValue), default: "warning",
                    help: "The least severe breach that fails the check."),
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: ["text", "json", "csv"], default: "text",
                    help: "Output format; csv is one row per threshold, cells starting with = + - @ neutralized for spreadsheets."),
                inputFormat,
                output,
            ],
            examples: [
                "scalectl check metrics.json", "scalectl check metrics.json --fail-on critical --format json",
                "scalectl check metrics.json --format csv -o thresholds.csv",
            ],
            discussion: "A threshold whose metric is absent is reported as unknown and does not fail the check."),
        CommandSpec(
            name: "cost",
            summary: "Estimate the month's cost from the guide's prices, against the stage's band and what you pay.",
            arguments: [fileArgument],
            options: [
                OptionSpec("format", short: "f", value: "FORMAT", allowed: ["text", "json"], default: "text", help: "Output format."),
                inputFormat,
                output,
            ],
            examples: ["scalectl cost metrics.json"],
            discussion: nil),
        CommandSpec(
            name: "guide",
            summary: "Print the scaling guide as scalectl encodes it: all of it, or one stage.",
            arguments: [
                ArgumentSpec(
                    name: "STAGE", help: "A stage id, number or name: mvp, early-traction, growth, scale, enterprise.", isOptional: true)
            ],
            options: [
                OptionSpec("format", short: "f", value: "FORMAT", allowed: ["text", "json"], default: "text", help: "Output format."),
                output,
            ],
            examples: ["scalectl guide", "scalectl guide growth"],
            discussion: nil),
        CommandSpec(
            name: "help",
            summary: "Show help for scalectl or one command.",
            arguments: [ArgumentSpec(name: "COMMAND", help: "The command to describe.", isOptional: true)],
            options: [],
            examples: ["scalectl help check"],
            discussion: nil),
    ]

    public static func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }
}
