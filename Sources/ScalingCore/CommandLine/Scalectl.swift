/// What a run of `scalectl` can see and touch: the environment, the terminal, and how to read inputs.
///
/// The executable passes the real process; tests pass their own to run commands in-process.
public struct RunContext {
    public var environment: [String: String]
    public var stdoutIsTerminal: Bool
    public var writeOut: (String) -> Void
    public var writeError: (String) -> Void
    public var readInput: (String) throws(InputError) -> [UInt8]
    /// Reads a policy or mapping file: JSON, within the JSON limit whatever its name.
    var readSettingsFile: (String) throws(InputError) -> [UInt8]
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
    /// Whether one input on standard input is read by a columnar reader: when inputs are read from the file system,
    /// or when a test that gives them asks for it (the row reader is the reference it compares with).
    var readsColumns: Bool
    /// The limits a columnar reader's input is held to (tests lower them to try a "too large" input quickly).
    var inputLimits = InputLimits.standard
    /// `--quiet`: warnings and notes are not written.
    var isQuiet = false
    /// `--color`: auto, always or never.
    var colorChoice = "auto"
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
        readsColumns = readInput == nil
        if let readInput {
            self.readInput = readInput
            readSettingsFile = readInput
        } else {
            readSettingsFile = { (path: String) throws(InputError) -> [UInt8] in try InputFile.bytes(at: path, limits: .settingsFile) }
            self.readInput = { (path: String) throws(InputError) -> [UInt8] in try InputFile.bytes(at: path) }
            readInputReportingProgress = { (path: String, progress: (Int, Int?) -> Void) throws(InputError) -> [UInt8] in
                try InputFile.bytes(at: path, limits: .standard, progress: progress)
            }
        }
        if let appendOutput { self.appendOutput = appendOutput } else { self.appendOutput = OutputFile.append(_:to:) }
        // Files are written as one set unless a test stands in for the file system.
        makeOutputSet =
            writeOutput == nil && appendOutput == nil ? { OutputSet() } : { OutputSet(writer: writeOutput, appender: appendOutput) }
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

    /// How text output is styled: colored per `--color` and the terminal, and fit to its width.
    var style: Style {
        Style(
            enabled: Style.colorEnabled(choice: colorChoice, isTerminal: stdoutIsTerminal, environment: environment), width: terminalWidth)
    }

    /// Writes a text report on stdout, every line fit to the terminal's width (unchanged through a pipe).
    func writeText(_ text: String) { writeOut(style.fitted(text)) }

    /// Writes a warning or note on stderr, unless `--quiet`.
    func warn(_ line: String) {
        if !isQuiet { writeError(line) }
    }
}

