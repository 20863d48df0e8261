/// Shared phrasing of values, rules and verdicts, so text, Markdown and JSON say the same thing.
enum Wording {
    static func value(_ value: Double, _ field: SnapshotField) -> String {
        Quantity.format(value, as: field.spec.kind)
    }

    /// A metric's value: in its kind's units, or a plain number for arithmetic.
    static func value(_ value: Double, _ metric: Metric, precise: Bool = false) -> String {
        guard let kind = metric.kind else { return Quantity.trimmedDecimal(value, maxDecimals: precise ? 10 : 4) }
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
    static func history(of verdict: ThresholdVerdict) -> String? {
        var parts: [String] = []
        let run = "\(verdict.breachedRun) snapshot\(verdict.breachedRun == 1 ? "" : "s")"
        let since = verdict.breachedSince.map { " since \(Timestamp.format($0))" } ?? ""
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

    /// "$20" or "$0–$10".
    static func moneyRange(_ low: Double, _ high: Double) -> String {
        low == high ? Quantity.format(low, as: .money) : "\(Quantity.format(low, as: .money))–\(Quantity.format(high, as: .money))"
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
        return "\(value(distance.shortfall, distance.field)) more \(label)"
    }

    /// "to reach scale: 25,500 more users, or $6,800 more MRR".
    static func distances(_ assessment: StageAssessment) -> String? {
        guard let next = assessment.stage.next, !assessment.distances.isEmpty else { return nil }
        let parts = assessment.distances.map { item in
            item.rule.stage > next ? "\(distance(item)) (reaches \(item.rule.stage.rawValue))" : distance(item)
        }
        return "to reach \(next.rawValue): " + parts.joined(separator: ", or ")
    }

    /// The stage rule, generated from `GuideCatalog.stageSignals`, one line per signal.
    static var stageRuleLines: [String] {
        GuideCatalog.stageSignals.map { signal in
            let rules = signal.rules.map { "\($0.comparison.rawValue) \(value($0.value, signal.field)) → \($0.stage.rawValue)" }
            return "\(signal.field.rawValue): " + rules.joined(separator: "; ")
        }
    }

    static let stageRuleSummary = "Each signal places the app at a stage (below every rule: mvp); the stage is the highest of them."
}
