import Foundation
import Testing

@testable import ScalingCore

/// `advise` opens with what to do now, in order, each action naming what it answers and the step that fixes it.
@Suite struct ActionPlanTests {
    static let weekly = "trends/small-startup-12-weeks.csv"

    /// The 12-week history of a small startup: an error rate over 1% (critical), p95 and cache hit rate over their
    /// limits (warnings, both fixed by response caching), monitoring due, Redis's free tier and the database CPU
    /// forecast within 4 weeks.
    @Test func theWeeklyHistoryOpensWithItsActionsInOrder() throws {
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture(Self.weekly), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let actions = try #require(json["actions"] as? [[String: Any]])
        #expect(actions.map { $0["rank"] as? Int } == Array(1...actions.count).map(Optional.some))
        #expect(actions.map { $0["kind"] as? String } == ["critical", "warning", "due", "forecast", "forecast"])
        #expect(
            actions.map { $0["step"] as? String } == [
                nil, "growth.response-caching", "early-traction.monitoring", "growth.upstash-pay-as-you-go", nil,
            ])
        let answers = actions.map { $0["answers"] as? String ?? "" }
        #expect(answers[0] == "critical: error-rate 1.4% (limit ≤ 1%)")
        // One step answers both warnings: it appears once, naming both.
        #expect(answers[1] == "warning: response-time 560 ms (limit ≤ 500 ms); warning: cache-hit-rate 76% (limit > 80%)")
        #expect(answers[3].hasPrefix("forecast: redis_commands_per_day > 10,000 on 2026-11-20"))
        #expect(actions[0]["why"] as? String == "Fix bugs")
        // Redis is reported (redis_commands_per_day), so "Add Upstash Redis" is not asked for anywhere.
        #expect(!result.stdout.contains("early-traction.upstash-redis"))
        // The order is the kinds' order: critical, warning, due, forecast.
        let kinds = actions.compactMap { ($0["kind"] as? String).flatMap(Action.Kind.init(rawValue:)) }
        #expect(kinds == kinds.sorted())
    }

    /// An action's why follows its step only when it says more than the step's title does.
    @Test(arguments: [
        ("early-traction.query-indexes", "Optimize queries", Action.Kind.forecast, "Optimize database queries [early-traction.query-indexes]"),
        ("growth.response-caching", "Add caching", .warning, "Add response caching [growth.response-caching]"),
        (
            "growth.response-caching", "Cache more: cache API responses in Redis", .warning,
            "Add response caching [growth.response-caching]: Cache more: cache API responses in Redis"
        ),
        ("early-traction.monitoring", "Stage 1: Early Traction", .due, "Add monitoring (Free) [early-traction.monitoring]"),
    ])
    func theWhyFollowsTheStepOnlyWhenItSaysMore(_ id: String, _ why: String, _ kind: Action.Kind, _ expected: String) throws {
        let step = try #require(GuideCatalog.step(id))
        let action = Action(rank: 1, kind: kind, answers: kind == .due ? [.due(.earlyTraction)] : [], step: step, why: why)
        #expect(Wording.fix(action) == expected)
    }

    /// The tables the plan reads: every fix names a threshold and a step that exist, every evidence a step.
    @Test func theFixAndEvidenceTablesNameRealThresholdsAndSteps() {
        for (threshold, step) in GuideCatalog.thresholdFixes {
            #expect(GuideCatalog.threshold(threshold) != nil, "\(threshold)")
            #expect(GuideCatalog.step(step) != nil, "\(step)")
        }
        for evidence in GuideCatalog.stepEvidence { #expect(GuideCatalog.step(evidence.step) != nil, "\(evidence.step)") }
    }

    /// Text, Markdown and the HTML report list the same actions in the same order as JSON, first.
    @Test(arguments: ["text", "markdown", "html"])
    func everyFormatListsTheActionsFirstInTheSameOrder(_ format: String) throws {
        let path = TestSupport.fixture(Self.weekly)
        let arguments = format == "html" ? ["report", path] : ["advise", path, "--format", format]
        let result = try TestSupport.runBinary(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try TestSupport.runBinary(["advise", path, "--format", "json"])
        let actions = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["actions"] as? [[String: Any]])
        let out = result.stdout.replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "\\_", with: "_")
        let heading = try #require(out.range(of: "What to do now (5 actions, most urgent first)"))
        // The actions come before the stage and the thresholds.
        #expect(heading.lowerBound < (out.range(of: "Early Traction")?.lowerBound ?? out.startIndex))
        var cursor = heading.upperBound
        for action in actions {
            let answers = action["answers"] as? String ?? ""
            let found = try #require(out.range(of: answers, range: cursor..<out.endIndex), "\(format): \(answers) in order")
            cursor = found.upperBound
        }
    }

    /// In the HTML report each action's step links to its entry under Next steps.
    @Test func theReportLinksEachActionToItsStep() throws {
        let result = try TestSupport.runBinary(["report", TestSupport.fixture(Self.weekly)])
        #expect(result.status == 0)
        for id in ["growth.response-caching", "early-traction.monitoring", "growth.upstash-pay-as-you-go"] {
            #expect(result.stdout.contains("<a href=\"#step-\(id)\">"), "\(id)")
            #expect(result.stdout.contains("<li id=\"step-\(id)\">"), "\(id)")
        }
    }

    /// The checklist counts everything and lists only the items no listed step completes; --verbose lists them all.
    @Test func theChecklistDoesNotRepeatAStepUnderAnotherName() throws {
        let path = TestSupport.fixture("series.csv")
        let short = try TestSupport.runBinary(["advise", path])
        let checklist = try #require(short.stdout.components(separatedBy: "\nChecklist").last)
        let counts = "Database 0 of 3, Caching 0 of 4, Code 0 of 3, Monitoring 0 of 5"
        #expect(checklist.hasPrefix(" (0 of 15 items expected by Growth done: \(counts); stages (scalectl))"))
        // monitoring.error-tracking completes the monitoring step listed above: named once, not as a row of its own.
        #expect(!checklist.contains("Configure error tracking"))
        #expect(checklist.contains("Open and part of a step above: database.indexes"))
        #expect(checklist.contains("Implement query caching"))
        let verbose = try TestSupport.runBinary(["advise", path, "--verbose"])
        #expect(verbose.stdout.contains("Configure error tracking"))
    }

    /// A stage that expects nothing says so, not "0 of 0 items … done. All done."
    @Test(arguments: ["text", "markdown"])
    func nothingExpectedIsSaidPlainly(_ format: String) throws {
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture("stages/mvp.json"), "--format", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Nothing is expected yet at Free MVP."))
        #expect(!result.stdout.contains("0 of 0"))
        #expect(!result.stdout.contains("All done"))
    }
}

