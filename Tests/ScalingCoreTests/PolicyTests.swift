import Foundation
import Testing

@testable import ScalingCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Policy files, precedence and provenance, sustained breaches, ratchets and diff.
@Suite struct PolicyTests {
    static func policy(_ json: String, path: String = "p.json") throws -> PolicyFile {
        try PolicyFile.parse(Array(json.utf8), path: path)
    }

    static func rule(_ policy: EffectivePolicy, _ id: String) -> GateRule? { policy.rules.first { $0.id == id } }

    // MARK: Errors point into the file

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        let json: String
        let line: Int
        let path: String
        let reason: String
        var testDescription: String { path }
    }

    @Test(arguments: [
        ErrorCase(
            json:
                "{\"thresholds\": [{\"id\": \"response-time\"},\n {\"id\": \"database-cpu\"},\n {\"id\": \"error-rate\", \"limit\": \"fast\"}]}",
            line: 3, path: "thresholds[2].limit", reason: "got \"fast\""),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"error-rate\", \"limt\": 0.02}]}", line: 1, path: "thresholds[0].limt",
            reason: "unknown key (did you mean \"limit\"?)"),
        ErrorCase(json: "{\"fail_onn\": \"warning\"}", line: 1, path: "fail_onn", reason: "unknown key (did you mean \"fail_on\"?)"),
        ErrorCase(
            json: "{\"fail_on\": \"fatal\"}", line: 1, path: "fail_on", reason: "expected \"warning\" or \"critical\", got \"fatal\""),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"response-tme\", \"limit\": 1}]}", line: 1, path: "thresholds[0].id",
            reason: "did you mean the guide's \"response-time\"?"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"x\", \"metric\": \"monthly_cost\", \"limit\": 1}]}", line: 1, path: "thresholds[0]",
            reason: "needs \"comparison\""),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"x\", \"metric\": \"monthly_cots / mrr\", \"comparison\": \">\", \"limit\": 1}]}", line: 1,
            path: "thresholds[0].metric",
            reason: "\"monthly_cots\" is not a snapshot field or derived figure (did you mean monthly_cost?) (at character 1"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"x\", \"metric\": \"users /\", \"comparison\": \">\", \"limit\": 1}]}", line: 1,
            path: "thresholds[0].metric", reason: "expected a field name, a number or \"(\""),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"response-time\", \"for\": 0}]}", line: 1, path: "thresholds[0].for",
            reason: "expected a whole number of snapshots"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"response-time\", \"for\": \"15\"}]}", line: 1, path: "thresholds[0].for",
            reason: "has no unit"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"response-time\", \"stages\": {\"scaling\": {\"limit\": 1}}}]}", line: 1,
            path: "thresholds[0].stages.scaling", reason: "not a stage"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"response-time\"}, {\"id\": \"response-time\"}]}", line: 1, path: "thresholds[1].id",
            reason: "listed twice"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"error-rate\", \"tolerance\": \"5%\"}]}", line: 1, path: "thresholds[0].tolerance",
            reason: "needs \"ratchet\": true"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"response-time\", \"metric\": \"users\"}]}", line: 1, path: "thresholds[0].metric",
            reason: "give a new id"),
        ErrorCase(
            json: "{\"thresholds\": [{\"id\": \"response-time\", \"require\": \"yes\"}]}", line: 1, path: "thresholds[0].require",
            reason: "expected true or false"),
        ErrorCase(json: "{\"regression\": {\"p95\": \"5\"}}", line: 1, path: "regression.p95", reason: "ambiguous"),
        ErrorCase(json: "{\"regression\": {\"users\": \"1pp\"}}", line: 1, path: "regression.users", reason: "percentage points fit a rate"),
        ErrorCase(json: "{\"regression\": {\"error_rate\": \"0.005\"}}", line: 1, path: "regression.error_rate", reason: "\"0.005pp\""),
        ErrorCase(json: "{\"regression\": {\"monthly_cost\": \"5ms\"}}", line: 1, path: "regression.monthly_cost", reason: "unknown unit"),
        ErrorCase(json: "{\"fail_on_regression\": \"$5\"}", line: 1, path: "fail_on_regression", reason: "set per metric"),
        ErrorCase(json: "[1]", line: 1, path: "", reason: "expected an object, got an array"),
    ])
    func policyErrorsNameTheLineAndPath(_ testCase: ErrorCase) {
        do {
            _ = try Self.policy(testCase.json)
            Issue.record("expected an error")
        } catch let error as PolicyError {
            guard case .invalid(let place, let path, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(place.file == "p.json")
            #expect(place.line == testCase.line)
            #expect(path == testCase.path)
            #expect(reason.contains(testCase.reason), "\(reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aPolicyTypoExitsTwoThroughTheBinary() throws {
        let run = try TestSupport.runBinary([
            "check", TestSupport.fixture("stages/growth.json"), "--policy", TestSupport.fixture("policy/typo.json"),
        ])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("typo.json: line 4, column 27: thresholds[1].limt: unknown key (did you mean \"limit\"?)"))
        let bad = try TestSupport.runBinary([
            "check", TestSupport.fixture("stages/growth.json"), "--policy", TestSupport.fixture("policy/bad-limit.json"),
        ])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("thresholds[2].limit: expected a number"))
        #expect(bad.stderr.contains("got \"fast\""))
    }

    // MARK: Precedence and provenance

    struct PrecedenceCase: CustomTestStringConvertible, Sendable {
        let name: String
        let file: String?
        let environment: [String: String]
        let flags: PolicyFlags
        let limit: Double
        let limitFrom: Provenance
        let failOn: Severity
        let failOnFrom: Provenance
        var testDescription: String { name }
    }

    static let filePolicy = "{\n\"fail_on\": \"critical\",\n\"thresholds\": [\n{\"id\": \"response-time\", \"limit\": 400}\n]\n}"

    @Test(arguments: [
        PrecedenceCase(
            name: "guide defaults", file: nil, environment: [:], flags: PolicyFlags(), limit: 500,
            limitFrom: .catalog(GuideCatalog.threshold("response-time")!.sources.limit), failOn: .warning, failOnFrom: .builtIn),
        PrecedenceCase(
            name: "file over guide", file: filePolicy, environment: [:], flags: PolicyFlags(), limit: 400,
            limitFrom: .policyFile(path: "p.json", line: 4), failOn: .critical, failOnFrom: .policyFile(path: "p.json", line: 2)),
        PrecedenceCase(
            name: "environment over file", file: filePolicy,
            environment: ["SCALECTL_FAIL_ON": "warning", "SCALECTL_LIMIT_RESPONSE_TIME": "350ms"], flags: PolicyFlags(), limit: 350,
            limitFrom: .environment("SCALECTL_LIMIT_RESPONSE_TIME"), failOn: .warning, failOnFrom: .environment("SCALECTL_FAIL_ON")),
        PrecedenceCase(
            name: "flags over environment", file: filePolicy,
            environment: ["SCALECTL_FAIL_ON": "warning", "SCALECTL_LIMIT_RESPONSE_TIME": "350ms"],
            flags: PolicyFlags(failOn: "critical", limits: ["response-time=0.3s"]), limit: 300, limitFrom: .flag("--limit"),
            failOn: .critical, failOnFrom: .flag("--fail-on")),
    ])
    func settingsFollowThePrecedenceAndSayWhereTheyCameFrom(_ testCase: PrecedenceCase) throws {
        let file = try testCase.file.map { try Self.policy($0) }
        let policy = try PolicyResolver.resolve(stage: .growth, file: file, environment: testCase.environment, flags: testCase.flags)
        let rule = try #require(Self.rule(policy, "response-time"))
        #expect(rule.levels == [Threshold.Level(severity: .warning, limit: .fixed(testCase.limit))])
        #expect(rule.origin(of: .limit) == testCase.limitFrom)
        #expect(policy.failOn.value == testCase.failOn)
        #expect(policy.failOn.origin == testCase.failOnFrom)
    }

    @Test func theStagePresetSitsBetweenTheGuideAndTheFile() throws {
        let early = try PolicyResolver.resolve(stage: .earlyTraction, file: nil)
        let preset = try #require(Self.rule(early, "upstash-redis-free-tier"))
        #expect(preset.origin(of: .definition) == .preset(.earlyTraction))
        #expect(preset.levels == [Threshold.Level(severity: .warning, limit: .fixed(10_000))])
        #expect(Self.rule(try PolicyResolver.resolve(stage: .growth, file: nil), "upstash-redis-free-tier") == nil, "paid from growth")
        #expect(Self.rule(try PolicyResolver.resolve(stage: .scale, file: nil), "neon-pro-included") != nil)
        // The file can change a preset rule like any other.
        let file = try Self.policy("{\"thresholds\": [{\"id\": \"upstash-redis-free-tier\", \"severity\": \"critical\"}]}")
        let changed = try #require(Self.rule(try PolicyResolver.resolve(stage: .earlyTraction, file: file), "upstash-redis-free-tier"))
        #expect(changed.levels.first?.severity == .critical)
        #expect(changed.origin(of: .severity) == .policyFile(path: "p.json", line: 1))
    }

    @Test func stageSectionsApplyFromTheirStageOn() throws {
        let file = try Self.policy(
            "{\"thresholds\": [{\"id\": \"response-time\", \"limit\": 400, \"stages\": {\"scale\": {\"limit\": 300}, \"enterprise\": {\"limit\": 250}}}]}"
        )
        func limit(_ stage: Stage) throws -> Threshold.Limit? {
            Self.rule(try PolicyResolver.resolve(stage: stage, file: file), "response-time")?.levels.last?.limit
        }
        #expect(try limit(.growth) == .fixed(400))
        #expect(try limit(.scale) == .fixed(300))
        #expect(try limit(.enterprise) == .fixed(250))
    }

    @Test func aPolicyDisablesAddsAndRequires() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("policy/policy.json")))
        let file = try PolicyFile.parse(Array(data), path: "policy.json")
        let policy = try PolicyResolver.resolve(stage: .growth, file: file)
        #expect(!policy.rules.contains { $0.id == "database-cpu" })
        #expect(policy.disabled.map(\.rule.id) == ["database-cpu"])
        #expect(Self.rule(policy, "error-rate")?.require == true)
        #expect(Self.rule(policy, "spend-share")?.metric.description == "monthly_cost / mrr")
        #expect(Self.rule(policy, "cost-per-dau")?.metric.kind == .money)
        #expect(Self.rule(policy, "monthly-cost-cap")?.levels.last?.limit == .fixed(150))
        #expect(Self.rule(policy, "p95-ratchet")?.ratchet == Ratchet(tolerance: .relative(0.25), severity: .warning))
        #expect(Self.rule(policy, "p95-ratchet")?.comparison == .above, "lower p95 is better, so higher is worse")
        #expect(
            policy.rules.map(\.id).prefix(5) == ["response-time", "error-rate", "cache-hit-rate", "request-count", "database-connections"])
        #expect(policy.allowedRegression(for: .responseP95Ms)?.value == .relative(0.05))
        #expect(policy.allowedRegression(for: .errorRate)?.value == .relative(0.1))
    }

    @Test func aLimitOverrideMustBeIDEqualsValue() {
        #expect(throws: PolicyError.override(source: "--limit", value: "400", reason: "expected ID=VALUE, such as response-time=400ms")) {
            _ = try PolicyResolver.resolve(stage: nil, file: nil, flags: PolicyFlags(limits: ["400"]))
        }
    }

    @Test func unknownOverridesSuggestTheNearestThreshold() {
        do {
            _ = try PolicyResolver.resolve(stage: nil, file: nil, flags: PolicyFlags(limits: ["response-tim=400"]))
            Issue.record("expected an error")
        } catch {
            #expect(
                error == .override(source: "--limit", value: "400", reason: "no threshold \"response-tim\" (did you mean response-time?)"))
        }
        do {
            _ = try PolicyResolver.resolve(stage: nil, file: nil, environment: ["SCALECTL_FAIL_ON": "loud"])
            Issue.record("expected an error")
        } catch {
            #expect(error == .override(source: "environment SCALECTL_FAIL_ON", value: "loud", reason: "expected warning or critical"))
        }
    }

    @Test func policyInitWritesAFileThatReadsBackToTheDefaults() throws {
        for stage in [nil] + Stage.allCases.map(Optional.some) {
            let text = PolicyFile.starter(stage: stage)
            let file = try PolicyFile.parse(Array(text.utf8), path: ".scalectl.json")
            let fromFile = try PolicyResolver.resolve(stage: stage, file: file)
            let defaults = try PolicyResolver.resolve(stage: stage, file: nil)
            #expect(fromFile.rules.map(\.id) == defaults.rules.map(\.id))
            #expect(fromFile.rules.map(\.levels) == defaults.rules.map(\.levels), "stage \(stage?.rawValue ?? "none")")
            #expect(fromFile.rules.map(\.comparison) == defaults.rules.map(\.comparison))
            #expect(fromFile.failOn.value == defaults.failOn.value)
        }
    }

    // MARK: Sustained breaches and ratchets

    /// p95 per snapshot, one per minute.
    static func p95Series(_ values: [Double]) -> SnapshotSeries {
        SnapshotSeries(
            source: "p95.csv",
            snapshots: values.enumerated().map { index, value in
                Snapshot(
                    timestamp: 1_790_000_000 + Double(index) * 60, values: [.responseP95Ms: value],
                    origin: SourcePlace(file: "p95.csv", line: index + 2))
            })
    }

    static func p95Rule(sustain: Sustain?) -> GateRule {
        var rule = GateRule(guide: GuideCatalog.threshold("response-time")!)
        rule.sustain = sustain
        return rule
    }

    struct SustainCase: CustomTestStringConvertible, Sendable {
        let name: String
        let values: [Double]
        let sustain: Sustain?
        let status: ThresholdVerdict.Status
        let run: Int
        var testDescription: String { name }
    }

    @Test(arguments: [
        SustainCase(name: "a one-point spike without for fails", values: [300, 310, 900], sustain: nil, status: .breach(.warning), run: 1),
        SustainCase(
            name: "a one-point spike with for 3 is pending", values: [300, 310, 900], sustain: .snapshots(3), status: .pending(.warning),
            run: 1),
        SustainCase(
            name: "three breaches in a row with for 3 fail", values: [300, 600, 700, 900], sustain: .snapshots(3),
            status: .breach(.warning), run: 3),
        SustainCase(
            name: "a gap in the run restarts it", values: [600, 300, 700, 900], sustain: .snapshots(3), status: .pending(.warning), run: 2),
        SustainCase(
            name: "for 2m holds after two minutes", values: [300, 600, 700, 900], sustain: .duration(120), status: .breach(.warning), run: 3
        ),
        SustainCase(
            name: "for 5m is still pending", values: [300, 600, 700, 900], sustain: .duration(300), status: .pending(.warning), run: 3),
        SustainCase(name: "a pass is a pass", values: [900, 900, 300], sustain: .snapshots(3), status: .pass, run: 0),
    ])
    func sustainedBreachesNeedTheirRun(_ testCase: SustainCase) throws {
        let series = Self.p95Series(testCase.values)
        let verdict = try #require(ThresholdEvaluator.evaluate(series, rules: [Self.p95Rule(sustain: testCase.sustain)]).first)
        #expect(verdict.status == testCase.status)
        #expect(verdict.breachedRun == testCase.run)
        if testCase.run > 0 {
            #expect(verdict.breachedSince == series.snapshots[testCase.values.count - testCase.run].timestamp)
        }
        let result = GateResult(series: series, verdicts: [verdict], failOn: .warning)
        #expect(result.failed == (verdict.severity != nil))
    }

    @Test func aRatchetFailsWhenWorseThanTheBestByMoreThanTheTolerance() throws {
        var rule = GateRule(
            id: "p95-ratchet", metric: Metric(.responseP95Ms), comparison: .above, levels: [], action: "x", source: "test",
            provenance: [:])
        rule.ratchet = Ratchet(tolerance: .relative(0.1), severity: .warning)
        let ok = try #require(ThresholdEvaluator.evaluate(Self.p95Series([300, 280, 305]), rules: [rule]).first)
        #expect(ok.status == .pass)
        #expect(ok.ratchet == .init(best: 280, allowed: 280 * 1.1, failed: false))
        let worse = try #require(ThresholdEvaluator.evaluate(Self.p95Series([300, 280, 320]), rules: [rule]).first)
        #expect(worse.status == .breach(.warning))
        #expect(worse.limit == 280 * 1.1)
        rule.comparison = .below  // a hit rate: lower is worse
        rule.metric = Metric(.cacheHitRate)
        let within = SnapshotSeries(source: "h", snapshots: [0.9, 0.92, 0.85].map { Snapshot(values: [.cacheHitRate: $0]) })
        let kept = try #require(ThresholdEvaluator.evaluate(within, rules: [rule]).first)
        #expect(kept.ratchet?.best == 0.92)
        #expect(kept.status == .pass, "0.85 ≥ 0.92 × 0.9 = 0.828")
        let below = SnapshotSeries(source: "h", snapshots: [0.9, 0.92, 0.8].map { Snapshot(values: [.cacheHitRate: $0]) })
        #expect(ThresholdEvaluator.evaluate(below, rules: [rule]).first?.status == .breach(.warning), "0.8 < 0.828")
    }

    // MARK: Missing data is explicit

    @Test func anAbsentMetricIsUnknownAndFailsOnlyWhenRequired() throws {
        let snapshot = Snapshot(values: [.users: 20_000])
        let verdicts = ThresholdEvaluator.evaluate(snapshot)
        #expect(verdicts.allSatisfy { $0.isUnknown })
        #expect(!GateResult(series: SnapshotSeries(source: "m", snapshots: [snapshot]), verdicts: verdicts, failOn: .warning).failed)
        #expect(
            GateResult(series: SnapshotSeries(source: "m", snapshots: [snapshot]), verdicts: verdicts, failOn: .warning, requireAll: true)
                .failed)
        var required = GateRule(guide: GuideCatalog.threshold("error-rate")!)
        required.require = true
        let one = ThresholdEvaluator.evaluate(snapshot, rules: [required])
        #expect(GateResult(series: SnapshotSeries(source: "m", snapshots: [snapshot]), verdicts: one, failOn: .critical).failed)
        let run = try TestSupport.runBinary(["check", TestSupport.fixture("stages/mvp.json"), "--no-policy", "--require-all"])
        #expect(run.status == 0, "mvp.json reports every metric")
        let sparse = TestSupport.run(
            ["check", "s.json", "--require-all", "--no-policy"], files: ["s.json": "{\"users\": 200, \"response_p95_ms\": 300}"])
        #expect(sparse.status == 1)
        #expect(sparse.stdout.contains("(required)"))
    }

    @Test func derivedMetricsDivideAndSayWhenTheyCannot() throws {
        let rule = GateRule(
            id: "share", metric: Metric(try MetricExpression.parse("monthly_cost / mrr")), comparison: .above,
            levels: [.init(severity: .warning, limit: .fixed(0.2))], action: "x", source: "t", provenance: [:])
        let zero = try #require(ThresholdEvaluator.evaluate(Snapshot(values: [.monthlyCost: 50, .mrr: 0]), rules: [rule]).first)
        #expect(zero.status == .unknown(.undefined("mrr is 0, so monthly_cost / mrr has no value")))
        let high = try #require(ThresholdEvaluator.evaluate(Snapshot(values: [.monthlyCost: 50, .mrr: 100]), rules: [rule]).first)
        #expect(high.value == 0.5 && high.status == .breach(.warning))
        #expect(try MetricExpression.parse("(monthly_cost - 20) / users * 2").description == "(monthly_cost - 20) / users * 2")
        #expect(try MetricExpression.parse("cost").description == "monthly_cost", "aliases name fields")
    }

    // MARK: policy and diff through the binary

    @Test func policyShowNamesWhereEachSettingComesFrom() throws {
        let run = try TestSupport.runBinary(
            ["policy", "show", "--policy", TestSupport.fixture("policy/policy.json"), "--stage", "scale", "--limit", "error-rate=2%"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("limit from policy \(TestSupport.fixture("policy/policy.json")):7"))
        #expect(run.stdout.contains("> 300 ms"), "the scale section applies")
        #expect(run.stdout.contains("limit from flag --limit"))
        #expect(run.stdout.contains("neon-pro-included"))
        #expect(run.stdout.contains("database-cpu  (policy"))
    }

    @Test func policyInitNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("policy.json").path
        let first = try TestSupport.runBinary(["policy", "init", path])
        #expect(first.status == 0)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("\"id\": \"response-time\""))
        let second = try TestSupport.runBinary(["policy", "init", path])
        #expect(second.status == 2)
        #expect(second.stderr.contains("never overwrites"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
        let check = try TestSupport.runBinary(["check", TestSupport.fixture("stages/growth.json"), "--policy", path])
        #expect(check.status == 0)
    }

    @Test func diffSaysBetterOrWorseByEachMetricsSense() throws {
        let base = "{\"users\": 20000, \"response_p95_ms\": 300, \"cache_hit_rate\": 0.9, \"error_rate\": 0.004}"
        let new = "{\"users\": 22000, \"response_p95_ms\": 345, \"cache_hit_rate\": 0.93, \"error_rate\": 0.004}"
        let files = ["a.json": base, "b.json": new]
        let report = TestSupport.run(["diff", "a.json", "b.json", "--format", "json", "--no-policy"], files: files)
        #expect(report.status == 0, "no allowance: report only")
        let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as! [String: Any]
        let metrics = Dictionary(uniqueKeysWithValues: (object["metrics"] as! [[String: Any]]).map { ($0["field"] as! String, $0) })
        #expect(metrics["response_p95_ms"]?["direction"] as? String == "worse")
        #expect(abs((metrics["response_p95_ms"]?["relative_change"] as? Double ?? 0) - 0.15) < 1e-12)
        #expect(metrics["cache_hit_rate"]?["direction"] as? String == "better")
        #expect(metrics["users"]?["direction"] as? String == "better", "more users is better")
        #expect(metrics["error_rate"]?["direction"] as? String == "unchanged")
        let strict = TestSupport.run(["diff", "a.json", "b.json", "--fail-on-regression", "10%", "--no-policy"], files: files)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("✗ regression"))
        #expect(strict.stdout.contains("FAIL: 1 metric worse by more than allowed"))
        let lenient = TestSupport.run(["diff", "a.json", "b.json", "--fail-on-regression", "20%", "--no-policy"], files: files)
        #expect(lenient.status == 0)
    }

    struct DiffCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// Arguments after `diff a.json b.json --no-policy` (a policy file p.json replaces `--no-policy`).
        let arguments: [String]
        var policy: String? = nil
        let status: Int32
        /// Lines (or parts of lines) stdout must hold.
        let shows: [String]
        var testDescription: String { name }
    }

    /// From cost $0 and an error rate of 1% to $5 and 1.5%, p95 400 → 420 ms.
    static let diffFiles = [
        "a.json": #"{"users": 500, "monthly_cost": 0, "error_rate": 0.01, "response_p95_ms": 400}"#,
        "b.json": #"{"users": 520, "monthly_cost": 5, "error_rate": 0.015, "response_p95_ms": 420}"#,
    ]

    static let diffCases: [DiffCase] = [
        DiffCase(
            name: "no allowance reports the change from zero", arguments: [], status: 0,
            shows: ["monthly_cost     $0      $5      +$5      worse", "error_rate       1%      1.5%    +0.5 pp  worse", "report only"]),
        DiffCase(
            name: "a relative allowance cannot judge a change from zero", arguments: ["--fail-on-regression", "60%"], status: 0,
            shows: ["+$5      worse", "from zero: no percentage", "PASS: no metric worse by more than allowed"]),
        DiffCase(
            name: "10% is relative, so 1% → 1.5% (+50%) fails", arguments: ["--fail-on-regression", "10%"], status: 1,
            shows: ["+0.5 pp  ✗ regression  allowed 10% (flag --fail-on-regression)", "FAIL: 1 metric"]),
        DiffCase(name: "0.5pp allows +0.5 pp exactly", arguments: ["--fail-on-regression", "0.5pp"], status: 0, shows: ["PASS"]),
        DiffCase(
            name: "0.4pp fails the rate alone", arguments: ["--fail-on-regression", "0.4pp"], status: 1,
            shows: ["allowed 0.4 pp", "FAIL: 1 metric"]),
        DiffCase(
            name: "an amount in the policy judges the change from zero", arguments: [],
            policy: #"{"regression": {"monthly_cost": "$4", "error_rate": "1pp", "response_p95_ms": "50ms"}}"#, status: 1,
            shows: ["+$5      ✗ regression  allowed $4 (policy p.json:1)", "FAIL: 1 metric"]),
        DiffCase(
            name: "markdown heads report only", arguments: ["--format", "markdown"], status: 0,
            shows: ["## scalectl diff: report only", "| monthly_cost | $0 | $5 | +$5 | worse |"]),
        DiffCase(name: "markdown heads PASS when judged", arguments: ["--format", "markdown", "--fail-on-regression", "60%"], status: 0, shows: ["## scalectl diff: PASS"]),
    ]

    @Test(arguments: diffCases)
    func diffComparesRatesInPointsAndChangesFromZeroByAmount(_ testCase: DiffCase) throws {
        var files = Self.diffFiles
        var arguments = ["diff", "a.json", "b.json"] + testCase.arguments
        if let policy = testCase.policy {
            files["p.json"] = policy
            arguments += ["--policy", "p.json"]
        } else {
            arguments.append("--no-policy")
        }
        let result = TestSupport.run(arguments, files: files)
        #expect(result.status == testCase.status, "\(result.stdout)\(result.stderr)")
        for part in testCase.shows { #expect(result.stdout.contains(part), "\(part)\n\(result.stdout)") }
    }

    /// `policy init`'s starter documents the per-metric allowances, and the example it gives reads as it says.
    @Test func theStarterDocumentsRegressionAllowancesThatRead() throws {
        let starter = PolicyFile.starter(stage: nil)
        let example = #"{\"error_rate\": \"0.5pp\", \"response_p95_ms\": \"10%\", \"monthly_cost\": \"$50\"}"#
        #expect(starter.contains(example))
        let file = try PolicyFile.parse(
            Array(("{\"regression\": " + example.replacingOccurrences(of: "\\\"", with: "\"") + "}").utf8), path: "p.json")
        #expect(file.regression[.errorRate]?.value == .points(0.005))
        #expect(file.regression[.responseP95Ms]?.value == .relative(0.1))
        #expect(file.regression[.monthlyCost]?.value == .amount(50))
    }

    @Test func diffJSONHasNoPercentageFromZeroAndTheAmount() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in Self.diffFiles { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let result = try TestSupport.runBinary(
            ["diff", folder.appendingPathComponent("a.json").path, folder.appendingPathComponent("b.json").path, "--format", "json",
             "--fail-on-regression", "0.4pp", "--no-policy"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["report_only"] as? Bool == false)
        let metrics = Dictionary(uniqueKeysWithValues: (object["metrics"] as! [[String: Any]]).map { ($0["field"] as! String, $0) })
        #expect(metrics["monthly_cost"]?["relative_change"] is NSNull)
        #expect(metrics["monthly_cost"]?["change"] as? Double == 5)
        #expect(metrics["monthly_cost"]?["allowed_regression"] is NSNull, "points judge rates alone")
        #expect((metrics["error_rate"]?["allowed_regression"] as? [String: Any])?["points"] as? Double == 0.004)
        #expect(metrics["error_rate"]?["regression"] as? Bool == true)
    }
}

/// `check` as CI runs it: reports, the job summary, the one-point spike and the absent metric.
@Suite struct GateCommandTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func oneRunWritesEveryReportAndTheJobSummary() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("scalectl.xml").path
        let sarif = folder.appendingPathComponent("scalectl.sarif").path
        let summary = folder.appendingPathComponent("summary.md").path
        try "earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let run = try TestSupport.runBinary(
            ["check", "Fixtures/breaches.json", "--format", "github", "--report", "junit=\(junit)", "--report", "SARIF=\(sarif)"],
            environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(run.status == 1)
        // One critical breach is an ::error, five warning-level ones ::warning (SARIF's levels); all six fail the gate.
        #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("::error file=Fixtures/breaches.json") }.count == 1)
        #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning file=Fixtures/breaches.json") }.count == 5)
        let xml = try Data(contentsOf: URL(fileURLWithPath: junit))
        #expect(XMLParser(data: xml).parse())
        #expect(String(decoding: xml, as: UTF8.self).contains("tests=\"6\" failures=\"6\""))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as! [String: Any]
        #expect(object["version"] as? String == "2.1.0")
        let appended = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(appended.hasPrefix("earlier step\n"), "the summary is appended to, never replaced")
        #expect(appended.contains("scalectl check: FAIL"))
    }

    @Test func aReportThatCannotBeWrittenStopsTheRunBeforeAnyVerdict() throws {
        let run = try TestSupport.runBinary(["check", "Fixtures/breaches.json", "--report", "junit=Fixtures/breaches.json"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("is the input file"))
        let typo = try TestSupport.runBinary(["check", "Fixtures/breaches.json", "--report", "junti=x.xml"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown format \"junti\" (did you mean junit?)"))
    }

    @Test func aOnePointSpikeIsPendingUnderForAndFailsWithout() throws {
        let series = "timestamp,users,response_p95_ms\n2026-11-01,12000,300\n2026-11-02,12100,310\n2026-11-03,12200,950\n"
        let policy = "{\"thresholds\": [{\"id\": \"response-time\", \"for\": 3}]}"
        let files = ["s.csv": series, "p.json": policy]
        let sustained = TestSupport.run(["check", "s.csv", "--policy", "p.json"], files: files)
        #expect(sustained.status == 0, "\(sustained.stdout)")
        #expect(sustained.stdout.contains("… pending  response-time"))
        #expect(sustained.stdout.contains("pending: breached since 2026-11-03T00:00:00Z (1 snapshot), needs 3 snapshots"))
        let plain = TestSupport.run(["check", "s.csv", "--no-policy"], files: files)
        #expect(plain.status == 1)
    }

    @Test func thePolicyFileIsFoundByEnvironmentOrDefaultName() throws {
        let policy = "{\"fail_on\": \"critical\"}"
        let files = ["m.json": "{\"users\": 20000, \"response_p95_ms\": 900}", "ci.json": policy, ".scalectl.json": policy]
        let byDefault = TestSupport.run(["check", "m.json"], files: files)
        #expect(byDefault.status == 0, "the warning does not fail at fail_on critical")
        let ignored = TestSupport.run(["check", "m.json", "--no-policy"], files: files)
        #expect(ignored.status == 1)
        let byEnvironment = TestSupport.run(["check", "m.json", "--explain"], files: files, environment: ["SCALECTL_POLICY": "ci.json"])
        #expect(byEnvironment.status == 0)
        #expect(byEnvironment.stdout.contains("fail-on critical from policy ci.json:1"))
        let flagWins = TestSupport.run(["check", "m.json", "--fail-on", "warning"], files: files)
        #expect(flagWins.status == 1)
    }
}

