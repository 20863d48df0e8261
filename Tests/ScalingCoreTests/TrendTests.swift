import Foundation
import Testing

@testable import ScalingCore

/// Synthetic series of known shape: what the fits, forecasts, spikes and what-ifs must find in them.
@Suite struct TrendTests {
    static let day = 86_400.0
    static let start = try! Timestamp.parse("2026-09-01T00:00:00Z")

    /// A series with one snapshot per given day, each with the given values.
    static func series(days: [Double], _ values: (Double) -> [SnapshotField: Double]) -> SnapshotSeries {
        SnapshotSeries(
            source: "synthetic",
            snapshots: days.enumerated().map { index, day in
                Snapshot(
                    timestamp: start + day * TrendTests.day, values: values(day),
                    origin: SourcePlace(file: "synthetic", line: index + 2))
            })
    }

    static func forecast(_ analysis: TrendAnalysis, _ id: String) -> Forecast? { analysis.forecasts.first { $0.target.id == id } }

    // MARK: Forecasts

    @Test func usersDoublingEvery30DaysCrossTenThousandOnDay90() throws {
        // 1,250 users doubling every 30 days reach 10,000 on day 90 (2026-11-30).
        let series = Self.series(days: [0, 7, 14, 21, 28, 35]) { day in [.users: (1_250 * pow(2, day / 30)).rounded()] }
        let analysis = TrendAnalyzer.analyze(series, stage: .earlyTraction)
        let users = try #require(analysis.trend(.users))
        #expect(users.model == .compound)
        #expect(abs(try #require(users.changePerMonth) - 1) < 0.01, "doubling is +100% per 30-day month")
        #expect(abs(try #require(users.changePerWeek) - (pow(2, 7.0 / 30) - 1)) < 0.001)
        let forecast = try #require(Self.forecast(analysis, "users->growth"))
        guard case .crossing(let date, let earliest, let latest) = forecast.outcome else {
            Issue.record("expected a crossing, got \(forecast.outcome)")
            return
        }
        let expected = Self.start + 90 * Self.day
        #expect(abs(date - expected) <= Self.day, "crossing \(Timestamp.format(date)), expected about \(Timestamp.format(expected))")
        #expect(try #require(earliest) <= date && date <= (try #require(latest)))
        #expect(forecast.target.kind == .nextStage(.growth))
    }

    @Test func aFlatSeriesForecastsNoCrossing() throws {
        let series = Self.series(days: [0, 7, 14, 21, 28]) { _ in [.users: 4_000, .responseP95Ms: 300, .mrr: 900] }
        let analysis = TrendAnalyzer.analyze(series, stage: .earlyTraction)
        for id in ["users->growth", "mrr->scale", "response-time"] {
            let forecast = try #require(Self.forecast(analysis, id))
            guard case .notAtCurrentGrowth = forecast.outcome else {
                Issue.record("\(id): expected no crossing, got \(forecast.outcome)")
                continue
            }
        }
        #expect(analysis.trend(.users)?.direction == .flat)
        #expect(analysis.imminent.isEmpty)
    }

