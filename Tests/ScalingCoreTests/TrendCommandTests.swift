import Foundation
import Testing

@testable import ScalingCore

/// `trend`, `review`, `--horizon`, `--what-if` and the spike options, through the real binary and in-process.
@Suite struct TrendCommandTests {
    // MARK: Prepare now

    /// Users growing 10% a week from 7,000 reach 10,000 on day 26, 12 days after the latest snapshot (day 14).
    static let nearGrowth = TrendTests.series(days: [0, 7, 14]) { day in
        [.users: (7_000 * pow(1.1, day / 7)).rounded(), .payingCustomers: 20, .mrr: 400]
    }

    @Test func aCrossingWithinTheHorizonBecomesAPrepareNowStepQuotingTheGuide() throws {
        let advice = try Advisor.advise(Self.nearGrowth)
        #expect(advice.stage == .earlyTraction)
        let item = try #require(advice.preparations.first { $0.forecast.target.id == "users->growth" })
        #expect(item.stage == .growth)
        #expect(item.steps.map(\.id) == GuideCatalog.profile(for: .growth).steps.map(\.id))
        let text = TextReport(style: Style(enabled: false)).advice(advice, explain: false)
        #expect(text.contains("Prepare now (forecast to happen within 4 weeks)"))
        #expect(text.contains("The guide's changes for Stage 2: Growth (10K-50K users):"))
        #expect(text.contains("- Deno Deploy Pro ($20/month)  [growth.deno-deploy-pro]"))
    }

    @Test func aShorterHorizonLeavesTheCrossingOut() throws {
        var options = TrendOptions.standard
        options.horizon = 7 * TrendTests.day
        let advice = try Advisor.advise(Self.nearGrowth, trendOptions: options)
        #expect(advice.preparations.isEmpty)
        #expect(!TextReport(style: Style(enabled: false)).advice(advice, explain: false).contains("Prepare now"))
    }

    @Test func stepsAlreadyDoneAreNotPreparedAgain() throws {
        var series = Self.nearGrowth
        let last = series.snapshots.count - 1
        series.snapshots[last].checklistDone = GuideCatalog.profile(for: .growth).steps.map(\.id)
        let advice = try Advisor.advise(series)
        #expect(!advice.preparations.contains { $0.forecast.target.id == "users->growth" })
    }

    @Test func oneSnapshotHasNoTrendSection() throws {
        let advice = try Advisor.advise(SnapshotSeries(source: "one", snapshots: [Snapshot(values: [.users: 500])]))
        #expect(advice.trends == nil)
        #expect(!TextReport(style: Style(enabled: false)).advice(advice, explain: false).contains("Trend"))
    }

    // MARK: Weekly review

