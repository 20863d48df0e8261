/// `scalectl check`: every threshold on the latest known values, for a person or a CI system; exit 1 on a breach.
enum CheckCommand: ScalectlCommand {
    static let report = OptionSpec(
        "report", value: "FORMAT=PATH", repeatable: true,
        help: "Also write a report file, atomically; repeatable: --report junit=scalectl.xml --report sarif=scalectl.sarif.")
    static let explain = CommandTable.explain("Show where each threshold's limit, severity and other settings come from.")

    static let spec = CommandSpec(
        name: "check",
        summary: "Check every threshold; exit 1 when one is breached at or above --fail-on.",
        arguments: [CommandTable.fileArgument, CommandTable.moreInputs],
        options: CommandTable.gateOptions + [
            CommandTable.format(
                CheckFormat.self,
                help: "Output format on stdout: text, json, csv (formula cells neutralized), markdown, junit, sarif (2.1.0) or "
                    + "github (workflow commands; the job summary goes to $GITHUB_STEP_SUMMARY when set)."),
            report, explain, CommandTable.whatIf,
        ] + CommandTable.judgementOptions + CommandTable.policyOptions + CommandTable.inputOptions + [CommandTable.output],
        examples: [
            "scalectl check metrics.json", "scalectl check metrics.json --fail-on critical --format json",
            "scalectl check metrics.json --format csv -o thresholds.csv",
            "scalectl check metrics.json --format github --report junit=scalectl.xml --report sarif=scalectl.sarif",
        ],
        discussion:
            "Thresholds come from the guide, then the stage's preset, the policy file, the environment and the flags, in "
            + "that order. A threshold whose metric is absent is unknown: it fails only when required. On a series, a "
            + "threshold with \"for\" is pending until its breach has held that long. When no threshold could be "
            + "evaluated, check exits 2: a gate that checked nothing does not pass.",
        quietSilencesReport: true,
        run: { try handle($0, $1) })

    /// A `--report FORMAT=PATH`.
    struct ReportFile {
        var format: CheckFormat
        var path: String
    }

    struct Options {
        var series: SeriesJudgementOptions
        var format: CheckFormat
        var reports: [ReportFile]
        var explain: Bool
    }

    static func options(_ arguments: ParsedArguments) throws -> Options {
        // Every report is checked before anything is computed or written: a typo must not cost a half-written set.
        let names = CheckFormat.allCases.map(\.rawValue)
        let reports = try arguments.all(report).map { pair throws(UsageError) -> ReportFile in
            guard let equals = pair.firstIndex(of: "="), !pair[pair.index(after: equals)...].isEmpty else {
                throw .unusableValue(option: "report", value: pair, reason: "expected FORMAT=PATH, such as junit=scalectl.xml")
            }
            let name = pair[..<equals].lowercased()
            guard let format = CheckFormat(rawValue: name) else {
                let hint = Suggestion.nearest(to: name, in: names).map { " (did you mean \($0)?)" } ?? ""
                throw .unusableValue(
                    option: "report", value: pair, reason: "unknown format \"\(name)\"\(hint); formats: " + names.joined(separator: ", "))
            }
            return ReportFile(format: format, path: String(pair[pair.index(after: equals)...]))
        }
        // Two reports (or a report and --output) on one path would leave only the last: refused before anything is written.
        var paths = arguments.value(CommandTable.output).map { [$0] } ?? []
        for file in reports {
            if paths.contains(file.path) {
                throw UsageError.unusableValue(
                    option: "report", value: "\(file.format.rawValue)=\(file.path)",
                    reason: "\(file.path) is named twice; give each report its own file")
            }
            paths.append(file.path)
        }
        return Options(
            series: try SeriesJudgementOptions(arguments, command: spec.name), format: arguments.format(CheckFormat.self),
            reports: reports, explain: arguments.has(explain))
    }

    static func run(_ options: Options, context: RunContext) throws -> ExitCode {
        let judged = try JudgedSeries(options.series, policyRules: true, context: context)
        let policy = try Scalectl.effectivePolicy(for: judged.series, options.series.policy, context: context)
        let result = GateResult(
            series: judged.series,
            verdicts: ThresholdEvaluator.evaluate(judged.series, rules: policy.rules, maxAge: policy.evaluation.maxAge?.value),
            failOn: policy.failOn.value, requireAll: policy.requireAll.value, notApplicable: policy.notApplicable)
        // A gate that checked nothing must not pass: exit 2 before any report is written.
        if let error = result.nothingCheckedError { throw error }
        func render(_ format: CheckFormat, style: Style) -> String {
            format.render(result, policy: policy, explain: options.explain, whatIf: judged.whatIf, style: style)
        }
        // Report files and the job summary first: if one cannot be written, the run stops before printing a verdict
        // it did not deliver.
        // One set: -o (when given), every --report and the job summary are checked together and written whole or not
        // at all.
        let inputs = Scalectl.readFiles(of: spec, options.series, context: context)
        let outputs = context.pendingOutputs ?? context.makeOutputSet()
        for file in options.reports { outputs.add(render(file.format, style: Style(enabled: false)), to: file.path, inputs: inputs) }
        if options.format == .github || options.reports.contains(where: { $0.format == .github }),
            let summary = context.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty
        {
            outputs.append(CIReport.githubSummary(result), to: summary, inputs: inputs)
        }
        if context.pendingOutputs == nil { try outputs.commit() }
        let report = render(options.format, style: context.style)
        context.writeOut(options.format == .text ? context.style.fitted(report) : report)
        return result.failed ? .checkFailed : .success
    }
}