/// Metric expressions written back read as themselves; the fuzzer's finds are kept as fixtures.
@Suite struct MetricExpressionTests {
    @Test(arguments: [
        "monthly_cost / mrr", "(monthly_cost - 20) / users * 2", "users - (paying_customers - mrr)", "0.00000000001 * users",
        "888888888888888888888-88888888888888888", "1e-05 + users", "2.5E+3 * mrr", "cost_per_user",
    ])
    func expressionsRoundTripThroughTheirDescription(_ text: String) throws {
        let expression = try MetricExpression.parse(text)
        #expect(try MetricExpression.parse(expression.description) == expression, "\(text) → \(expression.description)")
    }

    @Test func deepOrLongExpressionsAreRefusedNotRecursedInto() {
        #expect(throws: MetricSyntaxError(position: 33, reason: "parentheses nested deeper than 32")) {
            try MetricExpression.parse(String(repeating: "(", count: 100) + "users")
        }
        #expect(throws: MetricSyntaxError(position: 1_201, reason: "an expression has at most 200 operands")) {
            try MetricExpression.parse(Array(repeating: "users", count: 201).joined(separator: "+"))
        }
        #expect(
            (try? MetricExpression.parse(String(repeating: "(", count: 32) + "users" + String(repeating: ")", count: 32))) == .field(.users)
        )
    }

    @Test func fuzzRegressionsParseOrFailCleanly() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("Fixtures/fuzz-regressions")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("policy-") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            _ = try? PolicyFile.parse(bytes, path: name)
            if let text = String(validating: bytes, as: UTF8.self), let expression = try? MetricExpression.parse(text) {
                #expect(try MetricExpression.parse(expression.description) == expression, "\(name)")
            }
        }
    }
}

