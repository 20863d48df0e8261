/// The CI gate's commands: `check`, `diff` and `policy`, and how they find the policy in force.
extension Scalectl {
    /// The policy file the run uses: `--policy`, else `SCALECTL_POLICY`, else `.scalectl.json` when it exists;
    /// none with `--no-policy`.
    static func policyFile(_ parsed: ParsedArguments, context: RunContext) throws -> PolicyFile? {
        if parsed.has("no-policy"), let given = parsed.value("policy") {
            throw UsageError.unusableValue(option: "policy", value: given, reason: "--no-policy says to use none")
        }
        guard let path = policyPath(parsed, context: context) else { return nil }
        let bytes: [UInt8]
        do { bytes = try context.readInput(path) } catch {
            if case .unreadable(_, let reason) = error { throw PolicyError.unreadable(path: path, reason: reason) }
            throw error
        }
        return try PolicyFile.parse(bytes, path: path)
    }

    /// The policy file a run reads, if any: `--policy`, else a non-empty `SCALECTL_POLICY`, else `.scalectl.json` when
    /// it exists; nil with `--no-policy`.
    static func policyPath(_ parsed: ParsedArguments, context: RunContext) -> String? {
        if parsed.has("no-policy") { return nil }
        if let given = parsed.value("policy") { return given }
        if let variable = context.environment["SCALECTL_POLICY"], !variable.isEmpty { return variable }
        return context.fileExists(PolicyFile.defaultPath) ? PolicyFile.defaultPath : nil
    }

    /// Every file the run reads, which no report may be written over: the inputs (a binding's file too), the mapping
    /// file and the policy.
    static func readFiles(_ parsed: ParsedArguments, context: RunContext) -> [String] {
        inputPaths(parsed, context: context) + (policyPath(parsed, context: context).map { [$0] } ?? [])
    }

    /// The policy's overrides given on the command line.
    static func policyFlags(_ parsed: ParsedArguments) -> PolicyFlags {
        PolicyFlags(
            failOn: parsed.value("fail-on"), requireAll: parsed.has("require-all"), limits: parsed.all("limit"),
            failOnRegression: parsed.value("fail-on-regression"), stageRule: parsed.value("stage-rule"),
            maxAge: parsed.value("max-age"))
    }

    /// The stage rule and maximum age in force: `--stage-rule`/`--max-age`, the environment, the policy file.
    static func evaluationSetup(_ parsed: ParsedArguments, context: RunContext) throws -> EvaluationSetup {
        try PolicyResolver.evaluation(
            file: try policyFile(parsed, context: context), environment: context.environment, flags: policyFlags(parsed))
    }

    /// The policy in force for a series (its stage, under the stage rule in force, decides the preset and the stage
    /// sections).
    static func effectivePolicy(for series: SnapshotSeries?, stage given: Stage? = nil, _ parsed: ParsedArguments, context: RunContext)
        throws -> EffectivePolicy
    {
        let file = try policyFile(parsed, context: context)
        let flags = policyFlags(parsed)
        let settings = try PolicyResolver.evaluation(file: file, environment: context.environment, flags: flags).settings
        let stage =
            given
            ?? series.flatMap {
                try? StageClassifier.assess(CurrentValues($0, maxAge: settings.maxAge).snapshot, rule: settings.stageRule).stage
            }
        return try PolicyResolver.resolve(stage: stage, file: file, environment: context.environment, flags: flags)
    }

