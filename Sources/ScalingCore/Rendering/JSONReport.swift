/// Renders results as JSON with `schema_version` and stable snake_case keys.
public enum JSONReport {
    /// Bumped when a key changes meaning or goes away; new keys do not bump it.
    public static let schemaVersion = 2
    /// A trend lists its values up to this many points; a longer one gives its summary alone (`"values": null`).
    public static let maximumValuesListed = 10_000

    static func stage(_ stage: Stage) -> JSONOutput {
        .object([("number", .number(Double(stage.number))), ("id", .string(stage.rawValue)), ("name", .string(stage.name))])
    }

    static func source(_ series: SnapshotSeries) -> JSONOutput { source(SeriesHeading(series)) }

    static func source(_ heading: SeriesHeading) -> JSONOutput {
        .object([
            ("file", .string(heading.source)),
            ("snapshots", .number(Double(heading.count))),
            ("latest_index", .number(Double(heading.latestIndex))),
            ("latest_line", .optional(heading.latestLine.map(Double.init))),
            ("latest_timestamp", .optional(heading.latestTime.map(Timestamp.format))),
        ])
    }

    /// The input's warnings and notes, as stderr shows them: `{"kind": "warning", "message": "…"}`.
    static func warnings(_ series: SnapshotSeries) -> JSONOutput {
        .array(
            series.warnings.map { warning in
                .object([
                    ("kind", .string(warning.isNote ? "note" : "warning")), ("message", .string(ErrorMessage.warning(warning))),
                ])
            })
    }

    /// Every "When:" trigger met, above the stage or not.
    static func triggers(_ assessment: StageAssessment) -> JSONOutput {
        .array(
            assessment.triggers.map { trigger in
                .object([
                    ("stage", stage(trigger.stage)),
                    ("signal", .string(trigger.field.rawValue)),
                    ("value", .number(trigger.value)),
                    ("rule", .string(Wording.rule(trigger.trigger.rule, trigger.field))),
                    ("when", .string(trigger.trigger.when)),
                    ("above_stage", .bool(trigger.isAboveStage)),
                ])
            })
    }

    static func assessment(_ assessment: StageAssessment, current: CurrentValues? = nil) -> JSONOutput {
        func reading(_ reading: SignalReading) -> JSONOutput {
            .object([
                ("field", .string(reading.field.rawValue)),
                ("value", .number(reading.value)),
                ("placement", stage(reading.placement)),
                ("rule", .optional(reading.rule.map { Wording.rule($0, reading.field) })),
                ("basis", .optional(reading.rule?.basis)),
                ("as_of", current?.carried[reading.field].map(asOf) ?? .null),
            ])
        }
        let basis: String =
            switch assessment.basis {
            case .users: "users"
            case .triggersWithoutUsers: "triggers-without-users"
            case .highestSignal: "highest-signal"
            }
        return .object([
            ("rule", .string(assessment.rule.rawValue)),
            ("decided_by", .string(basis)),
            ("deciding", .array(assessment.deciding.map(reading))),
            ("signals", .array(assessment.readings.map(reading))),
            ("missing_signals", .array(assessment.missing.map { .string($0.rawValue) })),
            ("next_stage", assessment.stage.next.map(stage) ?? .null),
            ("distances", .array(assessment.distances.map { distance($0, fieldKey: "field", stageKey: "reaches") })),
            ("triggers_to_reach", .array(assessment.triggersToReach.map { distance($0, fieldKey: "signal", stageKey: "stage") })),
            ("beyond_guide", .bool(assessment.beyondGuide)),
        ])
    }

    /// How far a signal is from a rule: its value, what it still needs, the rule and the stage the rule is for.
    static func distance(_ distance: StageDistance, fieldKey: String, stageKey: String) -> JSONOutput {
        .object([
            (fieldKey, .string(distance.field.rawValue)),
            ("current", .number(distance.current)),
            ("needed", .number(distance.shortfall)),
            ("rule", .string(Wording.rule(distance.rule, distance.field))),
            (stageKey, stage(distance.rule.stage)),
        ])
    }

