import Foundation
import Testing

@testable import ScalingCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The CI renderers: JUnit, SARIF, GitHub commands and summary, Markdown, each read back the way a CI system would.
@Suite struct CIReportTests {
    // MARK: Gate results to render

    /// Values within every guide threshold.
    static let healthy: [SnapshotField: Double] = [
        .responseP95Ms: 200, .dbCPU: 0.3, .errorRate: 0.002, .cacheHitRate: 0.9, .requestsPerMonth: 1_000_000,
        .dbConnections: 20, .dbConnectionLimit: 100,
    ]

    static func healthy(_ changes: [SnapshotField: Double?]) -> [SnapshotField: Double] {
        var values = healthy
        for (field, value) in changes { values[field] = value }
        return values
    }

    /// The guide's rules, with `change` applied to the one with `id`.
    static func rules(changing id: String? = nil, _ change: (inout GateRule) -> Void = { _ in }) -> [GateRule] {
        ThresholdEvaluator.guideRules.map { rule in
            var rule = rule
            if rule.id == id { change(&rule) }
            return rule
        }
    }

    static func result(
        _ snapshots: [[SnapshotField: Double]], rules: [GateRule] = ThresholdEvaluator.guideRules, failOn: Severity,
        requireAll: Bool = false, source: String = "metrics.json"
    ) -> GateResult {
        let series = SnapshotSeries(
            source: source,
            snapshots: snapshots.enumerated().map { index, values in
                Snapshot(values: values, origin: SourcePlace(file: source, line: index + 1))
            })
        return GateResult(
            series: series, verdicts: ThresholdEvaluator.evaluate(series, rules: rules), failOn: failOn, requireAll: requireAll)
    }

    struct GateCase: CustomTestStringConvertible, Sendable {
        let name: String
        let result: GateResult
        /// Verdicts that do not simply pass, by threshold id.
        let outcomes: [String: GateResult.Outcome]
        let failures: Int
        let skipped: Int
        var testDescription: String { name }
    }

    static let gateCases: [GateCase] = [
        GateCase(name: "all pass", result: result([healthy], failOn: .warning), outcomes: [:], failures: 0, skipped: 0),
        GateCase(
            name: "warning breach, fail-on warning", result: result([healthy([.responseP95Ms: 720])], failOn: .warning),
            outcomes: ["response-time": .failedBreach], failures: 1, skipped: 0),
        GateCase(
            name: "warning breach, fail-on critical", result: result([healthy([.responseP95Ms: 720])], failOn: .critical),
            outcomes: ["response-time": .allowedBreach], failures: 0, skipped: 0),
        GateCase(
            name: "critical breach", result: result([healthy([.errorRate: 0.05])], failOn: .critical),
            outcomes: ["error-rate": .failedBreach], failures: 1, skipped: 0),
        GateCase(
            name: "unknowns",
            result: result([[.responseP95Ms: 200, .errorRate: 0.002]], failOn: .warning),
            outcomes: ["database-cpu": .unknown, "cache-hit-rate": .unknown, "request-count": .unknown, "database-connections": .unknown],
            failures: 0, skipped: 4),
        GateCase(
            name: "required unknown",
            result: result([healthy([.errorRate: nil])], rules: rules(changing: "error-rate") { $0.require = true }, failOn: .warning),
            outcomes: ["error-rate": .failedUnknown], failures: 1, skipped: 0),
        GateCase(
            name: "unknown with require-all", result: result([healthy([.dbCPU: nil])], failOn: .critical, requireAll: true),
            outcomes: ["database-cpu": .failedUnknown], failures: 1, skipped: 0),
        GateCase(
            name: "pending breach",
            result: result(
                [healthy, healthy([.responseP95Ms: 720])], rules: rules(changing: "response-time") { $0.sustain = .snapshots(3) },
                failOn: .warning),
            outcomes: ["response-time": .pending], failures: 0, skipped: 0),
        GateCase(
            name: "sustained breach",
            result: result(
                Array(repeating: healthy([.responseP95Ms: 720]), count: 3),
                rules: rules(changing: "response-time") { $0.sustain = .snapshots(3) }, failOn: .warning),
            outcomes: ["response-time": .failedBreach], failures: 1, skipped: 0),
        GateCase(
            name: "every kind at once",
            result: result(
                [healthy([.responseP95Ms: 720, .errorRate: 0.05, .cacheHitRate: nil, .requestsPerMonth: nil])],
                rules: rules(changing: "request-count") { $0.require = true }, failOn: .critical),
            outcomes: [
                "response-time": .allowedBreach, "error-rate": .failedBreach, "cache-hit-rate": .unknown, "request-count": .failedUnknown,
            ],
            failures: 2, skipped: 1),
        GateCase(
            name: "undefined metric and ratchet",
            result: result(
                [
                    healthy([.responseP95Ms: 200, .monthlyCost: 50, .mrr: 1000]),
                    healthy([.responseP95Ms: 300, .monthlyCost: 50, .mrr: 0]),
                ],
                rules: [costShare, ratchetedResponseTime], failOn: .critical),
            outcomes: ["cost-share": .unknown, "response-ratchet": .failedBreach], failures: 1, skipped: 1),
    ]

