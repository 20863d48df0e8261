/// Where an effective setting of a threshold comes from, lowest precedence first.
public enum Provenance: Sendable, Equatable, CustomStringConvertible {
    /// A row of the guide's tables: the guide's words, or scalectl's own judgement where the guide says nothing.
    case catalog(Attribution)
    /// scalectl's own default, where the guide says nothing (failing on warnings, say).
    case builtIn
    /// The preset for the app's stage: a plan limit of the stage's stack.
    case preset(Stage)
    /// A policy file, and the line the setting is on.
    case policyFile(path: String, line: Int?)
    /// An environment variable.
    case environment(String)
    /// A command-line option.
    case flag(String)

    /// The short section of a catalog origin, for "defined (scalectl) after the guide's Daily Checks".
    public var shortSection: String? {
        if case .catalog(let claim) = self { return claim.shortSection }
        return nil
    }

    public var description: String {
        switch self {
        case .catalog(let claim) where claim.isGuide: "guide (\(claim.shortSection ?? ""))"
        case .catalog: "scalectl's own judgement"
        case .builtIn: "default"
        case .preset(let stage): "preset for \(stage.rawValue)"
        // A path and a variable's name come from outside: shown with control and bidi characters escaped.
        case .policyFile(let path, let line): "policy \(sanitizedForTerminal(path))" + (line.map { ":\($0)" } ?? "")
        case .environment(let name): "environment \(sanitizedForTerminal(name))"
        case .flag(let option): "flag \(option)"
        }
    }
}

/// The settings of a threshold whose origin is tracked.
public enum RuleSetting: String, Sendable, CaseIterable, Hashable {
    /// The threshold itself: its metric and comparison.
    case definition
    case limit
    case severity
    case sustain = "for"
    case ratchet
    case require
    /// What to do when it is breached.
    case action
}

/// How long a breach must hold before it counts, as Prometheus alert rules' `for`.
public enum Sustain: Sendable, Equatable, CustomStringConvertible {
    /// The last N snapshots must all breach.
    case snapshots(Int)
    /// The breach must have held for this many seconds (from its first breaching snapshot to the latest).
    case duration(Double)

    public var description: String {
        switch self {
        case .snapshots(let count): "\(count) snapshot\(count == 1 ? "" : "s")"
        case .duration(let seconds): TimeSpan.format(seconds)
        }
    }
}

/// A limit that follows the best value seen: the latest may not be worse than the best by more than a tolerance.
public struct Ratchet: Sendable, Equatable {
    public enum Tolerance: Sendable, Equatable, CustomStringConvertible {
        /// A share of the best value: 0.1 is 10%.
        case relative(Double)
        /// An amount in the metric's unit.
        case absolute(Double)

        public var description: String {
            switch self {
            case .relative(let share): Quantity.trimmedDecimal(share * 100, maxDecimals: 2) + "%"
            case .absolute(let amount): Quantity.formatPlain(amount)
            }
        }
    }

    public var tolerance: Tolerance
    /// The severity a ratchet failure has.
    public var severity: Severity
}

/// A threshold as it is applied: the guide's row after presets, the policy file, the environment and flags,
/// with the origin of each setting.
public struct GateRule: Sendable, Equatable, Identifiable {
    public let id: String
    public var metric: Metric
    /// Which side of the limit is a breach (and, for a ratchet, which direction is worse).
    public var comparison: Threshold.Comparison
    /// Levels from most to least severe; empty for a ratchet-only rule.
    public var levels: [Threshold.Level]
    public var action: String
    public var guideText: [String]
    public var source: String
    public var sustain: Sustain? = nil
    public var ratchet: Ratchet? = nil
    /// An unknown verdict fails the gate instead of being reported only.
    public var require: Bool = false
    /// The plan (a price id) whose allowance the rule watches; it applies only at stages whose stack has the plan.
    public var plan: PriceItem.ID? = nil
    public var provenance: [RuleSetting: Provenance]

    public init(
        id: String, metric: Metric, comparison: Threshold.Comparison, levels: [Threshold.Level], action: String,
        guideText: [String] = [], source: String, provenance: [RuleSetting: Provenance]
    ) {
        self.id = id
        self.metric = metric
        self.comparison = comparison
        self.levels = levels
        self.action = action
        self.guideText = guideText
        self.source = source
        self.provenance = provenance
    }

    /// Every field the rule reads: its metric's, then the fields its levels' limits name.
    public var fieldsRead: [SnapshotField] {
        var fields = metric.expression.fields
        for level in levels {
            if case .field(let field) = level.limit, !fields.contains(field) { fields.append(field) }
        }
        return fields
    }

    /// The guide's threshold as a rule, every setting from the guide.
    public init(guide threshold: Threshold) {
        let sources = threshold.sources
        self.init(
            id: threshold.id, metric: Metric(threshold.metric), comparison: threshold.comparison, levels: threshold.levels,
            action: threshold.action, guideText: threshold.guideText, source: threshold.source,
            provenance: [
                .definition: .catalog(sources.definition), .limit: .catalog(sources.limit), .severity: .catalog(sources.severity),
                .action: .catalog(sources.action),
            ])
        plan = threshold.plan
    }

    /// Why the rule does not apply at `stage`, or nil when it does: a plan's allowance outside the stages whose stack
    /// has the plan (the guide prices Deno Deploy Pro, and its 10 million requests, from Growth; Enterprise replaces it).
    public func notApplicable(at stage: Stage) -> String? {
        guard let plan, let item = GuideCatalog.price(plan), !item.applies(to: stage) else { return nil }
        let allowance = item.includes.map { "'s \($0.label)" } ?? ""
        let span = item.through.map { "from \(item.from.name) through \($0.name)" } ?? "from \(item.from.name)"
        let source: String
        switch item.provenance {
        case .guide(_, let quote): source = "the guide's \"\(quote)\", \(item.provenance.shortSection ?? "")"
        case .scalectl(let reason, _): source = "scalectl: \(reason)"
        }
        return "\(item.service)\(allowance) applies \(span) (\(source)); at \(stage.name) the stack is not on it"
    }

    /// Where a setting comes from: its own origin, or the rule's definition.
    public func origin(of setting: RuleSetting) -> Provenance {
        provenance[setting] ?? provenance[.definition] ?? .builtIn
    }

    /// The least severe level's severity (a ratchet-only rule has the ratchet's).
    public var leastSeverity: Severity? { levels.map(\.severity).min() ?? ratchet?.severity }
}