    @Test func aFallingMetricNeverReachesARisingLimit() throws {
        let series = Self.series(days: [0, 7, 14, 21]) { day in [.users: 5_000 - day * 10, .cacheHitRate: 0.95 - day * 0.001] }
        let analysis = TrendAnalyzer.analyze(series, stage: .earlyTraction)
        guard case .notAtCurrentGrowth(let reason) = try #require(Self.forecast(analysis, "users->growth")).outcome else {
            Issue.record("a falling user count must not forecast a crossing")
            return
        }
        #expect(reason.contains("falling"))
        // The cache hit rate falls towards the "below 80%" threshold: that one does cross.
        guard case .crossing(let date, _, _) = try #require(Self.forecast(analysis, "cache-hit-rate")).outcome else {
            Issue.record("a falling hit rate crosses the below-80% threshold")
            return
        }
        #expect(abs(date - (Self.start + 150 * Self.day)) <= Self.day)  // 0.95 - 0.001·d = 0.8 at d = 150
    }

    @Test func aLimitAlreadyPastIsReachedNotForecast() throws {
        let series = Self.series(days: [0, 7, 14]) { day in [.users: 20_000 + day, .redisCommandsPerDay: 12_000 + day * 100] }
        let analysis = TrendAnalyzer.analyze(series, stage: .growth)
        #expect(Self.forecast(analysis, "upstash-free-commands")?.outcome == .reached)
        #expect(Self.forecast(analysis, "users->growth") == nil, "a stage already reached is not a target")
        #expect(Self.forecast(analysis, "users->scale") != nil)
    }

    @Test func fewerThanThreePointsGiveNoForecastAndSayWhy() throws {
        let series = Self.series(days: [0, 7]) { day in [.users: 2_000 + day * 100] }
        let analysis = TrendAnalyzer.analyze(series, stage: .earlyTraction)
        #expect(analysis.forecastUnavailable?.contains("at least 3 snapshots") == true)
        guard case .unavailable(let reason) = try #require(Self.forecast(analysis, "users->growth")).outcome else {
            Issue.record("two points must not forecast")
            return
        }
        #expect(reason.contains("this input has 2"))
        let text = TextReport(style: Style(enabled: false)).trend(analysis, heading: SeriesHeading(series))
        #expect(text.contains("No forecast is possible: a forecast needs at least 3 snapshots with timestamps; this input has 2."))
        #expect(text.contains("2 points: an exact line, no measure of fit"))
    }

    @Test func forecastsAreMadeFromTheLimitFieldOfTheLatestSnapshot() throws {
        let series = Self.series(days: [0, 7, 14, 21]) { day in [.dbConnections: 20 * pow(1.1, day / 7), .dbConnectionLimit: 100] }
        let analysis = TrendAnalyzer.analyze(series, stage: .growth)
        let forecast = try #require(Self.forecast(analysis, "database-connections"))
        #expect(forecast.limit == 100)
        guard case .crossing(let date, _, _) = forecast.outcome else {
            Issue.record("expected a crossing, got \(forecast.outcome)")
            return
        }
        // 20 · 1.1^(d/7) = 100 at d = 7 · ln 5 / ln 1.1 ≈ 118.1 days.
        #expect(abs(date - (Self.start + 7 * log(5) / log(1.1) * Self.day)) <= Self.day)
    }

    // MARK: Models and fits

    @Test func countsGrowCompoundAndLatenciesLinearly() throws {
        let series = Self.series(days: [0, 7, 14, 21]) { day in [.users: 1_000 * pow(1.1, day / 7), .responseP95Ms: 200 + day] }
        let analysis = TrendAnalyzer.analyze(series, stage: .earlyTraction)
        let users = try #require(analysis.trend(.users))
        let p95 = try #require(analysis.trend(.responseP95Ms))
        #expect(users.model == .compound && p95.model == .linear)
        #expect(abs(try #require(users.changePerWeek) - 0.1) < 1e-9)
        #expect(abs(try #require(p95.changePerWeek) - 7) < 1e-9)
        #expect(abs(try #require(p95.changePerMonth) - 30) < 1e-9)
        #expect(try #require(users.fit?.rSquared) > 0.999_999)
        #expect(p95.isImproving == false, "a rising p95 is worse")
    }

    @Test func aZeroAmongCountsFallsBackToALinearFitAndSaysSo() throws {
        let series = Self.series(days: [0, 7, 14]) { day in [.mrr: day * 10] }
        let mrr = try #require(TrendAnalyzer.analyze(series, stage: .mvp).trend(.mrr))
        #expect(mrr.model == .linear)
        #expect(mrr.modelNote?.contains("fitted linearly") == true)
    }

    struct FitCase: CustomTestStringConvertible, Sendable {
        let x: [Double]
        let y: [Double]
        let slope: Double
        let intercept: Double
        let rSquared: Double?
        var testDescription: String { "\(x) → \(y)" }
    }

    @Test(arguments: [
        FitCase(x: [0, 1, 2, 3], y: [1, 3, 5, 7], slope: 2, intercept: 1, rSquared: 1),
        FitCase(x: [0, 1, 2, 3], y: [4, 4, 4, 4], slope: 0, intercept: 4, rSquared: nil),
        // Sxy = 4, Sxx = 5, Syy = 4: slope 0.8, intercept 2 - 0.8 · 1.5 = 0.8, R² = 1 - (4 - 0.8 · 4) / 4 = 0.8.
        FitCase(x: [0, 1, 2, 3], y: [1, 1, 3, 3], slope: 0.8, intercept: 0.8, rSquared: 0.8),
    ])
    func leastSquaresFitsKnownLines(_ testCase: FitCase) throws {
        let fit = try #require(Statistics.fit(x: testCase.x, y: testCase.y))
        #expect(abs(fit.slope - testCase.slope) < 1e-12)
        #expect(abs(fit.intercept - testCase.intercept) < 1e-12)
        if let expected = testCase.rSquared {
            #expect(abs(try #require(fit.rSquared) - expected) < 1e-12)
        } else {
            #expect(fit.rSquared == nil)
        }
    }

    @Test func aFitNeedsTwoDistinctTimes() {
        #expect(Statistics.fit(x: [1], y: [1]) == nil)
        #expect(Statistics.fit(x: [2, 2, 2], y: [1, 2, 3]) == nil)
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.tCritical95(degreesOfFreedom: 1) == 12.706)
        #expect(Statistics.tCritical95(degreesOfFreedom: 1_000) == 1.96)
        let between = Statistics.tCritical95(degreesOfFreedom: 60)
        #expect(between < 2.042 && between > 1.980)
    }

    // MARK: Spikes and the emergency playbook

    static func traffic(latestFactor: Double) -> SnapshotSeries {
        let daily: [Double] = [440, 455, 450, 460, 445, 452, 458]
        return series(days: Array(0...7).map(Double.init)) { day in
            let dau = day < 7 ? daily[Int(day)] : 452 * latestFactor
            return [.users: 8_000, .dailyActiveUsers: dau.rounded()]
        }
    }

    @Test func aFourfoldJumpPutsTheEmergencyPlaybookFirst() throws {
        let advice = try Advisor.advise(Self.traffic(latestFactor: 4))
        let emergency = try #require(advice.emergency)
        #expect(emergency.spikes.map(\.field) == [.dailyActiveUsers])
        #expect(emergency.spikes[0].baseline == 452)
        #expect(emergency.playbook.steps.map(\.title) == GuideCatalog.migrationPath("emergency-scaling")!.steps.map(\.title))
        let text = TextReport(style: Style(enabled: false)).advice(advice, explain: false)
        let sections = text.components(separatedBy: "\n\n")
        #expect(sections[1].hasPrefix("EMERGENCY SCALING"), "the playbook comes right after the header")
        let order = ["Enable Cloudflare (immediate)", "Increase cache TTLs", "Enable rate limiting", "Scale database (if needed)"]
        let positions = order.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted(), "the guide's order")
        #expect(sections[1].contains("4× the median 452 of the previous 7 days"))
    }

    @Test func aOneAndAHalfFoldRiseIsNoEmergency() throws {
        let advice = try Advisor.advise(Self.traffic(latestFactor: 1.5))
        #expect(advice.emergency == nil)
        #expect(!TextReport(style: Style(enabled: false)).advice(advice, explain: false).contains("EMERGENCY"))
    }

    @Test func theSpikeRuleIsConfigurable() throws {
        let series = Self.traffic(latestFactor: 1.5)
        let rule = SpikeRule(factor: 1.4, window: 3 * Self.day, fields: [.dailyActiveUsers])
        let spikes = SpikeDetector.detect(Timeline(series), rule: rule)
        #expect(spikes.count == 1)
        #expect(spikes.first?.baselineCount == 3, "only the 3 days before the latest form the baseline")
    }

    // MARK: What-if

    @Test func usersTimesTenMovesAnEarlyTractionSnapshotToScale() throws {
        let real = Snapshot(timestamp: Self.start, values: [.users: 6_100, .dailyActiveUsers: 71, .payingCustomers: 41, .mrr: 1_150])
        #expect(try StageClassifier.assess(real).stage == .earlyTraction)
        let whatIf = try WhatIf.parse("users=x10")
        let changed = try whatIf.apply(to: real)
        let comparison = WhatIfComparison.compare(real: real, changed: changed, whatIf: whatIf)
        #expect(comparison.stageBefore == .earlyTraction)
        #expect(comparison.stageAfter == .scale)
        #expect(comparison.fields == [.init(field: .users, before: 6_100, after: 61_000, text: "users=x10")])
        #expect(comparison.costBefore?.stage == .earlyTraction && comparison.costAfter?.stage == .scale)
    }

    struct WhatIfCase: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: [SnapshotField: Double]?
        let error: String?
        var testDescription: String { text }
    }

    static let base = Snapshot(values: [.users: 3_200, .dailyActiveUsers: 84, .mrr: 290, .errorRate: 0.004, .responseP95Ms: 310])

    @Test(arguments: [
        WhatIfCase(text: "users=x3", expected: [.users: 9_600], error: nil),
        WhatIfCase(text: "users=*1.5,daily_active_users=+500", expected: [.users: 4_800, .dailyActiveUsers: 584], error: nil),
        WhatIfCase(text: "mrr=$25,000,users=12k", expected: [.mrr: 25_000, .users: 12_000], error: nil),
        WhatIfCase(text: "error_rate=+0.5%", expected: [.errorRate: 0.009], error: nil),
        WhatIfCase(text: "p95=-0.1s", expected: [.responseP95Ms: 210], error: nil),
        WhatIfCase(text: "dau=x0.333", expected: [.dailyActiveUsers: 28], error: nil),
        WhatIfCase(text: "db_cpu=45%", expected: [.dbCPU: 0.45], error: nil),
        WhatIfCase(text: "usrs=3", expected: nil, error: "\"usrs\" is not a numeric snapshot field (did you mean users?)"),
        WhatIfCase(text: "users", expected: nil, error: "expected FIELD=VALUE"),
        WhatIfCase(text: "users=xlots", expected: nil, error: "expected a factor"),
        WhatIfCase(text: "error_rate=x300", expected: nil, error: "error_rate would be 120%, past 100%"),
        WhatIfCase(text: "users=-5000", expected: nil, error: "cannot be negative"),
        WhatIfCase(text: "db_cpu=x2", expected: nil, error: "no db_cpu to change"),
        WhatIfCase(text: "users=x2,users=+1", expected: nil, error: "users is changed twice"),
        WhatIfCase(text: "timestamp=2026-01-01", expected: nil, error: "not a numeric snapshot field"),
    ])
    func whatIfParsesAndApplies(_ testCase: WhatIfCase) throws {
        do {
            let changed = try WhatIf.parse(testCase.text).apply(to: Self.base)
            let expected = try #require(testCase.expected, "expected an error containing \(testCase.error ?? "")")
            for (field, value) in expected { #expect(abs((changed[field] ?? .nan) - value) < 1e-9, "\(field)") }
            for field in SnapshotField.allCases where expected[field] == nil { #expect(changed[field] == Self.base[field]) }
        } catch let error as UsageError {
            let message = ErrorMessage.usage(error)
            let expected = try #require(testCase.error, "unexpected error: \(message)")
            #expect(message.contains(expected), "\(message)")
            #expect(message.contains("--what-if"))
        }
    }

    // MARK: Messy series

    @Test func rowsOutOfOrderAreSortedAndDuplicatesAndGapsReported() throws {
        let decoded = try SnapshotDecoder.decode(
            Array(try String(contentsOfFile: TestSupport.fixture("trends/messy.csv"), encoding: .utf8).utf8), source: "messy.csv")
        let timeline = Timeline(decoded.series)
        let snapshots = timeline.snapshots(in: decoded.series)
        let times = snapshots.map { $0.timestamp! }
        #expect(times == times.sorted())
        #expect(timeline.count == 6, "7 rows, one repeated timestamp")
        #expect(timeline.notes.contains(.sorted(rows: 1)))
        #expect(timeline.notes.contains(.duplicateTimestamp(time: try Timestamp.parse("2026-09-28"), lines: [5, 6])))
        #expect(snapshots.first { $0.timestamp == (try? Timestamp.parse("2026-09-28")) }?[.users] == 2_310, "the last of equals")
        let gaps = timeline.notes.filter { if case .gap = $0 { true } else { false } }
        #expect(gaps == [.gap(from: try Timestamp.parse("2026-10-05"), to: try Timestamp.parse("2026-10-26"), usualInterval: 7 * Self.day)])
    }

    @Test func rowsWithoutTimestampsKeepFileOrderAndGrowthPerWeekIsUnknown() throws {
        let series = SnapshotSeries(
            source: "untimed", snapshots: [2_000.0, 2_300, 2_600].map { Snapshot(values: [.users: $0]) })
        let analysis = TrendAnalyzer.analyze(series, stage: .earlyTraction)
        #expect(analysis.timeline.notes == [.untimed(rows: 3)])
        #expect(analysis.trend(.users)?.values == [2_000, 2_300, 2_600])
        #expect(analysis.trend(.users)?.changePerWeek == nil)
        #expect(analysis.forecastUnavailable?.contains("growth per week cannot be known") == true)
        #expect(Wording.note(.untimed(rows: 3)).contains("growth per week cannot be known"))
    }

    @Test func rowsWithoutTimestampsAmongTimedOnesAreLeftOut() throws {
        var series = Self.series(days: [0, 7, 14]) { day in [.users: 1_000 + day] }
        series.snapshots.insert(Snapshot(values: [.users: 99_999], origin: SourcePlace(file: "x", line: 3)), at: 1)
        let timeline = Timeline(series)
        #expect(timeline.count == 3)
        #expect(timeline.notes.contains(.partlyUntimed(rows: 1, firstLine: 3)))
    }

    // MARK: Sparklines and spans

    @Test func hugeDerivedFiguresPrintWithoutLosingDigits() {
        // Growth rates are derived, so they can pass the 1e15 cap on input values.
        #expect(Quantity.trimmedDecimal(1.2096e20, maxDecimals: 1) == "1.2096e+20")
        #expect(Wording.change(1.2096e20, model: .linear, field: .responseP95Ms) == "+1.2096e+20 ms")
        #expect(Wording.change(.infinity, model: .compound, field: .users) == "over +1,000,000%")
        #expect(Wording.change(0.182, model: .compound, field: .users) == "+18.2%")
        #expect(Wording.change(-0.0082, model: .linear, field: .cacheHitRate) == "-0.82 pp")
    }

    @Test func sparklinesScaleToTheirRangeAndWidth() {
        #expect(Wording.sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
        #expect(Wording.sparkline([5, 5, 5]) == "▄▄▄")
        #expect(Wording.sparkline(Array(0..<1_000).map(Double.init), width: 24).count == 24)
        #expect(Wording.sparkline([]) == "")
    }

    struct SpanCase: CustomTestStringConvertible, Sendable {
        let text: String
        let seconds: Double?
        var testDescription: String { text }
    }

    @Test(arguments: [
        SpanCase(text: "4w", seconds: 28 * 86_400), SpanCase(text: "7d", seconds: 7 * 86_400),
        SpanCase(text: "36h", seconds: 36 * 3_600), SpanCase(text: "15m", seconds: 900), SpanCase(text: "15 min", seconds: 900),
        SpanCase(text: "1.5d", seconds: 1.5 * 86_400), SpanCase(text: "90s", seconds: 90), SpanCase(text: "2 weeks", seconds: 14 * 86_400),
        SpanCase(text: "4", seconds: nil), SpanCase(text: "soon", seconds: nil), SpanCase(text: "0d", seconds: nil),
        SpanCase(text: "-3d", seconds: nil), SpanCase(text: "3y", seconds: 3 * 365 * 86_400), SpanCase(text: "3mo", seconds: 90 * 86_400),
        SpanCase(text: "1 month", seconds: 30 * 86_400), SpanCase(text: "2 Months", seconds: 60 * 86_400), SpanCase(text: "3m", seconds: 180),
        SpanCase(text: "1 year", seconds: 365 * 86_400), SpanCase(text: "3mos", seconds: nil), SpanCase(text: "1.2.3d", seconds: nil),
    ])
    func timeSpansParse(_ testCase: SpanCase) {
        #expect((try? TimeSpan.parse(testCase.text)) == testCase.seconds)
    }
}
