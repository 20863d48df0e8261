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

    static let fileArgument = ArgumentSpec(
        name: "FILE", help: "A JSON or CSV snapshot file, a monitoring export, or - for standard input.", isOptional: false)

    /// More inputs after FILE: snapshot files or monitoring exports, bound to a field with FIELD=PATH.
    static let moreInputs = ArgumentSpec(
        name: "INPUT...",
        help: "More inputs merged with FILE by time: snapshot files or monitoring exports (Prometheus, Grafana CSV, "
            + "CloudWatch, k6, Datadog); FIELD=PATH or FIELD:UNIT=PATH binds an export's series to a field.",
        isOptional: true)

    static let inputFormat = OptionSpec(
        "input-format", value: "FORMAT", allowed: InputFormat.allCases.map(\.rawValue),
        help: "Read FILE as this format instead of detecting it from the extension or content (with bindings: the bound inputs).")

    /// How several inputs are merged.
    static let mergeOptions: [OptionSpec] = [
        OptionSpec(
            "align", value: "SPAN", default: "5m",
            help: "Points of further inputs within SPAN of a time of the first input with times join that snapshot (the nearest wins)."),
        OptionSpec(
            "combine", value: "FIELD=HOW", repeatable: true,
            help: "Combine several series of one field with sum, max, mean or min instead of the field's natural aggregation."),
        OptionSpec(
            "map", value: "FILE",
            help: "A JSON mapping file naming, per field, Grafana columns, Prometheus labels, CloudWatch ids and Datadog metrics."),
    ]

    static let whatIf = OptionSpec(
        "what-if", value: "CHANGES",
        help: "Recompute on the latest snapshot changed, and say what changed: users=x3,daily_active_users=+500,mrr=25000 "
            + "(xN multiplies, +V or -V adds in the field's units, V sets).")

    /// The formats `check` writes, on stdout or with `--report`.
    public static let checkFormats = ["text", "json", "csv"] + CIReport.Format.allCases.map(\.rawValue).filter { $0 != "json" }

    /// Where the thresholds come from: a policy file, or none.
    static let policyOptions: [OptionSpec] = [
        OptionSpec(
            "policy", value: "FILE",
            help: "Read thresholds from this policy file (else SCALECTL_POLICY, else .scalectl.json when present)."),
        OptionSpec("no-policy", help: "Use the guide's thresholds and stage presets only, ignoring any policy file."),
    ]

    /// The gate's own overrides, above the policy file and the environment.
    static let gateOptions: [OptionSpec] = [
        OptionSpec(
            "fail-on", value: "SEVERITY", allowed: Severity.allCases.map(\.rawValue), default: "warning",
            help: "The least severe breach that fails the check (over SCALECTL_FAIL_ON and the policy)."),
        OptionSpec("require-all", help: "Fail when any threshold is unknown (its metric absent), not only required ones."),
        OptionSpec(
            "limit", value: "ID=VALUE", repeatable: true,
            help: "Set a threshold's limit, such as response-time=400ms; repeatable (over SCALECTL_LIMIT_<ID> and the policy)."),
    ]

    /// How the stage and the verdicts are read from a series.
    static let judgementOptions: [OptionSpec] = [
        OptionSpec(
            "stage-rule", value: "RULE", allowed: StageRule.allCases.map(\.rawValue), default: StageRule.standard.rawValue,
            help: "decision-tree: the stage is where users fall in the guide's decision tree, and the \"When:\" lines met "
                + "are reported as triggers; highest-signal: the highest stage any signal reaches (over SCALECTL_STAGE_RULE "
                + "and the policy's stage_rule)."),
        OptionSpec(
            "max-age", value: "SPAN",
            help: "A field's latest known value older than SPAN before the newest snapshot counts as unknown, such as 14d "
                + "(over SCALECTL_MAX_AGE and the policy's max_age)."),
    ]

    /// Options of the commands that read a series over time.
    static let seriesOptions: [OptionSpec] = [
        OptionSpec(
            "horizon", value: "SPAN", default: "4w",
            help: "Forecast crossings within SPAN after the latest snapshot (at least 1d, such as 10d, 4w, 3mo or 1y; m is minutes) become prepare-now steps."),
        OptionSpec(
            "spike-factor", value: "N", default: "3",
            help: "A traffic spike is requests or daily active users at least N times the median of the spike window."),
        OptionSpec(
            "spike-window", value: "SPAN", default: "7d",
            help: "The time before the latest snapshot whose median is the spike baseline (without timestamps: 7 rows)."),
    ]

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
        OptionSpec("verbose", short: "v", help: "Also say which alias mapped to which field, and which input gave each field."),
        OptionSpec(
            "quiet", short: "q",
            help: "For scripts: no warnings, notes or progress on stderr (errors still print); check and diff also print no "
                + "report on stdout, since the exit code is the answer. Other commands still print their output."),
        OptionSpec("help", short: "h", help: "Show help for the command."),
    ]

    /// The commands whose stdout report `--quiet` silences: their exit code is the answer. `stage` keeps its one line.
    public static let quietSilencesReport: Set<String> = ["check", "diff"]

    /// Options only the top level accepts.
    public static let topLevelOptions: [OptionSpec] = [
        OptionSpec("version", help: "Print the version."),
        OptionSpec("help", short: "h", help: "Show this help."),
    ]

    public static let commands: [CommandSpec] = [
        CommandSpec(
            name: "advise",
            summary: "Show the stage and why, breached thresholds, next steps, open checklist items and the month's cost.",
            arguments: [fileArgument, moreInputs],
            options: [
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: ["text", "json", "markdown"], default: "text",
                    help: "Output format."),
                OptionSpec("explain", help: "Also print the stage rule and how each signal was placed."),
                whatIf,
            ] + judgementOptions + seriesOptions + policyOptions + [inputFormat] + mergeOptions + [output],
            examples: [
                "scalectl advise metrics.json", "scalectl advise business.csv response_p95_ms=p95.json error_rate=errors.json",
                "scalectl advise history.csv --format markdown > SCALING.md",
            ],
            discussion:
                "Advice is about the latest snapshot: the greatest timestamp, or the last one when there are no timestamps. "
                + "With two or more snapshots it adds a trend per metric and forecasts; a traffic spike puts the guide's "
                + "Emergency Scaling playbook first."),
        CommandSpec(
            name: "report",
            summary: "Write the advice as one self-contained HTML page: stage ladder, charts with forecasts, findings, cost.",
            arguments: [fileArgument, moreInputs],
            options: [whatIf] + judgementOptions + seriesOptions + policyOptions + [inputFormat] + mergeOptions + [output],
            examples: ["scalectl report history.csv --output report.html", "scalectl report metrics.json > report.html"],
            discussion:
                "The page fetches nothing (no script, font or image; a strict Content-Security-Policy), escapes everything "
                + "from the input, reads on a phone and prints on A4. A series gets a chart per key metric with its threshold, "
                + "next-stage line and forecast. Without --output it goes to standard output, but never to a terminal."),
        CommandSpec(
            name: "stage",
            summary: "Print the stage as one line for scripts, or test it with --at-least.",
            arguments: [fileArgument, moreInputs],
            options: [
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: ["name", "number", "json"], default: "name",
                    help: "Print the stage id (growth), its number (2), or JSON."),
                OptionSpec("at-least", value: "STAGE", help: "Print nothing; exit 0 if the stage is STAGE or later, 1 if not."),
                OptionSpec("explain", help: "Print the stage rule, every signal and every trigger instead of one line."),
                whatIf,
            ] + judgementOptions + policyOptions + [inputFormat] + mergeOptions + [output],
            examples: ["scalectl stage metrics.json", "if scalectl stage metrics.json --at-least growth; then echo upgrade; fi"],
            discussion: nil),
        CommandSpec(
            name: "check",
            summary: "Check every threshold; exit 1 when one is breached at or above --fail-on.",
            arguments: [fileArgument, moreInputs],
            options: gateOptions + [
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: checkFormats, default: "text",
                    help: "Output format on stdout: text, json, csv (formula cells neutralized), junit, sarif (2.1.0), github "
                        + "(workflow commands; the job summary goes to $GITHUB_STEP_SUMMARY when set) or markdown."),
                OptionSpec(
                    "report", value: "FORMAT=PATH", repeatable: true,
                    help: "Also write a report file, atomically; repeatable: --report junit=scalectl.xml --report sarif=scalectl.sarif."),
                OptionSpec("explain", help: "Show where each threshold's limit, severity and other settings come from."),
                whatIf,
            ] + judgementOptions + policyOptions + [inputFormat] + mergeOptions + [output],
            examples: [
                "scalectl check metrics.json", "scalectl check metrics.json --fail-on critical --format json",
                "scalectl check metrics.json --format csv -o thresholds.csv",
                "scalectl check metrics.json --format github --report junit=scalectl.xml --report sarif=scalectl.sarif",
            ],
            discussion:
                "Thresholds come from the guide, then the stage's preset, the policy file, the environment and the flags, in "
                + "that order. A threshold whose metric is absent is unknown: it fails only when required. On a series, a "
                + "threshold with \"for\" is pending until its breach has held that long."),
        CommandSpec(
            name: "cost",
            summary: "Estimate the month's cost from the guide's prices, against the stage's band and what you pay.",
            arguments: [fileArgument, moreInputs],
            options: [
                OptionSpec("format", short: "f", value: "FORMAT", allowed: ["text", "json"], default: "text", help: "Output format."),
                whatIf,
            ] + judgementOptions + policyOptions + [inputFormat] + mergeOptions + [output],
            examples: ["scalectl cost metrics.json", "scalectl cost metrics.json --what-if users=x3"],
            discussion: nil),
        CommandSpec(
            name: "trend",
            summary: "Show each metric's growth per week and month, and when the next stage and each plan limit arrive.",
            arguments: [fileArgument, moreInputs],
            options: [
                OptionSpec("format", short: "f", value: "FORMAT", allowed: ["text", "json"], default: "text", help: "Output format.")
            ] + seriesOptions + [judgementOptions[0]] + policyOptions + [inputFormat] + mergeOptions,
            examples: ["scalectl trend history.csv", "scalectl trend history.csv --format json | jq '.trend.forecasts'"],
            discussion:
                "Counts (users, daily active users, MRR, requests) are fitted on the logarithm (compound growth), latencies, "
                + "rates and cost linearly. Forecasts need 3 or more snapshots with timestamps; rows out of order are sorted, "
                + "repeated timestamps and gaps are reported."),
        CommandSpec(
            name: "review",
            summary:
                "The guide's weekly review: user growth, cost per user and per customer, cost against the band and MRR, performance trends.",
            arguments: [fileArgument, moreInputs],
            options: [
                OptionSpec("format", short: "f", value: "FORMAT", allowed: ["text", "json"], default: "text", help: "Output format."),
            ] + judgementOptions + policyOptions + [inputFormat] + mergeOptions,
            examples: ["scalectl review history.csv"],
            discussion: "Warns when monthly_cost is above the stage's band or a later stage's paid step is reported done: "
                + "\"Don't over-engineer!\""),
        CommandSpec(
            name: "diff",
            summary: "Compare two snapshots: the stage change and each metric's change, better or worse; exit 1 on a regression.",
            arguments: [
                ArgumentSpec(name: "BASE", help: "The snapshot before (JSON or CSV; its latest snapshot).", isOptional: false),
                ArgumentSpec(name: "NEW", help: "The snapshot after.", isOptional: false),
            ],
            options: [
                OptionSpec(
                    "fail-on-regression", value: "PCT",
                    help: "Exit 1 when a metric worsens by more than PCT, such as 10% (per metric in the policy's \"regression\")."),
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: ["text", "json", "markdown"], default: "text", help: "Output format."),
            ] + judgementOptions + policyOptions + [inputFormat, output],
            examples: ["scalectl diff before.json after.json --fail-on-regression 10%"],
            discussion:
                "Better and worse follow each metric's sense: a lower p95 or error rate is better, a higher cache hit rate or more "
                + "users is better; requests and connections move neither way."),
        CommandSpec(
            name: "policy",
            summary: "Show the thresholds in force and where each setting comes from, or write a starting policy file.",
            arguments: [
                ArgumentSpec(
                    name: "ACTION", help: "show (the effective policy) or init (write the guide's defaults as a policy).",
                    isOptional: false,
                    allowed: ["show", "init"]),
                ArgumentSpec(
                    name: "FILE", help: "For init: the file to write (default .scalectl.json; - for standard output).", isOptional: true),
            ],
            options: [
                OptionSpec("stage", value: "STAGE", help: "Apply this stage's preset and the policy's stage sections."),
                OptionSpec(
                    "format", short: "f", value: "FORMAT", allowed: ["text", "json"], default: "text", help: "Output format of show."),
            ] + gateOptions + judgementOptions + policyOptions,
            examples: [
                "scalectl policy init", "scalectl policy show --stage scale", "scalectl policy show --policy ci/policy.json --format json",
            ],
            discussion: "init never overwrites an existing file."),
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
            options: [OptionSpec("man", help: "Print the manual page (roff) of every command: scalectl help --man | man -l -")],
            examples: ["scalectl help check", "scalectl help --man | man -l -"],
            discussion: nil),
        CommandSpec(
            name: "completions",
            summary: "Print a shell completion script for bash, zsh or fish, generated from the command table.",
            arguments: [
                ArgumentSpec(
                    name: "SHELL", help: "The shell to complete in: bash, zsh or fish.", isOptional: false,
                    allowed: Shell.allCases.map(\.rawValue))
            ],
            options: [],
            examples: [
                "source <(scalectl completions bash)", "scalectl completions zsh > \"${fpath[1]}/_scalectl\"",
                "scalectl completions fish > ~/.config/fish/completions/scalectl.fish",
            ],
            discussion:
                "bash: add 'source <(scalectl completions bash)' to ~/.bashrc. zsh: write the script as _scalectl in a folder of "
                + "$fpath before compinit runs. fish: write it to ~/.config/fish/completions/scalectl.fish."),
    ]

    public static func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }
}
