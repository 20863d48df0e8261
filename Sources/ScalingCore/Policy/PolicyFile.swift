/// Why a policy cannot be used. Each case says where, and what was expected.
public enum PolicyError: Error, Equatable, Sendable {
    /// The policy file could not be read.
    case unreadable(path: String, reason: String)
    /// The policy file is not valid JSON.
    case syntax(file: String, JSONSyntaxError)
    /// A value or key of the policy file is wrong: `path` is the JSON path (`thresholds[2].limit`).
    case invalid(place: SourcePlace, path: String, reason: String)
    /// An environment variable or command-line option that overrides the policy is wrong.
    case override(source: String, value: String, reason: String)
}

/// A value read from a policy file, with the line it is on.
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
    public let value: Value
    public let line: Int
}

/// Settings that a policy, one of its stage sections, the environment or a flag may change on a threshold.
public struct RuleOverrides: Sendable, Equatable {
    public var limit: Located<Threshold.Limit>? = nil
    public var severity: Located<Severity>? = nil
    /// Several levels at once, most severe first.
    public var levels: Located<[Threshold.Level]>? = nil
    public var disabled: Located<Bool>? = nil
    public var sustain: Located<Sustain>? = nil
    public var ratchet: Located<Ratchet.Tolerance>? = nil
    public var require: Located<Bool>? = nil
}

/// One entry of a policy's `thresholds`: changes to a guide threshold, or a new one.
public struct PolicyThreshold: Sendable, Equatable {
    public let id: String
    public let line: Int
    /// The entry's JSON path, `thresholds[2]`, for errors found after reading.
    public let path: String
    /// For a new threshold: what it measures, which side is bad, and what to do.
    public var metric: Located<Metric>? = nil
    public var comparison: Located<Threshold.Comparison>? = nil
    public var action: Located<String>? = nil
    public var overrides = RuleOverrides()
    /// Changes from a stage on, in stage order: "a stricter p95 from scale on".
    public var stages: [StageSection] = []

    /// A threshold's `stages.<stage>` section.
    public struct StageSection: Sendable, Equatable {
        public let stage: Stage
        public let overrides: RuleOverrides
    }
}

/// A policy file (`--policy FILE` or `.scalectl.json`) as read, before it is applied to the guide's thresholds.
public struct PolicyFile: Sendable, Equatable {
    public let path: String
    public var failOn: Located<Severity>? = nil
    public var requireAll: Located<Bool>? = nil
    /// The regression every metric may have in `diff` before it fails: `"10%"` (relative) or `"0.5pp"` (rates).
    public var failOnRegression: Located<RegressionAllowance>? = nil
    /// Per-metric regression allowances for `diff`: `"10%"`, `"0.5pp"` for a rate, or an amount such as `"$50"`.
    public var regression: [SnapshotField: Located<RegressionAllowance>] = [:]
    public var thresholds: [PolicyThreshold] = []
    /// How the stage is decided (`"stage_rule": "highest-signal"`).
    public var stageRule: Located<StageRule>? = nil
    /// How old a latest known value may be before it is unknown, in seconds (`"max_age": "14d"`).
    public var maxAge: Located<Double>? = nil
    /// Monthly prices in place of the guide's, by price id (`"prices": {"neon-pro": 69}`).
    public var prices = PriceOverrides()

    /// The keys a policy file may have at the top, and in each threshold; anything else is an error.
    static let topKeys = [
        "$schema", "description", "fail_on", "require_all", "fail_on_regression", "regression", "stage_rule", "max_age", "thresholds",
        "prices",
    ]
    static let thresholdKeys = [
        "id", "metric", "comparison", "limit", "severity", "levels", "disabled", "for", "ratchet", "tolerance", "require",
        "action", "stages", "description",
    ]
    static let stageKeys = ["limit", "severity", "levels", "disabled", "for", "ratchet", "tolerance", "require"]

    /// Why a field cannot be the limit of a metric (its unit differs), or nil when it can.
    ///
    /// `"limit": "db_connection_limit"` on connections is a count against a count; `"limit": "mrr"` on an error rate
    /// would compare a share with dollars.
    static func mismatch(limitField field: SnapshotField, metric: Metric?) -> String? {
        guard let kind = metric?.kind, kind != field.spec.kind else { return nil }
        return "\(field.rawValue) holds \(field.spec.kind.noun), but \(metric!) is \(kind.noun): a limit must be in the metric's unit"
    }

