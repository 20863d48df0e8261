import Foundation
import Testing

@testable import ScalingCore

/// Issue 13 through the real binary: the decision tree decides the stage, a gate that checked nothing never passes,
/// and the latest known value counts (and says how old it is).
@Suite struct TrustedVerdictTests {
    static let startup = TestSupport.fixture("triggers/small-startup.json")
    static let weekly = TestSupport.fixture("triggers/weekly-sparse-latest.csv")

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: The stage rule

    struct RuleCase: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var environment: [String: String] = [:]
        var files: [String: String] = [:]
        let stage: String
        var testDescription: String { name }
    }

    static let ruleCases: [RuleCase] = [
        RuleCase(name: "the default is the decision tree", arguments: [], stage: "early-traction"),
        RuleCase(name: "--stage-rule highest-signal", arguments: ["--stage-rule", "highest-signal"], stage: "growth"),
        RuleCase(
            name: "SCALECTL_STAGE_RULE", arguments: [], environment: ["SCALECTL_STAGE_RULE": "highest-signal"], stage: "growth"),
        RuleCase(
            name: "the policy's stage_rule", arguments: ["--policy", "p.json"],
            files: ["p.json": #"{"stage_rule": "highest-signal"}"#], stage: "growth"),
        RuleCase(
            name: "the flag over the policy", arguments: ["--policy", "p.json", "--stage-rule", "decision-tree"],
            files: ["p.json": #"{"stage_rule": "highest-signal"}"#], stage: "early-traction"),
        RuleCase(
            name: "the environment over the policy", arguments: ["--policy", "p.json"],
            environment: ["SCALECTL_STAGE_RULE": "decision-tree"], files: ["p.json": #"{"stage_rule": "highest-signal"}"#],
            stage: "early-traction"),
    ]

    @Test(arguments: ruleCases)
    func theRuleInForceDecidesTheStage(_ testCase: RuleCase) {
        let result = TestSupport.run(
            ["stage", Self.startup] + testCase.arguments, files: testCase.files, environment: testCase.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == testCase.stage + "\n")
    }

    @Test func atLeastAndWhatIfUseTheRuleInForce() throws {
        #expect(try TestSupport.runBinary(["stage", Self.startup, "--at-least", "growth"]).status == 1)
        #expect(try TestSupport.runBinary(["stage", Self.startup, "--at-least", "growth", "--stage-rule", "highest-signal"]).status == 0)
        // Three times the users is 10,269: growth by the decision tree.
        let tripled = try TestSupport.runBinary(["stage", Self.startup, "--what-if", "users=x3"])
        #expect(tripled.stdout == "growth\n")
        #expect(tripled.stderr.contains("what-if: stage early-traction → growth"))
        // $12K MRR alone moves nothing under the decision tree; it does under highest-signal.
        #expect(try TestSupport.runBinary(["stage", Self.startup, "--what-if", "mrr=12000"]).stdout == "early-traction\n")
        #expect(
            try TestSupport.runBinary(["stage", Self.startup, "--what-if", "mrr=12000", "--stage-rule", "highest-signal"]).stdout
                == "scale\n")
    }

    @Test func stageJSONListsEveryTriggerMet() throws {
        let result = try TestSupport.runBinary(["stage", Self.startup, "--format", "json"])
        let object = try Self.json(result.stdout)
        #expect(object["rule"] as? String == "decision-tree")
        #expect((object["stage"] as? [String: Any])?["id"] as? String == "early-traction")
        let triggers = try #require(object["triggers"] as? [[String: Any]])
        #expect(triggers.map { $0["signal"] as? String } == ["paying_customers", "mrr", "daily_active_users"])
        let growth = try #require(triggers.last)
        #expect((growth["stage"] as? [String: Any])?["id"] as? String == "growth")
        #expect((growth["stage"] as? [String: Any])?["number"] as? Int == 2)
        #expect(growth["value"] as? Double == 171)
        #expect(growth["rule"] as? String == "daily_active_users ≥ 100")
        #expect(growth["when"] as? String == "100+ daily active users")
        #expect(growth["above_stage"] as? Bool == true)
        #expect(triggers.first?["above_stage"] as? Bool == false)
    }

    @Test func adviseReportsTheTriggerAndDoesNotMakeItsStepsDue() throws {
        let text = try TestSupport.runBinary(["advise", Self.startup])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Stage 1 · Early Traction"))
        #expect(
            text.stdout.contains(
                #"Trigger: daily_active_users 171 meets Growth's "When: 100+ daily active users"; the decision tree keeps Early "#
                    + "Traction (< 10K users? → Add Upstash Redis)"))
        #expect(text.stdout.contains("Decision tree: < 10K users? → Add Upstash Redis"))
        #expect(!text.stdout.contains("Due now (Growth)"))
        #expect(text.stdout.contains("Worth preparing for Growth (not due: its trigger daily_active_users 171 is met"))
        let json = try Self.json(try TestSupport.runBinary(["advise", Self.startup, "--format", "json"]).stdout)
        let steps = try #require(json["next_steps"] as? [[String: Any]])
        let deno = try #require(steps.first { $0["id"] as? String == "growth.deno-deploy-pro" })
        #expect(deno["reason"] as? String == "triggered")
        #expect(deno["trigger"] as? String == "daily_active_users: When: 100+ daily active users")
        #expect(steps.filter { $0["reason"] as? String == "due" }.allSatisfy { ($0["id"] as? String)?.hasPrefix("early-traction.") == true })
        #expect((json["triggers"] as? [[String: Any]])?.count == 3)
    }

    @Test func fiveHundredUsersWithTenThousandMRRStayAtTheMVP() throws {
        let result = TestSupport.run(["advise", "m.json"], files: ["m.json": #"{"users": 500, "mrr": 10000, "error_rate": 0.002}"#])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Stage 0 · Free MVP"))
        #expect(result.stdout.contains(#"Trigger: mrr $10,000 meets Scale's "When: $10K+ MRR""#))
        #expect(!result.stdout.contains("Due now (Scale)"))
        #expect(result.stdout.contains("Worth preparing for Scale"))
    }

    @Test func withoutUsersTheHighestTriggerStagesItAndTheOutputSaysSo() throws {
        let result = TestSupport.run(["stage", "m.json", "--explain"], files: ["m.json": #"{"mrr": 12000, "paying_customers": 40}"#])
        #expect(result.status == 0)
        #expect(result.stdout.contains("users not reported: staged by the When trigger of Scale"))
        let noSignal = TestSupport.run(["stage", "m.json"], files: ["m.json": #"{"response_p95_ms": 120}"#])
        #expect(noSignal.status == 2)
        #expect(noSignal.stderr.contains("cannot tell the stage"))
    }

    @Test func explainStatesTheRuleEverySignalAndEveryTrigger() throws {
        let result = try TestSupport.runBinary(["stage", Self.startup, "--explain", "--stage-rule", "highest-signal"])
        #expect(result.stdout.contains("Stage rule in force: highest-signal"))
        #expect(result.stdout.contains("growth trigger (When: 100+ daily active users): daily_active_users ≥ 100"))
        #expect(result.stdout.contains("Signals:"))
        #expect(result.stdout.contains("Triggers met:"))
        #expect(result.stdout.contains("daily_active_users 171 → growth (When: 100+ daily active users)"))
    }

    struct BadRuleCase: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var environment: [String: String] = [:]
        var files: [String: String] = [:]
        let message: String
        var testDescription: String { name }
    }

    static let badRules: [BadRuleCase] = [
        BadRuleCase(
            name: "an unknown flag value", arguments: ["--stage-rule", "highest"],
            message: "option '--stage-rule' does not accept 'highest' (did you mean 'highest-signal'?); expected one of: decision-tree, highest-signal"),
        BadRuleCase(
            name: "an unknown environment value", arguments: [], environment: ["SCALECTL_STAGE_RULE": "users"],
            message: "environment SCALECTL_STAGE_RULE"),
        BadRuleCase(
            name: "an unknown policy value", arguments: ["--policy", "p.json"], files: ["p.json": "{\n  \"stage_rule\": \"max\"\n}"],
            message: "p.json: line 2"),
        BadRuleCase(
            name: "a max age without a unit", arguments: ["--max-age", "14"], message: "has no unit"),
        BadRuleCase(
            name: "a policy max_age that is no span", arguments: ["--policy", "p.json"], files: ["p.json": #"{"max_age": "soon"}"#],
            message: "max_age"),
    ]

    @Test(arguments: badRules)
    func aBadRuleOrAgeIsAnErrorNamingItsSource(_ testCase: BadRuleCase) {
        let result = TestSupport.run(
            ["check", Self.startup] + testCase.arguments, files: testCase.files, environment: testCase.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains(testCase.message), "\(result.stderr)")
    }

    // MARK: A gate that checked nothing

    struct EmptyGateCase: CustomTestStringConvertible, Sendable {
        let name: String
        let file: String
        var arguments: [String] = []
        var hint: String? = nil
        var testDescription: String { name }
    }

    static let emptyGates: [EmptyGateCase] = [
        EmptyGateCase(name: "an empty object", file: "{}"),
        EmptyGateCase(name: "users only", file: #"{"users": 500}"#),
        EmptyGateCase(
            name: "mistyped keys", file: #"{"users": 500, "eror_rate": 0.01, "db_cpuu": 0.4}"#,
            hint: #""eror_rate" is not a field (did you mean "error_rate"?)"#),
        EmptyGateCase(name: "with -q", file: #"{"users": 500}"#, arguments: ["-q"]),
        EmptyGateCase(name: "as JUnit", file: #"{"users": 500}"#, arguments: ["--format", "junit"]),
        EmptyGateCase(name: "as GitHub commands", file: #"{"users": 500}"#, arguments: ["--format", "github"]),
        EmptyGateCase(name: "with --require-all", file: #"{"users": 500}"#, arguments: ["--require-all"]),
    ]

    @Test(arguments: emptyGates)
    func aGateThatCheckedNothingExitsTwo(_ testCase: EmptyGateCase) {
        let result = TestSupport.run(["check", "m.json", "--no-policy"] + testCase.arguments, files: ["m.json": testCase.file])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "no verdict is printed")
        #expect(!result.stdout.contains("PASS"))
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("scalectl: error:") }
        #expect(errors.count == 1, "one line")
        #expect(errors.first?.contains("m.json: nothing to check") == true)
        #expect(errors.first?.contains("it looked for response_p95_ms, db_cpu, error_rate") == true)
        if let hint = testCase.hint { #expect(result.stderr.contains(hint)) }
    }

    @Test func aGateThatCheckedNothingWritesNoReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("m.json")
        try Data(#"{"users": 500}"#.utf8).write(to: input)
        let junit = folder.appendingPathComponent("r.xml").path
        let result = try TestSupport.runBinary(["check", input.path, "--no-policy", "--report", "junit=\(junit)"])
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: junit))
    }

    @Test func adviseAndReportSayNothingCouldBeChecked() throws {
        let files = ["m.json": #"{"users": 500}"#]
        let text = TestSupport.run(["advise", "m.json", "--no-policy"], files: files)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Thresholds (nothing could be checked"))
        #expect(!text.stdout.contains("none breached"))
        let markdown = TestSupport.run(["advise", "m.json", "--no-policy", "--format", "markdown"], files: files)
        #expect(markdown.stdout.contains("**nothing could be checked"))
        let json = try Self.json(TestSupport.run(["advise", "m.json", "--no-policy", "--format", "json"], files: files).stdout)
        #expect(json["thresholds_checked"] as? Int == 0)
        let html = TestSupport.run(["report", "m.json", "--no-policy"], files: files)
        #expect(html.stdout.contains("nothing could be checked"))
        #expect(!html.stdout.contains("No threshold is breached"))
    }

    @Test func aDiffOfInputsThatShareNoMetricExitsTwo() {
        let result = TestSupport.run(
            ["diff", "a.json", "b.json", "--no-policy"], files: ["a.json": #"{"users": 500}"#, "b.json": #"{"mrr": 20}"#])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nothing to compare: a.json and b.json share no numeric field"))
    }

    // MARK: The latest known value

    @Test func aSparseNewestRowKeepsTheBreachesOfTheWeeksBefore() throws {
        let result = try TestSupport.runBinary(["check", Self.weekly, "--no-policy"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("4 breached"))
        #expect(result.stdout.contains("720 ms"))
        #expect(result.stdout.contains("as of 2026-11-09T00:00:00Z, 7 days before the latest snapshot"))
        // Four rows report p95; the fifth reports nothing about it, so the run is four snapshots, not five.
        #expect(result.stdout.contains("breached since 2026-10-19T00:00:00Z (4 snapshots)"))
        let json = try Self.json(try TestSupport.runBinary(["check", Self.weekly, "--no-policy", "--format", "json"]).stdout)
        let thresholds = try #require(json["thresholds"] as? [[String: Any]])
        let p95 = try #require(thresholds.first { $0["id"] as? String == "response-time" })
        let asOf = try #require(p95["as_of"] as? [String: Any])
        #expect(asOf["timestamp"] as? String == "2026-11-09T00:00:00Z")
        #expect(asOf["age_seconds"] as? Double == 604_800)
        #expect(asOf["snapshots_before_latest"] as? Int == 1)
        #expect(asOf["line"] as? Int == 5)
        #expect(p95["breached_snapshots"] as? Int == 4)
    }

    @Test func sarifPointsAtTheRowTheValueCameFrom() throws {
        let result = try TestSupport.runBinary(["check", Self.weekly, "--no-policy", "--format", "sarif"])
        let object = try Self.json(result.stdout)
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let p95 = try #require(results.first { $0["ruleId"] as? String == "response-time" })
        let location = try #require((p95["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 5)
    }

    /// `stage --format json` is the short answer a script reads; `--explain` adds the reasoning.
    @Test func stageJSONIsCompactAndExplainHoldsTheReasoning() throws {
        let compact = try Self.json(try TestSupport.runBinary(["stage", Self.weekly, "--format", "json"]).stdout)
        #expect(
            Set(compact.keys) == ["schema_version", "source", "warnings", "what_if", "stage", "rule", "triggers", "signals"])
        let signals = try #require(compact["signals"] as? [[String: Any]])
        let dau = try #require(signals.first { $0["field"] as? String == "daily_active_users" })
        #expect(dau["value"] as? Double == 171)
        #expect(dau["stage"] as? String == "growth")
        let explained = try Self.json(try TestSupport.runBinary(["stage", Self.weekly, "--format", "json", "--explain"]).stdout)
        #expect(explained["stage_rule"] as? String == compact["rule"] as? String)
        #expect((explained["stage_reason"] as? [String: Any])?["distances"] is [Any])
        #expect(explained["rule"] == nil)
    }

    @Test func theStageReadsTheLatestKnownSignals() throws {
        // Under highest-signal, the daily active users of 2026-11-09 still place the app at growth.
        let highest = try TestSupport.runBinary(["stage", Self.weekly, "--stage-rule", "highest-signal", "--explain"])
        #expect(highest.stdout.contains("Stage 2 · Growth"))
        #expect(highest.stdout.contains("daily_active_users 171 as of 2026-11-09T00:00:00Z, 7 days before the latest snapshot"))
        let json = try Self.json(try TestSupport.runBinary(["stage", Self.weekly, "--format", "json", "--explain"]).stdout)
        let signals = try #require((json["stage_reason"] as? [String: Any])?["signals"] as? [[String: Any]])
        let dau = try #require(signals.first { $0["field"] as? String == "daily_active_users" })
        #expect((dau["as_of"] as? [String: Any])?["timestamp"] as? String == "2026-11-09T00:00:00Z")
        #expect(signals.first { $0["field"] as? String == "users" }?["as_of"] is NSNull)
    }

    @Test func maxAgeMakesOlderValuesUnknownAndSaysWhy() throws {
        let stale = try TestSupport.runBinary(["check", Self.weekly, "--no-policy", "--max-age", "3d"])
        #expect(stale.status == 2, "every threshold's value is older than 3 days: nothing to check")
        #expect(stale.stderr.contains("older than --max-age: response_p95_ms, db_cpu, error_rate and cache_hit_rate"))
        let fresh = try TestSupport.runBinary(["check", Self.weekly, "--no-policy", "--max-age", "8d"])
        #expect(fresh.status == 1)
        let policy = TestSupport.run(
            ["advise", Self.weekly, "--policy", "p.json"], files: ["p.json": #"{"max_age": "3d"}"#])
        #expect(policy.status == 0)
        #expect(
            policy.stdout.contains(
                "response_p95_ms last reported 2026-11-09T00:00:00Z, 7 days before the latest snapshot: older than --max-age 3 days"))
        let environment = try TestSupport.runBinary(["check", Self.weekly, "--no-policy"], environment: ["SCALECTL_MAX_AGE": "3d"])
        #expect(environment.status == 2)
    }

    @Test func partlyExpiredValuesAreJudgedAndTheRestUnknown() throws {
        let csv = """
            timestamp,users,response_p95_ms,error_rate
            2026-10-01T00:00:00Z,3000,900,0.5%
            2026-11-10T00:00:00Z,3200,,3%
            2026-11-16T00:00:00Z,3300,,
            """
        let result = TestSupport.run(["check", "w.csv", "--no-policy", "--max-age", "14d", "--format", "json"], files: ["w.csv": csv])
        #expect(result.status == 1)
        let object = try Self.json(result.stdout)
        let thresholds = try #require(object["thresholds"] as? [[String: Any]])
        let p95 = try #require(thresholds.first { $0["id"] as? String == "response-time" })
        #expect(p95["status"] as? String == "unknown")
        #expect((p95["unknown_reason"] as? String)?.contains("older than --max-age 2 weeks") == true)
        let errors = try #require(thresholds.first { $0["id"] as? String == "error-rate" })
        #expect(errors["status"] as? String == "breach")
        #expect((errors["as_of"] as? [String: Any])?["timestamp"] as? String == "2026-11-10T00:00:00Z")
    }
}

/// Issue 17 in part: a plan's limit applies only from the stage whose stack has the plan.
@Suite struct PlanLimitApplicabilityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let users: Int
        let applies: Bool
        var testDescription: String { "\(users) users: request-count \(applies ? "applies" : "does not apply")" }
    }

    static let cases: [Case] = [
        Case(users: 500, applies: false), Case(users: 3_000, applies: false), Case(users: 12_000, applies: true),
        Case(users: 60_000, applies: true),
    ]

    @Test(arguments: cases)
    func denoDeployProsRequestsApplyFromGrowth(_ testCase: Case) throws {
        let file = #"{"users": \#(testCase.users), "requests_per_month": 11800000, "error_rate": 0.002}"#
        let result = TestSupport.run(["check", "m.json", "--no-policy", "--format", "json"], files: ["m.json": file])
        let object = try TrustedVerdictTests.json(result.stdout)
        let thresholds = try #require(object["thresholds"] as? [[String: Any]])
        let skipped = try #require(object["not_applicable"] as? [[String: Any]])
        if testCase.applies {
            #expect(result.status == 1, "11.8M requests breach Pro's 10M from Growth on")
            #expect(thresholds.contains { $0["id"] as? String == "request-count" && $0["status"] as? String == "breach" })
            #expect(skipped.isEmpty)
        } else {
            #expect(result.status == 0, "before Growth the app is not on Deno Deploy Pro: no breach")
            #expect(!thresholds.contains { $0["id"] as? String == "request-count" })
            #expect(skipped.first?["id"] as? String == "request-count")
            #expect((skipped.first?["reason"] as? String)?.hasPrefix("Deno Deploy Pro's 10 million requests/month applies from Growth") == true)
        }
    }

    @Test func theTextSaysWhyAndALimitOnItIsRefused() {
        let files = ["m.json": #"{"users": 3000, "requests_per_month": 11800000, "error_rate": 0.002}"#]
        let text = TestSupport.run(["check", "m.json", "--no-policy"], files: files)
        #expect(text.stdout.contains("– request-count: not applicable: Deno Deploy Pro's 10 million requests/month applies from Growth"))
        let limited = TestSupport.run(["check", "m.json", "--no-policy", "--limit", "request-count=5M"], files: files)
        #expect(limited.status == 2)
        #expect(limited.stderr.contains("\"request-count\" does not apply: Deno Deploy Pro's"))
        let shown = TestSupport.run(["policy", "show", "--stage", "early-traction", "--no-policy"])
        #expect(shown.stdout.contains("Not applicable at early-traction"))
    }
}

/// The latest known values read from a series in order without building its timeline equal those read through it.
@Suite struct CurrentValuesTests {
    static func snapshot(_ day: Int?, _ values: [SnapshotField: Double]) -> Snapshot {
        Snapshot(timestamp: day.map { Double($0) * 86_400 }, values: values, origin: SourcePlace(file: "s.csv", line: (day ?? 0) + 2))
    }

    static let rows: [Snapshot] = [
        snapshot(1, [.users: 100, .responseP95Ms: 300, .errorRate: 0.02]),
        snapshot(2, [.users: 120, .responseP95Ms: 320]),
        snapshot(3, [.users: 130, .dbCPU: 0.4]),
        snapshot(4, [.users: 140]),
    ]

    @Test(arguments: [nil, 1.5 * 86_400] as [Double?])
    func inOrderOrShuffledTheSameValuesAreCarried(_ maxAge: Double?) {
        let ordered = SnapshotSeries(source: "s.csv", snapshots: Self.rows)
        let shuffled = SnapshotSeries(source: "s.csv", snapshots: [Self.rows[2], Self.rows[0], Self.rows[3], Self.rows[1]])
        let fast = CurrentValues(ordered, maxAge: maxAge)
        let sorted = CurrentValues(shuffled, maxAge: maxAge)
        #expect(fast == sorted)
        #expect(fast.snapshot[.users] == 140)
        #expect(fast.carried[.dbCPU]?.snapshotsBefore == 1)
        if maxAge == nil {
            #expect(fast.snapshot[.responseP95Ms] == 320 && fast.carried[.responseP95Ms]?.snapshotsBefore == 2)
            #expect(fast.carried[.errorRate]?.age == Double(3 * 86_400))
        } else {
            #expect(fast.snapshot[.responseP95Ms] == nil && fast.expired[.responseP95Ms]?.value == 320)
            #expect(fast.expired[.errorRate]?.value == 0.02)
        }
    }

    @Test func anUntimedSeriesCarriesInFileOrderAndNothingExpires() {
        let untimed = SnapshotSeries(source: "s.csv", snapshots: [Self.snapshot(nil, [.errorRate: 0.5]), Self.snapshot(nil, [.users: 3])])
        let current = CurrentValues(untimed, maxAge: 60)
        #expect(current.snapshot[.errorRate] == 0.5)
        #expect(current.carried[.errorRate]?.age == nil)
        #expect(current.expired.isEmpty)
    }
}

/// `guide --format json` holds every table the text shows (issue 17, in part).
@Suite struct GuideJSONTests {
    @Test func everyTableIsInTheJSON() throws {
        let result = try TestSupport.runBinary(["guide", "--format", "json"])
        let object = try TrustedVerdictTests.json(result.stdout)
        // Prices: amounts, kind and the stages they apply to, for every price id the table has.
        let prices = try #require(object["prices"] as? [[String: Any]])
        #expect(prices.map { $0["id"] as? String } == GuideCatalog.prices.map(\.id))
        let pro = try #require(prices.first { $0["id"] as? String == "deno-deploy-pro" })
        #expect((pro["pricing"] as? [String: Any])?["low"] as? Double == 20)
        // Enterprise's stack is custom infrastructure, not Deno Deploy Pro: the price applies from Growth through Scale.
        #expect((pro["stages"] as? [[String: Any]])?.map { $0["id"] as? String } == ["growth", "scale"])
        #expect((pro["includes"] as? [String: Any])?["label"] as? String == "10 million requests/month")
        let upstash = try #require(prices.first { $0["id"] as? String == "upstash-redis" })
        #expect((upstash["pricing"] as? [String: Any])?["free_per_day"] as? Double == 10_000)
        // Plan limits, the stage rule with every trigger, and Scale's diagram.
        #expect((object["plan_limits"] as? [[String: Any]])?.count == GuideCatalog.planLimits.count)
        let rule = try #require(object["stage_rule"] as? [String: Any])
        #expect(rule["default"] as? String == "decision-tree")
        #expect((rule["triggers"] as? [[String: Any]])?.count == GuideCatalog.stageTriggers.count)
        #expect((rule["users_ranges"] as? [[String: Any]])?.count == 4)
        let stages = try #require(object["stages"] as? [[String: Any]])
        let scale = try #require(stages.first { ($0["stage"] as? [String: Any])?["id"] as? String == "scale" })
        #expect(((scale["diagram"] as? [String: Any])?["text"] as? String)?.contains("│ Deno Deploy │") == true)
        // Links: every URL of the guide the text prints is in the JSON too.
        let text = try TestSupport.runBinary(["guide"]).stdout
        for url in ["https://betterstack.com", "https://sentry.io", "https://discord.gg/deno", "https://discord.gg/vercel"] {
            #expect(text.contains(url) && result.stdout.contains(url), "\(url)")
        }
    }
}
