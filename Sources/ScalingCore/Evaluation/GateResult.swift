/// A `check` run: the rules applied to the latest snapshot of a series, and whether the gate fails.
public struct GateResult: Sendable, Equatable {
    public let series: SnapshotSeries
    public let verdicts: [ThresholdVerdict]
    /// The least severe breach that fails the gate.
    public let failOn: Severity
    /// Whether every unknown fails the gate (`--require-all`), not only those of required rules.
    public let requireAll: Bool

    public init(series: SnapshotSeries, verdicts: [ThresholdVerdict], failOn: Severity, requireAll: Bool = false) {
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
