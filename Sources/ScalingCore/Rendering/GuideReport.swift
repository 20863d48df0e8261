/// Prints the guide as scalectl encodes it, so the tables can be held against the document.
public enum GuideReport {
    /// The whole guide, or one stage with what applies to it.
    public static func text(stage: Stage?, style: Style) -> String {
        var parts: [String] = []
        let stages = stage.map { [GuideCatalog.profile(for: $0)] } ?? GuideCatalog.stages
        if stage == nil { parts.append(style.bold(GuideCatalog.title)) }
        for profile in stages { parts.append(stageText(profile, style: style)) }
        if let stage {
            let items = GuideCatalog.checklist.filter { $0.expectedFrom == stage }
            parts.append(
                style.bold("Checklist items expected from \(stage.name)") + "\n"
                    + (items.isEmpty
                        ? "  (none)"
                        : items.map { "  [ ] \($0.text)  " + style.dim("\($0.id) · from \(stage.rawValue)" + Wording.mark($0.expectation)) }
                            .joined(separator: "\n")))
        } else {
            parts.append(thresholdsText(style: style))
            parts.append(checklistText(style: style))
            parts.append(costTipsText(style: style))
            parts.append(playbooksText(style: style))
            parts.append(monitoringText(style: style))
            parts.append(supportText(style: style))
            parts.append(decisionTreeText(style: style))
            parts.append(pricesText(style: style))
            parts.append(
                style.bold("Stage rule") + "\n  " + Wording.stageRuleSummary + "\n"
                    + Wording.stageRuleLines.map { "  " + $0 }.joined(separator: "\n"))
            parts.append("Remember: " + GuideCatalog.reminder)
        }
        let text = parts.joined(separator: "\n\n")
        return TerminalSink.finish(text + (Wording.legend(for: text).map { "\n\n" + style.dim($0) } ?? "") + "\n")
    }

