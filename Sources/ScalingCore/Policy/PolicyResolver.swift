/// Overrides given outside a policy file: command-line options (the environment is read from the run's context).
public struct PolicyFlags: Sendable, Equatable {
    public var failOn: String? = nil
    public var requireAll = false
    /// `ID=VALUE` pairs from `--limit`.
    public var limits: [String] = []
    public var failOnRegression: String? = nil
    /// `--stage-rule`.
    public var stageRule: String? = nil
    /// `--max-age`.
    public var maxAge: String? = nil
    /// The prices of a `--prices` file, read by the command line.
    public var prices = PriceOverrides()

    public init(
        failOn: String? = nil, requireAll: Bool = false, limits: [String] = [], failOnRegression: String? = nil,
        stageRule: String? = nil, maxAge: String? = nil
    ) {
        self.failOn = failOn
        self.requireAll = requireAll
        self.limits = limits
        self.failOnRegression = failOnRegression
        self.stageRule = stageRule
        self.maxAge = maxAge
    }
}

/// The thresholds and gate settings in force, each with where it comes from.
public struct EffectivePolicy: Sendable, Equatable {
    public struct Setting<Value: Sendable & Equatable>: Sendable, Equatable {
        public var value: Value
        public var origin: Provenance
    }

    /// The stage presets and stage sections were applied for (nil: not known).
    public let stage: Stage?
    /// The policy file read, if any.
    public let policyPath: String?
    /// The rules that are checked, guide's first, then presets, then the policy's own.
    public var rules: [GateRule]
    /// Rules a policy (or preset) turned off, and who did.
    public var disabled: [DisabledRule]
    public var failOn: Setting<Severity>
    public var requireAll: Setting<Bool>
    /// The regression `diff` tolerates for any metric (nil: `diff` reports but does not fail); points judge rates alone.
    public var failOnRegression: Setting<RegressionAllowance>?
    /// Per-metric regression allowances.
    public var regression: [SnapshotField: Setting<RegressionAllowance>]
    /// How the stage is decided, and how old a latest known value may be.
    public var evaluation: EvaluationSetup

    public struct DisabledRule: Sendable, Equatable {
        public let rule: GateRule
        public let by: Provenance
    }

    /// A rule that does not apply at the stage, and why (a plan's allowance before the stage adopts the plan).
    public struct NotApplicableRule: Sendable, Equatable {
        public let rule: GateRule
        public let reason: String
    }

    /// Rules that do not apply at the stage: never a breach or an unknown, reported with the reason.
    public var notApplicable: [NotApplicableRule] = []

    /// The regression allowed for a field: its own, or the general one.
    public func allowedRegression(for field: SnapshotField) -> Setting<RegressionAllowance>? {
        regression[field] ?? failOnRegression.flatMap { $0.value.applies(to: field) ? $0 : nil }
    }
}

/// The stage rule and the maximum age in force, each with where it comes from: `--stage-rule`, `SCALECTL_STAGE_RULE`
/// or the policy's `stage_rule`; `--max-age`, `SCALECTL_MAX_AGE` or `max_age`.
public struct EvaluationSetup: Sendable, Equatable {
    public var stageRule: EffectivePolicy.Setting<StageRule>
    public var maxAge: EffectivePolicy.Setting<Double>?
    /// Prices given in place of the guide's: the policy's `prices`, then a `--prices` file over them; each entry says
    /// where it comes from.
    public var prices = PriceOverrides()

    /// The settings as values.
    public var settings: EvaluationSettings {
        EvaluationSettings(stageRule: stageRule.value, maxAge: maxAge?.value, prices: prices)
    }

    public static let standard = EvaluationSetup(stageRule: .init(value: .standard, origin: .builtIn), maxAge: nil)
}