/// The policy file, the environment and the flags are one override path: the same validation, the same messages.
@Suite struct OverridePathTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var environment: [String: String] = [:]
        let message: String
        var testDescription: String { name }
    }

    static let policy = """
        {"thresholds": [
          {"id": "response-time", "levels": [{"severity": "critical", "limit": 1000}, {"severity": "warning", "limit": 500}]},
          {"id": "database-cpu", "disabled": true}
        ]}
        """

    static let cases: [Case] = [
        Case(
            name: "a flag limit past the critical level", arguments: ["--limit", "response-time=2000ms"],
            message: "--limit '2000ms': the critical limit 1000 is below the warning limit 2000, so the warning level could never fire"),
        Case(
            name: "an environment limit past the critical level", arguments: [],
            environment: ["SCALECTL_LIMIT_RESPONSE_TIME": "2000ms"],
            message:
                "environment SCALECTL_LIMIT_RESPONSE_TIME '2000ms': the critical limit 1000 is below the warning limit 2000, so the warning level could never fire"
        ),
        Case(
            name: "a flag limit on a disabled threshold", arguments: ["--limit", "database-cpu=60%"],
            message: "--limit '60%': \"database-cpu\" is disabled by policy p.json:3"),
        Case(
            name: "an environment limit on a disabled threshold", arguments: [], environment: ["SCALECTL_LIMIT_DATABASE_CPU": "60%"],
            message: "environment SCALECTL_LIMIT_DATABASE_CPU '60%': \"database-cpu\" is disabled by policy p.json:3"),
    ]

    @Test(arguments: cases)
    func everyPathIsValidatedAlike(_ testCase: Case) {
        let result = TestSupport.run(
            ["check", "m.json", "--policy", "p.json"] + testCase.arguments,
            files: ["p.json": Self.policy, "m.json": #"{"users": 3000, "response_p95_ms": 700, "db_cpu": 0.6}"#],
            environment: testCase.environment)
        #expect(result.status == 2)
        #expect(result.stderr == "scalectl: error: \(testCase.message)\n")
    }

    @Test func aLimitWithinTheLevelsIsTakenWithItsOrigin() {
        let result = TestSupport.run(
            ["check", "m.json", "--policy", "p.json", "--limit", "response-time=600ms", "--explain"],
            files: ["p.json": Self.policy, "m.json": #"{"users": 3000, "response_p95_ms": 700, "db_cpu": 0.6}"#])
        #expect(result.status == 1)
        #expect(result.stdout.contains("limit from flag --limit"))
    }
}
