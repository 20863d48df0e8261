/// The option groups several commands take, declared once, and the typed values they are read into.
extension CommandTable {
    static let whatIf = OptionSpec(
        "what-if", value: "CHANGES",
        help: "Recompute on the latest snapshot changed, and say what changed: users=x3,daily_active_users=+500,mrr=25000 "
            + "(xN multiplies, +V or -V adds in the field's units, V sets).")

    static func explain(_ help: String) -> OptionSpec { OptionSpec("explain", help: help) }

    // Where the thresholds come from: a policy file, or none.
    static let policy = OptionSpec(
        "policy", value: "FILE", completion: .files,
        help: "Read thresholds from this policy file (else SCALECTL_POLICY, else .scalectl.json when present).")
    static let noPolicy = OptionSpec("no-policy", help: "Use the guide's thresholds and stage presets only, ignoring any policy file.")
    static let policyOptions = [policy, noPolicy]

    // The gate's own overrides, above the policy file and the environment.
    static let failOn = OptionSpec(
        "fail-on", value: "SEVERITY", allowed: Severity.allCases.map(\.rawValue), default: "warning",
        help: "The least severe breach that fails the check (over SCALECTL_FAIL_ON and the policy).")
    static let requireAll = OptionSpec("require-all", help: "Fail when any threshold is unknown (its metric absent), not only required ones.")
    static let limit = OptionSpec(
        "limit", value: "ID=VALUE", repeatable: true,
        help: "Set a threshold's limit, such as response-time=400ms; repeatable (over SCALECTL_LIMIT_<ID> and the policy).")
    static let gateOptions = [failOn, requireAll, limit]
    static let failOnRegression = OptionSpec(
        "fail-on-regression", value: "PCT",
        help: "Exit 1 when a metric worsens by more than PCT, such as 10% (per metric in the policy's \"regression\").")

    // How the stage and the verdicts are read from a series.
    static let stageRule = OptionSpec(
        "stage-rule", value: "RULE", allowed: StageRule.allCases.map(\.rawValue), default: StageRule.standard.rawValue,
        help: "decision-tree: the stage is where users fall in the guide's decision tree, and the \"When:\" lines met "
            + "are reported as triggers; highest-signal: the highest stage any signal reaches (over SCALECTL_STAGE_RULE "
            + "and the policy's stage_rule).")
    static let maxAge = OptionSpec(
        "max-age", value: "SPAN",
        help: "A field's latest known value older than SPAN before the newest snapshot counts as unknown, such as 14d "
            + "(over SCALECTL_MAX_AGE and the policy's max_age).")
    static let judgementOptions = [stageRule, maxAge]

    // Where an estimate's prices come from.
    static let prices = OptionSpec(
        "prices", value: "FILE", completion: .files,
        help: "A JSON object of price ids (as guide --format json lists them) and monthly USD amounts, used in place of "
            + "the guide's prices, such as {\"neon-pro\": 69} (over the policy's \"prices\").")

    // The commands that read a series over time.
    static let horizon = OptionSpec(
        "horizon", value: "SPAN", default: "4w",
        help: "Forecast crossings within SPAN after the latest snapshot (at least 1d, such as 10d, 4w, 3mo or 1y; m is minutes) "
            + "become prepare-now steps.")
    static let spikeFactor = OptionSpec(
        "spike-factor", value: "N", default: "3",
        help: "A traffic spike is requests or daily active users at least N times the median of the spike window.")
    static let spikeWindow = OptionSpec(
        "spike-window", value: "SPAN", default: "7d",
        help: "The time before the latest snapshot whose median is the spike baseline (without timestamps: 7 rows).")
    static let seriesOptions = [horizon, spikeFactor, spikeWindow]

    // How several inputs are merged.
    static let align = OptionSpec(
        "align", value: "SPAN", default: "5m",
        help: "Points of further inputs within SPAN of a time of the first input with times join that snapshot (the nearest wins).")
    static let combine = OptionSpec(
        "combine", value: "FIELD=HOW", repeatable: true,
        help: "Combine several series of one field with sum, max, mean or min instead of the field's natural aggregation.")
    static let map = OptionSpec(
        "map", value: "FILE", completion: .files,
        help: "A JSON mapping file naming, per field, Grafana columns, Prometheus labels, CloudWatch ids and Datadog metrics.")

    /// Everything about reading the inputs: `--input-format`, `--align`, `--combine`, `--map`.
    static let inputOptions = [inputFormat, align, combine, map]
}

extension ParsedArguments {
    /// The `--format` given, or the format enum's standard one (the parser has checked it against the enum's cases).
    func format<F: ReportFormat>(_: F.Type) -> F {
        values[CommandTable.formatName].flatMap { F(rawValue: $0) } ?? .standard
    }

    /// A span option's value in seconds (nil when absent), or the error naming the option.
    func span(
        _ option: OptionSpec, _ parse: (String) throws(Quantity.ParseError) -> Double = TimeSpan.parse
    ) throws(UsageError) -> Double? {
        guard let text = value(option) else { return nil }
        do { return try parse(text) } catch { throw .unusableValue(option: option.name, value: text, reason: error.reason) }
    }
}

