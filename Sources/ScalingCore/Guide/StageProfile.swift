/// A range of total users, as the guide gives it for each stage: `lower` included, `upper` excluded.
public struct UserRange: Sendable, Equatable {
    public let lower: Int
    /// Nil for the open-ended top ("200K-1M" is the guide's text, but nothing stops at a million).
    public let upper: Int?
    /// The guide's own wording, such as "1K-10K".
    public let label: String

    public func contains(_ users: Double) -> Bool {
        users >= Double(lower) && upper.map { users < Double($0) } ?? true
    }
}

/// A monthly cost band in US dollars, as the guide's "Cost:" line gives it.
public struct CostBand: Sendable, Equatable {
    public let low: Double
    public let high: Double
    /// The guide's wording, such as "$0-20/month".
    public let label: String

    public func contains(_ amount: Double) -> Bool { amount >= low && amount <= high }
}

/// One change, upgrade or code optimization the guide lists for a stage.
public struct GuideStep: Sendable, Equatable, Identifiable {
    /// Stable id: the stage id, a dot, and a slug of the step (`growth.deno-deploy-pro`).
    public let id: String
    /// The guide's bold title, such as "Deno Deploy Pro ($20/month)".
    public let title: String
    /// The guide's bullets under the title.
    public let details: [String]
    /// The guide's code block for the step, verbatim, where it has one.
    public let snippet: String?
    /// Checklist ids whose completion means this step is done (it is also done when its own id is reported).
    public let doneWith: [ChecklistItem.ID]

    public init(_ id: String, _ title: String, details: [String] = [], snippet: String? = nil, doneWith: [ChecklistItem.ID] = []) {
        self.id = id
        self.title = title
        self.details = details
        self.snippet = snippet
        self.doneWith = doneWith
    }

    /// Whether the reported ids (checklist ids or step ids) mark this step as done.
    public func isDone(given done: Set<String>) -> Bool {
        done.contains(id) || (!doneWith.isEmpty && doneWith.allSatisfy(done.contains))
    }
}

/// A titled list of steps under a stage: "Changes Needed", "Infrastructure Upgrades", "Code Optimizations", …
public struct StageSection: Sendable, Equatable {
    public let heading: String
    public let steps: [GuideStep]
}

/// Everything the guide says about one stage.
public struct StageProfile: Sendable, Equatable {
    public let stage: Stage
    /// The display name: "Free MVP", "Early Traction", …
    public let name: String
    /// The guide's heading for the stage, verbatim.
    public let heading: String
    public let users: UserRange
    /// The guide's "When:" line, the event that says the stage has come; nil for the MVP, where one starts.
    public let trigger: String?
    public let cost: CostBand
    /// The stack at this stage, in the guide's words (the MVP's "Stack:" line; later stages add their changes).
    public let stack: String
    /// The changes the stage needs, in the guide's order.
    public let sections: [StageSection]
    /// A diagram the guide draws for the stage (the Scale stage's "Architecture Evolution").
    public let diagram: (heading: String, text: String)?
    /// Ids of the thresholds the guide lists under this stage's "Metrics to Watch".
    public let metricsToWatch: [Threshold.ID]

    /// Every step of every section, in order.
    public var steps: [GuideStep] { sections.flatMap(\.steps) }

    public static func == (lhs: StageProfile, rhs: StageProfile) -> Bool {
        lhs.stage == rhs.stage && lhs.heading == rhs.heading && lhs.sections == rhs.sections
    }
}