    @Test func reviewComputesTheGuidesWeeklyItemsAndWarnsOfOverEngineering() throws {
        let decoded = try SnapshotDecoder.decode(
            Array(try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("trends/over-engineered.json")))),
            source: "over-engineered.json")
        let review = try WeeklyReview.review(decoded.series)
        #expect(review.stage == .mvp)
        #expect(review.costPerUser == 120.0 / 640)
        #expect(review.costShareOfMRR == nil, "MRR is 0: no share")
        #expect(review.overEngineering.contains(.costAboveBand(current: 120, band: GuideCatalog.profile(for: .mvp).cost, saving: 120)))
        let early = review.overEngineering.compactMap { finding -> (String, Double?, Double?)? in
            if case .stepAhead(let step, _, _, let saving) = finding { return (step.id, saving?.lowerBound, saving?.upperBound) }
            return nil
        }
        #expect(early.map(\.0) == ["growth.deno-deploy-pro", "scale.database-upgrade", "scale.multi-region"])
        #expect(early[0].1 == 20 && early[0].2 == 20)
        #expect(early[1].1 == 19 && early[1].2 == 25)
        #expect(early[2].1 == nil, "the guide prices no multi-region")
        let text = TextReport(style: Style(enabled: false)).review(review)
        #expect(text.contains("Over-engineered — Don't over-engineer!"))
        #expect(text.contains("about $120/month to save"))
        #expect(text.contains("Feature usage: not measured by scalectl"))
    }

    @Test func reviewOfTheShippedSeriesGivesGrowthCostAndPerformance() throws {
        let run = try TestSupport.runBinary(["review", TestSupport.fixture("series.csv")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("User growth rate: 6,100 → 14,100 users, +12.7%/week"))
        #expect(run.stdout.contains("Cost per user: $0.0021 per user, $0.29 per paying customer"))
        #expect(run.stdout.contains("Infrastructure costs: $30/month, within the band $20-60/month; 1.02% of MRR"))
        #expect(run.stdout.contains("response_p95_ms 455 ms rising (worse)"))
        #expect(!run.stdout.contains("Over-engineered"))
        let json = try TestSupport.runBinary(["review", TestSupport.fixture("series.csv"), "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(abs((object["cost_share_of_mrr"] as? Double ?? 0) - 30.0 / 2_950) < 1e-12)
        #expect((object["over_engineering"] as? [Any])?.isEmpty == true)
    }

    // MARK: trend through the binary

    @Test func trendPrintsSparklinesFitsAndForecasts() throws {
        let run = try TestSupport.runBinary(["trend", TestSupport.fixture("series.csv")])
        #expect(run.status == 0)
        #expect(run.stdout.contains("users                   ▁▂▂▃▄▅▇█  6,100 → 14,100"))
        #expect(run.stdout.contains("log fit, 8 points, R² 1.000"))
        #expect(run.stdout.contains("users ≥ 50,000                   2027-01-07"))
        #expect(run.stdout.contains("redis_commands_per_day > 10,000  already reached"))
    }

    @Test func trendJSONCarriesModelsAndForecastDates() throws {
        let run = try TestSupport.runBinary(["trend", TestSupport.fixture("trends/doubling.csv"), "--format", "json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let trend = object["trend"] as! [String: Any]
        let metrics = trend["metrics"] as! [[String: Any]]
        let users = metrics.first { $0["field"] as? String == "users" }!
        #expect(users["model"] as? String == "compound")
        #expect(abs((users["change_per_month"] as! Double) - 1) < 0.01)
        let forecasts = trend["forecasts"] as! [[String: Any]]
        let growth = forecasts.first { $0["id"] as? String == "users->growth" }!
        #expect(growth["outcome"] as? String == "crossing")
        let date = try Timestamp.parse(growth["date"] as! String)
        #expect(abs(date - (try Timestamp.parse("2026-11-30"))) <= 86_400)
    }

    @Test func messyAndUntimedSeriesAreExplainedInTheOutput() throws {
        let messy = try TestSupport.runBinary(["trend", TestSupport.fixture("trends/messy.csv")])
        #expect(messy.status == 0)
        #expect(messy.stdout.contains("1 row was out of time order; the series is sorted by timestamp"))
        #expect(messy.stdout.contains("2 rows share the timestamp 2026-09-28T00:00:00Z (lines 5, 6); the last is used"))
        #expect(messy.stdout.contains("gap of 3 weeks between 2026-10-05 and 2026-10-26 (snapshots are usually 7 days apart)"))
        let untimed = try TestSupport.runBinary(["trend", TestSupport.fixture("trends/untimed.csv")])
        #expect(untimed.status == 0)
        #expect(untimed.stdout.contains("growth per week cannot be known"))
        #expect(untimed.stdout.contains("No forecast is possible"))
    }

    @Test func adviseOnAViralDayPutsTheEmergencyPlaybookFirst() throws {
        let run = try TestSupport.runBinary(["advise", TestSupport.fixture("trends/viral.csv")])
        #expect(run.status == 0)
        let sections = run.stdout.components(separatedBy: "\n\n")
        #expect(sections[1].hasPrefix("EMERGENCY SCALING — Quick scale for viral traffic"))
        let relaxed = try TestSupport.runBinary(["advise", TestSupport.fixture("trends/viral.csv"), "--spike-factor", "5"])
        #expect(!relaxed.stdout.contains("EMERGENCY"))
        let json = try TestSupport.runBinary(["advise", TestSupport.fixture("trends/viral.csv"), "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let emergency = object["emergency"] as! [String: Any]
        #expect(emergency["steps"] as? [String] == GuideCatalog.migrationPath("emergency-scaling")!.steps.map(\.title))
    }

    // MARK: what-if through the binary

    @Test func whatIfOnStageKeepsStdoutOneLineAndTellsStderr() throws {
        let run = try TestSupport.runBinary(["stage", TestSupport.fixture("stages/early-traction.json"), "--what-if", "users=x20"])
        #expect(run.status == 0)
        #expect(run.stdout == "scale\n")
        #expect(run.stderr == "scalectl: what-if: stage early-traction → scale (users=x20)\n")
    }

    @Test func whatIfOnCheckAndCostShowsWhatChanged() throws {
        let check = try TestSupport.runBinary(
            ["check", TestSupport.fixture("stages/growth.json"), "--what-if", "error_rate=+2%", "--format", "json"])
        #expect(check.status == 1, "the changed snapshot breaches the error rate")
        let object = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as! [String: Any]
        let whatIf = object["what_if"] as! [String: Any]
        #expect((whatIf["new_breaches"] as! [[String: Any]]).map { $0["id"] as! String } == ["error-rate"])
        let cost = try TestSupport.runBinary(["cost", TestSupport.fixture("stages/early-traction.json"), "--what-if", "users=x20"])
        #expect(cost.stdout.contains("Stage: early-traction → scale"))
        #expect(cost.stdout.contains("Cost estimate: $0/month → $39-$55/month"))
    }

    struct BadOption: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        BadOption(
            arguments: ["advise", "--what-if", "usrs=3"],
            message: "option '--what-if' cannot use 'usrs=3': \"usrs\" is not a numeric snapshot field (did you mean users?)"),
        BadOption(arguments: ["advise", "--horizon", "soon"], message: "option '--horizon' cannot use 'soon': expected a length of time"),
        BadOption(
            arguments: ["trend", "--spike-factor", "0.5"], message: "option '--spike-factor' cannot use '0.5': expected a number above 1"),
        BadOption(arguments: ["trend", "--spike-window", "7"], message: "option '--spike-window' cannot use '7': \"7\" has no unit"),
        BadOption(
            arguments: ["stage", "--what-if", "redis_commands_per_day=x2"], message: "the snapshot has no redis_commands_per_day to change"),
    ])
    func badTrendOptionsExitTwoWithAMessage(_ testCase: BadOption) throws {
        var arguments = testCase.arguments
        arguments.insert(TestSupport.fixture("stages/mvp.json"), at: 1)
        let run = try TestSupport.runBinary(arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("scalectl: error: "))
        #expect(run.stderr.contains(testCase.message), "\(run.stderr)")
    }

    /// `trend` on one JSON file reads it with the columnar reader; the same bytes on standard input take the row path:
    /// the reports and warnings must be the same, but for the input's name.
    @Test(arguments: ["adapters/business-with-monitoring.json", "breaches.json", "stages/growth.json"])
    func trendOnAJSONFileMatchesTheRowPath(path: String) throws {
        let file = TestSupport.fixture(path)
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        for format in ["text", "json"] {
            let columnar = try TestSupport.runBinary(["trend", file, "--format", format, "--verbose"])
            let rows = try TestSupport.runBinary(["trend", "-", "--format", format, "--verbose"], stdin: text)
            #expect(columnar.status == 0 && rows.status == 0, "\(path) as \(format)")
            #expect(columnar.stdout.replacingOccurrences(of: file, with: "<stdin>") == rows.stdout, "\(path) as \(format)")
            #expect(columnar.stderr.replacingOccurrences(of: file, with: "<stdin>") == rows.stderr, "\(path) as \(format)")
        }
    }
}