/// Builds the effective policy: guide defaults → stage preset → policy file → environment → command-line flags.
public enum PolicyResolver {
    /// The environment variables read, for help and the README.
    public static let environmentVariables: [(name: String, meaning: String)] = [
        ("SCALECTL_POLICY", "a policy file to use when --policy is not given"),
        ("SCALECTL_FAIL_ON", "warning or critical, as --fail-on"),
        ("SCALECTL_REQUIRE_ALL", "1/true or 0/false, as --require-all"),
        ("SCALECTL_FAIL_ON_REGRESSION", "a percentage (10%) or points (0.5pp), as diff's --fail-on-regression"),
        ("SCALECTL_STAGE_RULE", "decision-tree or highest-signal, as --stage-rule"),
        ("SCALECTL_MAX_AGE", "a length of time such as 14d, as --max-age"),
        ("SCALECTL_LIMIT_<ID>", "a threshold's limit, as --limit ID=VALUE (SCALECTL_LIMIT_RESPONSE_TIME=400ms)"),
    ]

    /// The stage rule and maximum age: the policy file, then the environment, then the flags. Resolved before the
    /// stage is known, since the stage depends on them (and the rest of the policy on the stage).
    public static func evaluation(file: PolicyFile?, environment: [String: String] = [:], flags: PolicyFlags = PolicyFlags())
        throws(PolicyError) -> EvaluationSetup
    {
        var setup = EvaluationSetup.standard
        if let file {
            if let rule = file.stageRule { setup.stageRule = .init(value: rule.value, origin: .policyFile(path: file.path, line: rule.line)) }
            if let age = file.maxAge { setup.maxAge = .init(value: age.value, origin: .policyFile(path: file.path, line: age.line)) }
            setup.prices = file.prices
        }
        func stageRule(_ text: String, source: String) throws(PolicyError) -> StageRule {
            guard let rule = StageRule(parsing: text) else {
                throw .override(
                    source: source, value: text, reason: "expected " + StageRule.allCases.map(\.rawValue).joined(separator: " or "))
            }
            return rule
        }
        func span(_ text: String, source: String) throws(PolicyError) -> Double {
            do { return try TimeSpan.parse(text) } catch { throw .override(source: source, value: text, reason: error.reason) }
        }
        if let text = environment["SCALECTL_STAGE_RULE"], !text.isEmpty {
            setup.stageRule = .init(
                value: try stageRule(text, source: "environment SCALECTL_STAGE_RULE"), origin: .environment("SCALECTL_STAGE_RULE"))
        }
        if let text = environment["SCALECTL_MAX_AGE"], !text.isEmpty {
            setup.maxAge = .init(value: try span(text, source: "environment SCALECTL_MAX_AGE"), origin: .environment("SCALECTL_MAX_AGE"))
        }
        if let text = flags.stageRule {
            setup.stageRule = .init(value: try stageRule(text, source: "--stage-rule"), origin: .flag("--stage-rule"))
        }
        if let text = flags.maxAge { setup.maxAge = .init(value: try span(text, source: "--max-age"), origin: .flag("--max-age")) }
        setup.prices = setup.prices.overridden(by: flags.prices)
        return setup
    }

