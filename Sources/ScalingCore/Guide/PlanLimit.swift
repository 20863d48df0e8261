/// What to do ahead of a crossing: the guide's change that answers it.
public enum Preparation: Sendable, Equatable {
    /// The changes the guide lists for a stage.
    case stageChanges(Stage)
    /// One guide step.
    case step(GuideStep.ID)
    /// A threshold's action.
    case threshold(Threshold.ID)
    /// The guide's words, where no step or threshold carries them.
    case advice(String)
}

/// A limit of the stack's plans that usage grows into: a forecast says when it will be reached.
///
/// Derived from the price table's allowances, so each number is written once (``GuideCatalog/prices``); the guide's
/// thresholds are watched as the rules in force, with the limits a policy gives them.
public struct PlanLimit: Sendable, Equatable, Identifiable {
    public let id: String
    /// The price id of the plan whose limit it is.
    public let plan: PriceItem.ID
    public let field: SnapshotField
    public let comparison: Threshold.Comparison
    public let limit: Threshold.Limit
    /// "Upstash Redis: 10,000 commands/day free".
    public let label: String
    public let preparation: Preparation
    /// Who says the number.
    public let provenance: Attribution
}

extension GuideCatalog {
    /// The plan limits forecasts watch: every allowance of the price table.
    public static let planLimits: [PlanLimit] = prices.flatMap { item in
        item.allowances.map { allowance in
            PlanLimit(
                id: allowance.id, plan: item.id, field: allowance.field, comparison: .above, limit: .fixed(allowance.limit),
                label: "\(item.service): \(allowance.label)", preparation: allowance.preparation, provenance: allowance.provenance)
        }
    }
}