    static func stageText(_ profile: StageProfile, style: Style) -> String {
        var lines = [style.bold("\(profile.heading)") + "  " + style.dim("[\(profile.stage.rawValue), stage \(profile.stage.number)]")]
        lines.append("  Users: \(profile.users.label)")
        if let trigger = profile.trigger { lines.append("  When: \(trigger)") }
        lines.append("  Cost: \(profile.cost.label)")
        let stack = "  Stack" + Wording.mark(profile.stackProvenance) + ": "
        let width = style.width.map { max($0 - stack.count, 20) }
        let wrapped = width.map { TextColumns.wrap(profile.stack, width: $0) } ?? [profile.stack]
        lines += wrapped.enumerated().map { ($0.offset == 0 ? stack : String(repeating: " ", count: stack.count)) + $0.element }
        for section in profile.sections {
            lines.append("  " + style.cyan(section.heading + ":"))
            for (index, step) in section.steps.enumerated() {
                lines.append("    \(index + 1). \(step.title)  " + style.dim("[\(step.id)]"))
                lines += step.details.map { "       - \($0)" }
                if let snippet = step.snippet {
                    lines += snippet.split(separator: "\n", omittingEmptySubsequences: false).map { "       │ \($0)" }
                }
            }
        }
        if let diagram = profile.diagram {
            lines.append("  " + style.cyan(diagram.heading + ":"))
            lines += diagram.text.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
        }
        if !profile.metricsToWatch.isEmpty {
            lines.append("  " + style.cyan("Metrics to Watch:"))
            for id in profile.metricsToWatch {
                if let threshold = GuideCatalog.threshold(id) { lines.append("    - \(threshold.guideText[0])") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func thresholdsText(style: Style) -> String {
        var table = TextColumns()
        for threshold in GuideCatalog.thresholds {
            let limits = threshold.levels.map { level -> String in
                let limit = Wording.limit(level.limit, Metric(threshold.metric))
                return "\(level.severity.rawValue) if \(threshold.metric.rawValue) \(threshold.comparison.rawValue) \(limit)"
            }.joined(separator: "; ")
            let definition = threshold.sources.definition.isGuide ? "" : Wording.mark(threshold.sources.definition)
            table.add(threshold.id + definition, limits, "→ " + threshold.action + Wording.mark(threshold.sources.action))
        }
        return style.bold("Thresholds (Metrics to Watch, Daily Checks)") + " · severities \(Wording.scalectlMark)\n"
            + table.render(width: style.width)
    }

    static func checklistText(style: Style) -> String {
        var lines = [style.bold("Performance Optimization Checklist")]
        for group in ChecklistGroup.allCases {
            lines.append("  " + style.cyan(group.heading + ":"))
            var table = TextColumns()
            for item in GuideCatalog.checklist where item.group == group {
                table.add("[ ] \(item.text)", item.id, "from \(item.expectedFrom.rawValue)" + Wording.mark(item.expectation))
            }
            lines.append(table.render(indent: "    ", width: style.width))
        }
        return lines.joined(separator: "\n")
    }

    static func costTipsText(style: Style) -> String {
        var lines = [style.bold("Cost Optimization Tips")]
        for (index, tip) in GuideCatalog.costTips.enumerated() {
            lines.append("  \(index + 1). \(tip.title)")
            lines += tip.points.map { "     - \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    static func playbooksText(style: Style) -> String {
        var lines = [style.bold("Migration Paths")]
        for path in GuideCatalog.migrationPaths {
            lines.append("  " + style.cyan(path.title + ":") + (path.purpose.map { " " + $0 } ?? "") + "  " + style.dim("[\(path.id)]"))
            for (index, step) in path.steps.enumerated() {
                lines.append("    \(index + 1). \(step.title)")
                lines += step.lines.map { "       \($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func monitoringText(style: Style) -> String {
        var lines = [style.bold("Monitoring Key Metrics"), "  " + style.cyan("Daily Checks:")]
        lines += GuideCatalog.dailyChecks.map { "    - \($0.text)" + ($0.threshold.map { "  " + style.dim("[threshold \($0)]") } ?? "") }
        lines.append("  " + style.cyan("Weekly Reviews:"))
        lines += GuideCatalog.weeklyReviews.map { "    - \($0.text)" + ($0.field.map { "  " + style.dim("[from \($0.rawValue)]") } ?? "") }
        return lines.joined(separator: "\n")
    }

    static func supportText(style: Style) -> String {
        var lines = [style.bold("Support Resources")]
        var tier = ""
        for resource in GuideCatalog.supportResources {
            if resource.tier != tier {
                tier = resource.tier
                lines.append("  " + style.cyan(tier + ":"))
            }
            lines.append("    - \(resource.name)" + (resource.detail.map { ": \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    static func decisionTreeText(style: Style) -> String {
        var table = TextColumns()
        for branch in GuideCatalog.decisionTree {
            table.add(branch.condition, "→ \(branch.advice)", style.dim("[\(branch.stage.rawValue)]"))
        }
        return style.bold("Decision Tree") + "\n" + table.render(width: style.width)
    }

    static func pricesText(style: Style) -> String {
        var table = TextColumns()
        for item in GuideCatalog.prices {
            let price: String
            switch item.pricing {
            case .flat(let low, let high): price = Wording.moneyRange(low, high)
            case .usagePerDay(let free, let unitSize, let unitPrice, _, _):
                price =
                    "free to \(Quantity.format(free.limit, as: .count))/day, then ~\(Quantity.format(unitPrice, as: .money)) per \(Quantity.format(unitSize, as: .count))"
            case .unpriced: price = "not priced"
            }
            let stages =
                (item.through.map { $0 == item.from ? $0.rawValue : "\(item.from.rawValue) to \($0.rawValue)" } ?? "\(item.from.rawValue)+")
                + (item.replacedBecause.map(Wording.mark) ?? "")
            table.add(item.service, item.id, price, stages)
        }
        return style.bold("Prices (cost estimate; ids for --prices)") + "\n" + table.render(width: style.width)
    }

    /// The encoded guide as JSON, for tools and for checking the tables.
    /// A price as the guide gives it: how it is priced, the stages whose stack has it, what it includes.
    static func price(_ item: PriceItem) -> JSONOutput {
        var pricing: [(String, JSONOutput)]
        switch item.pricing {
        case .flat(let low, let high):
            pricing = [("kind", .string("flat")), ("low", .number(low)), ("high", .number(high))]
        case .usagePerDay(let free, let unitSize, let unitPrice, let typical, let paidFrom):
            pricing = [
                ("kind", .string("usage_per_day")), ("field", .string(free.field.rawValue)), ("free_per_day", .number(free.limit)),
                ("free_provenance", JSONReport.attribution(free.provenance)),
                ("unit_size", .number(unitSize)), ("unit_price", .number(unitPrice)), ("typical_monthly", .number(typical)),
                ("paid_from", JSONReport.stage(paidFrom)),
            ]
        case .unpriced:
            pricing = [("kind", .string("unpriced"))]
        }
        return .object([
            ("id", .string(item.id)), ("service", .string(item.service)), ("pricing", .object(pricing)),
            ("stages", .array(Stage.allCases.filter(item.applies(to:)).map(JSONReport.stage))),
            (
                "includes",
                item.includes.map {
                    .object([
                        ("field", .string($0.field.rawValue)), ("limit", .number($0.limit)), ("label", .string($0.label)),
                        ("provenance", JSONReport.attribution($0.provenance)),
                    ])
                } ?? .null
            ),
            ("added_by", .array(item.addedBy.map(JSONOutput.string))), ("source", .string(item.source)),
            ("provenance", JSONReport.attribution(item.provenance)),
            ("stages_provenance", item.replacedBecause.map(JSONReport.attribution) ?? .null),
        ])
    }

    /// A plan limit forecasts watch.
    static func planLimit(_ limit: PlanLimit) -> JSONOutput {
        let value: JSONOutput =
            switch limit.limit {
            case .fixed(let number): .number(number)
            case .field(let field): .string(field.rawValue)
            }
        return .object([
            ("id", .string(limit.id)), ("field", .string(limit.field.rawValue)), ("comparison", .string(limit.comparison.rawValue)),
            ("limit", value), ("label", .string(limit.label)), ("plan", .string(limit.plan)),
            ("provenance", JSONReport.attribution(limit.provenance)),
        ])
    }

    /// The stage rule: the default, both rules, the users' ranges of the decision tree, and every "When:" trigger.
    static func stageRule() -> JSONOutput {
        let users = GuideCatalog.stageSignals.first { $0.field == .users }!.rules.filter { $0.kind == .usersRange }
        return .object([
            ("default", .string(StageRule.standard.rawValue)),
            ("rules", .array(StageRule.allCases.map { .object([("id", .string($0.rawValue)), ("summary", .string($0.summary))]) })),
            (
                "users_ranges",
                .array(
                    users.map { rule in
                        .object([
                            ("stage", JSONReport.stage(rule.stage)), ("rule", .string(Wording.rule(rule, .users))),
                            ("basis", .string(rule.basis)), ("provenance", JSONReport.attribution(rule.provenance)),
                        ])
                    })
            ),
            (
                "triggers",
                .array(
                    GuideCatalog.stageTriggers.map { trigger in
                        .object([
                            ("stage", JSONReport.stage(trigger.stage)), ("signal", .string(trigger.field.rawValue)),
                            ("rule", .string(Wording.rule(trigger.rule, trigger.field))), ("when", .string(trigger.when)),
                            ("provenance", JSONReport.attribution(trigger.rule.provenance)),
                        ])
                    })
            ),
        ])
    }

    public static func json(stage: Stage?) -> String {
        let profiles = stage.map { [GuideCatalog.profile(for: $0)] } ?? GuideCatalog.stages
        var members: [(String, JSONOutput)] = [("schema_version", .number(Double(JSONReport.schemaVersion)))]
        members.append(
            (
                "stages",
                .array(
                    profiles.map { profile in
                        .object([
                            ("stage", JSONReport.stage(profile.stage)),
                            ("heading", .string(profile.heading)),
                            (
                                "users",
                                .object([
                                    ("lower", .number(Double(profile.users.lower))),
                                    ("upper", .optional(profile.users.upper.map(Double.init))), ("label", .string(profile.users.label)),
                                ])
                            ),
                            ("provenance", JSONReport.attribution(profile.provenance)),
                            ("when", .optional(profile.trigger)),
                            ("when_provenance", profile.triggerProvenance.map(JSONReport.attribution) ?? .null),
                            (
                                "cost",
                                .object([
                                    ("low", .number(profile.cost.low)), ("high", .number(profile.cost.high)),
                                    ("label", .string(profile.cost.label)),
                                    ("provenance", JSONReport.attribution(profile.costProvenance)),
                                ])
                            ),
                            ("stack", .string(profile.stack)),
                            ("stack_provenance", JSONReport.attribution(profile.stackProvenance)),
                            (
                                "diagram",
                                profile.diagram.map { .object([("heading", .string($0.heading)), ("text", .string($0.text))]) } ?? .null
                            ),
                            (
                                "sections",
                                .array(
                                    profile.sections.map { section in
                                        .object([
                                            ("heading", .string(section.heading)),
                                            (
                                                "steps",
                                                .array(
                                                    section.steps.map { step in
                                                        .object([
                                                            ("id", .string(step.id)), ("title", .string(step.title)),
                                                            ("details", .array(step.details.map(JSONOutput.string))),
                                                            ("snippet", .optional(step.snippet)),
                                                            ("done_with", .array(step.doneWith.map(JSONOutput.string))),
                                                            ("provenance", JSONReport.attribution(profile.provenance(of: step))),
                                                        ])
                                                    })
                                            ),
                                        ])
                                    })
                            ),
                        ])
                    })
            ))
        let items = GuideCatalog.checklist.filter { item in stage.map { item.expectedFrom == $0 } ?? true }
        members.append(
            (
                "checklist",
                .array(
                    items.map { item in
                        .object([
                            ("id", .string(item.id)), ("group", .string(item.group.rawValue)), ("text", .string(item.text)),
                            ("provenance", JSONReport.attribution(item.provenance)),
                            ("expected_from", JSONReport.stage(item.expectedFrom)),
                            ("expected_from_provenance", JSONReport.attribution(item.expectation)),
                        ])
                    })
            ))
        if stage == nil {
            members.append(
                (
                    "thresholds",
                    .array(
                        GuideCatalog.thresholds.map { threshold in
                            .object([
                                ("id", .string(threshold.id)), ("metric", .string(threshold.metric.rawValue)),
                                ("comparison", .string(threshold.comparison.rawValue)),
                                (
                                    "levels",
                                    .array(
                                        threshold.levels.map(JSONReport.level))
                                ),
                                ("action", .string(threshold.action)), ("guide_text", .array(threshold.guideText.map(JSONOutput.string))),
                                ("source", .string(threshold.source)), ("plan", .optional(threshold.plan)),
                                (
                                    "sources",
                                    .object([
                                        ("definition", JSONReport.attribution(threshold.sources.definition)),
                                        ("limit", JSONReport.attribution(threshold.sources.limit)),
                                        ("severity", JSONReport.attribution(threshold.sources.severity)),
                                        ("action", JSONReport.attribution(threshold.sources.action)),
                                    ])
                                ),
                            ])
                        })
                ))
            members.append(("plan_limits", .array(GuideCatalog.planLimits.map(planLimit))))
            members.append(("stage_rule", stageRule()))
            members.append(
                (
                    "migration_paths",
                    .array(
                        GuideCatalog.migrationPaths.map { path in
                            .object([
                                ("id", .string(path.id)), ("title", .string(path.title)), ("purpose", .optional(path.purpose)),
                                (
                                    "steps",
                                    .array(
                                        path.steps.map {
                                            .object([
                                                ("title", .string($0.title)), ("lines", .array($0.lines.map(JSONOutput.string))),
                                                ("provenance", JSONReport.attribution(path.provenance(of: $0))),
                                            ])
                                        })
                                ),
                            ])
                        })
                ))
            members.append(
                (
                    "cost_tips",
                    .array(
                        GuideCatalog.costTips.map {
                            .object([
                                ("title", .string($0.title)), ("points", .array($0.points.map(JSONOutput.string))),
                                ("provenance", JSONReport.attribution($0.provenance)),
                            ])
                        })
                ))
            func review(_ item: ReviewItem, daily: Bool) -> JSONOutput {
                .object([
                    ("text", .string(item.text)), ("field", .optional(item.field?.rawValue)), ("threshold", .optional(item.threshold)),
                    ("provenance", JSONReport.attribution(item.provenance(daily: daily))),
                ])
            }
            members.append(("daily_checks", .array(GuideCatalog.dailyChecks.map { review($0, daily: true) })))
            members.append(("weekly_reviews", .array(GuideCatalog.weeklyReviews.map { review($0, daily: false) })))
            members.append(
                (
                    "decision_tree",
                    .array(
                        GuideCatalog.decisionTree.map { branch in
                            .object([
                                ("condition", .string(branch.condition)), ("users_below", .optional(branch.usersBelow)),
                                ("advice", .string(branch.advice)), ("stage", JSONReport.stage(branch.stage)),
                                ("provenance", JSONReport.attribution(branch.provenance)),
                            ])
                        })
                ))
            members.append(
                (
                    "prices",
                    .array(
                        GuideCatalog.prices.map(price))
                ))
            members.append(
                (
                    "support",
                    .array(
                        GuideCatalog.supportResources.map {
                            .object([
                                ("tier", .string($0.tier)), ("name", .string($0.name)), ("detail", .optional($0.detail)),
                                ("provenance", JSONReport.attribution($0.provenance)),
                            ])
                        })
                ))
            members.append(("reminder", .string(GuideCatalog.reminder)))
        }
        return JSONOutput.object(members).serialized()
    }
}
