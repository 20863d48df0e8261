/// Who says a claim: the guide, in its own words, or scalectl, with its reason.
///
/// Every row of the guide's tables carries one, so `guide`, `advise`, `check --explain` and `policy show` tell the
/// guide's statements from scalectl's own judgements, and a test holds every quote against the guide's text.
///
/// ```swift
/// .guide(section: "Stage 1: Early Traction (1K-10K users) › Metrics to Watch", quote: "Error rate > 1% → Fix bugs")
/// .scalectl(reason: "the guide ranks no metric", borrowsFrom: nil)
/// ```
public enum Attribution: Sendable, Equatable {
    /// The guide says it: `section` is its heading path (headings joined by " › "), `quote` its own words, verbatim
    /// but for Markdown markup and line breaks.
    case guide(section: String, quote: String)
    /// scalectl's own judgement: why, and the guide section it borrows from, if any.
    case scalectl(reason: String, borrowsFrom: String?)

    /// scalectl's judgement without a section to borrow from.
    public static func scalectl(_ reason: String) -> Attribution { .scalectl(reason: reason, borrowsFrom: nil) }

    /// Whether the guide says it.
    public var isGuide: Bool { if case .guide = self { true } else { false } }

    /// The section in few words, for a text line: "Stage 1 › Metrics to Watch", "Daily Checks", "Emergency Scaling".
    public var shortSection: String? {
        section.map { section in
            let parts = section.split(separator: " › ").map(String.init)
            guard let first = parts.first else { return section }
            if first.hasPrefix("Stage ") || first == GuideSection.mvp {
                let stage = first == GuideSection.mvp ? "MVP" : String(first.prefix { $0 != ":" })
                return parts.count > 1 ? "\(stage) › \(parts.last!)" : stage
            }
            return parts.last!
        }
    }

    /// The guide section named: the one quoted, or the one borrowed from.
    public var section: String? {
        switch self {
        case .guide(let section, _): section
        case .scalectl(_, let section): section
        }
    }
}

/// The guide's headings, as a section path uses them.
public enum GuideSection {
    public static let mvp = "Current Setup (Free MVP)"
    public static let stage1 = "Stage 1: Early Traction (1K-10K users)"
    public static let stage2 = "Stage 2: Growth (10K-50K users)"
    public static let stage3 = "Stage 3: Scale (50K-200K users)"
    public static let stage4 = "Stage 4: Enterprise (200K-1M users)"
    public static let checklist = "Performance Optimization Checklist"
    public static let costTips = "Cost Optimization Tips › Save Money at Each Stage"
    public static let migration = "Migration Paths"
    public static let dailyChecks = "Monitoring Key Metrics › Daily Checks"
    public static let weeklyReviews = "Monitoring Key Metrics › Weekly Reviews"
    public static let support = "Support Resources › When You Need Help"
    public static let decisionTree = "Decision Tree"

    /// "Stage 2: Growth (10K-50K users) › Infrastructure Upgrades".
    public static func path(_ parts: String...) -> String { parts.joined(separator: " › ") }
}