    static func verdicts(_ verdicts: [ThresholdVerdict]) -> JSONOutput {
        .array(
            verdicts.map { verdict in
                var status = "pass"
                var missing: JSONOutput = .null
                var reason: JSONOutput = .null
                switch verdict.status {
                case .pass: break
                case .breach: status = "breach"
                case .pending: status = "pending"
                case .unknown(.missing(let field)): status = "unknown"; missing = .string(field.rawValue)
                case .unknown(.undefined(let why)): status = "unknown"; reason = .string(why)
                case .unknown(let cause): status = "unknown"; reason = .string(cause.description)
                }
                return .object([
                    ("id", .string(verdict.threshold.id)),
                    ("metric", .string(verdict.threshold.metric.description)),
                    ("value", .optional(verdict.value)),
                    ("comparison", .string(verdict.threshold.comparison.rawValue)),
                    ("limit", .optional(verdict.limit)),
                    ("status", .string(status)),
                    ("severity", .optional(verdict.severity?.rawValue)),
                    ("missing", missing),
                    ("unknown_reason", reason),
                    ("required", .bool(verdict.threshold.require)),
                    ("for", .optional(verdict.threshold.sustain?.description)),
                    ("breached_since", .optional(verdict.breachedSince.map(Timestamp.format))),
                    ("breached_snapshots", .number(Double(verdict.breachedRun))),
                    ("as_of", verdict.asOf.map(asOf) ?? .null),
                    (
                        "ratchet",
                        verdict.ratchet.map { outcome in
                            .object([
                                ("best", .number(outcome.best)), ("allowed", .number(outcome.allowed)), ("failed", .bool(outcome.failed)),
                                ("tolerance", .optional(verdict.threshold.ratchet?.tolerance.description)),
                            ])
                        } ?? .null
                    ),
                    (
                        "provenance",
                        .object(
                            RuleSetting.allCases.filter { verdict.threshold.provenance[$0] != nil }.map {
                                ($0.rawValue, .string(verdict.threshold.origin(of: $0).description))
                            })
                    ),
                    ("sources", sources(verdict.threshold)),
                    ("action", .string(verdict.threshold.action)),
                    ("guide_text", .array(verdict.threshold.guideText.map(JSONOutput.string))),
                ])
            })
    }

    /// When a value is its field's latest known one rather than the newest snapshot's.
    static func asOf(_ carried: CarriedValue) -> JSONOutput {
        .object([
            ("field", .string(carried.field.rawValue)),
            ("timestamp", .optional(carried.time.map(Timestamp.format))),
            ("age_seconds", .optional(carried.age)),
            ("snapshots_before_latest", .number(Double(carried.snapshotsBefore))),
            ("line", .optional(carried.place.line.map(Double.init))),
        ])
    }

    /// Rules set aside at the stage: `[{"id": "request-count", "reason": "…"}]`.
    static func notApplicable(_ items: [EffectivePolicy.NotApplicableRule]) -> JSONOutput {
        .array(items.map { .object([("id", .string($0.rule.id)), ("reason", .string($0.reason))]) })
    }