    public static func resolve(
        stage: Stage?, file: PolicyFile?, environment: [String: String] = [:], flags: PolicyFlags = PolicyFlags()
    ) throws(PolicyError) -> EffectivePolicy {
        var rules = ThresholdEvaluator.guideRules + (stage.map(GuideCatalog.presetRules(for:)) ?? [])
        // A plan's allowance is no limit before the stage whose stack has the plan: set aside, with the reason.
        var notApplicable: [EffectivePolicy.NotApplicableRule] = []
        if let stage {
            for rule in rules {
                if let reason = rule.notApplicable(at: stage) { notApplicable.append(.init(rule: rule, reason: reason)) }
            }
            rules.removeAll { rule in notApplicable.contains { $0.rule.id == rule.id } }
        }
        var disabled: [EffectivePolicy.DisabledRule] = []
        var policy = EffectivePolicy(
            stage: stage, policyPath: file?.path, rules: [], disabled: [],
            failOn: .init(value: .warning, origin: .builtIn), requireAll: .init(value: false, origin: .builtIn),
            failOnRegression: nil, regression: [:],
            evaluation: try evaluation(file: file, environment: environment, flags: flags))

        if let file {
            let origin = { (line: Int) in Provenance.policyFile(path: file.path, line: line) }
            if let failOn = file.failOn { policy.failOn = .init(value: failOn.value, origin: origin(failOn.line)) }
            if let requireAll = file.requireAll { policy.requireAll = .init(value: requireAll.value, origin: origin(requireAll.line)) }
            if let share = file.failOnRegression { policy.failOnRegression = .init(value: share.value, origin: origin(share.line)) }
            for (field, share) in file.regression { policy.regression[field] = .init(value: share.value, origin: origin(share.line)) }
            for entry in file.thresholds {
                // A rule keeps its place in the table; a new one goes at the end.
                let existing = rules.firstIndex { $0.id == entry.id }
                var rule: GateRule
                if let existing {
                    rule = rules[existing]
                } else if GuideCatalog.presetRulesByID[entry.id] != nil || notApplicable.contains(where: { $0.rule.id == entry.id }) {
                    continue  // a preset of another stage, or a plan's limit before its stage: not in force at this one
                } else {
                    rule = try newRule(entry, file: file)
                }
                var off: Provenance?
                off = apply(entry.overrides, to: &rule, origin: origin) ?? off
                for section in entry.stages where stage.map({ section.stage <= $0 }) ?? false {
                    if let by = apply(section.overrides, to: &rule, origin: origin) { off = by }
                    if section.overrides.disabled?.value == false { off = nil }
                }
                try validate(rule, entry: entry, file: file)
                switch (existing, off) {
                case (let index?, let by?): rules.remove(at: index); disabled.append(.init(rule: rule, by: by))
                case (let index?, nil): rules[index] = rule
                case (nil, let by?): disabled.append(.init(rule: rule, by: by))
                case (nil, nil): rules.append(rule)
                }
            }
        }

        // The environment, then flags: each may set fail-on, require-all, regression and limits.
        let environmentLimits = environment.keys.sorted().filter { $0.hasPrefix("SCALECTL_LIMIT_") }.map { key in
            (String(key.dropFirst("SCALECTL_LIMIT_".count)), environment[key]!, Provenance.environment(key))
        }
        if let text = environment["SCALECTL_FAIL_ON"] {
            policy.failOn = .init(
                value: try severity(text, source: "environment SCALECTL_FAIL_ON"), origin: .environment("SCALECTL_FAIL_ON"))
        }
        if let text = environment["SCALECTL_REQUIRE_ALL"] {
            policy.requireAll = .init(
                value: try flag(text, source: "environment SCALECTL_REQUIRE_ALL"), origin: .environment("SCALECTL_REQUIRE_ALL"))
        }
        if let text = environment["SCALECTL_FAIL_ON_REGRESSION"] {
            policy.failOnRegression = .init(
                value: try share(text, source: "environment SCALECTL_FAIL_ON_REGRESSION"),
                origin: .environment("SCALECTL_FAIL_ON_REGRESSION"))
        }
        for (name, value, origin) in environmentLimits {
            try setLimit(
                id: name, value: value, origin: origin, source: "environment SCALECTL_LIMIT_\(name)", rules: &rules, disabled: disabled, notApplicable: notApplicable,
                byEnvironmentName: true)
        }
        if let text = flags.failOn { policy.failOn = .init(value: try severity(text, source: "--fail-on"), origin: .flag("--fail-on")) }
        if flags.requireAll { policy.requireAll = .init(value: true, origin: .flag("--require-all")) }
        if let text = flags.failOnRegression {
            policy.failOnRegression = .init(value: try share(text, source: "--fail-on-regression"), origin: .flag("--fail-on-regression"))
        }
        for pair in flags.limits {
            guard let equals = pair.firstIndex(of: "=") else {
                throw .override(source: "--limit", value: pair, reason: "expected ID=VALUE, such as response-time=400ms")
            }
            try setLimit(
                id: String(pair[..<equals]), value: String(pair[pair.index(after: equals)...]), origin: .flag("--limit"),
                source: "--limit", rules: &rules, disabled: disabled, notApplicable: notApplicable, byEnvironmentName: false)
        }
        policy.rules = rules
        policy.disabled = disabled
        policy.notApplicable = notApplicable
        return policy
    }

