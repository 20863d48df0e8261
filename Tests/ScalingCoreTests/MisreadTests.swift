import Foundation
import Testing

@testable import ScalingCore

/// No silent misreads: a value almost certainly in the wrong unit is read with one warning naming the fix; a CSV's
/// decimal mark follows its delimiter and its numbers; a horizon in minutes is refused with "did you mean".
@Suite struct MisreadTests {
    // MARK: Plausibility

    struct PlausibilityCase: CustomTestStringConvertible, Sendable {
        let name: String
        let source: String
        let text: String
        let field: SnapshotField
        let value: Double
        /// The advice the warning gives, or nil when the value is plausible and nothing is said.
        let advice: String?
        var testDescription: String { name }
    }

    @Test(arguments: [
        PlausibilityCase(
            name: "p95 of 0.62 as a JSON number", source: "m.json", text: #"{"latency_p95": 0.62}"#, field: .responseP95Ms, value: 0.62,
            advice: "0.62 looks like seconds: write 0.62s"),
        PlausibilityCase(
            name: "p95 of 0.62 in CSV", source: "m.csv", text: "response_p95_ms\n0.62\n", field: .responseP95Ms, value: 0.62,
            advice: "0.62 looks like seconds: write 0.62s"),
        PlausibilityCase(
            name: "p95 of 4.9 as JSON text", source: "m.json", text: #"{"p95_ms": "4.9"}"#, field: .responseP95Ms, value: 4.9,
            advice: "4.9 looks like seconds: write 4.9s"),
        PlausibilityCase(
            name: "p95 of 0.62ms written with its unit", source: "m.json", text: #"{"response_p95_ms": "0.62ms"}"#,
            field: .responseP95Ms, value: 0.62, advice: nil),
        PlausibilityCase(
            name: "p95 of 0.62s written with its unit", source: "m.csv", text: "response_p95_ms\n0.62s\n", field: .responseP95Ms,
            value: 620, advice: nil),
        PlausibilityCase(
            name: "p95 of 5 ms", source: "m.json", text: #"{"response_p95_ms": 5}"#, field: .responseP95Ms, value: 5, advice: nil),
        PlausibilityCase(
            name: "p95 of 0", source: "m.json", text: #"{"response_p95_ms": 0}"#, field: .responseP95Ms, value: 0, advice: nil),
        PlausibilityCase(
            name: "a count with a fraction", source: "m.json", text: #"{"users": 1234.5}"#, field: .users, value: 1234.5,
            advice: "1234.5 is a count with a fraction: is it a rate or an average?"),
        PlausibilityCase(
            name: "a count with a fraction and a unit", source: "m.csv", text: "dau\n1.2345k\n", field: .dailyActiveUsers,
            value: 1234.5, advice: "1.2345k is a count with a fraction"),
        PlausibilityCase(
            name: "a whole count written 12.0", source: "m.csv", text: "users\n12.0\n", field: .users, value: 12, advice: nil),
        PlausibilityCase(
            name: "an error rate of exactly 1", source: "m.json", text: #"{"error_rate": 1}"#, field: .errorRate, value: 1,
            advice: "1 is read as 100%: if 1% was meant, write 1%; if 100% was meant, write 100%"),
        PlausibilityCase(
            name: "a database CPU of 1.0 in CSV", source: "m.csv", text: "db_cpu\n1.0\n", field: .dbCPU, value: 1,
            advice: "1.0 is read as 100%"),
        PlausibilityCase(
            name: "a hit rate of 100% written with its unit", source: "m.json", text: #"{"cache_hit_rate": "100%"}"#,
            field: .cacheHitRate, value: 1, advice: nil),
        PlausibilityCase(
            name: "an error rate of 1%", source: "m.json", text: #"{"error_rate": "1%"}"#, field: .errorRate, value: 0.01, advice: nil),
    ])
    func implausibleValuesAreReadWithAWarning(_ testCase: PlausibilityCase) throws {
        let decoded = try SnapshotDecoder.decode(Array(testCase.text.utf8), source: testCase.source)
        #expect(decoded.series.latest[testCase.field] == testCase.value)
        let said = decoded.warnings.filter { !$0.isVerboseOnly }.map(ErrorMessage.warning)
        if let advice = testCase.advice {
            #expect(said.count == 1, "\(said)")
            #expect(said.first?.contains("field \"\(testCase.field.rawValue)\": \(advice)") == true, "\(said)")
            #expect(said.first?.hasPrefix("\(testCase.source): line ") == true, "\(said)")
        } else {
            #expect(said.isEmpty, "\(said)")
        }
    }

    /// A series repeats its fields in every row: each field's warning is said once, where it first appears.
    @Test func eachFieldIsWarnedOncePerInput() throws {
        let text = "timestamp,response_p95_ms,users,error_rate\n2026-01-01,0.4,10.5,1\n2026-01-02,0.5,11.5,1\n2026-01-03,0.6,12.5,1\n"
        let decoded = try SnapshotDecoder.decode(Array(text.utf8), source: "s.csv")
        let implausible = decoded.warnings.compactMap { warning -> (SnapshotField, Int?)? in
            guard case .implausibleValue(let place, let field, _, _) = warning else { return nil }
            return (field, place.line)
        }
        #expect(implausible.map(\.0) == [.responseP95Ms, .users, .errorRate])
        #expect(implausible.allSatisfy { $0.1 == 2 })
    }

    @Test func theSecondsWarningReachesStderrAndTheJSONReport() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("apm.json").path
        try #"{"users": 12000, "latency_p95": 0.62, "error_rate": 0.004}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try TestSupport.runBinary(["advise", path, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let expected = "field \"response_p95_ms\": 0.62 looks like seconds: write 0.62s"
        #expect(outcome.stderr.contains("scalectl: warning: \(path): line 1, column 33: \(expected)"), "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1)
        #expect(warnings.first?["kind"] as? String == "warning")
        #expect((warnings.first?["message"] as? String)?.contains(expected) == true, "\(warnings)")
    }

    // MARK: Decimal marks

    struct DecimalCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let field: SnapshotField
        let values: [Double]
        let mark: DecimalMark
        var testDescription: String { name }
    }

    @Test(arguments: [
        DecimalCase(
            name: "0,750 in a ;-separated file is 0.75", text: "users;error_rate\n1200;0,750\n", field: .errorRate, values: [0.75],
            mark: .comma),
        DecimalCase(
            name: "1.234,5 in a ;-separated file is 1234.5", text: "mrr;users\n1.234,5;10\n\"4.500\";11\n", field: .mrr,
            values: [1234.5, 4500], mark: .comma),
        DecimalCase(
            name: "tabs with a decimal comma and units", text: "users\terror_rate\tresponse_p95_ms\n10\t1,5%\t0,62s\n",
            field: .errorRate, values: [0.015], mark: .comma),
        DecimalCase(
            name: "a quoted 4,500 in a comma-separated file stays 4500", text: "users,mrr\n\"4,500\",\"$1,234.5\"\n", field: .users,
            values: [4500], mark: .point),
        DecimalCase(
            name: "a tab-separated file with decimal points", text: "users\terror_rate\n1.500\t0.012\n", field: .users, values: [1.5],
            mark: .point),
        DecimalCase(
            name: "points grouping thousands, no decimals anywhere", text: "users;mrr\n12.400;4.200\n", field: .users, values: [12400],
            mark: .comma),
    ])
    func decimalMarksFollowTheFile(_ testCase: DecimalCase) throws {
        let decoded = try SnapshotDecoder.decode(Array(testCase.text.utf8), source: "m.csv")
        #expect(decoded.series.snapshots.map { $0[testCase.field] } == testCase.values)
        let notes = decoded.warnings.compactMap { warning -> DecimalMark? in
            if case .decimalConvention(_, _, let mark) = warning { return mark }
            return nil
        }
        #expect(notes == [testCase.mark])
    }

    struct MismatchCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        /// Pieces of the message: the place and the convention.
        let pieces: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        MismatchCase(
            name: "a decimal point after a decimal comma", text: "users;mrr\n10;4,5\n11;4.25\n",
            pieces: [
                "m.csv: line 3, column \"mrr\": field \"mrr\": expected a number with a decimal comma, as this ;-separated file "
                    + "writes them (\"4,5\" at line 2, column \"mrr\"), where a point only groups thousands (1.234,5): 4.25 fits "
                    + "neither convention; write 4,25"
            ]),
        MismatchCase(
            name: "a decimal comma after a decimal point", text: "users\tmrr\n10\t4.25\n11\t4,5\n",
            pieces: [
                "m.csv: line 3, column \"mrr\": field \"mrr\": expected a number with a decimal point, as this tab-separated file",
                "4,5 fits neither convention; write 4.5",
            ]),
        MismatchCase(
            name: "a misplaced point with a decimal comma", text: "users;mrr\n10;1.23,4\n",
            pieces: ["line 2, column \"mrr\"", "with a decimal comma (0,75), a point must separate groups of three digits"]),
        MismatchCase(
            name: "two decimal commas", text: "users;mrr\n10;1,2,3\n",
            pieces: ["line 2, column \"mrr\"", "a number has one decimal comma (0,75), and a point groups thousands (1.234,5)"]),
        MismatchCase(
            name: "a quoted decimal comma in a comma-separated file", text: "users,error_rate\n10,\"0,750\"\n",
            pieces: ["line 2, column \"error_rate\"", "a decimal comma (0,75) is not read here, where a comma only groups thousands"]),
    ])
    func aNumberThatFitsNeitherConventionIsAnError(_ testCase: MismatchCase) throws {
        var message = ""
        do { _ = try SnapshotDecoder.decode(Array(testCase.text.utf8), source: "m.csv") } catch {
            message = ErrorMessage.describe(error).message
        }
        for piece in testCase.pieces { #expect(message.contains(piece), "\(message)") }
    }

    /// A `;`-separated file as European Excel writes it: a BOM, `sep=;`, CRLF, decimal commas, read the same by
    /// `advise`, `check` and `trend` (whose columnar reader hands it back), with `--verbose` naming the convention.
    @Test(arguments: [
        ("BOM, sep=; and CRLF", "\u{FEFF}sep=;\r\n", "\r\n"),
        ("BOM and CRLF", "\u{FEFF}", "\r\n"),
        ("LF only", "", "\n"),
    ])
    func aEuropeanExcelFileReadsThroughTheBinary(name: String, preamble: String, lineEnd: String) throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("excel.csv").path
        let rows = [
            "timestamp;users;mrr;response_p95_ms;error_rate;cache_hit_rate",
            "2026-09-01;9.800;1.234,5;420,5;0,750%;0,91",
            "2026-10-01;12.400;2.345,5;380;0,004;0,93",
        ]
        try (preamble + rows.joined(separator: lineEnd) + lineEnd).write(toFile: path, atomically: true, encoding: .utf8)

        let trend = try TestSupport.runBinary(["trend", path, "--format", "json", "--verbose"])
        #expect(trend.status == 0, "\(name): \(trend.stderr)")
        #expect(trend.stderr.contains("note: \(path): numbers read with a decimal comma"), "\(trend.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(trend.stdout.utf8)) as? [String: Any])
        let metrics = try #require((object["trend"] as? [String: Any])?["metrics"] as? [[String: Any]])
        func values(_ field: String) -> [Double] { metrics.first { $0["field"] as? String == field }?["values"] as? [Double] ?? [] }
        #expect(values("users") == [9800, 12400])
        #expect(values("mrr") == [1234.5, 2345.5])
        #expect(values("response_p95_ms") == [420.5, 380])
        #expect(values("error_rate") == [0.0075, 0.004])

        let advise = try TestSupport.runBinary(["advise", path])
        #expect(advise.status == 0, "\(name): \(advise.stderr)")
        #expect(advise.stderr.isEmpty, "\(advise.stderr)")
        #expect(advise.stdout.contains("Growth"), "\(advise.stdout)")
    }

    @Test func aNumberThatFitsNeitherIsExitTwoNamingTheFileThePlaceAndTheConvention() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("mixed.csv").path
        try "users;error_rate\n1200;0,012\n1300;0.015\n".write(toFile: path, atomically: true, encoding: .utf8)
        for command in ["check", "trend", "advise"] {
            let outcome = try TestSupport.runBinary([command, path, "--format", "json"])
            #expect(outcome.status == 2, "\(command)")
            #expect(outcome.stdout.isEmpty)
            #expect(
                outcome.stderr.hasPrefix(
                    "scalectl: error: \(path): line 3, column \"error_rate\": field \"error_rate\": expected a number with a decimal comma, "
                        + "as this ;-separated file writes them (\"0,012\" at line 2, column \"error_rate\")"),
                "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.hasSuffix("0.015 fits neither convention; write 0,015\n"), "\(outcome.stderr)")
        }
        let verbose = try TestSupport.runBinary(["check", "Fixtures/stages/growth.csv", "--verbose"])
        #expect(verbose.stderr.contains("numbers read with a decimal point, as in every comma-separated file"), "\(verbose.stderr)")
    }

    @Test func aQuotedThousandsGroupInACommaSeparatedFileStaysThousands() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("us.csv").path
        try "timestamp,users,error_rate\n2026-01-01,\"4,500\",0.01\n".write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try TestSupport.runBinary(["trend", path, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("\"latest\" : 4500") || outcome.stdout.contains("\"latest\": 4500"), "\(outcome.stdout)")
    }

    // MARK: Spans

    struct HorizonCase: CustomTestStringConvertible, Sendable {
        let horizon: String
        let status: Int32
        /// The forecast horizon in days, or a piece of the error.
        let days: Double?
        let message: String?
        var testDescription: String { "--horizon \(horizon)" }
    }

    @Test(arguments: [
        HorizonCase(
            horizon: "3m", status: 2, days: nil,
            message:
                "option '--horizon' cannot use '3m': 3m is 3 minutes, and a horizon is at least 1d (m is minutes, as in Prometheus): did you mean 3mo?"
        ),
        HorizonCase(horizon: "12h", status: 2, days: nil, message: "12h is 12 hours, and a horizon is at least 1d"),
        HorizonCase(horizon: "3mo", status: 0, days: 90, message: nil),
        HorizonCase(horizon: "2months", status: 0, days: 60, message: nil),
        HorizonCase(horizon: "1y", status: 0, days: 365, message: nil),
        HorizonCase(horizon: "1d", status: 0, days: 1, message: nil),
        HorizonCase(horizon: "4w", status: 0, days: 28, message: nil),
    ])
    func horizonsAreAtLeastADay(_ testCase: HorizonCase) throws {
        let outcome = try TestSupport.runBinary(["trend", "Fixtures/series.csv", "--format", "json", "--horizon", testCase.horizon])
        #expect(outcome.status == testCase.status, "\(outcome.stderr)")
        if let message = testCase.message { #expect(outcome.stderr.contains(message), "\(outcome.stderr)") }
        if let days = testCase.days {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            #expect((object["trend"] as? [String: Any])?["horizon_days"] as? Double == days)
        }
    }

    /// Everywhere else `m` stays minutes, and months and years are accepted.
    @Test func otherSpansKeepMinutes() throws {
        #expect(try TimeSpan.parse("15m") == 900)
        #expect(try TimeSpan.parse("3mo") == 90 * 86_400)
        let window = try TestSupport.runBinary(["trend", "Fixtures/series.csv", "--spike-window", "90m"])
        #expect(window.status == 0, "\(window.stderr)")
        let help = try TestSupport.runBinary(["trend", "--help"])
        #expect(help.stdout.contains("3mo"), "\(help.stdout)")
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-misreads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
