extension CIReport {
    /// The SARIF version written, and the schema it names.
    static let sarifVersion = "2.1.0"
    static let sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// The run as SARIF 2.1.0: one rule per threshold, one result per breach and per unknown that fails the gate.
    ///
    /// A result's level is its severity's (critical is "error", warning is "warning"); a required unknown is "error".
    /// Pending breaches, passes and unknowns that are not required are not results. Each result points at the
    /// metric's field in the latest snapshot (`GateResult.place(of:)`), in the file as the user named it. The tool has
    /// no `informationUri`: scalectl has no home page to name.
    public static func sarif(_ result: GateResult) -> String {
        var rules: [GateRule] = []
        for verdict in result.verdicts where !rules.contains(where: { $0.id == verdict.threshold.id }) {
            rules.append(verdict.threshold)
        }
        let results: [JSONOutput] = result.verdicts.compactMap { verdict in
            let outcome = result.outcome(of: verdict)
            let level: String
            switch presentation(outcome).sarif {
            case .none: return nil
            case .error: level = "error"
            case .severity: level = sarifLevel(verdict.severity ?? .critical)
            }
            return .object([
                ("ruleId", .string(verdict.threshold.id)),
                ("ruleIndex", .number(Double(rules.firstIndex { $0.id == verdict.threshold.id }!))),
                ("level", .string(level)),
                ("message", .object([("text", .string(sentence(verdict, in: result)))])),
                ("locations", .array([location(result.place(of: verdict), file: result.series.source)])),
                (
                    "properties",
                    .object([
                        ("outcome", .string(outcome.rawValue)), ("failsGate", .bool(outcome.fails)),
                        ("value", .optional(verdict.value)), ("limit", .optional(verdict.limit)),
                    ])
                ),
            ])
        }
        return JSONOutput.object([
            ("$schema", .string(sarifSchema)),
            ("version", .string(sarifVersion)),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", .string("scalectl")),
                                        ("version", .string(CommandTable.version)),
                                        ("rules", .array(rules.map(sarifRule))),
                                    ])
                                )
                            ])
                        ),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ]).serialized()
    }

    /// "error" for critical, "warning" for warning.
    static func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .critical: "error"
        case .warning: "warning"
        }
    }

    static func sarifRule(_ rule: GateRule) -> JSONOutput {
        let help = ([rule.action] + rule.guideText.map { "Guide: \($0)" }).joined(separator: "\n")
        return .object([
            ("id", .string(rule.id)),
            ("shortDescription", .object([("text", .string(rule.guideText.first ?? rule.id))])),
            ("fullDescription", .object([("text", .string(ruleDescription(rule)))])),
            ("help", .object([("text", .string(help))])),
            // The least severe level: the level a breach of the rule has at least.
            ("defaultConfiguration", .object([("level", .string(sarifLevel(rule.leastSeverity ?? .warning)))])),
        ])
    }

    /// "response_p95_ms should be ≤ 500 ms (warning). Source: Stage 1: Metrics to Watch; Daily Checks."
    static func ruleDescription(_ rule: GateRule) -> String {
        var limits = rule.levels.map { level in
            "\(rule.comparison.healthySymbol) \(Wording.limit(level.limit, rule.metric)) (\(level.severity.rawValue))"
        }
        if let ratchet = rule.ratchet {
            limits.append("no worse than its best by more than \(ratchet.tolerance) (\(ratchet.severity.rawValue))")
        }
        var text =
            limits.isEmpty ? "\(rule.metric) has no limit." : "\(rule.metric) should be " + limits.joined(separator: ", and ") + "."
        if let sustain = rule.sustain { text += " A breach counts once it has held for \(sustain)." }
        if rule.require { text += " Required: an unknown value fails the gate." }
        return rule.source.isEmpty ? text : text + " Source: \(rule.source)."
    }

    /// The file as a URI reference (SARIF requires one): unreserved characters and `/` kept, every other byte
    /// percent-encoded, so `my metrics.json` is `my%20metrics.json` and `<stdin>` is `%3Cstdin%3E`.
    static func uriReference(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 0x80 && (Character(scalar).isLetter || Character(scalar).isNumber)) || "-._~/".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// The file as a URI reference, with the line and column when known.
    static func location(_ place: SourcePlace, file: String) -> JSONOutput {
        var physical: [(String, JSONOutput)] = [("artifactLocation", .object([("uri", .string(uriReference(file)))]))]
        if let line = place.line {
            var region: [(String, JSONOutput)] = [("startLine", .number(Double(line)))]
            if let column = place.column { region.append(("startColumn", .number(Double(column)))) }
            physical.append(("region", .object(region)))
        }
        return .object([("physicalLocation", .object(physical))])
    }
}