    /// A policy threshold that is not the guide's: its metric, side, levels and action.
    static func newRule(_ entry: PolicyThreshold, file: PolicyFile) throws(PolicyError) -> GateRule {
        guard let metric = entry.metric?.value else {
            throw .invalid(
                place: SourcePlace(file: file.path, line: entry.line), path: "\(entry.path).metric",
                reason: "a new threshold needs \"metric\"")
        }
        var comparison = entry.comparison?.value
        if comparison == nil, let field = metric.field {
            // A ratchet without a comparison: worse is the metric's own bad direction.
            comparison = TrendCatalog.metric(for: field)?.sense.worseSide
        }
        guard let comparison else {
            throw .invalid(
                place: SourcePlace(file: file.path, line: entry.line), path: "\(entry.path).comparison",
                reason: "say which side is worse for \(metric): \"comparison\": \">\" (higher is worse) or \"<\"")
        }
        let origin = Provenance.policyFile(path: file.path, line: entry.line)
        return GateRule(
            id: entry.id, metric: metric, comparison: comparison, levels: [],
            action: entry.action?.value ?? "Review \(metric) (a threshold of the policy)", guideText: [],
            source: "policy \(file.path)", provenance: [.definition: origin])
    }

    /// Refuses settings that would make a rule silently useless: levels whose order contradicts their severity, and
    /// `for` on a ratchet (a ratchet judges the latest value against the best; there is no run to hold).
    static func validate(_ rule: GateRule, entry: PolicyThreshold, file: PolicyFile) throws(PolicyError) {
        if let problem = problem(with: rule) {
            throw .invalid(place: SourcePlace(file: file.path, line: entry.line), path: entry.path, reason: problem)
        }
    }

    /// What makes a rule silently useless, whichever path set it (a policy file, the environment or a flag): levels
    /// whose order contradicts their severity, and `for` on a ratchet.
    static func problem(with rule: GateRule) -> String? {
        if rule.sustain != nil && rule.ratchet != nil {
            return "\"for\" and \"ratchet\" cannot be combined: a ratchet judges the latest value against the best one"
        }
        let fixed = rule.levels.compactMap { level -> (Severity, Double)? in
            if case .fixed(let number) = level.limit { return (level.severity, number) }
            return nil
        }
        for (more, less) in zip(fixed, fixed.dropFirst()) where more.0 > less.0 {
            let inverted = rule.comparison.higherIsWorse ? more.1 < less.1 : more.1 > less.1
            if inverted {
                return "the \(more.0.rawValue) limit \(Quantity.formatPlain(more.1)) is \(rule.comparison.higherIsWorse ? "below" : "above") the "
                    + "\(less.0.rawValue) limit \(Quantity.formatPlain(less.1)), so the \(less.0.rawValue) level could never fire"
            }
        }
        return nil
    }

    /// Applies overrides to a rule; returns who disabled it, if they did.
    static func apply(_ overrides: RuleOverrides, to rule: inout GateRule, origin: (Int) -> Provenance) -> Provenance? {
        if let levels = overrides.levels {
            rule.levels = levels.value
            rule.provenance[.limit] = origin(levels.line)
            rule.provenance[.severity] = origin(levels.line)
        }
        if overrides.limit != nil || overrides.severity != nil {
            let current = rule.levels.last  // the least severe
            let severity = overrides.severity?.value ?? current?.severity ?? .warning
            let limit = overrides.limit?.value ?? current?.limit
            if let limit {
                let kept = rule.levels.dropLast().filter { $0.severity > severity }
                rule.levels = kept + [Threshold.Level(severity: severity, limit: limit)]
            }
            if let line = overrides.limit?.line { rule.provenance[.limit] = origin(line) }
            if let line = overrides.severity?.line { rule.provenance[.severity] = origin(line) }
        }
        if let severity = overrides.severity, rule.ratchet != nil {
            // A ratchet fails at the rule's severity, wherever that severity was set.
            rule.ratchet?.severity = severity.value
        }
        if let sustain = overrides.sustain {
            rule.sustain = sustain.value
            rule.provenance[.sustain] = origin(sustain.line)
        }
        if let tolerance = overrides.ratchet {
            rule.ratchet = Ratchet(
                tolerance: tolerance.value, severity: rule.levels.last?.severity ?? overrides.severity?.value ?? .warning)
            rule.provenance[.ratchet] = origin(tolerance.line)
        }
        if let require = overrides.require {
            rule.require = require.value
            rule.provenance[.require] = origin(require.line)
        }
        if let disabled = overrides.disabled, disabled.value { return origin(disabled.line) }
        return nil
    }