/// The `scalectl` command: turns arguments into calls on the library and results into output and an exit code.
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

    /// Finds the command, parses its arguments against its table row, sets up what every command shares (quiet,
    /// color, progress, `--output`), and hands the rest to the command's own handler: one lookup, no switch on names.
    private static func dispatch(_ arguments: [String], context: RunContext) throws -> ExitCode {
        let tokens = ArgumentParser.split(arguments)
        let leadingOptions = CommandTable.topLevelOptions + CommandTable.sharedOptions
        let commandIndex = ArgumentParser.firstPositional(in: tokens, options: leadingOptions)
        let commandName: String? = commandIndex.flatMap { if case .positional(let name) = tokens[$0] { name } else { nil } }
        guard let commandIndex, let command = commandName.flatMap(CommandTable.command(named:)) else {
            // No known command: what stands before it may only be --help, --version or a shared option.
            let leading = try ArgumentParser.parse(
                Array(tokens[..<(commandIndex ?? tokens.endIndex)]), options: leadingOptions, command: nil)
            if leading.has(CommandTable.versionOption) { context.writeOut("scalectl \(CommandTable.version)\n"); return .success }
            if leading.has(CommandTable.help) { context.writeOut(HelpText.overview(width: context.terminalWidth)); return .success }
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
        if parsed.has(CommandTable.help) { context.writeOut(HelpText.command(command, width: context.terminalWidth)); return .success }
        try checkArguments(&parsed, of: command)
        var context = context
        context.isQuiet = parsed.has(CommandTable.quiet)
        context.colorChoice = parsed.value(CommandTable.color) ?? "auto"
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
        if let output = parsed.value(CommandTable.output) {
            // The report is collected and written whole at the end, so a failed run leaves no partial file.
            final class Report { var text = "" }
            let report = Report()
            var redirected = context
            redirected.writeOut = { report.text += $0 }
            redirected.stdoutIsTerminal = false
            redirected.terminalWidth = nil  // a file keeps whole lines
            let outputs = context.makeOutputSet()
            redirected.pendingOutputs = outputs
            let code = try command.run(parsed, redirected)
            outputs.add(report.text, to: output, inputs: readFiles(of: command, parsed, context: context))
            try outputs.commit()
            return code
        }
        if context.isQuiet && command.quietSilencesReport {
            context.writeOut = { _ in }  // the exit code is the answer
        }
        return try command.run(parsed, context)
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

    /// Every file a command reads, which no report it writes may replace.
    static func readFiles(of command: CommandSpec, _ parsed: ParsedArguments, context: RunContext) -> [String] {
        let policy = (try? PolicyOptions(parsed)).flatMap { policyPath($0, context: context) }.map { [$0] } ?? []
        switch command.reads {
        case .nothing: return []
        case .policy: return policy
        case .inputs: return inputPaths(parsed.positionals, mapping: parsed.value(CommandTable.map), context: context) + policy
        }
    }

    /// Every file a command that judges a series reads: its inputs (a binding's file), `--map` and the policy.
    static func readFiles(of command: CommandSpec, _ options: SeriesJudgementOptions, context: RunContext) -> [String] {
        inputPaths(options.inputs.arguments, mapping: options.inputs.mapping, context: context)
            + (policyPath(options.policy, context: context).map { [$0] } ?? [])
    }

    /// The files the inputs name: FILE and further inputs (a binding's PATH), and `--map`.
    static func inputPaths(_ arguments: [String], mapping: String?, context: RunContext) -> [String] {
        arguments.map { argument in
            InputBinding.looksLikeBinding(argument, exists: context.fileExists)
                ? ((try? InputBinding.parse(argument))?.path ?? argument) : argument
        } + (mapping.map { [$0] } ?? [])
    }

    // MARK: Reading inputs

    static func parseStage(_ text: String) throws(UsageError) -> Stage {
        guard let stage = Stage(parsing: text) else {
            throw .unknownStage(text, suggestion: Suggestion.nearest(to: text, in: Stage.allCases.map(\.rawValue)))
        }
        return stage
    }

    /// Reads FILE and any further inputs (merged by time, `FIELD=PATH` bound to a field), prints the warnings, and
    /// returns the series.
    static func load(_ options: InputOptions, context: RunContext) throws -> SnapshotSeries {
        // Standard input is read once: as columns, or its bytes go to the row reader.
        var standardInput: [UInt8]?
        if let bytes = try readStandardInput(options, context: context) {
            if let (columns, warnings, rows) = try standardInputColumns(
                bytes, options: options, limits: context.inputLimits, withRows: true)
            {
                context.progress?.update(
                    "analyzing \(Quantity.format(Double(columns.rowCount), as: .count)) snapshot\(columns.rowCount == 1 ? "" : "s")…",
                    force: true)
                printWarnings(warnings, verbose: options.verbose, context: context)
                let shown = warnings.filter { !$0.isVerboseOnly || options.verbose }
                return rows.map { SnapshotSeries(jsonColumns: columns, rows: $0, warnings: shown) }
                    ?? SnapshotSeries(csvColumns: columns, warnings: shown)
            }
            standardInput = bytes
        }
        return try load(options, context: context, standardInput: standardInput)
    }

    /// Reads the inputs as snapshots; `standardInput` holds the bytes of `-` when they were read already.
    private static func load(_ options: InputOptions, context: RunContext, standardInput: [UInt8]?) throws -> SnapshotSeries {
        var bindings: [InputBinding?] = []
        for argument in options.arguments {
            bindings.append(
                InputBinding.looksLikeBinding(argument, exists: context.fileExists) ? try InputBinding.parse(argument) : nil)
        }
        let anyBound = bindings.contains { $0 != nil }
        var mapping: FieldMapping?
        if let path = options.mapping {
            let bytes: [UInt8]
            do { bytes = try context.readSettingsFile(path) } catch {
                // Said as the mapping's, not as an input's.
                if let reason = ErrorMessage.settingsFileReason(error) {
                    throw InputError.invalidMapping(place: SourcePlace(file: path), reason: reason)
                }
                throw error
            }
            mapping = try FieldMapping.parse(bytes, source: path)
        }
        var inputs: [MergeInput] = []
        for (argument, binding) in zip(options.arguments, bindings) {
            let path = binding?.path ?? argument
            let source = path == "-" ? InputFile.standardInputName : path
            // --input-format names the bound inputs' format when there are bindings, every input's otherwise.
            let format = !anyBound || binding != nil ? options.format : nil
            if binding == nil, let columnar = readColumns(path, format: format, context: context) {
                inputs.append(MergeInput(read: .snapshots(columnar)))
                continue
            }
            if path == singleFile(options, context: context) { try refuseLargeJSON(path, format: format, context: context) }
            let bytes: [UInt8]
            if path == "-", let standardInput {
                bytes = standardInput
            } else if let progress = context.progress, progress.enabled, let read = context.readInputReportingProgress {
                bytes = try read(path) { count, total in progress.update(ProgressLine.reading(source, bytes: count, of: total)) }
            } else {
                bytes = try context.readInput(path)
            }
            context.progress?.update(ProgressLine.decoding(source, bytes: bytes.count), force: true)
            var read = try SnapshotDecoder.read(bytes, source: source, format: format)
            if let mapping, case .metrics(let adapted) = read { read = .metrics(mapping.apply(to: adapted)) }
            inputs.append(MergeInput(read: read, binding: binding))
        }
        let decoded: DecodedInput
        if inputs.count == 1, case .snapshots(let single) = inputs[0].read, inputs[0].binding == nil {
            decoded = single  // one snapshot file: read exactly as before merging existed
        } else if inputs.contains(where: { if case .snapshots(let read) = $0.read { read.series.isColumnar } else { false } }),
            ColumnMerger.canMerge(inputs)
        {
            decoded = try ColumnMerger.merge(inputs, options: options.merge)  // no snapshot made per row of a large file
        } else {
            decoded = try InputMerger.merge(inputs, options: options.merge)
        }
        let count = decoded.series.count
        context.progress?.update("analyzing \(Quantity.format(Double(count), as: .count)) snapshot\(count == 1 ? "" : "s")…", force: true)
        printWarnings(decoded.warnings, verbose: options.verbose, context: context)
        var series = decoded.series
        series.warnings = decoded.warnings.filter { !$0.isVerboseOnly || options.verbose }
        return series
    }

    /// Writes an input's warnings and notes to stderr; the verbose-only ones only with `--verbose`.
    private static func printWarnings(_ warnings: [InputWarning], verbose: Bool, context: RunContext) {
        for warning in warnings where verbose || !warning.isVerboseOnly {
            context.warn("scalectl: \(warning.isNote ? "note" : "warning"): \(ErrorMessage.warning(warning))\n")
        }
    }

    /// The inputs as columns: one CSV or JSON file is read by a columnar reader straight into them (what `trend` on an
    /// export of millions of rows needs); anything else, or a file that reader hands back, as snapshots.
    static func loadColumns(_ options: InputOptions, context: RunContext) throws -> SeriesColumns {
        if let path = singleFile(options, context: context) {
            let read: (SeriesColumns, [InputWarning])?
            switch options.format ?? InputFormat.named(by: path) {
            // Any failure goes to the row reader, the reference for every message.
            case .csv:
                read = isSnapshotCSV(path, given: options.format) ? (try? ColumnarCSVReader.read(path: path, source: path)) ?? nil : nil
            case .json: read = (try? ColumnarJSONReader.read(path: path, source: path)) ?? nil
            default: read = nil
            }
            if let (columns, warnings) = read {
                printWarnings(warnings, verbose: options.verbose, context: context)
                return columns
            }
        }
        var standardInput: [UInt8]?
        if let bytes = try readStandardInput(options, context: context) {
            if let (columns, warnings, _) = try standardInputColumns(bytes, options: options, limits: context.inputLimits, withRows: false)
            {
                printWarnings(warnings, verbose: options.verbose, context: context)
                return columns
            }
            standardInput = bytes
        }
        return try load(options, context: context, standardInput: standardInput).columns
    }

    /// The bytes of standard input when it is the one input and a columnar reader may read it: up to the CSV limit
    /// whatever its format, as a file is (a run given its inputs, a test, reads them through `readInput`).
    private static func readStandardInput(_ options: InputOptions, context: RunContext) throws -> [UInt8]? {
        guard options.arguments == ["-"], options.mapping == nil, context.readsColumns else { return nil }
        guard context.readsFilesDirectly else { return try context.readInput("-") }
        let progress = context.progress
        let limits = context.inputLimits
        return try InputFile.bytes(
            at: "-",
            limits: InputLimits(
                maximumCSVBytes: limits.maximumCSVBytes, maximumJSONBytes: limits.maximumCSVBytes, maximumLineBytes: limits.maximumLineBytes
            ),
            progress: { count, total in
                if progress?.enabled == true {
                    progress?.update(ProgressLine.reading(InputFile.standardInputName, bytes: count, of: total))
                }
            })
    }

    /// Standard input's bytes as columns (with where each JSON row is, when asked); nil when the row reader reads them.
    /// JSON larger than the row reader's limit is never handed to it: the error the row reader would give is worded
    /// from the stream (see ``ColumnarJSONReader/refusal(bytes:source:limits:)``).
    private static func standardInputColumns(_ bytes: [UInt8], options: InputOptions, limits: InputLimits, withRows: Bool) throws -> (
        SeriesColumns, [InputWarning], JSONRowIndex?
    )? {
        let source = InputFile.standardInputName
        let format = options.format ?? InputFormat.detect(path: "-", bytes: bytes)
        switch format {
        case .csv:
            let head = Array(bytes.prefix(1 << 20))
            guard K6SummaryAdapter.refusal(head, source: source) == nil, !TextEncoding.isUTF16(head),
                options.format == .csv || AdapterTable.format(ofCSV: head) == .csv,
                let (columns, warnings) = (try? ColumnarCSVReader.read(bytes: bytes, source: source, settings: settings(limits))) ?? nil
            else { return nil }
            return (columns, warnings, nil)
        case .json:
            if withRows, let (columns, warnings, rows) = ColumnarJSONReader.readWithRows(bytes: bytes, source: source, limits: limits) {
                return (columns, warnings, rows)
            }
            if !withRows, let (columns, warnings) = (try? ColumnarJSONReader.read(bytes: bytes, source: source, limits: limits)) ?? nil {
                return (columns, warnings, nil)
            }
        default:
            break
        }
        // A monitoring export (detected or named by --input-format) is read whole, within the JSON limit.
        if format.isJSON, bytes.count > limits.maximumJSONBytes {
            throw (format == .json ? ColumnarJSONReader.refusal(bytes: bytes, source: source, limits: limits) : nil)
                ?? InputError.tooLarge(path: source, limit: limits.maximumJSONBytes)
        }
        return nil
    }

    /// The columnar CSV reader's settings, with `limits`.
    private static func settings(_ limits: InputLimits) -> ColumnarCSVReader.Settings {
        var settings = ColumnarCSVReader.Settings.standard
        settings.limits = limits
        return settings
    }

    /// For one JSON file too large for the row reader that the columnar one handed back: the row reader's error,
    /// worded from the stream, rather than "larger than 64 MiB"; above the one limit a stream has, that limit.
    private static func refuseLargeJSON(_ path: String, format: InputFormat?, context: RunContext) throws {
        guard (format ?? InputFormat.named(by: path)) == .json, let size = JSONRowIndex.status(of: path)?.first,
            size > context.inputLimits.maximumJSONBytes
        else { return }
        if size > context.inputLimits.maximumCSVBytes {
            throw InputError.tooLarge(path: path, limit: context.inputLimits.maximumCSVBytes)
        }
        if let refusal = try? ColumnarJSONReader.refusal(path: path, source: path, limits: context.inputLimits) { throw refusal }
    }

    /// A snapshot file read as columns by the columnar reader of its format, when a run reads the file system and
    /// that reader takes the file; nil otherwise (standard input, a monitoring export, anything that reader hands
    /// back), for the row reader, the reference for every message.
    private static func readColumns(_ path: String, format: InputFormat?, context: RunContext) -> DecodedInput? {
        guard path != "-", context.readsFilesDirectly else { return nil }
        switch format ?? InputFormat.named(by: path) {
        case .csv:
            guard isSnapshotCSV(path, given: format),
                let (columns, warnings) = (try? ColumnarCSVReader.read(path: path, source: path)) ?? nil, columns.rowCount > 0
            else { return nil }
            return DecodedInput(series: SnapshotSeries(csvColumns: columns), warnings: warnings)
        case .json:
            // Each row's object is kept by where it starts, for its values' places.
            guard let (columns, warnings, rows) = (try? ColumnarJSONReader.readWithRows(path: path, source: path)) ?? nil,
                columns.rowCount > 0
            else { return nil }
            return DecodedInput(series: SnapshotSeries(jsonColumns: columns, rows: rows), warnings: warnings)
        default: return nil
        }
    }

    /// The path of the one file the inputs name, when a columnar reader may open it itself: not standard input, no
    /// binding, no mapping, and files read from the file system.
    private static func singleFile(_ options: InputOptions, context: RunContext) -> String? {
        guard options.arguments.count == 1, let path = options.arguments.first, path != "-", options.mapping == nil,
            !InputBinding.looksLikeBinding(path, exists: context.fileExists), context.readsFilesDirectly
        else { return nil }
        return path
    }

    /// Whether the CSV file at `path` holds snapshots as the row path would decide: not k6's `--out csv`, not a
    /// Grafana export (unless `--input-format csv` says so), judged on the same first bytes the row path's probes read.
    private static func isSnapshotCSV(_ path: String, given: InputFormat?) -> Bool {
        guard let head = InputFile.head(of: path, count: 1 << 20) else { return false }
        if K6SummaryAdapter.refusal(head, source: path) != nil { return false }
        return !TextEncoding.isUTF16(head) && (given == .csv || AdapterTable.format(ofCSV: head) == .csv)
    }
}