    static func cost(_ estimate: CostEstimate) -> JSONOutput {
        .object([
            ("stage", stage(estimate.stage)),
            (
                "band",
                .object([
                    ("low", .number(estimate.band.low)), ("high", .number(estimate.band.high)), ("label", .string(estimate.band.label)),
                ])
            ),
            (
                "items",
                .array(
                    estimate.lines.map { line in
                        .object([
                            ("id", .string(line.item.id)), ("service", .string(line.item.service)),
                            ("low", .number(line.low)), ("high", .number(line.high)),
                            ("basis", .string(line.basis)), ("assumed", .bool(line.assumed)), ("source", .string(line.item.source)),
                            ("price_source", priceSource(line.source)),
                        ])
                    })
            ),
            (
                "unpriced",
                .array(
                    estimate.unpriced.map {
                        .object([
                            ("id", .string($0.id)), ("service", .string($0.service)), ("source", .string($0.source)),
                            ("provenance", attribution($0.provenance)),
                        ])
                    })
            ),
            ("estimate", .object([("low", .number(estimate.low)), ("high", .number(estimate.high))])),
            (
                "price_source",
                .object([
                    ("kind", .string(estimate.givenOrigins.isEmpty ? "guide" : "given")),
                    ("given", .array(estimate.givenOrigins.map(JSONOutput.string))),
                    (
                        "description",
                        .string(Wording.priceSource(estimate))
                    ),
                ])
            ),
            ("monthly_cost", .optional(estimate.current)),
            ("band_position", .optional(estimate.currentPosition?.rawValue)),
            ("notes", .array(estimate.notes.map(JSONOutput.string))),
        ])
    }

    public static func advice(_ advice: Advice) -> String {
        JSONOutput.object([
            ("schema_version", .number(Double(schemaVersion))),
            ("source", source(advice.series)),
            ("warnings", warnings(advice.series)),
            ("what_if", whatIf(advice.whatIf)),
            ("emergency", emergency(advice.emergency)),
            ("actions", actions(advice.actionPlan, now: advice.trends?.now)),
            ("stage", stage(advice.stage)),
            ("stage_rule", .string(advice.assessment.rule.rawValue)),
            ("triggers", triggers(advice.assessment)),
            ("stage_reason", assessment(advice.assessment, current: advice.current)),
            (
                "decision_tree",
                advice.decision.map {
                    .object([
                        ("condition", .string($0.condition)), ("advice", .string($0.advice)), ("provenance", attribution($0.provenance)),
                    ])
                } ?? .null
            ),
            ("thresholds_checked", .number(Double(advice.verdicts.filter { !$0.isUnknown }.count))),
            ("thresholds", verdicts(advice.verdicts)),
            ("not_applicable", notApplicable(advice.notApplicable)),
            (
                "next_steps",
                .array(
                    advice.nextSteps.map { item in
                        .object([
                            ("id", .string(item.step.id)), ("title", .string(item.step.title)),
                            ("stage", stage(item.stage)), ("reason", .string(item.reason.rawValue)),
                            ("trigger", .optional(item.trigger.map { "\($0.field.rawValue): When: \($0.trigger.when)" })),
                            ("details", .array(item.step.details.map(JSONOutput.string))),
                            ("provenance", attribution(GuideCatalog.profile(for: item.stage).provenance(of: item.step))),
                        ])
                    })
            ),
            (
                "checklist",
                .object([
                    ("expected", .number(Double(advice.expectedChecklist.count))),
                    ("done", .number(Double(advice.expectedChecklist.count - advice.openChecklist.count))),
                    (
                        "open",
                        .array(
                            advice.openChecklist.map { item in
                                .object([
                                    ("id", .string(item.id)), ("group", .string(item.group.rawValue)), ("text", .string(item.text)),
                                    ("expected_from", stage(item.expectedFrom)),
                                    ("expected_from_provenance", attribution(item.expectation)),
                                ])
                            })
                    ),
                ])
            ),
            ("cost", cost(advice.cost)),
            ("trend", advice.trends.map(trends) ?? .null),
            ("preparations", preparations(advice.preparations, now: advice.trends?.now)),
        ]).serialized()
    }

    /// The action plan, in its order: rank, kind, what it answers, the step that fixes it (null for none) and why.
    static func actions(_ plan: ActionPlan, now: Double?) -> JSONOutput {
        .array(
            plan.actions.map { action in
                .object([
                    ("rank", .number(Double(action.rank))), ("kind", .string(action.kind.rawValue)),
                    ("answers", .string(Wording.answers(action, now: now))), ("step", .optional(action.step?.id)),
                    ("why", .string(action.why)),
                ])
            })
    }