/// FILE and the further inputs of a command, and how they are read and merged.
struct InputOptions {
    /// FILE and the further inputs as given (a binding is `FIELD=PATH`).
    var arguments: [String]
    /// `--input-format`.
    var format: InputFormat?
    /// `--align` and `--combine`.
    var merge: MergeOptions
    /// `--map`.
    var mapping: String?
    /// `--verbose`: the notes only shown on request are printed too.
    var verbose: Bool

    /// Reads and checks the inputs of `command`: FILE is required, more inputs only where the command takes them, and the
    /// merge options are checked even for one FILE, so a typo is never ignored.
    init(_ arguments: ParsedArguments, command: String, takesMore: Bool = true) throws {
        guard !arguments.positionals.isEmpty else { throw UsageError.missingArgument(command: command, argument: "FILE") }
        if arguments.positionals.count > 1, !takesMore {
            throw UsageError.extraArgument(command: command, argument: arguments.positionals[1])
        }
        self.arguments = arguments.positionals
        format = arguments.value(CommandTable.inputFormat).flatMap(InputFormat.init(rawValue:))
        var merge = MergeOptions.standard
        if let tolerance = try arguments.span(CommandTable.align) { merge.tolerance = tolerance }
        for text in arguments.all(CommandTable.combine) {
            let (field, aggregation) = try Aggregation.parseOverride(text)
            merge.combine[field] = aggregation
        }
        self.merge = merge
        mapping = arguments.value(CommandTable.map)
        verbose = arguments.has(CommandTable.verbose)
    }

    /// The same settings for one of the inputs alone (`diff` reads BASE and NEW one at a time).
    func only(_ argument: String) -> InputOptions {
        var copy = self
        copy.arguments = [argument]
        return copy
    }
}

/// Which policy file a run reads, and every override of it given on the command line.
struct PolicyOptions {
    /// `--policy`.
    var path: String?
    /// `--no-policy`.
    var none: Bool
    var flags: PolicyFlags
    /// `--prices`, read with the policy.
    var pricesPath: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        path = arguments.value(CommandTable.policy)
        pricesPath = arguments.value(CommandTable.prices)
        none = arguments.has(CommandTable.noPolicy)
        if none, let path { throw .unusableValue(option: "policy", value: path, reason: "--no-policy says to use none") }
        flags = PolicyFlags(
            failOn: arguments.value(CommandTable.failOn), requireAll: arguments.has(CommandTable.requireAll),
            limits: arguments.all(CommandTable.limit), failOnRegression: arguments.value(CommandTable.failOnRegression),
            stageRule: arguments.value(CommandTable.stageRule), maxAge: arguments.value(CommandTable.maxAge))
    }
}

extension TrendOptions {
    /// `--horizon`, `--spike-window` and `--spike-factor`, or the defaults.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        self = .standard
        if let horizon = try arguments.span(CommandTable.horizon, TimeSpan.parseHorizon) { self.horizon = horizon }
        if let window = try arguments.span(CommandTable.spikeWindow) { spike.window = window }
        if let text = arguments.value(CommandTable.spikeFactor) {
            guard let factor = Double(text.trimmingSpaces), factor.isFinite, factor > 1 else {
                throw .unusableValue(option: "spike-factor", value: text, reason: "expected a number above 1, such as 3 or 2.5")
            }
            spike.factor = factor
        }
    }
}

extension WhatIf {
    /// `--what-if`, when given.
    static func given(_ arguments: ParsedArguments) throws(UsageError) -> WhatIf? {
        try arguments.value(CommandTable.whatIf).map(WhatIf.parse)
    }
}

/// What the commands that read a series over time take (`trend`, `review`): the inputs, the policy (for the stage
/// rule), the trend settings and a format.
struct SeriesReadOptions<Format: ReportFormat> {
    var inputs: InputOptions
    var policy: PolicyOptions
    var trend: TrendOptions
    var format: Format

    init(_ arguments: ParsedArguments, command: String) throws {
        inputs = try InputOptions(arguments, command: command)
        policy = try PolicyOptions(arguments)
        trend = try TrendOptions(arguments)
        format = arguments.format(Format.self)
    }
}

/// What every command that judges a series takes: its inputs, the policy and its overrides, and a what-if.
struct SeriesJudgementOptions {
    var inputs: InputOptions
    var policy: PolicyOptions
    var whatIf: WhatIf?

    init(_ arguments: ParsedArguments, command: String) throws {
        inputs = try InputOptions(arguments, command: command)
        policy = try PolicyOptions(arguments)
        whatIf = try WhatIf.given(arguments)
    }
}

/// A series as a command judges it: read, with the what-if made on it, under the stage rule and maximum age in force.
struct JudgedSeries {
    var series: SnapshotSeries
    var whatIf: WhatIfComparison?
    var settings: EvaluationSettings

    /// Reads the inputs and makes the what-if, judging its breaches by the policy in force when `policyRules`, else
    /// by the guide's thresholds.
    init(_ options: SeriesJudgementOptions, policyRules: Bool, context: RunContext) throws {
        settings = try Scalectl.evaluationSetup(options.policy, context: context).settings
        let real = try Scalectl.load(options.inputs, context: context)
        var rules: [GateRule] = []
        if options.whatIf != nil {
            rules =
                policyRules ? try Scalectl.effectivePolicy(for: real, options.policy, context: context).rules : ThresholdEvaluator.guideRules
        }
        (series, whatIf) = try Scalectl.applying(options.whatIf, to: real, rules: rules, settings: settings)
    }
}