    /// A policy rule on a derived figure, unknown when MRR is 0.
    static let costShare = GateRule(
        id: "cost-share", metric: Metric(.derived(DerivedCatalog.figure(named: "cost_share_of_mrr")!)), comparison: .above,
        levels: [.init(severity: .warning, limit: .fixed(0.2))], action: "Cut infrastructure costs", source: "policy",
        provenance: [:])

    /// A ratchet-only rule: p95 may not grow past its best by more than 10%.
    static let ratchetedResponseTime: GateRule = {
        var rule = GateRule(
            id: "response-ratchet", metric: Metric(.responseP95Ms), comparison: .above, levels: [], action: "Find the slowdown",
            source: "policy", provenance: [:])
        rule.ratchet = Ratchet(tolerance: .relative(0.1), severity: .critical)
        return rule
    }()

    static func gateCase(_ name: String) -> GateCase { gateCases.first { $0.name == name }! }

    @Test(arguments: gateCases)
    func outcomesAgreeWithTheGate(_ testCase: GateCase) {
        let result = testCase.result
        for verdict in result.verdicts {
            let outcome = result.outcome(of: verdict)
            #expect(outcome == testCase.outcomes[verdict.threshold.id] ?? .passed, "\(verdict.threshold.id)")
            #expect(outcome.fails == result.fails(verdict), "\(verdict.threshold.id)")
        }
        #expect(result.failed == (testCase.failures > 0))
    }

    // MARK: The mapping table

    @Test func everyOutcomeHasOnePresentationAndFailuresAreErrorsEverywhere() {
        #expect(CIReport.outcomes.map(\.outcome) == GateResult.Outcome.allCases)
        for row in CIReport.outcomes {
            #expect((row.junit == .failure) == row.outcome.fails, "\(row.outcome)")
            // A breach's line follows its severity, as SARIF's level does; everything else has a fixed command.
            switch row.github {
            case .none: #expect(row.outcome == .passed)
            case .severity: #expect(row.sarif == .severity, "\(row.outcome)")
            case .command(let command): #expect((command == .error) == row.outcome.fails, "\(row.outcome)")
            }
        }
        #expect(Set(CIReport.outcomes.map(\.outcome.rawValue)).count == GateResult.Outcome.allCases.count)
    }