    /// The members every report on an input starts with: the schema, the input, its warnings and the what-if.
    private static func header(_ series: SnapshotSeries, whatIf comparison: WhatIfComparison?) -> [(String, JSONOutput)] {
        [
            ("schema_version", .number(Double(schemaVersion))), ("source", source(series)),
            ("warnings", warnings(series)), ("what_if", whatIf(comparison)),
        ]
    }

    /// `scalectl stage --format json`: the stage, the rule that decided it, the triggers met and each signal's value
    /// and placement; the full reasoning (what decided, the distances to the next stage) is ``stageExplained``.
    public static func stage(
        _ assessment: StageAssessment, series: SnapshotSeries, current: CurrentValues? = nil, whatIf comparison: WhatIfComparison? = nil
    ) -> String {
        JSONOutput.object(header(series, whatIf: comparison) + [
            ("stage", stage(assessment.stage)),
            ("rule", .string(assessment.rule.rawValue)),
            ("triggers", triggers(assessment)),
            (
                "signals",
                .array(
                    assessment.readings.map { reading in
                        .object([
                            ("field", .string(reading.field.rawValue)), ("value", .number(reading.value)),
                            ("stage", .string(reading.placement.rawValue)),
                            ("as_of", current?.carried[reading.field].map(asOf) ?? .null),
                        ])
                    })
            ),
        ]).serialized()
    }

    /// `scalectl stage --explain --format json`: the stage with the whole reasoning (`stage_reason`).
    public static func stageExplained(
        _ assessment: StageAssessment, series: SnapshotSeries, current: CurrentValues? = nil, whatIf comparison: WhatIfComparison? = nil
    ) -> String {
        JSONOutput.object(header(series, whatIf: comparison) + [
            ("stage", stage(assessment.stage)),
            ("stage_rule", .string(assessment.rule.rawValue)),
            ("triggers", triggers(assessment)),
            ("stage_reason", self.assessment(assessment, current: current)),
        ]).serialized()
    }

    /// `scalectl check --format json`: the stage the thresholds were chosen for (null when unknown), the counts a
    /// dashboard shows (`{"passed": 9, "warning": 2, "critical": 1, "pending": 0, "unknown": 3, "not_applicable": 1}`)
    /// and every verdict.
    public static func check(
        _ series: SnapshotSeries, verdicts: [ThresholdVerdict], failOn: Severity, failed: Bool, whatIf comparison: WhatIfComparison? = nil,
        notApplicable: [EffectivePolicy.NotApplicableRule] = [], stage: Stage? = nil
    ) -> String {
        func count(_ matches: (ThresholdVerdict.Status) -> Bool) -> JSONOutput {
            .number(Double(verdicts.filter { matches($0.status) }.count))
        }
        return JSONOutput.object([
            ("schema_version", .number(Double(schemaVersion))),
            ("source", source(series)),
            ("warnings", warnings(series)),
            ("what_if", whatIf(comparison)),
            ("stage", stage.map(self.stage) ?? .null),
            ("fail_on", .string(failOn.rawValue)),
            ("passed", .bool(!failed)),
            (
                "counts",
                .object([
                    ("passed", count { $0 == .pass }),
                    ("warning", count { $0 == .breach(.warning) }),
                    ("critical", count { $0 == .breach(.critical) }),
                    ("pending", count { if case .pending = $0 { true } else { false } }),
                    ("unknown", count { if case .unknown = $0 { true } else { false } }),
                    ("not_applicable", .number(Double(notApplicable.count))),
                ])
            ),
            ("thresholds", self.verdicts(verdicts)),
            ("not_applicable", self.notApplicable(notApplicable)),
        ]).serialized()
    }

    public static func cost(_ estimate: CostEstimate, series: SnapshotSeries, whatIf comparison: WhatIfComparison? = nil) -> String {
        JSONOutput.object(header(series, whatIf: comparison) + [
            ("cost", cost(estimate)),
        ]).serialized()
    }
}