    /// Reads a policy from JSON text; every error points at the line, column and JSON path.
    public static func parse(_ bytes: [UInt8], path: String) throws(PolicyError) -> PolicyFile {
        let root: JSONNode
        do { root = try JSONReader.parse(bytes) } catch { throw .syntax(file: path, error) }
        var reader = Reader(path: path)
        return try reader.file(root)
    }

    private struct Reader {
        let path: String

        func fail(_ node: JSONNode, _ jsonPath: String, _ reason: String) -> PolicyError {
            .invalid(place: SourcePlace(file: path, line: node.location.line, column: node.location.column), path: jsonPath, reason: reason)
        }

        func members(_ node: JSONNode, _ jsonPath: String, allowed: [String]) throws(PolicyError) -> [JSONMember] {
            guard case .object(let members) = node.value else {
                throw fail(node, jsonPath, "expected an object, got \(node.value.typeNameWithArticle)")
            }
            var seen = Set<String>()
            for member in members {
                let memberPath = jsonPath.isEmpty ? member.key : "\(jsonPath).\(member.key)"
                let keyNode = JSONNode(value: .string(member.key), location: member.keyLocation)
                guard allowed.contains(member.key) else {
                    let hint = Suggestion.nearest(to: member.key, in: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
                    throw fail(
                        keyNode, memberPath,
                        "unknown key\(hint); a typo must not silently change a gate. Keys here: "
                            + allowed.filter { !$0.hasPrefix("$") }.joined(separator: ", "))
                }
                guard seen.insert(member.key).inserted else { throw fail(keyNode, memberPath, "the key appears twice") }
            }
            return members
        }

        func string(_ node: JSONNode, _ jsonPath: String) throws(PolicyError) -> String {
            guard case .string(let text) = node.value else {
                throw fail(node, jsonPath, "expected a string, got \(node.value.shortDescription)")
            }
            return text
        }

        func bool(_ node: JSONNode, _ jsonPath: String) throws(PolicyError) -> Located<Bool> {
            guard case .bool(let flag) = node.value else {
                throw fail(node, jsonPath, "expected true or false, got \(node.value.shortDescription)")
            }
            return Located(value: flag, line: node.location.line)
        }

        func severity(_ node: JSONNode, _ jsonPath: String) throws(PolicyError) -> Located<Severity> {
            let text = try string(node, jsonPath)
            guard let severity = Severity(parsing: text) else {
                throw fail(
                    node, jsonPath, "expected \(Severity.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")), got \"\(text)\"")
            }
            return Located(value: severity, line: node.location.line)
        }

        /// A share such as `"10%"` or `0.1`.
        /// A regression allowance: a JSON number is a share (0.1 is 10%); a string is `"10%"`, `"0.5pp"` or, for
        /// one field, an amount in its unit (`"$50"`).
        func allowance(_ node: JSONNode, _ jsonPath: String, field: SnapshotField? = nil) throws(PolicyError) -> Located<RegressionAllowance> {
            do throws(Quantity.ParseError) {
                let value: RegressionAllowance
                switch node.value {
                case .number(let number): value = .relative(try Quantity.check(number.value, literal: number.literal, as: .fraction))
                case .string(let text):
                    if let field { value = try RegressionAllowance.parse(text, for: field) } else { value = try RegressionAllowance.parse(text) }
                default:
                    throw Quantity.ParseError(
                        reason: "expected a percentage such as \"10%\" or points such as \"0.5pp\", got \(node.value.shortDescription)")
                }
                return Located(value: value, line: node.location.line)
            } catch {
                throw fail(node, jsonPath, error.reason)
            }
        }

        /// A limit in the metric's unit (`400`, `"400ms"`, `"20%"`), or the name of a field it is compared with.
        func limit(_ node: JSONNode, _ jsonPath: String, metric: Metric?) throws(PolicyError) -> Located<Threshold.Limit> {
            let located = { (limit: Threshold.Limit) in Located(value: limit, line: node.location.line) }
            switch node.value {
            case .number(let number):
                guard number.value.isFinite else { throw fail(node, jsonPath, "\(number.literal) is out of range") }
                if let kind = metric?.kind {
                    do { return located(.fixed(try Quantity.check(number.value, literal: number.literal, as: kind))) } catch {
                        throw fail(node, jsonPath, error.reason)
                    }
                }
                return located(.fixed(number.value))
            case .string(let text):
                if let field = FieldCatalog.field(named: text), field.isNumeric {
                    if let reason = PolicyFile.mismatch(limitField: field, metric: metric) { throw fail(node, jsonPath, reason) }
                    return located(.field(field))
                }
                guard let kind = metric?.kind else {
                    throw fail(node, jsonPath, "expected a number, got \"\(text)\"")
                }
                do { return located(.fixed(try Quantity.parse(text, as: kind))) } catch {
                    throw fail(node, jsonPath, "expected a number or \(kind.expectation), got \"\(text)\"")
                }
            default:
                throw fail(node, jsonPath, "expected a number, got \(node.value.shortDescription)")
            }
        }

