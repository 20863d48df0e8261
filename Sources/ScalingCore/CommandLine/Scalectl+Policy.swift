/// How a run finds the policy in force, and the stage rule and maximum age it sets.
extension Scalectl {
    /// The policy file the run uses: `--policy`, else `SCALECTL_POLICY`, else `.scalectl.json` when it exists;
    /// none with `--no-policy`.
    static func policyFile(_ options: PolicyOptions, context: RunContext) throws -> PolicyFile? {
        guard let path = policyPath(options, context: context) else { return nil }
        let bytes: [UInt8]
        do { bytes = try context.readSettingsFile(path) } catch {
            if case .unreadable(_, let reason) = error { throw PolicyError.unreadable(path: path, reason: reason) }
            if let reason = ErrorMessage.settingsFileReason(error) { throw PolicyError.unreadable(path: path, reason: reason) }
            throw error
        }
        return try PolicyFile.parse(bytes, path: path)
    }

    /// The overrides given on the command line, with the `--prices` file read.
    static func flags(_ options: PolicyOptions, context: RunContext) throws -> PolicyFlags {
        var flags = options.flags
        if let path = options.pricesPath {
            let bytes: [UInt8]
            do { bytes = try context.readInput(path) } catch {
                if case .unreadable(_, let reason) = error { throw PricesError.unreadable(path: path, reason: reason) }
                throw error
            }
            flags.prices = try PriceOverrides.parse(bytes, path: path)
        }
        return flags
    }

    /// The policy file a run reads, if any: `--policy`, else a non-empty `SCALECTL_POLICY`, else `.scalectl.json` when
    /// it exists; nil with `--no-policy`.
    static func policyPath(_ options: PolicyOptions, context: RunContext) -> String? {
        if options.none { return nil }
        if let given = options.path { return given }
        if let variable = context.environment["SCALECTL_POLICY"], !variable.isEmpty { return variable }
        return context.fileExists(PolicyFile.defaultPath) ? PolicyFile.defaultPath : nil
    }

    /// The stage rule and maximum age in force: `--stage-rule`/`--max-age`, the environment, the policy file.
    static func evaluationSetup(_ options: PolicyOptions, context: RunContext) throws -> EvaluationSetup {
        try PolicyResolver.evaluation(
            file: try policyFile(options, context: context), environment: context.environment, flags: try flags(options, context: context))
    }

    /// The policy in force for a series (its stage, under the stage rule in force, decides the preset and the stage
    /// sections), or for a stage given.
    static func effectivePolicy(for series: SnapshotSeries?, stage given: Stage? = nil, _ options: PolicyOptions, context: RunContext)
        throws -> EffectivePolicy
    {
        let file = try policyFile(options, context: context)
        let settings = try PolicyResolver.evaluation(
            file: file, environment: context.environment, flags: try flags(options, context: context)
        ).settings
        let stage =
            given
            ?? series.flatMap {
                try? StageClassifier.assess(CurrentValues($0, maxAge: settings.maxAge).snapshot, rule: settings.stageRule).stage
            }
        return try PolicyResolver.resolve(
            stage: stage, file: file, environment: context.environment, flags: try flags(options, context: context))
    }

    /// The series with a what-if made on its latest known values, and the comparison with the real ones; `rules` are
    /// the ones the command judges breaches by.
    static func applying(_ whatIf: WhatIf?, to series: SnapshotSeries, rules: [GateRule], settings: EvaluationSettings)
        throws -> (SnapshotSeries, WhatIfComparison?)
    {
        guard let whatIf else { return (series, nil) }
        let real = CurrentValues(series, maxAge: settings.maxAge).snapshot
        let changed = try whatIf.apply(to: real)
        let comparison = WhatIfComparison.compare(
            real: real, changed: changed, whatIf: whatIf, rules: rules, stageRule: settings.stageRule, prices: settings.prices)
        return (series.applying(whatIf, changed: changed), comparison)
    }
}