/// At any width, nothing is cut and every fact of the wide output is kept; a pipe keeps one row per line.
@Suite struct NarrowWidthTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        ["advise", "trends/small-startup-12-weeks.csv"], ["advise", "series.csv", "--explain"], ["advise", "stages/mvp.json"],
        ["stage", "series.csv", "--explain"], ["check", "trends/small-startup-12-weeks.csv"], ["check", "breaches.json", "--explain"],
        ["cost", "series.csv"], ["trend", "trends/small-startup-12-weeks.csv"], ["trend", "trends/viral.csv"],
        ["review", "series.csv"], ["diff", "stages/early-traction.json", "stages/growth.json"], ["guide"], ["policy", "show"],
        ["policy", "show", "--policy", "policy/policy.json"],
    ].map { arguments in
        // Relative to the package root, where `runBinary` runs, as a user types them: an absolute path depends on
        // where the clone is, and a clone deep enough makes the path itself wrap at 60 columns.
        Case(arguments: arguments.map { $0.contains("/") || $0.hasSuffix(".csv") || $0.hasSuffix(".json") ? "Fixtures/\($0)" : $0 })
    }

    /// The words and numbers of a text: what a reader could look for.
    static func tokens(_ text: String) -> Set<Substring> {
        Set(text.split { !($0.isLetter || $0.isNumber || "$%.,:/_+-".contains($0)) })
    }

    @Test(arguments: cases)
    func everyFactOfTheWideOutputIsInTheNarrowOne(_ testCase: Case) throws {
        let wide = try TestSupport.runBinary(testCase.arguments, environment: ["COLUMNS": "200"])
        #expect(!wide.stdout.isEmpty, "\(wide.stderr)")
        for width in [80, 60] {
            let narrow = try TestSupport.runBinary(testCase.arguments, environment: ["COLUMNS": "\(width)"])
            #expect(narrow.status == wide.status)
            for line in narrow.stdout.split(separator: "\n") {
                #expect(visibleWidth(String(line)) <= width, "\(width): \(line)")
                #expect(!line.hasSuffix("…"), "cut at \(width): \(line)")
            }
            let missing = Self.tokens(wide.stdout).subtracting(Self.tokens(narrow.stdout))
            #expect(missing.isEmpty, "lost at \(width) columns: \(missing.sorted().prefix(10))")
        }
    }

    /// Through a pipe, without COLUMNS, a trend row stays on one line for grep.
    @Test func aPipeKeepsOneRowPerLine() throws {
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture("trends/small-startup-12-weeks.csv")])
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  redis_commands_per_day ") })
        #expect(row.contains("2,100 → 8,900") && row.contains("+14.2%/week") && row.contains("R² 0.999"))
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("  Trigger: ") && $0.hasSuffix("→ Add Upstash Redis)") })
    }
}

