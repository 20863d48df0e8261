import Foundation
import Testing

@testable import ScalingCore

/// Every date and number formatter is total: any Double, however huge, negative or not a number, prints as text
/// instead of trapping, and a forecast never dates a range end it cannot reach.
@Suite struct TotalFormatterTests {
    /// The doubles a formatter meets at the edges: huge, tiny, negative, non-finite, and the Int64 and calendar bounds.
    static let extremes: [Double] = [
        0, -0.0, 1, -1, 0.5, -0.5, .nan, -.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .ulpOfOne, 1e15, 1e15 - 0.5, -1e15, 1e18,
        9.2e18, 9.3e18, -9.3e18, 1e20, -1e20, 1e300, -1e300, Double(Int64.max), -Double(Int64.max), Timestamp.latest,
        Timestamp.latest + 0.5, Timestamp.latest + 1, Timestamp.formattableEnd, Timestamp.earliest, Timestamp.earliest - 1, 1_793_534_400,
    ]

    /// The extremes plus seeded random bit patterns: every exponent, both signs, NaN payloads.
    static var doubles: [Double] {
        var random = SeededRandom(state: 0x18)
        return extremes + (0..<400).map { _ in Double(bitPattern: random.next()) }
    }

    struct FormatterCase: CustomTestStringConvertible, Sendable {
        let name: String
        let format: @Sendable (Double) -> String
        var testDescription: String { name }
    }

    static let formatters: [FormatterCase] =
        [
            FormatterCase(name: "Timestamp.format", format: Timestamp.format),
            FormatterCase(name: "Timestamp.formatDate", format: Timestamp.formatDate),
            FormatterCase(name: "Quantity.formatPlain", format: Quantity.formatPlain),
            FormatterCase(name: "TimeSpan.format", format: TimeSpan.format),
            FormatterCase(name: "JSON number", format: JSONOutput.number),
            FormatterCase(name: "days from now", format: { Wording.daysFrom(1_793_534_400, to: $0) }),
            FormatterCase(name: "money range", format: { Wording.moneyRange($0, -$0) }),
            FormatterCase(name: "chart number", format: SVGChart.number),
        ]
        + QuantityKind.allCases.flatMap { kind in
            [false, true].map { precise in
                FormatterCase(name: "Quantity.format \(kind)\(precise ? " precise" : "")") {
                    Quantity.format($0, as: kind, precise: precise)
                }
            }
        }

    @Test(arguments: formatters)
    func printsEveryDoubleOnOneLine(_ formatter: FormatterCase) {
        for value in Self.doubles {
            let text = formatter.format(value)
            #expect(!text.isEmpty, "\(value)")
            #expect(!text.contains("\n"), "\(value): \(text)")
            // A finite value never reads as a non-number, whatever its size.
            if value.isFinite { #expect(!text.lowercased().contains("nan") && !text.contains("inf"), "\(value): \(text)") }
        }
    }

    @Test(arguments: [
        (-1e20, "before 0001-01-01T00:00:00Z"), (1e20, "after 999999-12-31T23:59:59Z"), (.nan, "an unknown time"),
        (.infinity, "after 999999-12-31T23:59:59Z"), (Timestamp.latest + 1, "10000-01-01T00:00:00Z"),
        (Timestamp.formattableEnd - 0.5, "999999-12-31T23:59:59Z"), (Timestamp.formattableEnd, "after 999999-12-31T23:59:59Z"),
        (-.infinity, "before 0001-01-01T00:00:00Z"),
        (Timestamp.latest + 0.5, "9999-12-31T23:59:59Z"), (Timestamp.earliest, "0001-01-01T00:00:00Z"), (-0.5, "1969-12-31T23:59:59Z"),
    ])
    func aTimeISOCannotWriteSaysWhereItFalls(seconds: Double, written: String) {
        #expect(Timestamp.format(seconds) == written)
        #expect(
            Timestamp.formatDate(seconds)
                == written.replacingOccurrences(of: "T23:59:59Z", with: "").replacingOccurrences(of: "T00:00:00Z", with: ""))
    }

    @Test func everyTimeWithinTheCalendarReadsBackAsItself() throws {
        var random = SeededRandom(state: 7)
        for _ in 0..<2000 {
            let seconds = Double.random(in: 0...Timestamp.latest, using: &random).rounded(.down)
            #expect(try Timestamp.parse(Timestamp.format(seconds)) == seconds)
        }
    }

    // MARK: Forecast range ends beyond reach, through the binary

    struct SeriesCase: CustomTestStringConvertible, Sendable {
        let fixture: String
        let command: String
        var testDescription: String { "\(command) \(fixture)" }
    }

    /// Ten daily p95 values whose 95% slope interval ends barely above zero: the far end of the range was ~1e20 s
    /// out (a trap, exit 132) or a date in the year 97,197,768.
    static let seriesCases = ["slope-barely-above-zero.csv", "slope-nearly-flat.csv"].flatMap { fixture in
        ["advise", "trend", "report"].map { SeriesCase(fixture: fixture, command: $0) }
    }

    @Test(arguments: seriesCases)
    func aRangeEndBeyondReachReadsNotWithinTenYears(_ testCase: SeriesCase) throws {
        let result = try TestSupport.runBinary([testCase.command, TestSupport.fixture("trends/\(testCase.fixture)")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("95% range from 2026-01-23 to not within 10 years"))
        // No date past year 9999 anywhere.
        #expect(result.stdout.range(of: #"\d{5,}-\d\d-\d\d"#, options: .regularExpression) == nil)
    }

    @Test func jsonLeavesAnUnreachableRangeEndNull() throws {
        let result = try TestSupport.runBinary(["trend", TestSupport.fixture("trends/slope-barely-above-zero.csv"), "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["trend"] as? [String: Any])
        let forecasts = try #require(json["forecasts"] as? [[String: Any]])
        // "Response time (< 500ms p95)" is a daily check, watched by the response-time threshold, not a plan's limit.
        #expect(!forecasts.contains { $0["field"] as? String == "response_p95_ms" && $0["kind"] as? String == "plan_limit" })
        let p95 = try #require(forecasts.first { $0["id"] as? String == "response-time" })
        #expect(p95["kind"] as? String == "threshold")
        #expect(p95["outcome"] as? String == "crossing")
        #expect((p95["earliest"] as? String)?.hasPrefix("2026-01-23") == true)
        #expect(p95["latest"] is NSNull)
    }
}
