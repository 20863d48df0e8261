/// A `check` run: the rules applied to the latest snapshot of a series, and whether the gate fails.
public struct GateResult: Sendable, Equatable {
    public let series: SnapshotSeries
    public let verdicts: [ThresholdVerdict]
    /// The least severe breach that fails the gate.
    public let failOn: Severity
    /// Whether every unknown fails the gate (`--require-all`), not only those of required rules.
    public let requireAll: Bool

    /// Rules that do not apply at the stage, with the reason: reported, never a breach or an unknown.
    public var notApplicable: [EffectivePolicy.NotApplicableRule] = []

    public init(
        series: SnapshotSeries, verdicts: [ThresholdVerdict], failOn: Severity, requireAll: Bool = false,
        notApplicable: [EffectivePolicy.NotApplicableRule] = []
    ) {
        self.notApplicable = notApplicable
        self.series = series
        self.verdicts = verdicts
        self.failOn = failOn
        self.requireAll = requireAll
    }

    /// Whether this verdict fails the gate: a breach at or above `failOn`, or an unknown that is required.
    public func fails(_ verdict: ThresholdVerdict) -> Bool {
        ThresholdEvaluator.fails([verdict], at: failOn, requireAll: requireAll)
    }

    public var failed: Bool { verdicts.contains(where: fails) }

    /// Counts for summaries.
    public var passed: Int { verdicts.filter { $0.status == .pass }.count }
    public var breached: Int { verdicts.filter { $0.severity != nil }.count }
    public var pending: Int { verdicts.filter { if case .pending = $0.status { true } else { false } }.count }
    public var unknown: Int { verdicts.filter(\.isUnknown).count }

    /// Where the verdict's metric is in the input file: the field's place in the latest snapshot, or the snapshot's.
    public func place(of verdict: ThresholdVerdict) -> SourcePlace {
        if let carried = verdict.asOf { return carried.place }  // judged on an earlier snapshot's value
        let latest = series.latest
        for field in verdict.threshold.metric.expression.fields {
            if let place = latest.places[field] { return place }
        }
        return latest.origin
    }
}

/// A key of the input that names no field but is close to one a threshold needed: `latency_p95ms` for
/// `response_p95_ms`.
public struct MisspelledKey: Sendable, Equatable {
    public let key: String
    public let suggestion: String
    public let place: SourcePlace
}

/// Why a gate gives no verdict.
public enum GateError: Error, Equatable, Sendable {
    /// No threshold could be evaluated (every one is unknown), so a pass would have checked nothing: the fields the
    /// thresholds need, the unknown keys close to them, and the fields whose latest value is older than `--max-age`.
    case nothingChecked(source: String, lookedFor: [SnapshotField], misspelled: [MisspelledKey], expired: [SnapshotField])
    /// `diff`: the two inputs share no numeric field, so there was nothing to compare.
    case nothingCompared(base: String, new: String)
}

extension GateResult {
    /// Whether no threshold could be evaluated: every verdict is unknown.
    public var checkedNothing: Bool { verdicts.allSatisfy(\.isUnknown) }

    /// The error a gate that checked nothing gives, naming what it looked for; nil when something was checked.
    public var nothingCheckedError: GateError? {
        guard checkedNothing else { return nil }
        var fields: [SnapshotField] = []
        for verdict in verdicts {
            for field in verdict.threshold.fieldsRead where !fields.contains(field) { fields.append(field) }
        }
        let names = Set(fields.map(\.rawValue))
        var misspelled: [MisspelledKey] = []
        for warning in series.warnings {
            // A suggestion may be an alias: it counts when the field it names is one the thresholds needed.
            if case .unknownField(let place, let key, let suggestion?) = warning,
                let field = FieldCatalog.field(named: suggestion), names.contains(field.rawValue)
            {
                misspelled.append(MisspelledKey(key: key, suggestion: suggestion, place: place))
            }
        }
        let expired = verdicts.compactMap { verdict -> SnapshotField? in
            if case .unknown(.expired(let value, _)) = verdict.status { return value.field }
            return nil
        }
        return .nothingChecked(source: series.source, lookedFor: fields, misspelled: misspelled, expired: expired)
    }
}
