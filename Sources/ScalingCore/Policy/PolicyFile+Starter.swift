/// `policy init`'s starting file and the file read by default.
extension PolicyFile {
    /// The file read when neither `--policy` nor `SCALECTL_POLICY` names one.
    public static let defaultPath = ".scalectl.json"

    /// A policy file holding the guide's thresholds (and, for a stage, its presets) as they are: `policy init`.
    ///
    /// Every key it writes is one the reader accepts, so the file reads back to the same effective policy.
    public static func starter(stage: Stage?) -> String {
        let rules = ThresholdEvaluator.guideRules + (stage.map(GuideCatalog.presetRules(for:)) ?? [])
        let entries: [JSONOutput] = rules.map { rule in
            let level = rule.levels.last!
            let limit = Wording.limit(level.limit, rule.metric)
            var members: [(String, JSONOutput)] = [
                ("id", .string(rule.id)),
                ("description", .string("breach when \(rule.metric) \(rule.comparison.rawValue) limit → \(rule.action)")),
            ]
            if !ThresholdEvaluator.guideRules.contains(where: { $0.id == rule.id }) {
                members += [("metric", .string(rule.metric.description)), ("comparison", .string(rule.comparison.rawValue))]
            }
            members += [("limit", .string(limit)), ("severity", .string(level.severity.rawValue))]
            return .object(members)
        }
        return JSONOutput.object([
            (
                "description",
                .string(
                    "scalectl policy: the guide's thresholds as a start. Change a limit or severity, add \"for\", \"require\", "
                        + "\"ratchet\" or \"stages\", disable one with \"disabled\": true, or add your own with \"metric\" and \"comparison\". "
                        + "For diff, add \"fail_on_regression\": \"10%\" (relative) and per metric \"regression\": "
                        + "{\"error_rate\": \"0.5pp\", \"response_p95_ms\": \"10%\", \"monthly_cost\": \"$50\"}: "
                        + "a percentage is relative, pp is percentage points of a rate, an amount is in the metric's unit and "
                        + "is the only one that judges a change from zero."
                )
            ),
            ("fail_on", .string(Severity.warning.rawValue)),
            ("require_all", .bool(false)),
            ("stage_rule", .string(StageRule.standard.rawValue)),
            ("thresholds", .array(entries)),
        ]).serialized()
    }
}
