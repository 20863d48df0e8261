import Foundation
import Testing

@testable import ScalingCore

/// Defects an adversarial review found in the gate, policies and forecasts; each case failed before its fix.
@Suite struct GateReviewTests {
    static func resolve(_ json: String, stage: Stage? = .growth, environment: [String: String] = [:]) throws -> EffectivePolicy {
        try PolicyResolver.resolve(stage: stage, file: try PolicyFile.parse(Array(json.utf8), path: "p.json"), environment: environment)
    }

    static func series(_ p95: [Double]) -> SnapshotSeries {
        SnapshotSeries(
            source: "s",
            snapshots: p95.enumerated().map { index, value in
                Snapshot(timestamp: 1_790_000_000 + Double(index) * 86_400, values: [.users: 20_000, .responseP95Ms: value])
            })
    }

    @Test func noReportOrOutputIsWrittenOverThePolicyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let policy = folder.appendingPathComponent("policy.json").path
        try "{\"fail_on\": \"critical\"}".write(toFile: policy, atomically: true, encoding: .utf8)
        for arguments in [["--output", policy], ["--report", "junit=\(policy)"]] {
            let run = try TestSupport.runBinary(["check", "Fixtures/stages/growth.json", "--policy", policy] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("is the input file"))
            #expect(try String(contentsOfFile: policy, encoding: .utf8) == "{\"fail_on\": \"critical\"}")
        }
    }

    @Test func reportPathsAreCheckedBeforeAnythingIsWritten() throws {
        let twice = TestSupport.run(
            ["check", "m.json", "--report", "junit=out.xml", "--report", "sarif=out.xml"], files: ["m.json": "{\"users\": 5}"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("out.xml is named twice"))
    }

    @Test func aMetricThatIsNotAFiniteNumberIsUnknownNotAPass() throws {
        let policy = try Self.resolve(
            "{\"thresholds\": [{\"id\": \"huge\", \"metric\": \"users * 1e300 * 1e300 - users * 1e300 * 1e300\", \"comparison\": \">\", \"limit\": 5}]}"
        )
        let verdict = try #require(ThresholdEvaluator.evaluate(Self.series([300]), rules: policy.rules).first { $0.threshold.id == "huge" })
        guard case .unknown(.undefined(let reason)) = verdict.status else {
            Issue.record("expected unknown, got \(verdict.status)")
            return
        }
        #expect(reason.contains("not a finite number"))
    }

    @Test func aSustainedWarningUnderACriticalSpikeIsAWarning() throws {
        let policy = try Self.resolve(
            "{\"thresholds\": [{\"id\": \"response-time\", \"levels\": [{\"severity\": \"critical\", \"limit\": 1000}, {\"severity\": \"warning\", \"limit\": 500}], \"for\": 3}]}"
        )
        let rule = try #require(policy.rules.first { $0.id == "response-time" })
        let spike = try #require(ThresholdEvaluator.evaluate(Self.series([600, 600, 1_200]), rules: [rule]).first)
        #expect(spike.status == .breach(.warning), "critical held one snapshot; the warning held three")
        #expect(spike.breachedRun == 3)
        let held = try #require(ThresholdEvaluator.evaluate(Self.series([1_100, 1_200, 1_300]), rules: [rule]).first)
        #expect(held.status == .breach(.critical))
        let fresh = try #require(ThresholdEvaluator.evaluate(Self.series([300, 300, 1_200]), rules: [rule]).first)
        #expect(fresh.status == .pending(.critical))
    }

    struct RejectedPolicy: CustomTestStringConvertible, Sendable {
        let json: String
        let reason: String
        var testDescription: String { reason }
    }

    @Test(arguments: [
        RejectedPolicy(
            json:
                "{\"thresholds\": [{\"id\": \"r\", \"metric\": \"response_p95_ms\", \"ratchet\": true, \"tolerance\": \"10%\", \"for\": 3}]}",
            reason: "cannot be combined"),
        RejectedPolicy(
            json: "{\"thresholds\": [{\"id\": \"error-rate\", \"limit\": \"mrr\"}]}",
            reason: "mrr holds a money amount, but error_rate is a rate"),
        RejectedPolicy(
            json:
                "{\"thresholds\": [{\"id\": \"response-time\", \"levels\": [{\"severity\": \"critical\", \"limit\": 300}, {\"severity\": \"warning\", \"limit\": 500}]}]}",
            reason: "could never fire"),
        RejectedPolicy(
            json:
                "{\"thresholds\": [{\"id\": \"response-time\", \"levels\": [{\"severity\": \"critical\", \"limit\": 1000}, {\"severity\": \"warning\", \"limit\": 500}], \"stages\": {\"scale\": {\"limit\": 2000}}}]}",
            reason: "could never fire"),
        RejectedPolicy(json: "{\"regression\": {\"requests_per_month\": \"10%\"}}", reason: "has no better or worse direction"),
        RejectedPolicy(
            json: "{\"thresholds\": [{\"id\": \"h\", \"metric\": \"cache_hit_rate\", \"ratchet\": true, \"tolerance\": 5}]}",
            reason: "ambiguous"),
    ])
    func uselessOrMismatchedSettingsAreRefused(_ testCase: RejectedPolicy) {
        do {
            _ = try Self.resolve(testCase.json, stage: .scale)
            Issue.record("expected the policy to be refused")
        } catch {
            #expect("\(error)".contains(testCase.reason), "\(error)")
        }
    }

    @Test func aStageSectionsSeverityReachesTheRatchet() throws {
        let policy = try Self.resolve(
            "{\"thresholds\": [{\"id\": \"r\", \"metric\": \"response_p95_ms\", \"ratchet\": true, \"tolerance\": \"10%\", \"stages\": {\"mvp\": {\"severity\": \"critical\"}}}]}"
        )
        let rule = try #require(policy.rules.first { $0.id == "r" })
        #expect(rule.ratchet?.severity == .critical)
        #expect(ThresholdEvaluator.evaluate(Self.series([300, 280, 400]), rules: [rule]).first?.status == .breach(.critical))
    }

    @Test func aRelativeRatchetOnNegativeValuesAllowsTheRightWay() {
        let ratchet = Ratchet(tolerance: .relative(0.1), severity: .warning)
        // Lower is worse; the best of −1000 and −900 is −900; 10% of its size allows down to −990.
        let outcome = ThresholdEvaluator.judge(ratchet, comparison: .below, latest: -850, history: [-1_000, -900])
        #expect(outcome == .init(best: -900, allowed: -990, failed: false))
        #expect(ThresholdEvaluator.judge(ratchet, comparison: .below, latest: -1_000, history: [-1_000, -900])?.failed == true)
    }

    @Test func anEnvironmentLimitThatNamesTwoThresholdsIsAnError() {
        let json =
            "{\"thresholds\": [{\"id\": \"a.b\", \"metric\": \"users\", \"comparison\": \">\", \"limit\": 1}, {\"id\": \"a_b\", \"metric\": \"users\", \"comparison\": \">\", \"limit\": 2}]}"
        do {
            _ = try Self.resolve(json, environment: ["SCALECTL_LIMIT_A_B": "5"])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("names \\\"a.b\\\" and \\\"a_b\\\""), "\(error)")
        }
    }

    @Test func whatIfBreachesFollowThePolicyAndNeedNoStage() throws {
        let files = [
            "m.json": "{\"users\": 20000, \"response_p95_ms\": 300}",
            "p.json": "{\"thresholds\": [{\"id\": \"response-time\", \"limit\": 350}, {\"id\": \"database-cpu\", \"disabled\": true}]}",
            "n.json": "{\"response_p95_ms\": 300}",
        ]
        let run = TestSupport.run(
            ["check", "m.json", "--policy", "p.json", "--what-if", "response_p95_ms=+100ms,db_cpu=0.9"], files: files)
        #expect(run.status == 1)
        #expect(run.stdout.contains("+ breach response-time (warning)"), "the policy's 350 ms limit")
        #expect(!run.stdout.contains("database-cpu"), "disabled by the policy")
        let noStage = TestSupport.run(["check", "n.json", "--no-policy", "--what-if", "response_p95_ms=x2"], files: files)
        #expect(noStage.status == 1, "\(noStage.stderr)")
        #expect(noStage.stdout.contains("Cost estimate: no estimate (no stage signal)"))
    }

    @Test func forecastsWatchTheLimitsInForce() throws {
        let series = TrendTests.series(days: [0, 7, 14, 21]) { day in [.users: 20_000, .responseP95Ms: 240 + day] }
        let policy = try Self.resolve("{\"thresholds\": [{\"id\": \"response-time\", \"limit\": 280}]}")
        let analysis = TrendAnalyzer.analyze(series, stage: .growth, rules: policy.rules)
        let forecast = try #require(analysis.forecasts.first { $0.target.id == "response-time" && $0.limit == 280 })
        guard case .crossing(let date, _, _) = forecast.outcome else {
            Issue.record("expected a crossing of the policy's 280 ms, got \(forecast.outcome)")
            return
        }
        #expect(abs(date - (TrendTests.start + 40 * 86_400)) <= 86_400)
    }

    @Test func aFittedLineAlreadyPastTheLimitIsNoForecast() throws {
        let series = TrendTests.series(days: [0, 7, 14]) { day in [.users: [1_000, 8_000, 9_000][Int(day / 7)]] }
        let analysis = TrendAnalyzer.analyze(series, stage: .earlyTraction)
        guard case .notAtCurrentGrowth(let reason) = try #require(analysis.forecasts.first { $0.target.id == "users->growth" }).outcome
        else {
            Issue.record("expected no forecast")
            return
        }
        #expect(reason.contains("too uneven"))
    }

    @Test func datesPastTheYear9999KeepTheirDay() {
        #expect(Timestamp.formatDate(253_402_300_800 + 86_400 * 400) == "10001-02-04")
        #expect(Timestamp.formatDate(0) == "1970-01-01")
    }

    @Test func errorsFoundAfterReadingNameTheEntryByItsIndex() {
        let json = "{\"thresholds\": [{\"id\": \"response-time\"}, {\"id\": \"r\", \"metric\": \"requests_per_month\", \"ratchet\": true}]}"
        do {
            _ = try Self.resolve(json)
            Issue.record("expected an error")
        } catch let error as PolicyError {
            guard case .invalid(_, let path, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "thresholds[1].comparison")
            #expect(reason.contains("say which side is worse"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func largeGrowthFiguresAreGrouped() {
        #expect(Wording.change(150, model: .compound, field: .users) == "+15,000%")
        #expect(Wording.change(60_480_000, model: .linear, field: .responseP95Ms) == "+60,480,000 ms")
        #expect(Wording.change(24, model: .linear, field: .responseP95Ms) == "+24 ms")
    }

    @Test func trendTakesTheStageFromTheLatestSnapshotThatHasOne() throws {
        let series = "timestamp,users,response_p95_ms\n2026-11-01,12000,300\n2026-11-08,12500,310\n2026-11-15,,320\n"
        let run = TestSupport.run(["trend", "s.csv", "--format", "json"], files: ["s.csv": series])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let ids = ((object["trend"] as! [String: Any])["forecasts"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(ids.contains("users->scale"), "growth's next target, not the MVP's")
        #expect(!ids.contains("users->early-traction"))
    }

    @Test func whatIfFactorsArePlainDecimals() {
        #expect(throws: UsageError.self) { try WhatIf.parse("users=x0x10") }
        #expect((try? WhatIf.parse("users=x0.5"))?.changes.first?.operation == .multiply(0.5))
    }
}
