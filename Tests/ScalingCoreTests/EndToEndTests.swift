import Foundation
import Testing

@testable import ScalingCore

/// The real binary on the shipped fixtures: exit codes, stdout and stderr as a user sees them.
@Suite struct EndToEndTests {
    struct StageCase: CustomTestStringConvertible, Sendable {
        let fixture: String
        let stage: Stage
        var testDescription: String { fixture }
    }

    static let stageFixtures: [StageCase] = Stage.allCases.flatMap { stage in
        ["json", "csv"].map { StageCase(fixture: "stages/\(stage.rawValue).\($0)", stage: stage) }
    }

    @Test(arguments: stageFixtures)
    func stagePrintsOneLinePerFixture(_ testCase: StageCase) throws {
        let name = try TestSupport.runBinary(["stage", TestSupport.fixture(testCase.fixture)])
        #expect(name.status == 0)
        #expect(name.stdout == "\(testCase.stage.rawValue)\n")
        #expect(name.stderr == "")
        let number = try TestSupport.runBinary(["stage", TestSupport.fixture(testCase.fixture), "--format", "number"])
        #expect(number.stdout == "\(testCase.stage.number)\n")
    }

    @Test func jsonAndCSVFixturesGiveTheSameAdvice() throws {
        for stage in Stage.allCases {
            let json = try TestSupport.runBinary(["advise", TestSupport.fixture("stages/\(stage.rawValue).json"), "--format", "json"])
            let csv = try TestSupport.runBinary(["advise", TestSupport.fixture("stages/\(stage.rawValue).csv"), "--format", "json"])
            #expect(json.status == 0 && csv.status == 0)
            func withoutSource(_ text: String) throws -> NSDictionary {
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
                return (object.filter { $0.key != "source" }) as NSDictionary
            }
            #expect(try withoutSource(json.stdout) == withoutSource(csv.stdout), "\(stage)")
        }
    }

