/// Shared phrasing of values, rules and verdicts, so text, Markdown and JSON say the same thing.
enum Wording {
    static func value(_ value: Double, _ field: SnapshotField) -> String {
        Quantity.format(value, as: field.spec.kind)
    }

    /// A metric's value: in its kind's units, or a plain number for arithmetic.
    static func value(_ value: Double, _ metric: Metric, precise: Bool = false) -> String {
        guard let kind = metric.kind else { return Quantity.groupedTrimmed(value, maxDecimals: precise ? 10 : 4) }
        return Quantity.format(value, as: kind, precise: precise)
    }

    /// A verdict's value, with more decimals when the usual rounding would print the limit it breaches.
    static func value(of verdict: ThresholdVerdict) -> String {
        guard let observed = verdict.value else { return "—" }
        let metric = verdict.threshold.metric
        let text = value(observed, metric)
        if let limit = verdict.limit, observed != limit, text == value(limit, metric) {
            return value(observed, metric, precise: true)
        }
        return text
    }

    /// "breached since 2026-11-01 (3 snapshots)", "pending: breached 1 snapshot, needs 3", "ratchet: best 280 ms".
    static func history(of verdict: ThresholdVerdict, time: (Double) -> String = Timestamp.format) -> String? {
        var parts: [String] = verdict.asOf.map { [asOf($0)] } ?? []
        let run = "\(verdict.breachedRun) snapshot\(verdict.breachedRun == 1 ? "" : "s")"
        let since = verdict.breachedSince.map { " since \(time($0))" } ?? ""
        switch verdict.status {
        case .pending:
            var needs = "needs \(verdict.threshold.sustain?.description ?? "more")"
            if case .duration = verdict.threshold.sustain, verdict.breachedSince == nil {
                needs += ", which cannot be measured without timestamps"
            }
            parts.append("pending: breached\(since) (\(run)), \(needs)")
        case .breach where verdict.breachedRun > 1:
            parts.append("breached\(since) (\(run))")
        default: break
        }
        if let outcome = verdict.ratchet, outcome.failed {
            parts.append(
                "ratchet: worse than the best \(value(outcome.best, verdict.threshold.metric)) by more than "
                    + (verdict.threshold.ratchet?.tolerance.description ?? ""))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// "as of 2026-11-09T00:00:00Z, 7 days before the latest snapshot", or in an untimed series "as of line 5, 2
    /// snapshots before the latest".
    static func asOf(_ carried: CarriedValue) -> String {
        let before = carried.snapshotsBefore == 1 ? "1 snapshot" : "\(carried.snapshotsBefore) snapshots"
        if let time = carried.time {
            let age = carried.age.map { $0 > 0 ? TimeSpan.format($0) : before } ?? before
            return "as of \(Timestamp.format(time)), \(age) before the latest snapshot"
        }
        return "as of " + (carried.place.line.map { "line \($0), " } ?? "") + "\(before) before the latest"
    }

    /// The stage signals that are not the newest snapshot's: "users 3,423 as of 2026-11-09T00:00:00Z, 7 days before
    /// the latest snapshot".
    static func carriedSignals(_ assessment: StageAssessment, current: CurrentValues) -> [String] {
        assessment.readings.compactMap { reading in
            current.carried[reading.field].map { "\(reading.field.rawValue) \(value(reading.value, reading.field)) \(asOf($0))" }
        }
    }

    /// What a list of verdicts says when every one is unknown, in place of "none breached".
    static let nothingChecked = "nothing could be checked: no threshold's metric is reported"

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "nothing" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// "$20" or "$0-$10": a range with the guide's hyphen ("$20-60/month", "10K-50K users"), one dash style throughout.
    static func moneyRange(_ low: Double, _ high: Double) -> String {
        low == high ? Quantity.format(low, as: .money) : "\(Quantity.format(low, as: .money))-\(Quantity.format(high, as: .money))"
    }

    /// "users ≥ 10,000".
    static func rule(_ rule: StageSignal.Rule, _ field: SnapshotField) -> String {
        "\(field.rawValue) \(rule.comparison.rawValue) \(value(rule.value, field))"
    }

    /// A level's limit: "500 ms" in the metric's unit, or the field it is compared with ("db_connection_limit").
    static func limit(_ limit: Threshold.Limit, _ metric: Metric) -> String {
        switch limit {
        case .fixed(let number): value(number, metric)
        case .field(let field): field.rawValue
        }
    }

    /// "≤ 500 ms" for a verdict's limit.
    static func limit(_ verdict: ThresholdVerdict) -> String {
        let symbol = verdict.threshold.comparison.healthySymbol
        if let limit = verdict.limit { return "\(symbol) \(value(limit, verdict.threshold.metric))" }
        if verdict.threshold.levels.isEmpty, verdict.threshold.ratchet != nil { return "ratchet" }
        guard let level = verdict.threshold.levels.first else { return "—" }
        return "\(symbol) \(limit(level.limit, verdict.threshold.metric))"
    }

    static func status(_ status: ThresholdVerdict.Status) -> String {
        switch status {
        case .pass: "ok"
        case .breach(let severity): severity.rawValue
        case .pending: "pending"
        case .unknown: "unknown"
        }
    }

    /// "mvp ─ early-traction ─ [growth] ─ scale ─ enterprise".
    static func ladder(_ current: Stage) -> String {
        Stage.allCases.map { $0 == current ? "[\($0.rawValue)]" : $0.rawValue }.joined(separator: " ─ ")
    }

    /// "Stage 2 · Growth".
    static func stageTitle(_ stage: Stage) -> String { "Stage \(stage.number) · \(stage.name)" }

    /// One signal's reading: "users 24,500 ≥ 10,000 → growth (Stage 2: Growth (10K-50K users))".
    static func reading(_ reading: SignalReading) -> String {
        let shown = "\(reading.field.rawValue) \(value(reading.value, reading.field))"
        guard let rule = reading.rule else { return "\(shown) → mvp (below every rule)" }
        return "\(shown) \(rule.comparison.rawValue) \(value(rule.value, reading.field)) → \(rule.stage.rawValue) (\(rule.basis))"
    }

    /// "25,500 more users" / "MRR above $0".
    static func distance(_ distance: StageDistance) -> String {
        let label = distance.field.spec.label
        if distance.rule.comparison == .above {
            return "\(label) above \(value(distance.rule.value, distance.field))"
        }
        // "1 more paying customer": a count of one names one of them.
        let one = distance.field.spec.kind == .count && distance.shortfall == 1 && label.hasSuffix("s")
        return "\(value(distance.shortfall, distance.field)) more \(one ? String(label.dropLast()) : label)"
    }

    /// "to reach scale: 25,500 more users, or $6,800 more MRR"; under the decision tree, the users alone, then the
    /// triggers still to reach: "to reach growth: 6,577 more users; triggers still to reach: $9,100 more MRR (scale)".
    static func distances(_ assessment: StageAssessment) -> String? {
        guard let next = assessment.stage.next, !assessment.distances.isEmpty || !assessment.triggersToReach.isEmpty else {
            return nil
        }
        func reaching(_ item: StageDistance) -> String {
            item.rule.stage > next ? "\(distance(item)) (reaches \(item.rule.stage.rawValue))" : distance(item)
        }
        var text = ""
        if !assessment.distances.isEmpty {
            text = "to reach \(next.rawValue): " + assessment.distances.map(reaching).joined(separator: ", or ")
        }
        if !assessment.triggersToReach.isEmpty {
            let triggers = assessment.triggersToReach.map { "\(distance($0)) (\($0.rule.stage.rawValue): \($0.rule.basis))" }
            text += (text.isEmpty ? "" : "; ") + "triggers still to reach: " + triggers.joined(separator: ", ")
        }
        return text
    }

    /// Why the stage is what it is, in one line: the deciding signals, or what stood in for missing users.
    static func why(_ assessment: StageAssessment) -> String {
        let readings = assessment.deciding.map(reading).joined(separator: "; ")
        switch assessment.basis {
        case .users:
            return readings
        case .triggersWithoutUsers:
            guard let highest = assessment.triggers.last else {
                return "users not reported and no \"When:\" trigger met: " + readings
            }
            return "users not reported: staged by the When trigger of \(highest.stage.name) ("
                + "\(highest.field.rawValue) \(value(highest.value, highest.field)) \(highest.trigger.rule.comparison.rawValue) "
                + "\(value(highest.trigger.rule.value, highest.field)), \"When: \(highest.trigger.when)\")"
        case .highestSignal:
            return readings + " (highest signal)"
        }
    }

    /// A trigger met above the stage, and what the decision tree says instead: "daily_active_users 171 meets Growth's
    /// "When: 100+ daily active users"; the decision tree keeps Early Traction (< 10K users? → Add Upstash Redis)".
    static func trigger(_ trigger: TriggerReading, stage: Stage, decision: DecisionBranch?) -> String {
        let met = "\(trigger.field.rawValue) \(value(trigger.value, trigger.field)) meets \(trigger.stage.name)'s "
            + "\"When: \(trigger.trigger.when)\""
        guard let decision else { return met }
        return met + "; the decision tree keeps \(stage.name) (\(decision.condition) → \(decision.advice))"
    }

    /// The stage rule, generated from `GuideCatalog.stageSignals`: the users' ranges, then one line per "When:" trigger.
    static var stageRuleLines: [String] {
        let users = GuideCatalog.stageSignals.first { $0.field == .users }!
        let ranges = users.rules.filter { $0.kind == .usersRange }.map {
            "\($0.comparison.rawValue) \(value($0.value, .users)) → \($0.stage.rawValue)"
        }
        var lines = ["users (the decision tree): below \(value(users.rules[0].value, .users)) → mvp; " + ranges.joined(separator: "; ")]
        for stage in Stage.allCases {
            let triggers = GuideCatalog.stageTriggers.filter { $0.stage == stage }
            guard let first = triggers.first else { continue }
            let conditions = triggers.map { "\($0.field.rawValue) \($0.rule.comparison.rawValue) \(value($0.rule.value, $0.field))" }
            lines.append("\(stage.rawValue) trigger (When: \(first.when)): " + conditions.joined(separator: " or "))
        }
        return lines
    }

    /// The rules' summaries, the default first.
    static var stageRuleSummary: String {
        "The stage rule in force is decision-tree unless --stage-rule, SCALECTL_STAGE_RULE or the policy's stage_rule "
            + "says highest-signal. " + StageRule.allCases.map(\.summary).joined(separator: " ")
    }
}