    @Test func formatsParseIgnoringCaseAndJSONIsTheExistingReport() {
        // One enum covers every format check writes, and --format offers exactly its cases.
        #expect(CheckFormat.allCases.map(\.rawValue) == ["text", "json", "csv", "markdown", "junit", "sarif", "github"])
        #expect(CheckCommand.spec.formatOption?.allowedValues == CheckFormat.allCases.map(\.rawValue))
        let result = Self.gateCase("warning breach, fail-on warning").result
        let policy = try! PolicyResolver.resolve(stage: nil, file: nil)
        #expect(
            CheckFormat.json.render(result, policy: policy)
                == JSONReport.check(result.series, verdicts: result.verdicts, failOn: result.failOn, failed: result.failed))
        #expect(CheckFormat.csv.render(result, policy: policy) == CSVReport.check(result.verdicts))
    }

    // MARK: JUnit

    /// What a JUnit reader sees: the suite's counts and each test case's children.
    final class JUnitReader: NSObject, XMLParserDelegate {
        var suites: [[String: String]] = []
        var cases: [(attributes: [String: String], children: [String: [String: String]])] = []
        var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "testsuite": suites.append(attributes)
            case "testcase": cases.append((attributes, [:]))
            case "failure", "skipped", "system-out", "error": cases[cases.count - 1].children[name] = attributes
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        static func read(_ xml: String) throws -> JUnitReader {
            let reader = JUnitReader()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = reader
            guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
            return reader
        }
    }

    @Test(arguments: gateCases)
    func junitParsesWithCountsMatchingTheVerdicts(_ testCase: GateCase) throws {
        let result = testCase.result
        let junit = try JUnitReader.read(CIReport.junit(result))
        let suite = try #require(junit.suites.first)
        #expect(junit.suites.count == 1)
        #expect(suite["name"] == "scalectl check")
        #expect(suite["tests"] == String(result.verdicts.count))
        #expect(suite["failures"] == String(testCase.failures))
        #expect(suite["skipped"] == String(testCase.skipped))
        #expect(suite["errors"] == "0")
        #expect(junit.cases.map { $0.attributes["name"] } == result.verdicts.map(\.threshold.id))
        #expect(junit.cases.allSatisfy { $0.attributes["classname"] == "scalectl.metrics.json" })
        #expect(junit.cases.filter { $0.children["failure"] != nil }.count == testCase.failures)
        #expect(junit.cases.filter { $0.children["skipped"] != nil }.count == testCase.skipped)
        for (index, verdict) in result.verdicts.enumerated() {
            let children = junit.cases[index].children
            switch testCase.outcomes[verdict.threshold.id] ?? .passed {
            case .passed: #expect(children.isEmpty)
            case .failedBreach: #expect(children["failure"]?["type"] == verdict.severity?.rawValue)
            case .failedUnknown: #expect(children["failure"]?["type"] == "unknown")
            case .allowedBreach, .pending: #expect(Array(children.keys) == ["system-out"])
            case .unknown:
                guard case .unknown(let cause) = verdict.status else { Issue.record("not unknown"); continue }
                #expect(children["skipped"]?["message"] == cause.description)
            }
        }
    }

    @Test func junitFailureCarriesValueLimitSeverityActionAndGuideText() throws {
        let result = Self.result([Self.healthy([.errorRate: 0.05])], failOn: .warning)
        let junit = try JUnitReader.read(CIReport.junit(result))
        let failure = try #require(junit.cases.first { $0.attributes["name"] == "error-rate" }?.children["failure"])
        #expect(failure["message"] == "error_rate is 5%, should be ≤ 1% (critical): Fix bugs")
        for expected in ["value: 5%", "limit: ≤ 1%", "severity: critical", "action: Fix bugs", "guide: Error rate > 1% → Fix bugs"] {
            #expect(junit.text.contains(expected), "missing: \(expected)")
        }
    }

    @Test func junitSaysWhyAnUnknownFails() throws {
        let required = try JUnitReader.read(CIReport.junit(Self.gateCase("required unknown").result))
        #expect(required.text.contains("gate: fails (unknown, and the rule is required)"))
        #expect(required.text.contains("required: yes"))
        let requireAll = try JUnitReader.read(CIReport.junit(Self.gateCase("unknown with require-all").result))
        #expect(requireAll.text.contains("gate: fails (unknown, and require-all is on)"))
        #expect(!requireAll.text.contains("required: yes"))
    }

    struct EscapeCase: CustomTestStringConvertible, Sendable {
        let input: String
        let text: String
        let attribute: String
        var testDescription: String { input.debugDescription }
    }

    static let xmlEscapes: [EscapeCase] = [
        EscapeCase(input: "a & b", text: "a &amp; b", attribute: "\"a &amp; b\""),
        EscapeCase(input: "<x>", text: "&lt;x&gt;", attribute: "\"&lt;x&gt;\""),
        EscapeCase(input: #"say "it's""#, text: #"say "it's""#, attribute: "\"say &quot;it&apos;s&quot;\""),
        EscapeCase(input: "one\ntwo\tthree", text: "one\ntwo\tthree", attribute: "\"one&#10;two&#9;three\""),
        EscapeCase(input: "cr\r", text: "cr&#13;", attribute: "\"cr&#13;\""),
        EscapeCase(
            input: "bell\u{7}esc\u{1B}nul\u{0}", text: "bell\\u{7}esc\\u{1b}nul\\u{0}", attribute: "\"bell\\u{7}esc\\u{1b}nul\\u{0}\""),
        EscapeCase(input: "del\u{7F}c1\u{85}\u{FFFE}", text: "del\\u{7f}c1\\u{85}\\u{fffe}", attribute: "\"del\\u{7f}c1\\u{85}\\u{fffe}\""),
        EscapeCase(input: "≤ 500 ms → ok", text: "≤ 500 ms → ok", attribute: "\"≤ 500 ms → ok\""),
    ]

    @Test(arguments: xmlEscapes)
    func xmlEscaping(_ testCase: EscapeCase) {
        #expect(CIReport.text(testCase.input) == testCase.text)
        #expect(CIReport.attribute(testCase.input) == testCase.attribute)
    }

    @Test func junitWithHostileNamesStillParsesAndKeepsThem() throws {
        let id = "a<b>&\"c'\nd\u{1}"
        let result = Self.result(
            [Self.healthy([.responseP95Ms: 720])],
            rules: Self.rules(changing: "response-time") {
                $0 = GateRule(
                    id: id, metric: $0.metric, comparison: $0.comparison, levels: $0.levels, action: "</failure><x>&", source: "",
                    provenance: [:])
            },
            failOn: .warning, source: "dir/we&ird <file>\u{7}.json")
        let junit = try JUnitReader.read(CIReport.junit(result))
        let testCase = try #require(junit.cases.first { $0.children["failure"] != nil })
        #expect(testCase.attributes["name"] == "a<b>&\"c'\nd\\u{1}")
        #expect(testCase.attributes["classname"] == "scalectl.dir/we&ird <file>\\u{7}.json")
        #expect(junit.text.contains("action: </failure><x>&"))
    }

    // MARK: SARIF

    static func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// An object of the SARIF 2.1.0 schema: the properties it allows (each object has `additionalProperties: false`),
    /// those it requires, and the kinds of its object and array properties that we write.
    struct SARIFObject {
        let allowed: Set<String>
        var required: [String] = []
        var objects: [String: String] = [:]
        var arrays: [String: String] = [:]
    }

    /// The objects scalectl writes, as `sarif-schema-2.1.0.json` (OASIS, Committee Specification) defines them.
    static let sarifSchema: [String: SARIFObject] = [
        "sarifLog": SARIFObject(
            allowed: ["$schema", "version", "runs", "inlineExternalProperties", "properties"], required: ["version", "runs"],
            arrays: ["runs": "run"]),
        "run": SARIFObject(
            allowed: [
                "tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts",
                "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
                "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences",
                "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses",
                "specialLocations", "properties",
            ], required: ["tool"], objects: ["tool": "tool"], arrays: ["results": "result"]),
        "tool": SARIFObject(allowed: ["driver", "extensions", "properties"], required: ["driver"], objects: ["driver": "toolComponent"]),
        "toolComponent": SARIFObject(
            allowed: [
                "guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName", "version",
                "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings",
                "notifications", "rules", "taxa", "locations", "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
                "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent", "translationMetadata", "supportedTaxonomies",
                "properties",
            ], required: ["name"], arrays: ["rules": "reportingDescriptor"]),
        "reportingDescriptor": SARIFObject(
            allowed: [
                "id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription", "fullDescription",
                "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties",
            ], required: ["id"],
            objects: [
                "shortDescription": "multiformatMessageString", "fullDescription": "multiformatMessageString",
                "help": "multiformatMessageString", "defaultConfiguration": "reportingConfiguration",
            ]),
        "multiformatMessageString": SARIFObject(allowed: ["text", "markdown", "properties"], required: ["text"]),
        "reportingConfiguration": SARIFObject(allowed: ["enabled", "level", "rank", "parameters", "properties"]),
        "result": SARIFObject(
            allowed: [
                "ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid", "correlationGuid",
                "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
                "relatedLocations", "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris",
                "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties",
            ], required: ["message"], objects: ["message": "message"], arrays: ["locations": "location"]),
        // The schema asks for text or id; scalectl always writes text.
        "message": SARIFObject(allowed: ["text", "markdown", "id", "arguments", "properties"], required: ["text"]),
        "location": SARIFObject(
            allowed: ["id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"],
            objects: ["physicalLocation": "physicalLocation"]),
        "physicalLocation": SARIFObject(
            allowed: ["address", "artifactLocation", "region", "contextRegion", "properties"], required: ["artifactLocation"],
            objects: ["artifactLocation": "artifactLocation", "region": "region"]),
        "artifactLocation": SARIFObject(allowed: ["uri", "uriBaseId", "index", "description", "properties"]),
        "region": SARIFObject(
            allowed: [
                "startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset", "byteLength", "snippet",
                "message", "sourceLanguage", "properties",
            ]),
    ]

    /// Problems with `value` as a SARIF object of `kind`: properties the schema does not allow, required ones missing.
    static func sarifProblems(_ value: Any, as kind: String, at path: String = "$") -> [String] {
        guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
        let schema = sarifSchema[kind]!
        var problems = Set(object.keys).subtracting(schema.allowed).sorted().map { "\(path).\($0): not allowed in \(kind)" }
        problems += schema.required.filter { object[$0] == nil }.map { "\(path).\($0): required in \(kind)" }
        for (key, child) in schema.objects {
            if let value = object[key] { problems += sarifProblems(value, as: child, at: "\(path).\(key)") }
        }
        for (key, child) in schema.arrays {
            guard let value = object[key] else { continue }
            guard let items = value as? [Any] else { problems.append("\(path).\(key): not an array"); continue }
            for (index, item) in items.enumerated() { problems += sarifProblems(item, as: child, at: "\(path).\(key)[\(index)]") }
        }
        return problems
    }

    @Test func sarifSchemaCheckCatchesMisspeltAndMissingProperties() {
        let broken: [String: Any] = [
            "version": "2.1.0", "runs": [["tool": ["driver": ["nam": "scalectl"]], "results": [["ruleID": "x"]]]],
        ]
        #expect(
            Set(Self.sarifProblems(broken, as: "sarifLog")) == [
                "$.runs[0].results[0].ruleID: not allowed in result", "$.runs[0].results[0].message: required in result",
                "$.runs[0].tool.driver.nam: not allowed in toolComponent", "$.runs[0].tool.driver.name: required in toolComponent",
            ])
    }

    /// The properties SARIF 2.1.0 requires and allows, and the links between results and rules.
    static func checkSARIFRequirements(_ sarif: [String: Any]) throws -> (rules: [[String: Any]], results: [[String: Any]]) {
        #expect(sarifProblems(sarif, as: "sarifLog") == [])
        #expect(sarif["version"] as? String == "2.1.0")
        #expect(sarif["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let tool = try #require(runs[0]["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "scalectl")
        #expect(driver["version"] as? String == CommandTable.version)
        #expect(driver["informationUri"] == nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.count == rules.count && Set(ids).count == ids.count)
        for rule in rules {
            for key in ["shortDescription", "fullDescription", "help"] {
                #expect(((rule[key] as? [String: Any])?["text"] as? String)?.isEmpty == false, "\(key)")
            }
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == "warning" || level == "error")
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        for result in results {
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let ruleID = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids.indices.contains(index) && ids[index] == ruleID)
            #expect(["error", "warning", "note"].contains(result["level"] as? String))
        }
        return (rules, results)
    }

    @Test(arguments: gateCases)
    func sarifHasOneResultPerBreachAndFailingUnknown(_ testCase: GateCase) throws {
        let result = testCase.result
        let (rules, results) = try Self.checkSARIFRequirements(Self.object(CIReport.sarif(result)))
        #expect(rules.count == result.verdicts.count)
        let reported = testCase.outcomes.filter { [.failedBreach, .allowedBreach, .failedUnknown].contains($0.value) }
        #expect(Set(results.compactMap { $0["ruleId"] as? String }) == Set(reported.keys))
        #expect(results.count == reported.count)
        for item in results {
            let id = item["ruleId"] as! String
            let verdict = result.verdicts.first { $0.threshold.id == id }!
            let expected = verdict.severity == .warning ? "warning" : "error"
            #expect(item["level"] as? String == expected, "\(id)")
        }
    }

    struct PlaceCase: CustomTestStringConvertible, Sendable {
        let id: String
        /// The key as written in Fixtures/breaches.json.
        let key: String
        var testDescription: String { id }
    }

    static let breachPlaces: [PlaceCase] = [
        PlaceCase(id: "response-time", key: "p95_ms"), PlaceCase(id: "database-cpu", key: "db_cpu"),
        PlaceCase(id: "error-rate", key: "error_rate"), PlaceCase(id: "cache-hit-rate", key: "cache_hit_rate"),
        PlaceCase(id: "request-count", key: "requests_per_month"), PlaceCase(id: "database-connections", key: "db_connections"),
    ]

    /// `Fixtures/breaches.json` under default rules and fail-on warning, named as the goldens name it.
    static func breachesResult() throws -> GateResult {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("breaches.json")))
        let series = try SnapshotDecoder.decode(Array(bytes), source: "Fixtures/breaches.json").series
        return GateResult(series: series, verdicts: ThresholdEvaluator.evaluate(series), failOn: .warning)
    }

    @Test(arguments: breachPlaces)
    func sarifPointsAtTheFieldsLine(_ place: PlaceCase) throws {
        let fixture = try String(contentsOfFile: TestSupport.fixture("breaches.json"), encoding: .utf8)
        let lines = fixture.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"\(place.key)\":") }) + 1
        let (_, results) = try Self.checkSARIFRequirements(Self.object(CIReport.sarif(Self.breachesResult())))
        #expect(results.count == 6)
        let item = try #require(results.first { $0["ruleId"] as? String == place.id })
        let physical = try #require((item["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "Fixtures/breaches.json")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == line)
        #expect((region["startColumn"] as? Int ?? 0) > 0)
    }

    @Test func csvInputPointsAtTheLatestRowWithoutAColumnNumber() throws {
        let csv = "users,response_p95_ms\n100,200\n120,900\n"
        let series = try SnapshotDecoder.decode(Array(csv.utf8), source: "metrics.csv").series
        let result = GateResult(series: series, verdicts: ThresholdEvaluator.evaluate(series), failOn: .warning)
        let (_, results) = try Self.checkSARIFRequirements(Self.object(CIReport.sarif(result)))
        let physical = try #require((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(physical["region"] as? [String: Int] == ["startLine": 3])
        #expect(CIReport.githubCommands(result).hasPrefix("::warning file=metrics.csv,line=3,title=response-time::"))
    }

    @Test func sarifKeepsStdinAsGiven() throws {
        let result = Self.result([Self.healthy([.errorRate: 0.05])], failOn: .warning, source: "<stdin>")
        #expect(CIReport.sarif(result).contains(#""uri": "%3Cstdin%3E""#), "a URI reference, as SARIF requires")
        #expect(CIReport.uriReference("dir/my metrics,v2.json") == "dir/my%20metrics%2Cv2.json")
        #expect(CIReport.uriReference("données.json") == "donn%C3%A9es.json")
    }

    // MARK: GitHub

    @Test(arguments: gateCases)
    func githubCommandPerVerdict(_ testCase: GateCase) {
        let commands: [GateResult.Outcome: String] = [.failedUnknown: "error", .pending: "warning", .unknown: "notice"]
        let lines = CIReport.githubCommands(testCase.result).split(separator: "\n").map(String.init)
        let latestLine = testCase.result.series.latestIndex + 1
        #expect(lines.count == testCase.outcomes.count)
        // A breach's command is its SARIF result's level, whether or not it fails the gate.
        let sarif = try! JSONSerialization.jsonObject(with: Data(CIReport.sarif(testCase.result).utf8)) as! [String: Any]
        let results = ((sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        for (id, outcome) in testCase.outcomes {
            let line = lines.first { $0.contains(",title=\(id)::") }
            let level = results.first { $0["ruleId"] as? String == id }?["level"] as? String
            let expected = outcome == .failedBreach || outcome == .allowedBreach ? level ?? "missing" : commands[outcome]!
            #expect(
                line?.hasPrefix("::\(expected) file=metrics.json,line=\(latestLine),title=\(id)::") == true,
                "\(id): \(line ?? "none")")
        }
    }

    /// `check --format json` carries the stage the thresholds were chosen for and the counts a dashboard shows, which
    /// agree with the thresholds listed and with `stage`.
    @Test func checkJSONCarriesTheCountsAndTheStage() throws {
        for file in ["Fixtures/breaches.json", "Fixtures/stages/growth.json", "Fixtures/stages/mvp.json"] {
            let result = try TestSupport.runBinary(["check", file, "--format", "json", "--no-policy"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let stage = try TestSupport.runBinary(["stage", file]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect((object["stage"] as? [String: Any])?["id"] as? String == stage, "\(file)")
            let counts = try #require(object["counts"] as? [String: Int])
            let thresholds = try #require(object["thresholds"] as? [[String: Any]])
            func tally(_ status: String, _ severity: String? = nil) -> Int {
                thresholds.filter { $0["status"] as? String == status && (severity == nil || $0["severity"] as? String == severity) }.count
            }
            #expect(counts["passed"] == tally("pass"), "\(file)")
            #expect(counts["warning"] == tally("breach", "warning"), "\(file)")
            #expect(counts["critical"] == tally("breach", "critical"), "\(file)")
            #expect(counts["unknown"] == tally("unknown"), "\(file)")
            #expect(counts["pending"] == tally("pending"), "\(file)")
            #expect(counts["not_applicable"] == (object["not_applicable"] as? [Any])?.count, "\(file)")
            #expect(counts.values.reduce(0, +) == thresholds.count + (counts["not_applicable"] ?? 0), "\(file)")
        }
        let breaches = try TestSupport.runBinary(["check", "Fixtures/breaches.json", "--format", "json", "--no-policy"])
        let counts = try #require((try JSONSerialization.jsonObject(with: Data(breaches.stdout.utf8)) as? [String: Any])?["counts"] as? [String: Int])
        #expect(counts["critical"] == 1 && counts["warning"] == 5)
    }

    /// Through the binary: with `--fail-on warning` every breach fails the gate, yet a warning-level breach is a
    /// `::warning` and a critical one an `::error`, as in the SARIF report.
    @Test func githubCommandsFollowTheBreachSeverityLikeSARIF() throws {
        let result = try TestSupport.runBinary(["check", "Fixtures/breaches.json", "--format", "github", "--fail-on", "warning"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("::error ") }.map { $0.contains("title=error-rate::") } == [true])
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == lines.count - 1)
        #expect(lines.count > 2)
    }

    struct GitHubEscapeCase: CustomTestStringConvertible, Sendable {
        let input: String
        let data: String
        let property: String
        var testDescription: String { input.debugDescription }
    }

    static let githubEscapes: [GitHubEscapeCase] = [
        GitHubEscapeCase(input: "plain", data: "plain", property: "plain"),
        GitHubEscapeCase(input: "100%", data: "100%25", property: "100%25"),
        GitHubEscapeCase(input: "a\r\nb", data: "a%0D%0Ab", property: "a%0D%0Ab"),
        GitHubEscapeCase(input: "a,b:c", data: "a,b:c", property: "a%2Cb%3Ac"),
        GitHubEscapeCase(input: "%0A", data: "%250A", property: "%250A"),
    ]

    @Test(arguments: githubEscapes)
    func githubEscaping(_ testCase: GitHubEscapeCase) {
        #expect(CIReport.githubData(testCase.input) == testCase.data)
        #expect(CIReport.githubProperty(testCase.input) == testCase.property)
    }

    @Test func githubCommandsCannotBeSplitByInput() {
        let result = Self.result(
            [Self.healthy([.responseP95Ms: 720, .errorRate: 0.05])],
            rules: Self.rules(changing: "error-rate") { $0.action = "Cut errors by 100%\n::error::injected" },
            failOn: .critical, source: "odd,name\nfile.json")
        let output = CIReport.githubCommands(result)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3 && lines[2] == "")
        #expect(lines[0].hasPrefix("::warning file=odd%2Cname%0Afile.json,line=1,title=response-time::"))
        #expect(lines[1].hasPrefix("::error file=odd%2Cname%0Afile.json,line=1,title=error-rate::"))
        #expect(lines[1].hasSuffix(": Cut errors by 100%25%0A::error::injected"))
    }

    @Test func githubSummaryHasVerdictCountsAndTable() {
        let summary = CIReport.githubSummary(Self.gateCase("every kind at once").result)
        let lines = summary.split(separator: "\n").map(String.init)
        #expect(lines[0] == "## ❌ scalectl check: FAIL")
        #expect(lines[1] == "metrics.json: 6 thresholds: 2 ok, 2 failing, 1 allowed breach, 0 pending, 1 unknown.")
        #expect(lines[2] == "| Threshold | Value | Limit | Verdict | Action / note |")
        #expect(lines.filter { $0.hasPrefix("| ") }.count == 1 + 6)
        #expect(CIReport.githubSummary(Self.gateCase("all pass").result).hasPrefix("## ✅ scalectl check: PASS\n"))
    }

    // MARK: Markdown

    /// The pipes that separate cells: those not escaped with a backslash.
    static func cellSeparators(_ row: String) -> Int {
        var count = 0
        var escaped = false
        for character in row {
            if character == "|", !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    @Test func markdownEscapesTheFileNameAndKeepsFiveColumns() {
        let result = Self.result(
            [Self.healthy([.errorRate: 0.05])], rules: Self.rules(changing: "error-rate") { $0.action = "Fix | bugs *now*" },
            failOn: .warning, source: "metrics|prod_1.json")
        let markdown = CIReport.markdown(result)
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines[0] == #"## ❌ scalectl check: FAIL · metrics\|prod\_1.json"#)
        let rows = lines.filter { $0.hasPrefix("| ") }
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { Self.cellSeparators($0) == 6 }, "\(rows)")
        #expect(markdown.contains(#"| error-rate | 5% | ≤ 1% | ❌ critical | Fix \| bugs \*now\* |"#))
        #expect(lines.last == "Fails on a breach at warning or above, or an unknown on a required rule.")
    }

    // MARK: Golden files

    struct Golden: CustomTestStringConvertible, Sendable {
        let file: String
        /// nil for the GitHub job summary.
        let format: CheckFormat?
        var testDescription: String { file }
    }

    static let goldens: [Golden] = [
        Golden(file: "check-breaches.junit.xml", format: .junit),
        Golden(file: "check-breaches.sarif.json", format: .sarif),
        Golden(file: "check-breaches.github.txt", format: .github),
        Golden(file: "check-breaches.md", format: .markdown),
        Golden(file: "check-breaches.github-summary.md", format: nil),
    ]

    /// Each renderer on `Fixtures/breaches.json` (default rules, fail-on warning) matches its golden file byte for byte.
    ///
    /// After an intended change, regenerate the goldens and review the diff:
    /// `SCALECTL_UPDATE_GOLDEN=1 swift test --filter CIReportTests`.
    @Test(arguments: goldens)
    func matchesGoldenFile(_ golden: Golden) throws {
        let result = try Self.breachesResult()
        let policy = try PolicyResolver.resolve(stage: nil, file: nil)
        let rendered = golden.format.map { $0.render(result, policy: policy) } ?? CIReport.githubSummary(result)
        let url = URL(fileURLWithPath: TestSupport.fixture("golden/\(golden.file)"))
        if ProcessInfo.processInfo.environment["SCALECTL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: url)
        }
        let expected = try Data(contentsOf: url)
        #expect(Data(rendered.utf8) == expected, "\(golden.file) differs; see the comment above to regenerate")
    }
}
