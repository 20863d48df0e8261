/// What a run of `scalectl` can see and touch: the environment, the terminal, and how to read inputs.
///
/// The executable passes the real process; tests pass their own to run commands in-process.
public struct RunContext {
    public var environment: [String: String]
    public var stdoutIsTerminal: Bool
    public var writeOut: (String) -> Void
    public var writeError: (String) -> Void
    public var readInput: (String) throws(InputError) -> [UInt8]
    /// Writes a report to an `--output` file (text, path, the inputs it must not overwrite).
    public var writeOutput: (String, String, [String]) throws(OutputError) -> Void
    /// Whether a file exists: `.scalectl.json` is read only when it does.
    public var fileExists: (String) -> Bool
    /// Appends to a file that others append to as well (`$GITHUB_STEP_SUMMARY`).
    public var appendOutput: (String, String) throws(OutputError) -> Void
    /// Whether standard error is a terminal: only then is progress shown, never on a pipe or in a file.
    public var stderrIsTerminal: Bool
    /// The width text tables fit in (see ``terminalWidth(environment:measured:)``); nil means no limit: no wrapping.
    public var terminalWidth: Int?
    /// How long a run goes on before progress appears, so quick runs never flash a status line.
    public var progressDelay: Duration
    /// Reads an input reporting the bytes read so far and the total when known; nil when `readInput` was given.
    var readInputReportingProgress: ((String, (Int, Int?) -> Void) throws(InputError) -> [UInt8])?
    /// Whether inputs are read from the file system (not given by a test), so a reader may open a path itself.
    var readsFilesDirectly: Bool { readInputReportingProgress != nil }
    /// `--quiet`: warnings and notes are not written.
    var isQuiet = false
    /// The status line on stderr, when progress is shown.
    var progress: ProgressLine?
    /// A new set of report files, written whole or not at all.
    var makeOutputSet: () -> OutputSet
    /// With `--output`, the set the command adds its report files to; written with the output at the end of the run.
    var pendingOutputs: OutputSet?

    /// `readInput` defaults to reading files and standard input with progress; one given (tests) reports none.
    public init(
        environment: [String: String], stdoutIsTerminal: Bool,
        writeOut: @escaping (String) -> Void, writeError: @escaping (String) -> Void,
        readInput: ((String) throws(InputError) -> [UInt8])? = nil,
        writeOutput: OutputSet.Writer? = nil,
        fileExists: @escaping (String) -> Bool = InputFile.exists(_:),
        appendOutput: OutputSet.Appender? = nil,
        stderrIsTerminal: Bool = false, terminalWidth: Int? = nil, progressDelay: Duration = .milliseconds(300)
    ) {
        self.stderrIsTerminal = stderrIsTerminal
        self.terminalWidth = terminalWidth
        self.progressDelay = progressDelay
        if let readInput {
            self.readInput = readInput
        } else {
            self.readInput = { (path: String) throws(InputError) -> [UInt8] in try InputFile.bytes(at: path) }
            readInputReportingProgress = { (path: String, progress: (Int, Int?) -> Void) throws(InputError) -> [UInt8] in
                try InputFile.bytes(at: path, limits: .standard, progress: progress)
            }
        }
        if let appendOutput { self.appendOutput = appendOutput } else { self.appendOutput = OutputFile.append(_:to:) }
        // Files are written as one set unless a test stands in for the file system.
        makeOutputSet = writeOutput == nil && appendOutput == nil ? { OutputSet() } : { OutputSet(writer: writeOutput, appender: appendOutput) }
        self.fileExists = fileExists
        self.environment = environment
        self.stdoutIsTerminal = stdoutIsTerminal
        self.writeOut = writeOut
        self.writeError = writeError
        if let writeOutput { self.writeOutput = writeOutput } else { self.writeOutput = OutputFile.write(_:to:inputs:) }
    }

    /// The width tables fit in: `COLUMNS` when it is a positive number (even through a pipe, so
    /// `COLUMNS=100 scalectl advise m.json | less` works), else the terminal's width measured on stdout (nil when
    /// stdout is not a terminal, so pipes and files keep whole lines).
    public static func terminalWidth(environment: [String: String], measured: Int?) -> Int? {
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingSpaces), columns > 0 { return columns }
        return measured.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Writes a warning or note on stderr, unless `--quiet`.
    func warn(_ line: String) {
        if !isQuiet { writeError(line) }
    }
}

