/// Who says each row of the catalog: the guide's rows quote it, scalectl's own rows give their reason.
extension StageProfile {
    /// The stage itself: its heading, with the users' range.
    public var provenance: Attribution { .guide(section: heading, quote: heading) }
    /// The "Cost:" line.
    public var costProvenance: Attribution { .guide(section: heading, quote: "Cost: \(cost.label)") }
    /// The "When:" line, if the stage has one.
    public var triggerProvenance: Attribution? { trigger.map { .guide(section: heading, quote: "When: \($0)") } }
    /// The stack line: the guide writes one only for the MVP; for the other stages it is scalectl's summary of the stage's
    /// changes (and, for Scale, of the boxes of its Architecture Evolution diagram).
    public var stackProvenance: Attribution {
        if stage == .mvp { return .guide(section: heading, quote: "Stack: \(stack)") }
        let from = diagram.map { "the boxes of its \($0.heading) diagram" } ?? "the changes listed under it"
        return .scalectl(reason: "the guide writes a stack only for the MVP: scalectl's line joins \(from)", borrowsFrom: heading)
    }

    /// A step of one of the stage's sections: its title, under the section's heading.
    public func provenance(of step: GuideStep) -> Attribution {
        let section = sections.first { $0.steps.contains { $0.id == step.id } }
        return .guide(section: GuideSection.path(heading, section?.heading ?? ""), quote: step.title)
    }
}

extension StageSignal.Rule {
    /// A users' range is the stage's heading; a trigger its "When:" line.
    public var provenance: Attribution { .guide(section: GuideCatalog.profile(for: stage).heading, quote: basis) }
}

extension DecisionBranch {
    /// The guide's line: "< 10K users? → Add Upstash Redis".
    public var provenance: Attribution { .guide(section: GuideSection.decisionTree, quote: "\(condition) → \(advice)") }
}

extension Playbook {
    /// A step, under the playbook's title.
    public func provenance(of step: PlaybookStep) -> Attribution {
        .guide(section: GuideSection.path(GuideSection.migration, title), quote: ([step.title] + step.lines).joined(separator: " "))
    }
}

extension CostTip {
    public var provenance: Attribution { .guide(section: GuideSection.costTips, quote: ([title] + points).joined(separator: " ")) }
}

extension ReviewItem {
    /// A line of Daily Checks or Weekly Reviews.
    public func provenance(daily: Bool) -> Attribution {
        .guide(section: daily ? GuideSection.dailyChecks : GuideSection.weeklyReviews, quote: text)
    }
}

extension SupportResource {
    public var provenance: Attribution {
        .guide(section: GuideSection.path(GuideSection.support, tier), quote: name + (detail.map { ": \($0)" } ?? ""))
    }
}

/// One claim of the catalog and who says it, for tests and for the JSON of `guide`.
public struct CatalogClaim: Sendable, Equatable, CustomStringConvertible {
    /// What the claim is about: "threshold response-time: severity".
    public let subject: String
    public let provenance: Attribution

    public var description: String { subject }
}

extension GuideCatalog {
    /// Every claim of the catalog with its provenance: stages, steps, checklist items, thresholds, prices, plan limits,
    /// playbooks, tips, monitoring lines, support, the decision tree and the stage signals.
    public static var claims: [CatalogClaim] {
        var claims: [CatalogClaim] = []
        func add(_ subject: String, _ provenance: Attribution?) {
            if let provenance { claims.append(CatalogClaim(subject: subject, provenance: provenance)) }
        }
        for profile in stages {
            let name = "stage \(profile.stage.rawValue)"
            add(name, profile.provenance)
            add("\(name): cost", profile.costProvenance)
            add("\(name): when", profile.triggerProvenance)
            add("\(name): stack", profile.stackProvenance)
            for step in profile.steps { add("step \(step.id)", profile.provenance(of: step)) }
        }
        for item in checklist {
            add("checklist \(item.id)", item.provenance)
            add("checklist \(item.id): expected from", item.expectation)
        }
        for threshold in thresholds {
            let sources = threshold.sources
            add("threshold \(threshold.id)", sources.definition)
            add("threshold \(threshold.id): limit", sources.limit)
            add("threshold \(threshold.id): severity", sources.severity)
            add("threshold \(threshold.id): action", sources.action)
        }
        for item in prices {
            add("price \(item.id)", item.provenance)
            add("price \(item.id): stages", item.replacedBecause)
        }
        for limit in planLimits { add("plan limit \(limit.id)", limit.provenance) }
        for path in migrationPaths { for step in path.steps { add("playbook \(path.id): \(step.title)", path.provenance(of: step)) } }
        for tip in costTips { add("cost tip \(tip.title)", tip.provenance) }
        for item in dailyChecks { add("daily check \(item.text)", item.provenance(daily: true)) }
        for item in weeklyReviews { add("weekly review \(item.text)", item.provenance(daily: false)) }
        for resource in supportResources { add("support \(resource.name)", resource.provenance) }
        for branch in decisionTree { add("decision \(branch.condition)", branch.provenance) }
        for signal in stageSignals {
            for rule in signal.rules { add("signal \(signal.field.rawValue) → \(rule.stage.rawValue)", rule.provenance) }
        }
        return claims
    }
}