        func sustain(_ node: JSONNode, _ jsonPath: String) throws(PolicyError) -> Located<Sustain> {
            switch node.value {
            case .number(let number):
                guard number.value >= 1, number.value == number.value.rounded(), number.value <= 1_000_000 else {
                    throw fail(
                        node, jsonPath,
                        "expected a whole number of snapshots (1 or more) or a duration such as \"15m\", got \(number.literal)")
                }
                return Located(value: .snapshots(Int(number.value)), line: node.location.line)
            case .string(let text):
                do { return Located(value: .duration(try TimeSpan.parse(text)), line: node.location.line) } catch {
                    throw fail(node, jsonPath, error.reason)
                }
            default:
                throw fail(
                    node, jsonPath,
                    "expected a number of snapshots such as 3 or a duration such as \"15m\", got \(node.value.shortDescription)")
            }
        }

        func tolerance(_ node: JSONNode, _ jsonPath: String, metric: Metric?) throws(PolicyError) -> Ratchet.Tolerance {
            switch node.value {
            case .string(let text) where text.trimmingSpaces.hasSuffix("%"):
                do { return .relative(try Quantity.parse(text, as: .fraction)) } catch { throw fail(node, jsonPath, error.reason) }
            case .string(let text) where metric?.kind != nil:
                // An amount with units, in the metric's kind: "50ms", "$5".
                do { return .absolute(try Quantity.parse(text, as: metric!.kind!)) } catch { throw fail(node, jsonPath, error.reason) }
            case .number(let number) where number.value >= 0 && number.value.isFinite:
                guard let kind = metric?.kind else { return .absolute(number.value) }
                do { return .absolute(try Quantity.check(number.value, literal: number.literal, as: kind)) } catch {
                    throw fail(node, jsonPath, error.reason)
                }
            default:
                throw fail(
                    node, jsonPath,
                    "expected a percentage such as \"10%\" or an amount in the metric's unit, got \(node.value.shortDescription)")
            }
        }

        /// The settings an entry or one of its stage sections may change.
        func overrides(_ entries: [JSONMember], _ jsonPath: String, metric: Metric?) throws(PolicyError) -> RuleOverrides {
            var result = RuleOverrides()
            var ratchetOn: JSONMember?
            var tolerance: Ratchet.Tolerance?
            for member in entries {
                let memberPath = "\(jsonPath).\(member.key)"
                let node = member.value
                switch member.key {
                case "limit": result.limit = try limit(node, memberPath, metric: metric)
                case "severity": result.severity = try severity(node, memberPath)
                case "disabled": result.disabled = try bool(node, memberPath)
                case "require": result.require = try bool(node, memberPath)
                case "for": result.sustain = try sustain(node, memberPath)
                case "ratchet":
                    guard try bool(node, memberPath).value else { continue }
                    ratchetOn = member
                case "tolerance": tolerance = try self.tolerance(node, memberPath, metric: metric)
                case "levels":
                    guard case .array(let elements) = node.value, !elements.isEmpty else {
                        throw fail(node, memberPath, "expected a non-empty array of {\"severity\": …, \"limit\": …}")
                    }
                    var levels: [Threshold.Level] = []
                    for (index, element) in elements.enumerated() {
                        let elementPath = "\(memberPath)[\(index)]"
                        let fields = try members(element, elementPath, allowed: ["severity", "limit"])
                        guard let severityMember = fields.first(where: { $0.key == "severity" }),
                            let limitMember = fields.first(where: { $0.key == "limit" })
                        else { throw fail(element, elementPath, "a level needs both \"severity\" and \"limit\"") }
                        let level = Threshold.Level(
                            severity: try severity(severityMember.value, "\(elementPath).severity").value,
                            limit: try limit(limitMember.value, "\(elementPath).limit", metric: metric).value)
                        if levels.contains(where: { $0.severity == level.severity }) {
                            throw fail(element, elementPath, "two levels have the severity \(level.severity.rawValue)")
                        }
                        levels.append(level)
                    }
                    result.levels = Located(value: levels.sorted { $0.severity > $1.severity }, line: node.location.line)
                default: break
                }
            }
            if let ratchetOn {
                result.ratchet = Located(value: tolerance ?? .relative(0), line: ratchetOn.value.location.line)
            } else if tolerance != nil, let member = entries.first(where: { $0.key == "tolerance" }) {
                throw fail(member.value, "\(jsonPath).tolerance", "\"tolerance\" needs \"ratchet\": true")
            }
            if result.levels != nil, let member = entries.first(where: { $0.key == "limit" || $0.key == "severity" }) {
                throw fail(member.value, "\(jsonPath).\(member.key)", "give either \"levels\" or \"limit\"/\"severity\", not both")
            }
            return result
        }

