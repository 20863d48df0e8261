/// A stage of the scaling guide, from the free MVP to enterprise, ordered by size.
///
/// The raw value is the stable identifier used on the command line and in JSON output;
/// `number` is the guide's stage number (the MVP is stage 0).
public enum Stage: String, CaseIterable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// "Current Setup (Free MVP)": 0–1,000 users on free tiers.
    case mvp = "mvp"
    /// "Stage 1: Early Traction": 1K–10K users, first paying customers.
    case earlyTraction = "early-traction"
    /// "Stage 2: Growth": 10K–50K users, 100+ daily active users.
    case growth = "growth"
    /// "Stage 3: Scale": 50K–200K users, $10K+ MRR.
    case scale = "scale"
    /// "Stage 4: Enterprise": 200K–1M users, $100K+ MRR.
    case enterprise = "enterprise"

    /// The guide's stage number: 0 for the MVP up to 4 for enterprise.
    public var number: Int { Stage.allCases.firstIndex(of: self)! }

    /// The guide's display name, such as "Early Traction".
    public var name: String { GuideCatalog.profile(for: self).name }

    /// The stage after this one, or nil at enterprise.
    public var next: Stage? { number + 1 < Stage.allCases.count ? Stage.allCases[number + 1] : nil }

    public var description: String { rawValue }

    public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.number < rhs.number }

    /// Parses an identifier, number or display name, ignoring case: `growth`, `2`, `Early Traction`, `early_traction`.
    public init?(parsing text: String) {
        let key = text.lowercased().filter { $0.isLetter || $0.isNumber }
        guard
            let match = Stage.allCases.first(where: { stage in
                [stage.rawValue, String(stage.number), stage.name].contains { name in
                    name.lowercased().filter { $0.isLetter || $0.isNumber } == key
                }
            })
        else { return nil }
        self = match
    }
}