/// The words: plurals, separators, dashes, what a limit is, and numbers without float noise.
@Suite struct WordingTests {
    @Test(arguments: [
        (#"{"users": 500, "paying_customers": 0}"#, "1 more paying customer"),
        (#"{"users": 5000, "daily_active_users": 99}"#, "1 more daily active user"),
        (#"{"users": 5000, "daily_active_users": 98}"#, "2 more daily active users"),
    ])
    func oneMoreIsSingular(_ snapshot: String, _ expected: String) throws {
        let result = TestSupport.run(["advise", "s.json"], files: ["s.json": snapshot])
        #expect(result.status == 0, "\(result.stderr)")
        let next = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  Next: ") })
        #expect(next.contains(expected + ")") || next.contains(expected + " ") || next.hasSuffix(expected), "\(next)")
    }

    @Test func thousandsSeparatorsOnEveryQuantity() {
        #expect(Wording.daysFrom(0, to: 1_234 * 86_400) == "in 1,234 days")
        #expect(Quantity.format(4_500, as: .gigabytes) == "4,500 GB")
        #expect(Quantity.format(12_500.5, as: .milliseconds) == "12,500.5 ms")
        #expect(Quantity.format(0.45, as: .gigabytes) == "0.45 GB")
    }

    @Test func aStorageOfThousandsOfGigabytesIsGroupedInTheOutput() throws {
        let csv = "timestamp,users,db_storage_gb,response_p95_ms\n2026-11-01,30000,4400,1200\n2026-11-08,31000,4500,1250\n"
        let result = TestSupport.run(["trend", "big.csv"], files: ["big.csv": csv])
        #expect(result.stdout.contains("4,400 GB → 4,500 GB"), "\(result.stdout)")
        #expect(result.stdout.contains("1,200 ms → 1,250 ms"))
        #expect(!result.stdout.contains("4500 GB"))
    }

    @Test func responseTimeIsADailyCheckNotAPlanLimit() throws {
        let result = try TestSupport.runBinary(["trend", TestSupport.fixture("series.csv")])
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("response_p95_ms > 500 ms") })
        #expect(!line.contains("plan limit"))
        #expect(line.contains("warning: response_p95_ms > 500 ms"), "\(line)")
    }

    @Test func aLargeChangeWithinNoiseIsUnclearNotFlat() throws {
        // +130%/week on three noisy points: the fit cannot tell it from noise, but it is not "flat".
        let csv = "timestamp,users\n2026-11-01,1000\n2026-11-08,9000\n2026-11-15,1400\n2026-11-22,25000\n"
        let result = TestSupport.run(["trend", "noisy.csv"], files: ["noisy.csv": csv])
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  users") })
        #expect(!row.contains("flat"), "\(row)")
        #expect(row.contains("unclear"), "\(row)")
        // A small change within noise is still flat.
        let steady = "timestamp,users\n2026-11-01,1000\n2026-11-08,1010\n2026-11-15,995\n2026-11-22,1005\n"
        let flat = TestSupport.run(["trend", "steady.csv"], files: ["steady.csv": steady])
        #expect(flat.stdout.split(separator: "\n").first { $0.hasPrefix("  users") }?.contains("flat") == true)
    }

    @Test(arguments: [
        (0.0035499999999999993, "0.00355"), (0.1 + 0.2, "0.3"), (1.0 / 3.0, "0.333333333333"), (62259151030.9, "62259151030.9"),
    ])
    func jsonNumbersCarryNoFloatNoise(_ value: Double, _ text: String) {
        #expect(JSONOutput.number(value) == text)
        // Within the benchmarks' 1e-9 relative agreement.
        #expect(abs(Double(text)! - value) <= 1e-9 * abs(value))
    }

    @Test func adviseJSONHasNoFloatNoise() throws {
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture("trends/small-startup-12-weeks.csv"), "--format", "json"])
        // Binary noise is a run of zeros or nines before a last digit (0.0035499999999999993, 0.30000000000000004); a
        // repeating decimal such as 92.3333333333 is the value itself.
        let noisy = result.stdout.range(of: #"\d\.\d*(0{6,}|9{6,})[1-9]"#, options: .regularExpression)
        #expect(noisy == nil, "\(noisy.map { String(result.stdout[$0]) } ?? "")")
    }
}
