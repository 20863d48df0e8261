/// The gate's JSON reports: `policy show` and `diff`.
extension JSONReport {
    /// A level as `{"severity": "warning", "limit": 500}`, or the limit field's name for a field limit.
    static func level(_ level: Threshold.Level) -> JSONOutput {
        let limit: JSONOutput
        switch level.limit {
        case .fixed(let number): limit = .number(number)
        case .field(let field): limit = .string(field.rawValue)
        }
        return .object([("severity", .string(level.severity.rawValue)), ("limit", limit)])
    }

    static func rule(_ rule: GateRule) -> JSONOutput {
        .object([
            ("id", .string(rule.id)),
            ("metric", .string(rule.metric.description)),
            ("comparison", .string(rule.comparison.rawValue)),
            (
                "levels",
                .array(rule.levels.map(level))
            ),
            ("for", .optional(rule.sustain?.description)),
            ("ratchet", .optional(rule.ratchet?.tolerance.description)),
            ("require", .bool(rule.require)),
            ("action", .string(rule.action)),
            (
                "provenance",
                .object(
                    RuleSetting.allCases.filter { rule.provenance[$0] != nil }.map {
                        ($0.rawValue, .string(rule.origin(of: $0).description))
                    })
            ),
            ("sources", sources(rule)),
        ])
    }

    /// `scalectl policy show --format json`.
    public static func policy(_ policy: EffectivePolicy) -> String {
        func setting<T>(_ value: JSONOutput, _ setting: EffectivePolicy.Setting<T>) -> JSONOutput {
            .object([("value", value), ("from", .string(setting.origin.description))])
        }
        return JSONOutput.object([
            ("schema_version", .number(Double(schemaVersion))),
            ("policy_file", .optional(policy.policyPath)),
            ("stage", policy.stage.map(stage) ?? .null),
            ("fail_on", setting(.string(policy.failOn.value.rawValue), policy.failOn)),
            ("require_all", setting(.bool(policy.requireAll.value), policy.requireAll)),
            ("stage_rule", setting(.string(policy.evaluation.stageRule.value.rawValue), policy.evaluation.stageRule)),
            ("max_age_seconds", policy.evaluation.maxAge.map { setting(.number($0.value), $0) } ?? .null),
            ("fail_on_regression", policy.failOnRegression.map { setting($0.value.json, $0) } ?? .null),
            (
                "regression",
                .object(
                    policy.regression.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                        ($0.key.rawValue, setting($0.value.value.json, $0.value))
                    })
            ),
            ("thresholds", .array(policy.rules.map(rule))),
            ("disabled", .array(policy.disabled.map { .object([("id", .string($0.rule.id)), ("by", .string($0.by.description))]) })),
            ("not_applicable", notApplicable(policy.notApplicable)),
        ]).serialized()
    }

    /// `scalectl diff --format json`.
    public static func diff(_ diff: SnapshotDiff) -> String {
        JSONOutput.object([
            ("schema_version", .number(Double(schemaVersion))),
            ("base", source(diff.base)),
            ("new", source(diff.new)),
            ("stage_before", diff.stageBefore.map(stage) ?? .null),
            ("stage_after", diff.stageAfter.map(stage) ?? .null),
            ("passed", .bool(diff.regressions.isEmpty)),
            ("report_only", .bool(Wording.diffIsReportOnly(diff))),
            (
                "metrics",
                .array(
                    diff.changes.map { change in
                        .object([
                            ("field", .string(change.field.rawValue)),
                            ("before", .optional(change.before)),
                            ("after", .optional(change.after)),
                            ("change", .optional(change.change)),
                            ("relative_change", .optional(change.relative)),
                            ("direction", .string(change.direction.rawValue)),
                            ("allowed_regression", change.allowed?.value.json ?? .null),
                            ("allowed_from", .optional(change.allowed?.origin.description)),
                            ("regression", .bool(change.isRegression)),
                        ])
                    })
            ),
        ]).serialized()
    }
}
