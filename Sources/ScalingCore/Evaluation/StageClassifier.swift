/// What one signal says about the stage.
public struct SignalReading: Sendable, Equatable {
    public let field: SnapshotField
    public let value: Double
    /// The stage the signal alone places the app at (what `highest-signal` takes the highest of).
    public let placement: Stage
    /// The rule that placed it; nil when no rule holds (the MVP).
    public let rule: StageSignal.Rule?
}

/// A guide "When:" line that the snapshot meets: "mrr $12,000 meets Scale's When: $10K+ MRR".
public struct TriggerReading: Sendable, Equatable {
    public let trigger: StageTrigger
    public let value: Double
    /// Whether the trigger's stage is above the stage: the trigger says more than the stage does.
    public let isAboveStage: Bool

    public var stage: Stage { trigger.stage }
    public var field: SnapshotField { trigger.field }
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
    /// What decided the stage.
    public enum Basis: Sendable, Equatable {
        /// `users`, by the decision tree (`decision-tree`).
        case users
        /// The highest trigger met, since `users` is not reported (`decision-tree`).
        case triggersWithoutUsers
        /// The highest of every signal (`highest-signal`).
        case highestSignal
    }

    public let stage: Stage
    /// The rule the stage was decided by.
    public let rule: StageRule
    public let basis: Basis
    /// Every signal the snapshot reports, in the rule table's order.
    public let readings: [SignalReading]
    /// The signals that decided the stage.
    public var deciding: [SignalReading] {
        switch basis {
        case .users: readings.filter { $0.field == .users }
        case .triggersWithoutUsers, .highestSignal: readings.filter { $0.placement == stage }
        }
    }
    /// Every "When:" trigger met, in stage order (at, below or above the stage).
    public let triggers: [TriggerReading]
    /// The triggers met whose stage is above the stage: reported beside it, never raising it.
    public var triggersAbove: [TriggerReading] { triggers.filter(\.isAboveStage) }
    /// Signals the snapshot does not report.
    public let missing: [SnapshotField]
    /// What would move the stage up: under `decision-tree` with users, the users the next range needs; otherwise, for
    /// each reported signal that can still move the app up, the next rule it would meet.
    public let distances: [StageDistance]
    /// Under `decision-tree`: the triggers of stages above this one that the reported signals do not meet yet.
    public let triggersToReach: [StageDistance]
    /// Whether users are past the guide's last range (1M).
    public let beyondGuide: Bool
}

/// Why a snapshot cannot be staged.
public enum StageError: Error, Equatable, Sendable {
    /// None of the stage signals (users, daily active users, paying customers, MRR) is present.
    case noSignal(place: SourcePlace)
}

/// Reads the stage of a snapshot from `GuideCatalog.stageSignals`, under a ``StageRule``.
public enum StageClassifier {
    /// The stage of `snapshot` under `rule`: by default where its users fall in the decision tree, with the "When:"
    /// triggers it meets reported beside it.
    public static func assess(
        _ snapshot: Snapshot, rule: StageRule = .standard, signals: [StageSignal] = GuideCatalog.stageSignals
    ) throws(StageError) -> StageAssessment {
        var readings: [SignalReading] = []
        var missing: [SnapshotField] = []
        var met: [(trigger: StageTrigger, value: Double)] = []
        for signal in signals {
            guard let value = snapshot[signal.field] else {
                missing.append(signal.field)
                continue
            }
            let (stage, rule) = signal.placement(for: value)
            readings.append(SignalReading(field: signal.field, value: value, placement: stage, rule: rule))
            for rule in signal.rules where rule.kind == .trigger && rule.holds(for: value) {
                met.append((StageTrigger(field: signal.field, rule: rule), value))
            }
        }
        met.sort { $0.trigger.stage < $1.trigger.stage }

        let users = readings.first { $0.field == .users }
        let stage: Stage
        let basis: StageAssessment.Basis
        switch rule {
        case .decisionTree:
            if let users {
                stage = GuideCatalog.decision(forUsers: users.value).stage
                basis = .users
            } else {
                guard !readings.isEmpty else { throw .noSignal(place: snapshot.origin) }
                stage = met.map(\.trigger.stage).max() ?? .mvp
                basis = .triggersWithoutUsers
            }
        case .highestSignal:
            guard let highest = readings.map(\.placement).max() else { throw .noSignal(place: snapshot.origin) }
            stage = highest
            basis = .highestSignal
        }

        func nextRule(_ reading: SignalReading, kinds: Set<StageSignal.Rule.Kind>) -> StageDistance? {
            let signal = signals.first { $0.field == reading.field }!
            guard let next = signal.rules.first(where: { $0.stage > stage && kinds.contains($0.kind) && !$0.holds(for: reading.value) })
            else { return nil }
            return StageDistance(field: reading.field, current: reading.value, rule: next)
        }
        let distances: [StageDistance]
        var toReach: [StageDistance] = []
        if basis == .users, let users {
            distances = nextRule(users, kinds: [.usersRange]).map { [$0] } ?? []
            toReach = readings.compactMap { nextRule($0, kinds: [.trigger]) }
        } else {
            distances = readings.compactMap { nextRule($0, kinds: [.usersRange, .trigger]) }
        }
        return StageAssessment(
            stage: stage, rule: rule, basis: basis, readings: readings,
            triggers: met.map { TriggerReading(trigger: $0.trigger, value: $0.value, isAboveStage: $0.trigger.stage > stage) },
            missing: missing, distances: distances, triggersToReach: toReach,
            beyondGuide: (snapshot[.users] ?? 0) >= GuideCatalog.usersBeyondGuide)
    }
}