    static func setLimit(
        id: String, value: String, origin: Provenance, source: String, rules: inout [GateRule],
        disabled: [EffectivePolicy.DisabledRule] = [], notApplicable: [EffectivePolicy.NotApplicableRule] = [], byEnvironmentName: Bool
    ) throws(PolicyError) {
        func environmentName(_ id: String) -> String {
            String(id.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        }
        let matches = rules.indices.filter { byEnvironmentName ? environmentName(rules[$0].id) == id : rules[$0].id == id }
        if matches.count > 1 {
            throw .override(
                source: source, value: value,
                reason: "names \(matches.map { "\"\(rules[$0].id)\"" }.joined(separator: " and ")); use --limit ID=VALUE with the exact id")
        }
        guard let index = matches.first else {
            if let off = disabled.first(where: { byEnvironmentName ? environmentName($0.rule.id) == id : $0.rule.id == id }) {
                throw .override(source: source, value: value, reason: "\"\(off.rule.id)\" is disabled by \(off.by)")
            }
            if let off = notApplicable.first(where: { byEnvironmentName ? environmentName($0.rule.id) == id : $0.rule.id == id }) {
                throw .override(source: source, value: value, reason: "\"\(off.rule.id)\" does not apply: \(off.reason)")
            }
            let names = rules.map { byEnvironmentName ? environmentName($0.id) : $0.id }
            let hint = Suggestion.nearest(to: id, in: names).map { " (did you mean \($0)?)" } ?? ""
            throw .override(source: source, value: value, reason: "no threshold \"\(id)\"\(hint)")
        }
        let limit: Threshold.Limit
        if let field = FieldCatalog.field(named: value), field.isNumeric {
            if let reason = PolicyFile.mismatch(limitField: field, metric: rules[index].metric) {
                throw .override(source: source, value: value, reason: reason)
            }
            limit = .field(field)
        } else if let kind = rules[index].metric.kind {
            do { limit = .fixed(try Quantity.parse(value, as: kind)) } catch {
                throw .override(source: source, value: value, reason: error.reason)
            }
        } else {
            guard let number = Double(value.trimmingSpaces), number.isFinite else {
                throw .override(source: source, value: value, reason: "expected a number")
            }
            limit = .fixed(number)
        }
        // The same override a policy file's "limit" makes, and the same check: a limit that silences a level is refused.
        var rule = rules[index]
        _ = apply(RuleOverrides(limit: Located(value: limit, line: 0)), to: &rule, origin: { _ in origin })
        if let problem = problem(with: rule) { throw .override(source: source, value: value, reason: problem) }
        rules[index] = rule
    }

    static func severity(_ text: String, source: String) throws(PolicyError) -> Severity {
        guard let severity = Severity(parsing: text.trimmingSpaces) else {
            throw .override(source: source, value: text, reason: "expected warning or critical")
        }
        return severity
    }

    static func flag(_ text: String, source: String) throws(PolicyError) -> Bool {
        switch text.trimmingSpaces.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off", "": return false
        default: throw .override(source: source, value: text, reason: "expected 1/true or 0/false")
        }
    }

    static func share(_ text: String, source: String) throws(PolicyError) -> RegressionAllowance {
        do { return try RegressionAllowance.parse(text) } catch { throw .override(source: source, value: text, reason: error.reason) }
    }
}
