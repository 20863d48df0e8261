/// What one signal says about the stage.
public struct SignalReading: Sendable, Equatable {
    public let field: SnapshotField
    public let value: Double
    public let placement: Stage
    /// The rule that placed it; nil when no rule holds (the MVP).
    public let rule: StageSignal.Rule?
}

/// How far one signal is from moving the app up: "4,200 more users to reach scale".
public struct StageDistance: Sendable, Equatable {
    public let field: SnapshotField
    public let current: Double
    /// The rule that would hold next.
    public let rule: StageSignal.Rule

    /// How much more of the field the rule needs (0 when a strict "above" rule just needs any increase).
    public var shortfall: Double { max(rule.value - current, 0) }
}

/// The stage a snapshot is at, and why.
public struct StageAssessment: Sendable, Equatable {
    public let stage: Stage
    /// Every signal the snapshot reports, in the rule table's order.
    public let readings: [SignalReading]
    /// The signals that decided the stage (their placement is the stage).
    public var deciding: [SignalReading] { readings.filter { $0.placement == stage } }
    /// Signals the snapshot does not report.
    public let missing: [SnapshotField]
    /// For each reported signal that can still move the app up, the next rule it would meet.
    public let distances: [StageDistance]
    /// Whether users are past the guide's last range (1M).
    public let beyondGuide: Bool
}

/// Why a snapshot cannot be staged.
public enum StageError: Error, Equatable, Sendable {
    /// None of the stage signals (users, daily active users, paying customers, MRR) is present.
    case noSignal(place: SourcePlace)
}

/// Applies the stage rule of `GuideCatalog.stageSignals` to a snapshot.
public enum StageClassifier {
    /// The stage of `snapshot`: the highest stage any of its signals places it at.
    public static func assess(_ snapshot: Snapshot, signals: [StageSignal] = GuideCatalog.stageSignals) throws(StageError)
        -> StageAssessment
    {
        var readings: [SignalReading] = []
        var missing: [SnapshotField] = []
        for signal in signals {
            guard let value = snapshot[signal.field] else {
                missing.append(signal.field)
                continue
            }
            let (stage, rule) = signal.placement(for: value)
            readings.append(SignalReading(field: signal.field, value: value, placement: stage, rule: rule))
        }
        guard let stage = readings.map(\.placement).max() else { throw .noSignal(place: snapshot.origin) }
        let distances = readings.compactMap { reading -> StageDistance? in
            let signal = signals.first { $0.field == reading.field }!
            guard let next = signal.rules.first(where: { $0.stage > stage }) else { return nil }
            return StageDistance(field: reading.field, current: reading.value, rule: next)
        }
        let beyond = (snapshot[.users] ?? 0) >= GuideCatalog.usersBeyondGuide
        return StageAssessment(stage: stage, readings: readings, missing: missing, distances: distances, beyondGuide: beyond)
    }
}