    @Test func atLeastExitsZeroOrOneAndPrintsNothing() throws {
        let growth = TestSupport.fixture("stages/growth.json")
        let yes = try TestSupport.runBinary(["stage", growth, "--at-least", "growth"])
        #expect(yes.status == 0 && yes.stdout.isEmpty)
        let no = try TestSupport.runBinary(["stage", growth, "--at-least", "scale"])
        #expect(no.status == 1 && no.stdout.isEmpty)
        let bad = try TestSupport.runBinary(["stage", growth, "--at-least", "huge"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown stage 'huge'"))
    }

    @Test func checkFailsOnBreachesAndHonoursFailOn() throws {
        let breaches = TestSupport.fixture("breaches.json")
        let check = try TestSupport.runBinary(["check", breaches])
        #expect(check.status == 1)
        #expect(check.stdout.contains("error-rate"))
        #expect(check.stdout.contains("FAIL"))
        let critical = try TestSupport.runBinary(["check", breaches, "--fail-on", "critical"])
        #expect(critical.status == 1)
        let healthy = try TestSupport.runBinary(["check", TestSupport.fixture("stages/growth.json")])
        #expect(healthy.status == 0)
        #expect(healthy.stdout.contains("PASS"))
        let warningsOnly = try TestSupport.runBinary(["check", "-", "--fail-on", "critical"], stdin: #"{"response_p95_ms": 900}"#)
        #expect(warningsOnly.status == 0)
        let json = try TestSupport.runBinary(["check", breaches, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 2)
        #expect(object["passed"] as? Bool == false)
        let thresholds = try #require(object["thresholds"] as? [[String: Any]])
        #expect(thresholds.filter { $0["status"] as? String == "breach" }.count == 6)
    }

    @Test func adviseShowsStageBreachesStepsChecklistAndCost() throws {
        let advise = try TestSupport.runBinary(["advise", TestSupport.fixture("breaches.json")])
        #expect(advise.status == 0)
        for expected in [
            "Stage 2 · Growth", "critical", "→ Fix bugs", "→ Add caching", "Next steps", "Prepare for Scale",
            "Checklist", "Cost", "Estimate", "to reach scale",
        ] {
            #expect(advise.stdout.contains(expected), "missing: \(expected)")
        }
        #expect(!advise.stdout.contains("\u{1B}["), "no color when stdout is not a terminal")
        let explain = try TestSupport.runBinary(["advise", TestSupport.fixture("breaches.json"), "--explain"])
        #expect(explain.stdout.contains("Stage rule in force: decision-tree"))
        #expect(
            explain.stdout.contains(
                "users (the decision tree): below 1,000 → mvp; ≥ 1,000 → early-traction; ≥ 10,000 → growth; ≥ 50,000 → scale; "
                    + "≥ 200,000 → enterprise"))
        #expect(explain.stdout.contains("scale trigger (When: $10K+ MRR): mrr ≥ $10,000"))
    }

    @Test func adviseJSONHasTheStableShape() throws {
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture("stages/scale.json"), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 2)
        let stage = try #require(object["stage"] as? [String: Any])
        #expect(stage["number"] as? Int == 3 && stage["id"] as? String == "scale" && stage["name"] as? String == "Scale")
        for key in ["stage_reason", "thresholds", "next_steps", "checklist", "cost", "decision_tree", "source"] {
            #expect(object[key] != nil, "\(key)")
        }
    }

    @Test func colorOnlyWhenAskedOrOnATerminalWithoutNoColor() {
        let file = ["m.json": #"{"users": 20000, "response_p95_ms": 900}"#]
        #expect(TestSupport.run(["advise", "m.json"], files: file, terminal: true).stdout.contains("\u{1B}["))
        #expect(
            !TestSupport.run(["advise", "m.json"], files: file, environment: ["NO_COLOR": "1"], terminal: true).stdout.contains("\u{1B}["))
        #expect(TestSupport.run(["advise", "m.json", "--color", "always"], files: file).stdout.contains("\u{1B}["))
        #expect(!TestSupport.run(["advise", "m.json", "--color", "never"], files: file, terminal: true).stdout.contains("\u{1B}["))
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            arguments: ["advise", "Fixtures/malformed/rate-above-one.json"],
            message:
                "Fixtures/malformed/rate-above-one.json: line 3, column 17: field \"error_rate\": a bare rate above 1 is ambiguous: write \"1.5%\" or 0.015"
        ),
        BadInput(
            arguments: ["advise", "Fixtures/malformed/trailing-comma.json"],
            message: "Fixtures/malformed/trailing-comma.json: invalid JSON at line 4, column 1"),
        BadInput(
            arguments: ["advise", "Fixtures/malformed/unterminated-quote.csv"],
            message: "Fixtures/malformed/unterminated-quote.csv: invalid CSV at line 2, field 2"),
        BadInput(
            arguments: ["advise", "Fixtures/malformed/ragged-row.csv"],
            message: "Fixtures/malformed/ragged-row.csv: invalid CSV at line 3, field 3"),
        BadInput(
            arguments: ["advise", "Fixtures/malformed/duplicate-field.json"],
            message: "field \"users\" is given twice (\"users\" and \"userCount\" both name it)"),
        BadInput(
            arguments: ["stage", "Fixtures/malformed/no-stage-signal.json"],
            message: "cannot tell the stage: the snapshot has none of users, daily_active_users, paying_customers, mrr"),
        BadInput(
            arguments: ["advise", "Fixtures/malformed/empty.json"],
            message: "Fixtures/malformed/empty.json: the file is empty: expected a JSON object (one snapshot) or an array of them"),
        BadInput(
            arguments: ["advise", "Fixtures/malformed/array-of-numbers.json"],
            message: "line 1, column 2: found a number in the array where a snapshot object was expected"),
        BadInput(
            arguments: ["advise", "Fixtures/malformed/negative-count.csv"],
            message: "line 2, column \"daily_active_users\": field \"daily_active_users\": a count cannot be negative"),
        BadInput(arguments: ["advise", "Fixtures/malformed/bad-unit.json"], message: "unknown unit \"thousand\""),
        BadInput(arguments: ["advise", "Fixtures/malformed/misplaced-comma.csv"], message: "a comma must separate groups of three digits"),
        BadInput(arguments: ["advise", "Fixtures/malformed/huge-number.json"], message: "1e400 is out of range"),
        BadInput(arguments: ["advise", "Fixtures/malformed/timestamp-millis.json"], message: "it looks like milliseconds"),
        BadInput(arguments: ["advise", "Fixtures/no-such-file.json"], message: "Fixtures/no-such-file.json: cannot read: no such file"),
        BadInput(arguments: ["advise", "Fixtures"], message: "Fixtures: cannot read: is a directory, not a file"),
        BadInput(arguments: ["advise"], message: "'advise' needs FILE"),
        BadInput(
            arguments: ["diff", "a.json", "b.json", "c.json"],
            message: "unexpected extra argument 'c.json' (usage: scalectl diff BASE NEW [options])"
        ),
        BadInput(
            arguments: ["guide", "growth", "scale"], message: "unexpected extra argument 'scale' (usage: scalectl guide [STAGE] [options])"),
        BadInput(
            arguments: ["stage", "m.json", "--fromat=number"], message: "unknown option '--fromat' for 'stage' (did you mean --format?)"),
        BadInput(arguments: ["advice", "m.json"], message: "unknown command 'advice' (did you mean 'advise'?)"),
        BadInput(arguments: ["check", "m.json", "--fail-on", "sever"], message: "option '--fail-on' does not accept 'sever'"),
        BadInput(
            arguments: ["advise", "m.json", "--fromat", "json"], message: "unknown option '--fromat' for 'advise' (did you mean --format?)"),
        BadInput(arguments: [], message: "no command given"),
        // "Did you mean" on a prefix, when one name alone begins with it.
        BadInput(arguments: ["guide", "grow"], message: "unknown stage 'grow' (did you mean 'growth'?)"),
        BadInput(arguments: ["check", "m.json", "--fail-on", "warn"], message: "does not accept 'warn' (did you mean 'warning'?)"),
        BadInput(arguments: ["guide", "ent"], message: "unknown stage 'ent' (did you mean 'enterprise'?)"),
        BadInput(arguments: ["guide", "sc"], message: "unknown stage 'sc'; stages:"),  // two letters suggest nothing
    ]

    /// Bad input: exit 2, one clear message on stderr, nothing on stdout, no crash or stack trace.
    @Test(arguments: badInputs)
    func badInputExitsTwoWithAClearMessage(_ testCase: BadInput) throws {
        let result = try TestSupport.runBinary(testCase.arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(testCase.message), "stderr was: \(result.stderr)")
        #expect(result.stderr.hasPrefix("scalectl: error: ") || testCase.arguments.isEmpty)
        #expect(!result.stderr.contains("Stack") && !result.stderr.contains("Fatal error"))
        if !testCase.arguments.isEmpty { #expect(result.stdout.isEmpty) }
    }

    @Test func unknownFieldsWarnButDoNotFail() throws {
        let result = try TestSupport.runBinary(["stage", "Fixtures/malformed/unknown-field.json"])
        #expect(result.status == 0)
        #expect(result.stdout == "early-traction\n")
        #expect(result.stderr.contains("unknown field \"usres\" ignored (did you mean \"users\"?)"))
    }

    @Test func verboseSaysWhichAliasMapped() throws {
        let result = try TestSupport.runBinary(["stage", "Fixtures/breaches.json", "--verbose"])
        #expect(result.stderr.contains("\"p95_ms\" read as response_p95_ms"))
        let quiet = try TestSupport.runBinary(["stage", "Fixtures/breaches.json"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test func readsStandardInputWithDetectionOrOverride() throws {
        let json = try TestSupport.runBinary(["stage", "-"], stdin: #"{"users": 12000}"#)
        #expect(json.stdout == "growth\n")
        let csv = try TestSupport.runBinary(["stage", "-"], stdin: "users,mrr\n300,20000\n")
        #expect(csv.stdout == "mvp\n")
        let forced = try TestSupport.runBinary(["stage", "-", "--input-format", "csv"], stdin: "users\n60000\n")
        #expect(forced.stdout == "scale\n")
    }

    @Test func sharedOptionsMayComeBeforeTheCommand() throws {
        let result = try TestSupport.runBinary(["--color", "never", "stage", TestSupport.fixture("stages/growth.json")])
        #expect(result.status == 0)
        #expect(result.stdout == "growth\n")
        let attached = try TestSupport.runBinary(["--color=always", "-v", "stage", TestSupport.fixture("stages/scale.json")])
        #expect(attached.stdout == "scale\n")
    }

    @Test func helpAndVersionSucceed() throws {
        let help = try TestSupport.runBinary(["--help"])
        #expect(help.status == 0 && help.stdout.contains("Usage: scalectl COMMAND"))
        let commandHelp = try TestSupport.runBinary(["check", "--help"])
        #expect(commandHelp.status == 0 && commandHelp.stdout.contains("--fail-on") && commandHelp.stdout.contains("Examples:"))
        let version = try TestSupport.runBinary(["--version"])
        #expect(version.status == 0 && version.stdout == "scalectl \(CommandTable.version)\n")
    }

    @Test func guidePrintsEveryStageThresholdChecklistItemAndPath() throws {
        let result = try TestSupport.runBinary(["guide"])
        #expect(result.status == 0)
        for profile in GuideCatalog.stages { #expect(result.stdout.contains(profile.heading)) }
        for step in GuideCatalog.stages.flatMap(\.steps) { #expect(result.stdout.contains(step.title)) }
        for threshold in GuideCatalog.thresholds { #expect(result.stdout.contains(threshold.id)) }
        for item in GuideCatalog.checklist { #expect(result.stdout.contains(item.id)) }
        for path in GuideCatalog.migrationPaths { #expect(result.stdout.contains(path.title)) }
        for branch in GuideCatalog.decisionTree { #expect(result.stdout.contains(branch.advice)) }
        for tip in GuideCatalog.costTips { #expect(result.stdout.contains(tip.title)) }
        let one = try TestSupport.runBinary(["guide", "growth"])
        #expect(one.stdout.contains("Stage 2: Growth") && !one.stdout.contains("Stage 3: Scale"))
    }

    @Test func costComparesWithWhatIsPaid() throws {
        let result = try TestSupport.runBinary(["cost", TestSupport.fixture("stages/growth.json")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("$24.50-$34.50/month"))
        #expect(result.stdout.contains("You pay $45/month: within the band."))
    }

    @Test func aSeriesIsAdvisedOnItsLatestRow() throws {
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture("series.csv")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("latest of 8 snapshots · 2026-10-26T00:00:00Z (line 9)"))
        #expect(result.stdout.contains("users 14,100 ≥ 10,000 → growth"))
    }

    @Test func stageJSONAndExplain() throws {
        let json = try TestSupport.runBinary(["stage", TestSupport.fixture("stages/enterprise.json"), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["stage"] as? [String: Any])?["id"] as? String == "enterprise")
        let explain = try TestSupport.runBinary(["stage", TestSupport.fixture("stages/mvp.json"), "--explain"])
        #expect(explain.stdout.contains("users 420 → mvp (below every rule)"))
        #expect(explain.stdout.contains("Stage rule in force: decision-tree"))
    }

    @Test func markdownIsATableReadyToPaste() throws {
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture("breaches.json"), "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Scaling advice: "))
        #expect(result.stdout.contains("breaches.json"))
        #expect(result.stdout.contains("| error-rate | 1.8% | ≤ 1% | critical | Fix bugs |"))
        #expect(result.stdout.contains("- [ ] **Deno Deploy Pro ($20/month)**"))
    }

    @Test func inputTextCannotInjectMarkupOrTerminalEscapes() {
        let hostileName = "x|y<b>.json"
        let markdown = TestSupport.run(["advise", hostileName, "--format", "markdown"], files: [hostileName: #"{"users": 5}"#])
        #expect(markdown.stdout.hasPrefix("# Scaling advice: x\\|y&lt;b&gt;.json"))
        let escapeHeader = "users,\u{1B}[31mred\n1,2\n"
        let csv = TestSupport.run(["stage", "m.csv"], files: ["m.csv": escapeHeader])
        #expect(csv.stdout == "mvp\n")
        #expect(!csv.stderr.contains("\u{1B}"))
        #expect(csv.stderr.contains("\\u{1b}[31mred"))
    }

    @Test func aBreachNeverPrintsAsItsOwnLimit() {
        let file = ["m.json": #"{"response_p95_ms": 500.0001, "error_rate": 0.0100001, "cache_hit_rate": "79.999%"}"#]
        let result = TestSupport.run(["check", "m.json"], files: file)
        #expect(result.status == 1)
        #expect(result.stdout.contains("500.0001 ms"))
        #expect(result.stdout.contains("1.00001%"))
        #expect(result.stdout.contains("79.999%"))
    }

    @Test func unknownThresholdsStillShowTheGuidesLimit() throws {
        let result = TestSupport.run(["check", "m.json", "--format", "json"], files: ["m.json": #"{"users": 5, "db_cpu": 0.2}"#])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let response = try #require((object["thresholds"] as? [[String: Any]])?.first)
        #expect(response["status"] as? String == "unknown")
        #expect(response["limit"] as? Int == 500)
    }

    @Test func aSeriesWarnsOnceAboutEachKeyAndCountsHordesOfUnknownColumns() {
        let series = "[" + (1...50).map { #"{"users": \#($0 * 100), "usres": 1, "p95_ms": 200}"# }.joined(separator: ",") + "]"
        let result = TestSupport.run(["stage", "s.json", "--verbose"], files: ["s.json": series])
        #expect(result.stdout == "early-traction\n")  // the last snapshot: 5,000 users
        #expect(result.stderr.components(separatedBy: "unknown field \"usres\"").count == 2)
        #expect(result.stderr.components(separatedBy: "\"p95_ms\" read as").count == 2)
        let header = "users," + (1...500).map { "extra\($0)" }.joined(separator: ",")
        let row = "10," + Array(repeating: "1", count: 500).joined(separator: ",")
        let wide = TestSupport.run(["stage", "w.csv"], files: ["w.csv": header + "\n" + row + "\n"])
        #expect(wide.status == 0)
        #expect(wide.stderr.split(separator: "\n").count == 11)
        #expect(wide.stderr.contains("490 more unknown fields ignored"))
    }

    @Test func bidiControlsInInputAreShownEscaped() {
        let result = TestSupport.run(["stage", "m.json"], files: ["m.json": "{\"users\": 5, \"\u{202E}evil\": 1}"])
        #expect(!result.stderr.contains("\u{202E}"))
        #expect(result.stderr.contains("\\u{202e}evil"))
    }
}