    static func check(
        _ series: SnapshotSeries, _ parsed: ParsedArguments, whatIf: WhatIfComparison?, style: Style, context: RunContext
    ) throws -> ExitCode {
        // Every report is checked before anything is computed or written: a typo must not cost a half-written set.
        let reports = try parsed.all("report").map { pair throws(UsageError) -> (format: String, path: String) in
            guard let equals = pair.firstIndex(of: "="), !pair[pair.index(after: equals)...].isEmpty else {
                throw .unusableValue(option: "report", value: pair, reason: "expected FORMAT=PATH, such as junit=scalectl.xml")
            }
            let format = pair[..<equals].lowercased()
            guard CommandTable.checkFormats.contains(format) else {
                let hint = Suggestion.nearest(to: format, in: CommandTable.checkFormats).map { " (did you mean \($0)?)" } ?? ""
                throw .unusableValue(
                    option: "report", value: pair,
                    reason: "unknown format \"\(format)\"\(hint); formats: " + CommandTable.checkFormats.joined(separator: ", "))
            }
            return (format, String(pair[pair.index(after: equals)...]))
        }
        // Two reports (or a report and --output) on one path would leave only the last; a missing folder would stop
        // the run halfway: both are refused before anything is written.
        var paths = parsed.value("output").map { [$0] } ?? []
        for report in reports {
            let spec = "\(report.format)=\(report.path)"
            if paths.contains(report.path) {
                throw UsageError.unusableValue(
                    option: "report", value: spec, reason: "\(report.path) is named twice; give each report its own file")
            }
            paths.append(report.path)
            let folder = report.path.lastIndex(of: "/").map { String(report.path[..<$0]) } ?? "."
            if !folder.isEmpty, !context.fileExists(folder) {
                throw UsageError.unusableValue(
                    option: "report", value: spec, reason: "the folder \(folder) does not exist (nothing was written)")
            }
        }
        let policy = try effectivePolicy(for: series, parsed, context: context)
        let result = GateResult(
            series: series, verdicts: ThresholdEvaluator.evaluate(series, rules: policy.rules, maxAge: policy.evaluation.maxAge?.value),
            failOn: policy.failOn.value, requireAll: policy.requireAll.value)
        // A gate that checked nothing must not pass: exit 2 before any report is written.
        if let error = result.nothingCheckedError { throw error }
        func render(_ format: String, style: Style) -> String {
            switch format {
            case "text":
                let report = TextReport(style: style)
                return (whatIf.map { report.whatIfSection($0) + "\n\n" } ?? "")
                    + report.check(result, policy: policy, explain: parsed.has("explain"))
            case "csv": return CSVReport.check(result.verdicts)
            case "json": return JSONReport.check(result, whatIf: whatIf)
            default: return CIReport.render(result, as: CIReport.Format(parsing: format)!)
            }
        }
        let format = parsed.value("format") ?? "text"
        // Report files and the job summary first: if one cannot be written, the run stops before printing a verdict
        // it did not deliver.
        let inputs = readFiles(parsed, context: context)
        let outputs = context.pendingOutputs ?? context.makeOutputSet()
        for report in reports { outputs.add(render(report.format, style: Style(enabled: false)), to: report.path, inputs: inputs) }
        if format == "github" || reports.contains(where: { $0.format == "github" }),
            let summary = context.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty
        {
            outputs.append(CIReport.githubSummary(result), to: summary, inputs: inputs)
        }
        if context.pendingOutputs == nil { try outputs.commit() }
        context.writeOut(render(format, style: style))
        return result.failed ? .checkFailed : .success
    }

    static func diff(_ parsed: ParsedArguments, style: Style, context: RunContext) throws -> ExitCode {
        guard parsed.positionals.count >= 2 else {
            throw UsageError.missingArgument(command: "diff", argument: parsed.positionals.isEmpty ? "BASE and NEW" : "NEW")
        }
        if parsed.positionals.count > 2 { throw UsageError.extraArgument(command: "diff", argument: parsed.positionals[2]) }
        let base = try decode(parsed.positionals[0], parsed, context: context)
        let new = try decode(parsed.positionals[1], parsed, context: context)
        let policy = try effectivePolicy(for: new, parsed, context: context)
        let diff = SnapshotDiff.compare(base: base, new: new, policy: policy)
        if !diff.changes.contains(where: { $0.before != nil && $0.after != nil }) {
            throw GateError.nothingCompared(base: base.source, new: new.source)
        }
        switch parsed.value("format") ?? "text" {
        case "json": context.writeOut(JSONReport.diff(diff))
        case "markdown": context.writeOut(MarkdownReport.diff(diff))
        default: context.writeOut(TextReport(style: style).diff(diff))
        }
        return diff.regressions.isEmpty ? .success : .checkFailed
    }

    static func policyCommand(_ parsed: ParsedArguments, style: Style, context: RunContext) throws -> ExitCode {
        // ACTION is checked against its allowed values (show, init) with the other arguments, before the command runs.
        guard let action = parsed.positionals.first else { throw UsageError.missingArgument(command: "policy", argument: "show or init") }
        let stage = try parsed.value("stage").map(parseStage)
        if action == "init" {
            if parsed.positionals.count > 2 { throw UsageError.extraArgument(command: "policy", argument: parsed.positionals[2]) }
            let path = parsed.positionals.count > 1 ? parsed.positionals[1] : PolicyFile.defaultPath
            let text = PolicyFile.starter(stage: stage)
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
            return .success
        }
        if parsed.positionals.count > 1 { throw UsageError.extraArgument(command: "policy", argument: parsed.positionals[1]) }
        let policy = try effectivePolicy(for: nil, stage: stage, parsed, context: context)
        if parsed.value("format") == "json" {
            context.writeOut(JSONReport.policy(policy))
        } else {
            context.writeOut(TextReport(style: style).policy(policy))
        }
        return .success
    }

    /// Reads and decodes one input, printing its warnings.
    static func decode(_ path: String, _ parsed: ParsedArguments, context: RunContext) throws -> SnapshotSeries {
        var single = parsed
        single.positionals = [path]
        return try load(single, command: CommandTable.command(named: "diff")!, context: context)
    }
}