        mutating func file(_ root: JSONNode) throws(PolicyError) -> PolicyFile {
            var policy = PolicyFile(path: path)
            for member in try members(root, "", allowed: PolicyFile.topKeys) {
                let node = member.value
                switch member.key {
                case "fail_on": policy.failOn = try severity(node, "fail_on")
                case "require_all": policy.requireAll = try bool(node, "require_all")
                case "fail_on_regression": policy.failOnRegression = try allowance(node, "fail_on_regression")
                case "stage_rule":
                    let text = try string(node, "stage_rule")
                    guard let rule = StageRule(parsing: text) else {
                        throw fail(
                            node, "stage_rule",
                            "expected \(StageRule.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")), got \"\(text)\"")
                    }
                    policy.stageRule = Located(value: rule, line: node.location.line)
                case "prices":
                    do throws(PricesError) {
                        policy.prices = try PriceOverrides.read(node, file: path, origin: "policy \(path)", jsonPath: "prices")
                    } catch {
                        guard case .invalid(let place, let key, let reason) = error else { continue }
                        throw .invalid(place: place, path: key, reason: reason)
                    }
                case "max_age":
                    let text = try string(node, "max_age")
                    do { policy.maxAge = Located(value: try TimeSpan.parse(text), line: node.location.line) } catch {
                        throw fail(node, "max_age", error.reason)
                    }
                case "regression":
                    guard case .object(let entries) = node.value else {
                        throw fail(
                            node, "regression", "expected an object such as {\"response_p95_ms\": \"5%\", \"error_rate\": \"0.5pp\", \"monthly_cost\": \"$50\"}")
                    }
                    for entry in entries {
                        let entryPath = "regression.\(entry.key)"
                        guard let field = FieldCatalog.field(named: entry.key), field.isNumeric
                        else {
                            let hint =
                                Suggestion.nearest(to: entry.key, in: FieldCatalog.allNames).map { " (did you mean \"\($0)\"?)" } ?? ""
                            throw fail(
                                JSONNode(value: .string(entry.key), location: entry.keyLocation), entryPath, "not a snapshot field\(hint)")
                        }
                        guard let sense = TrendCatalog.metric(for: field)?.sense, sense != .neither else {
                            throw fail(
                                JSONNode(value: .string(entry.key), location: entry.keyLocation), entryPath,
                                "\(field.rawValue) has no better or worse direction, so diff never calls its change a regression")
                        }
                        policy.regression[field] = try allowance(entry.value, entryPath, field: field)
                    }
                case "thresholds":
                    guard case .array(let elements) = node.value else {
                        throw fail(node, "thresholds", "expected an array of threshold objects, got \(node.value.typeNameWithArticle)")
                    }
                    for (index, element) in elements.enumerated() {
                        let entry = try threshold(element, "thresholds[\(index)]")
                        if policy.thresholds.contains(where: { $0.id == entry.id }) {
                            throw fail(element, "thresholds[\(index)].id", "\"\(entry.id)\" is listed twice; put its settings in one entry")
                        }
                        policy.thresholds.append(entry)
                    }
                default: break  // $schema, description
                }
            }
            return policy
        }

        func threshold(_ node: JSONNode, _ jsonPath: String) throws(PolicyError) -> PolicyThreshold {
            let fields = try members(node, jsonPath, allowed: PolicyFile.thresholdKeys)
            guard let idMember = fields.first(where: { $0.key == "id" }) else {
                throw fail(
                    node, jsonPath,
                    "a threshold needs an \"id\": a guide threshold's (\(GuideCatalog.thresholds.map(\.id).joined(separator: ", "))) or a new one"
                )
            }
            let id = try string(idMember.value, "\(jsonPath).id")
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
                throw fail(idMember.value, "\(jsonPath).id", "an id is letters, digits, '-', '_' and '.', got \"\(id)\"")
            }
            var entry = PolicyThreshold(id: id, line: node.location.line, path: jsonPath)
            let guide = GuideCatalog.threshold(id)
            let preset = GuideCatalog.presetRulesByID[id]
            if let member = fields.first(where: { $0.key == "metric" }) {
                let text = try string(member.value, "\(jsonPath).metric")
                do { entry.metric = Located(value: Metric(try MetricExpression.parse(text)), line: member.value.location.line) } catch {
                    throw fail(member.value, "\(jsonPath).metric", "\(error.reason) (at character \(error.position) of \"\(text)\")")
                }
                if let guide, entry.metric?.value != Metric(guide.metric) {
                    throw fail(
                        member.value, "\(jsonPath).metric",
                        "\"\(id)\" is a guide threshold on \(guide.metric.rawValue); give a new id to gate on another metric")
                }
            }
            if let member = fields.first(where: { $0.key == "comparison" }) {
                let text = try string(member.value, "\(jsonPath).comparison")
                let table: [String: Threshold.Comparison] = [
                    ">": .above, "above": .above, ">=": .atLeast, "≥": .atLeast, "at_least": .atLeast, "<": .below, "below": .below,
                    "<=": .atMost, "≤": .atMost, "at_most": .atMost,
                ]
                guard let comparison = table[text.trimmingSpaces.lowercased()] else {
                    throw fail(member.value, "\(jsonPath).comparison", "expected \">\", \">=\", \"<\" or \"<=\", got \"\(text)\"")
                }
                entry.comparison = Located(value: comparison, line: member.value.location.line)
            }
            if let member = fields.first(where: { $0.key == "action" }) {
                entry.action = Located(value: try string(member.value, "\(jsonPath).action"), line: member.value.location.line)
            }
            let metric = entry.metric?.value ?? guide.map { Metric($0.metric) } ?? preset?.metric
            entry.overrides = try overrides(fields, jsonPath, metric: metric)
            if let preset, entry.metric != nil, entry.metric?.value != preset.metric {
                throw fail(
                    node, "\(jsonPath).metric", "\"\(id)\" is a stage preset on \(preset.metric); give a new id to gate on another metric")
            }
            if guide == nil && preset == nil {
                // A new threshold must say what it measures and when it is breached.
                guard entry.metric != nil else {
                    let hint =
                        Suggestion.nearest(to: id, in: GuideCatalog.thresholds.map(\.id)).map { " (did you mean the guide's \"\($0)\"?)" }
                        ?? ""
                    throw fail(
                        idMember.value, "\(jsonPath).id", "\"\(id)\" is not a guide threshold\(hint); a new threshold needs \"metric\"")
                }
                if entry.overrides.limit == nil && entry.overrides.levels == nil && entry.overrides.ratchet == nil {
                    throw fail(node, jsonPath, "a new threshold needs \"limit\" (or \"levels\", or \"ratchet\": true)")
                }
                if entry.comparison == nil && entry.overrides.ratchet == nil {
                    throw fail(node, jsonPath, "a new threshold needs \"comparison\": \">\", \">=\" or \"<\"")
                }
            } else if let comparison = entry.comparison?.value,
                let fixed = guide.map({ ($0.comparison, $0.metric.rawValue) }) ?? preset.map({ ($0.comparison, $0.metric.description) }),
                comparison != fixed.0
            {
                throw fail(
                    node, "\(jsonPath).comparison",
                    "\"\(id)\" breaches when \(fixed.1) \(fixed.0.rawValue) its limit; its side cannot change")
            }
            if let member = fields.first(where: { $0.key == "stages" }) {
                guard case .object(let sections) = member.value.value else {
                    throw fail(member.value, "\(jsonPath).stages", "expected an object such as {\"scale\": {\"limit\": 300}}")
                }
                for section in sections {
                    let sectionPath = "\(jsonPath).stages.\(section.key)"
                    guard let stage = Stage(parsing: section.key) else {
                        let hint =
                            Suggestion.nearest(to: section.key, in: Stage.allCases.map(\.rawValue)).map { " (did you mean \"\($0)\"?)" }
                            ?? ""
                        throw fail(JSONNode(value: .string(section.key), location: section.keyLocation), sectionPath, "not a stage\(hint)")
                    }
                    let sectionFields = try members(section.value, sectionPath, allowed: PolicyFile.stageKeys)
                    entry.stages.append(.init(stage: stage, overrides: try overrides(sectionFields, sectionPath, metric: metric)))
                }
                entry.stages.sort { $0.stage < $1.stage }
            }
            return entry
        }
    }
}