/// The `scalectl` command: turns arguments into calls on the library and results into output and an exit code.
public enum Scalectl {
    /// Runs one command line (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], context: RunContext) -> ExitCode {
        do {
            return try dispatch(arguments, context: context)
        } catch {
            let (message, code) = ErrorMessage.describe(error)
            context.writeError("scalectl: error: \(TerminalSink.finish(message, colors: false))\n")
            return code
        }
    }

    private static func dispatch(_ arguments: [String], context: RunContext) throws -> ExitCode {
        let tokens = ArgumentParser.split(arguments)
        let commandIndex = ArgumentParser.firstPositional(in: tokens, options: CommandTable.topLevelOptions + CommandTable.sharedOptions)
        let commandName: String? = commandIndex.flatMap { if case .positional(let name) = tokens[$0] { name } else { nil } }
        guard let commandIndex, let command = commandName.flatMap(CommandTable.command(named:)) else {
            // No known command: what stands before it may only be --help, --version or a shared option.
            let leading = try ArgumentParser.parse(
                Array(tokens[..<(commandIndex ?? tokens.endIndex)]),
                options: CommandTable.topLevelOptions + CommandTable.sharedOptions, command: nil)
            if leading.has("version") { context.writeOut("scalectl \(CommandTable.version)\n"); return .success }
            if leading.has("help") { context.writeOut(HelpText.overview(width: context.terminalWidth)); return .success }
            if let commandName {
                throw UsageError.unknownCommand(
                    commandName, suggestion: Suggestion.nearest(to: commandName, in: CommandTable.commands.map(\.name)))
            }
            context.writeError(HelpText.overview(width: context.terminalWidth))
            throw UsageError.missingCommand
        }
        var rest = tokens
        rest.remove(at: commandIndex)
        var parsed = try ArgumentParser.parse(rest, options: command.allOptions, command: command.name)
        if parsed.has("help") { context.writeOut(HelpText.command(command, width: context.terminalWidth)); return .success }
        try checkArguments(&parsed, of: command)
        var context = context
        context.isQuiet = parsed.has("quiet")
        // Progress goes on a terminal's stderr only, and is cleared before anything else is written there or on stdout.
        let progress = ProgressLine(
            enabled: context.stderrIsTerminal && !context.isQuiet, width: context.terminalWidth, delay: context.progressDelay,
            write: context.writeError)
        defer { progress.clear() }  // before an error message, too
        let (writeOut, writeError) = (context.writeOut, context.writeError)
        context.writeOut = { text in
            progress.clear()
            writeOut(text)
        }
        context.writeError = { text in
            progress.clear()
            writeError(TerminalSink.finish(text, colors: false))
        }
        context.progress = progress
        if let output = parsed.value("output") {
            // The report is collected and written whole at the end, so a failed run leaves no partial file.
            final class Report { var text = "" }
            let report = Report()
            var redirected = context
            redirected.writeOut = { report.text += $0 }
            redirected.stdoutIsTerminal = false
            redirected.terminalWidth = nil  // a file keeps whole lines
            let outputs = context.makeOutputSet()
            redirected.pendingOutputs = outputs
            let code = try run(command, parsed, context: redirected)
            outputs.add(report.text, to: output, inputs: command.name == "guide" ? [] : readFiles(parsed, context: context))
            try outputs.commit()
            return code
        }
        if context.isQuiet && CommandTable.quietSilencesReport.contains(command.name) {
            context.writeOut = { _ in }  // the exit code is the answer
        }
        return try run(command, parsed, context: context)
    }

    /// Checks positional arguments that have allowed values (`policy show|init`, `completions bash|zsh|fish`), with a
    /// "did you mean", and spells them as the table does.
    private static func checkArguments(_ parsed: inout ParsedArguments, of command: CommandSpec) throws(UsageError) {
        for (index, argument) in command.arguments.enumerated() where index < parsed.positionals.count {
            guard let allowed = argument.allowedValues else { continue }
            let value = parsed.positionals[index]
            guard let match = allowed.first(where: { $0.lowercased() == value.lowercased() }) else {
                throw .invalidArgument(
                    command: command.name, argument: argument.name, value: value, allowed: allowed,
                    suggestion: Suggestion.nearest(to: value, in: allowed))
            }
            parsed.positionals[index] = match
        }
    }

    private static func run(_ command: CommandSpec, _ parsed: ParsedArguments, context: RunContext) throws -> ExitCode {
        let style = Style(
            enabled: Style.colorEnabled(
                choice: parsed.value("color") ?? "auto",
                isTerminal: context.stdoutIsTerminal, environment: context.environment),
            width: context.terminalWidth)
        switch command.name {
        case "help": return try help(parsed, context: context)
        case "completions": return try completions(parsed, context: context)
        case "guide": return try guide(parsed, style: style, context: context)
        case "policy": return try policyCommand(parsed, style: style, context: context)
        case "diff": return try diff(parsed, style: style, context: context)
        default: break
        }
        if command.name == "report", context.stdoutIsTerminal {
            throw UsageError.terminalOutput(command: command.name, format: "an HTML page")
        }
        let whatIf = try parsed.value("what-if").map(WhatIf.parse)
        let trendOptions = try trendOptions(parsed)
        let settings = try evaluationSetup(parsed, context: context).settings
        if command.name == "trend" {
            return try trend(
                try loadColumns(parsed, command: command, context: context), parsed, trendOptions: trendOptions,
                stageRule: settings.stageRule, style: style, context: context)
        }
        let real = try load(parsed, command: command, context: context)
        // The what-if judges breaches by the rules the command applies: the policy's for the gate's commands (none
        // are built without a what-if).
        let usesPolicy = ["advise", "check", "report"].contains(command.name)
        let rules: [GateRule]
        if whatIf == nil {
            rules = []
        } else if usesPolicy {
            rules = try effectivePolicy(for: real, parsed, context: context).rules
        } else {
            rules = ThresholdEvaluator.guideRules
        }
        let (series, comparison) = try applying(whatIf, to: real, rules: rules, settings: settings)
        switch command.name {
        case "advise":
            return try advise(series, parsed, trendOptions: trendOptions, whatIf: comparison, style: style, context: context)
        case "stage": return try stage(series, parsed, settings: settings, whatIf: comparison, style: style, context: context)
        case "check": return try check(series, parsed, whatIf: comparison, style: style, context: context)
        case "cost": return try cost(series, parsed, settings: settings, whatIf: comparison, style: style, context: context)
        case "review":
            return try review(series, parsed, trendOptions: trendOptions, settings: settings, style: style, context: context)
        case "report": return try report(series, parsed, trendOptions: trendOptions, whatIf: comparison, context: context)
        default: throw UsageError.unknownCommand(command.name, suggestion: nil)
        }
    }

    /// The series with the what-if made on its latest known values, and the comparison with the real ones.
    private static func applying(_ whatIf: WhatIf?, to series: SnapshotSeries, rules: [GateRule], settings: EvaluationSettings)
        throws -> (SnapshotSeries, WhatIfComparison?)
    {
        guard let whatIf else { return (series, nil) }
        let real = CurrentValues(series, maxAge: settings.maxAge).snapshot
        let changed = try whatIf.apply(to: real)
        let comparison = WhatIfComparison.compare(
            real: real, changed: changed, whatIf: whatIf, rules: rules, stageRule: settings.stageRule)
        return (series.applying(whatIf, changed: changed), comparison)
    }

    /// The horizon and spike rule from the command line, or the defaults.
    private static func trendOptions(_ parsed: ParsedArguments) throws(UsageError) -> TrendOptions {
        var options = TrendOptions.standard
        func span(_ name: String, _ parse: (String) throws(Quantity.ParseError) -> Double = TimeSpan.parse) throws(UsageError) -> Double? {
            guard let text = parsed.value(name) else { return nil }
            do { return try parse(text) } catch { throw .unusableValue(option: name, value: text, reason: error.reason) }
        }
        if let horizon = try span("horizon", TimeSpan.parseHorizon) { options.horizon = horizon }
        if let window = try span("spike-window") { options.spike.window = window }
        if let text = parsed.value("spike-factor") {
            guard let factor = Double(text.trimmingSpaces), factor.isFinite, factor > 1 else {
                throw .unusableValue(option: "spike-factor", value: text, reason: "expected a number above 1, such as 3 or 2.5")
            }
            options.spike.factor = factor
        }
        return options
    }

    // MARK: Commands

    private static func help(_ parsed: ParsedArguments, context: RunContext) throws -> ExitCode {
        if parsed.has("man") {
            // The page describes every command; a COMMAND with it would be ignored, so it is refused.
            if let extra = parsed.positionals.first { throw UsageError.extraArgument(command: "help --man", argument: extra) }
            context.writeOut(ManPage.render())
            return .success
        }
        guard let name = parsed.positionals.first else {
            context.writeOut(HelpText.overview(width: context.terminalWidth)); return .success
        }
        if parsed.positionals.count > 1 { throw UsageError.extraArgument(command: "help", argument: parsed.positionals[1]) }
        guard let command = CommandTable.command(named: name) else {
            throw UsageError.unknownCommand(name, suggestion: Suggestion.nearest(to: name, in: CommandTable.commands.map(\.name)))
        }
        context.writeOut(HelpText.command(command, width: context.terminalWidth))
        return .success
    }

    private static func completions(_ parsed: ParsedArguments, context: RunContext) throws -> ExitCode {
        guard let name = parsed.positionals.first else {
            throw UsageError.missingArgument(command: "completions", argument: "SHELL (bash, zsh or fish)")
        }
        if parsed.positionals.count > 1 { throw UsageError.extraArgument(command: "completions", argument: parsed.positionals[1]) }
        guard let shell = Shell(rawValue: name) else {
            throw UsageError.invalidArgument(
                command: "completions", argument: "SHELL", value: name, allowed: Shell.allCases.map(\.rawValue), suggestion: nil)
        }
        context.writeOut(Completions.script(for: shell))
        return .success
    }

    private static func guide(_ parsed: ParsedArguments, style: Style, context: RunContext) throws -> ExitCode {
        if parsed.positionals.count > 1 { throw UsageError.extraArgument(command: "guide", argument: parsed.positionals[1]) }
        let stage = try parsed.positionals.first.map(parseStage)
        context.writeOut(parsed.value("format") == "json" ? GuideReport.json(stage: stage) : GuideReport.text(stage: stage, style: style))
        return .success
    }

    private static func advise(
        _ series: SnapshotSeries, _ parsed: ParsedArguments, trendOptions: TrendOptions, whatIf: WhatIfComparison?, style: Style,
        context: RunContext
    ) throws -> ExitCode {
        let advice = try advice(series, parsed, trendOptions: trendOptions, whatIf: whatIf, context: context)
        switch parsed.value("format") ?? "text" {
        case "json": context.writeOut(JSONReport.advice(advice))
        case "markdown": context.writeOut(MarkdownReport.advice(advice))
        default: context.writeOut(TextReport(style: style).advice(advice, explain: parsed.has("explain")))
        }
        return .success
    }

    private static func report(
        _ series: SnapshotSeries, _ parsed: ParsedArguments, trendOptions: TrendOptions, whatIf: WhatIfComparison?,
        context: RunContext
    ) throws -> ExitCode {
        context.writeOut(HTMLReport.advice(try advice(series, parsed, trendOptions: trendOptions, whatIf: whatIf, context: context)))
        return .success
    }

    /// The advice `advise` and `report` print: under the policy in force, with the what-if's comparison.
    private static func advice(
        _ series: SnapshotSeries, _ parsed: ParsedArguments, trendOptions: TrendOptions, whatIf: WhatIfComparison?,
        context: RunContext
    ) throws -> Advice {
        let policy = try effectivePolicy(for: series, parsed, context: context)
        var advice = try Advisor.advise(
            series, trendOptions: trendOptions, rules: policy.rules, settings: policy.evaluation.settings)
        advice.whatIf = whatIf
        return advice
    }

    private static func stage(
        _ series: SnapshotSeries, _ parsed: ParsedArguments, settings: EvaluationSettings, whatIf: WhatIfComparison?, style: Style,
        context: RunContext
    ) throws -> ExitCode {
        let current = CurrentValues(series, maxAge: settings.maxAge)
        let assessment = try StageClassifier.assess(current.snapshot, rule: settings.stageRule)
        let report = TextReport(style: style)
        if let minimum = parsed.value("at-least") {
            return assessment.stage >= (try parseStage(minimum)) ? .success : .checkFailed
        }
        if parsed.has("explain") {
            let decision = current.snapshot[.users].map(GuideCatalog.decision(forUsers:))
            context.writeOut(
                (whatIf.map { report.whatIfSection($0) + "\n\n" } ?? "") + report.stageExplanation(assessment, decision: decision, current: current))
            return .success
        }
        let format = parsed.value("format") ?? "name"
        if let whatIf, format != "json" {
            // stdout stays one line for scripts; what changed goes to stderr.
            context.warn(
                "scalectl: what-if: stage \(whatIf.stageBefore?.rawValue ?? "none") → \(whatIf.stageAfter?.rawValue ?? "none")"
                    + " (\(whatIf.fields.map(\.text).joined(separator: ", ")))\n")
        }
        switch format {
        case "number": context.writeOut("\(assessment.stage.number)\n")
        case "json": context.writeOut(JSONReport.stage(assessment, series: series, current: current, whatIf: whatIf))
        default: context.writeOut("\(assessment.stage.rawValue)\n")
        }
        return .success
    }

    private static func cost(
        _ series: SnapshotSeries, _ parsed: ParsedArguments, settings: EvaluationSettings, whatIf: WhatIfComparison?, style: Style,
        context: RunContext
    ) throws -> ExitCode {
        let current = CurrentValues(series, maxAge: settings.maxAge).snapshot
        let assessment = try StageClassifier.assess(current, rule: settings.stageRule)
        let estimate = CostEstimator.estimate(current, stage: assessment.stage)
        if parsed.value("format") == "json" {
            context.writeOut(JSONReport.cost(estimate, series: series, whatIf: whatIf))
        } else {
            let report = TextReport(style: style)
            context.writeOut((whatIf.map { report.whatIfSection($0) + "\n\n" } ?? "") + report.cost(estimate) + "\n")
        }
        return .success
    }

    private static func trend(
        _ columns: SeriesColumns, _ parsed: ParsedArguments, trendOptions: TrendOptions, stageRule: StageRule, style: Style,
        context: RunContext
    ) throws -> ExitCode {
        let timeline = Timeline(columns)
        let heading = SeriesHeading(columns)
        // Forecasts of next-stage signals need the stage: that of each stage signal's latest known value (a
        // monitoring-only latest row should not send forecasts back to the MVP's targets); a series without any stage
        // signal still has trends.
        var signals = Snapshot()
        for signal in GuideCatalog.stageSignals {
            guard let values = timeline.columns.column(signal.field), let row = values.lastIndex(where: { !$0.isNaN }) else { continue }
            signals[signal.field] = values[row]
        }
        let stage = try? StageClassifier.assess(signals, rule: stageRule).stage
        let analysis = TrendAnalyzer.analyze(timeline, stage: stage ?? .mvp, options: trendOptions)
        if parsed.value("format") == "json" {
            context.writeOut(JSONReport.trend(analysis, heading: heading))
        } else {
            context.writeOut(TextReport(style: style).trend(analysis, heading: heading))
        }
        return .success
    }

    private static func review(
        _ series: SnapshotSeries, _ parsed: ParsedArguments, trendOptions: TrendOptions, settings: EvaluationSettings, style: Style,
        context: RunContext
    ) throws -> ExitCode {
        let review = try WeeklyReview.review(series, options: trendOptions, settings: settings)
        if parsed.value("format") == "json" {
            context.writeOut(JSONReport.review(review))
        } else {
            context.writeOut(TextReport(style: style).review(review))
        }
        return .success
    }

    // MARK: Helpers

    static func parseStage(_ text: String) throws(UsageError) -> Stage {
        guard let stage = Stage(parsing: text) else {
            throw .unknownStage(text, suggestion: Suggestion.nearest(to: text, in: Stage.allCases.map(\.rawValue)))
        }
        return stage
    }

    /// Reads the command's FILE and any further inputs (merged by time, `FIELD=PATH` bound to a field), prints the
    /// warnings, and returns the series.
    static func load(_ parsed: ParsedArguments, command: CommandSpec, context: RunContext) throws -> SnapshotSeries {
        guard !parsed.positionals.isEmpty else { throw UsageError.missingArgument(command: command.name, argument: "FILE") }
        if parsed.positionals.count > 1, !command.arguments.contains(CommandTable.moreInputs) {
            throw UsageError.extraArgument(command: command.name, argument: parsed.positionals[1])
        }
        let given = parsed.value("input-format").flatMap(InputFormat.init(rawValue:))
        var bindings: [InputBinding?] = []
        for argument in parsed.positionals {
            bindings.append(
                InputBinding.looksLikeBinding(argument, exists: context.fileExists) ? try InputBinding.parse(argument) : nil)
        }
        let anyBound = bindings.contains { $0 != nil }
        let options = try mergeOptions(parsed)  // checked even for one FILE, so a typo is never ignored
        var mapping: FieldMapping?
        if let path = parsed.value("map") {
            mapping = try FieldMapping.parse(try context.readInput(path), source: path)
        }
        var inputs: [MergeInput] = []
        for (argument, binding) in zip(parsed.positionals, bindings) {
            let path = binding?.path ?? argument
            let source = path == "-" ? InputFile.standardInputName : path
            let bytes: [UInt8]
            if let progress = context.progress, progress.enabled, let read = context.readInputReportingProgress {
                bytes = try read(path) { count, total in progress.update(ProgressLine.reading(source, bytes: count, of: total)) }
            } else {
                bytes = try context.readInput(path)
            }
            context.progress?.update(ProgressLine.decoding(source, bytes: bytes.count), force: true)
            // --input-format names the bound inputs' format when there are bindings, every input's otherwise.
            let format = !anyBound || binding != nil ? given : nil
            var read = try SnapshotDecoder.read(bytes, source: source, format: format)
            if let mapping, case .metrics(let adapted) = read { read = .metrics(mapping.apply(to: adapted)) }
            inputs.append(MergeInput(read: read, binding: binding))
        }
        let decoded: DecodedInput
        if inputs.count == 1, case .snapshots(let single) = inputs[0].read, inputs[0].binding == nil {
            decoded = single  // one snapshot file: read exactly as before merging existed
        } else {
            decoded = try InputMerger.merge(inputs, options: options)
        }
        let count = decoded.series.snapshots.count
        context.progress?.update("analyzing \(Quantity.format(Double(count), as: .count)) snapshot\(count == 1 ? "" : "s")…", force: true)
        printWarnings(decoded.warnings, parsed, context: context)
        var series = decoded.series
        series.warnings = decoded.warnings.filter { !$0.isVerboseOnly || parsed.has("verbose") }
        return series
    }

    /// Writes an input's warnings and notes to stderr; the verbose-only ones only with `--verbose`.
    private static func printWarnings(_ warnings: [InputWarning], _ parsed: ParsedArguments, context: RunContext) {
        let verbose = parsed.has("verbose")
        for warning in warnings where verbose || !warning.isVerboseOnly {
            context.warn("scalectl: \(warning.isNote ? "note" : "warning"): \(ErrorMessage.warning(warning))\n")
        }
    }

    /// The command's input as columns: one CSV or JSON file is read by a columnar reader straight into them (what
    /// `trend` on an export of millions of rows needs); anything else, or a file that reader hands back, as snapshots.
    static func loadColumns(_ parsed: ParsedArguments, command: CommandSpec, context: RunContext) throws -> SeriesColumns {
        if parsed.positionals.count == 1, let path = parsed.positionals.first, path != "-", parsed.value("map") == nil,
            !InputBinding.looksLikeBinding(path, exists: context.fileExists), context.readsFilesDirectly
        {
            _ = try mergeOptions(parsed)  // checked even for one FILE, so a typo is never ignored
            let format = parsed.value("input-format").flatMap(InputFormat.init(rawValue:)) ?? InputFormat.named(by: path)
            let read: (SeriesColumns, [InputWarning])?
            switch format {
            case .csv: read = try ColumnarCSVReader.read(path: path, source: path)
            case .json: read = try ColumnarJSONReader.read(path: path, source: path)
            default: read = nil
            }
            if let (columns, warnings) = read {
                printWarnings(warnings, parsed, context: context)
                return columns
            }
        }
        return SeriesColumns(try load(parsed, command: command, context: context))
    }

    /// The files a command reads, which a report must not overwrite: FILE, further inputs, a binding's PATH, `--map`.
    static func inputPaths(_ parsed: ParsedArguments, context: RunContext) -> [String] {
        parsed.positionals.map { argument in
            InputBinding.looksLikeBinding(argument, exists: context.fileExists)
                ? ((try? InputBinding.parse(argument))?.path ?? argument) : argument
        } + (parsed.value("map").map { [$0] } ?? [])
    }

    /// `--align` and `--combine`.
    private static func mergeOptions(_ parsed: ParsedArguments) throws -> MergeOptions {
        var options = MergeOptions.standard
        if let text = parsed.value("align") {
            do { options.tolerance = try TimeSpan.parse(text) } catch {
                throw UsageError.unusableValue(option: "align", value: text, reason: error.reason)
            }
        }
        for text in parsed.all("combine") {
            let (field, aggregation) = try Aggregation.parseOverride(text)
            options.combine[field] = aggregation
        }
        return options
    }
}
