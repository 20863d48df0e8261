/// What an action answers: a breached threshold, a due guide step, or a forecast crossing within the horizon.
public enum ActionAnswer: Sendable, Equatable {
    /// A threshold breached at the latest snapshot.
    case breach(ThresholdVerdict)
    /// A change of the stage (or an earlier one) not reported done.
    case due(Stage)
    /// A crossing forecast within the horizon.
    case forecast(Forecast)
}

/// One thing to do now: what it answers, the guide step that fixes it, and why.
public struct Action: Sendable, Equatable {
    /// Why the action is on the list, most urgent first: the order of ``ActionPlan/actions``.
    public enum Kind: String, Sendable, Equatable, CaseIterable, Comparable {
        /// A critical threshold is breached.
        case critical
        /// A warning threshold is breached.
        case warning
        /// A change of the stage (or an earlier one) is not reported done.
        case due
        /// A forecast crossing falls within the horizon.
        case forecast

        public static func < (lhs: Kind, rhs: Kind) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
    }

    /// 1 for the first action.
    public let rank: Int
    /// The most urgent of the answers' kinds.
    public let kind: Kind
    /// What the action answers, most urgent first: one step can answer a breach, a due change and a forecast at once.
    public let answers: [ActionAnswer]
    /// The guide step that fixes it; nil when the guide's answer is no step (the error rate's "Fix bugs").
    public let step: GuideStep?
    /// What to do, in the guide's words: the threshold's action, or the step's stage.
    public let why: String
}

/// The ordered list `advise` opens with: critical breaches, then warnings, then the stage's due steps, then forecast
/// crossings within the horizon. Each guide step appears once: a step that answers several things is one action
/// listing them all, at the place of the most urgent.
public struct ActionPlan: Sendable, Equatable {
    public let actions: [Action]

    /// Checklist items that complete a step of the plan: the checklist does not list them again under another name.
    public var coveredChecklist: Set<ChecklistItem.ID> { Set(actions.compactMap(\.step).flatMap(\.doneWith)) }

    public init(_ advice: Advice) {
        struct Draft {
            var kind: Action.Kind
            var answers: [ActionAnswer]
            var step: GuideStep?
            var why: String
        }
        var drafts: [Draft] = []
        func add(_ kind: Action.Kind, _ answer: ActionAnswer, step: GuideStep?, why: String) {
            if let step, let index = drafts.firstIndex(where: { $0.step?.id == step.id }) {
                drafts[index].answers.append(answer)
                // A due step's why only says it is due: what it also answers says more.
                if drafts[index].kind == .due && drafts[index].answers.count == 2 { drafts[index].why = why }
            } else {
                drafts.append(Draft(kind: kind, answers: [answer], step: step, why: why))
            }
        }
        let done = advice.done
        /// The step fixing a threshold or forecast target, when the guide has one not reported done.
        func fix(_ id: String) -> GuideStep? {
            guard let stepID = GuideCatalog.thresholdFixes[id], let step = GuideCatalog.step(stepID), !step.isDone(given: done)
            else { return nil }
            return step
        }
        for verdict in advice.verdictsByUrgency {
            guard let severity = verdict.severity else { continue }
            add(
                severity == .critical ? .critical : .warning, .breach(verdict), step: fix(verdict.threshold.id),
                why: verdict.threshold.action)
        }
        for item in advice.nextSteps where item.reason == .due {
            add(.due, .due(item.stage), step: item.step, why: "\(GuideCatalog.profile(for: item.stage).heading): not reported done")
        }
        for item in advice.preparations {
            let step = item.steps.first ?? fix(item.forecast.target.id)
            let why: String
            if let stage = item.stage, case .stageChanges = item.forecast.target.preparation {
                let more = item.steps.count - 1
                why =
                    "Prepare \(GuideCatalog.profile(for: stage).heading)"
                    + (more > 0 ? " (and \(more) more of its \(more == 1 ? "step" : "steps") under Next steps)" : "")
            } else {
                why = item.action ?? "Prepare before \(item.forecast.target.label)"
            }
            add(.forecast, .forecast(item.forecast), step: step, why: why)
        }
        actions = drafts.enumerated().map { index, draft in
            Action(rank: index + 1, kind: draft.kind, answers: draft.answers, step: draft.step, why: draft.why)
        }
    }
}

extension Advice {
    /// The checklist and step ids that count as done: those reported, and the steps a reported field shows are in place
    /// (``GuideCatalog/stepEvidence``).
    public var done: Set<String> { snapshot.doneIDs.union(GuideCatalog.evidencedSteps(snapshot)) }

    /// What to do now, in order.
    public var actionPlan: ActionPlan { ActionPlan(self) }
}

extension GuideCatalog {
    /// The guide step that fixes a threshold's breach (or prepares for its forecast crossing), by threshold id; a
    /// threshold without one (the error rate's "Fix bugs") keeps its action alone.
    public static let thresholdFixes: [Threshold.ID: GuideStep.ID] = [
        "response-time": "growth.response-caching",
        "cache-hit-rate": "growth.response-caching",
        "database-cpu": "early-traction.query-indexes",
        "request-count": "growth.cdn",
        "database-connections": "growth.connection-pooling",
    ]

    /// Steps a reported field shows are already taken: `redis_commands_per_day` is counted by a Redis that is there.
    public static let stepEvidence: [(step: GuideStep.ID, field: SnapshotField)] = [
        ("early-traction.upstash-redis", .redisCommandsPerDay)
    ]

    /// The steps `snapshot`'s reported fields show are taken.
    static func evidencedSteps(_ snapshot: Snapshot) -> Set<String> {
        Set(stepEvidence.filter { snapshot[$0.field].map { $0 > 0 } ?? false }.map(\.step))
    }
}
