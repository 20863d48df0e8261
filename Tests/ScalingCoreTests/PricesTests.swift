import Foundation
import Testing

@testable import ScalingCore

/// `--prices FILE` and the policy's `prices`: your own prices in place of the guide's, each line saying where its price
/// comes from; every stage priced against its own stack; what the guide leaves unpriced listed (issue 17).
@Suite struct PricesTests {
    static let scale = TestSupport.fixture("stages/scale.json")
    static let enterprise = TestSupport.fixture("stages/enterprise.json")

    static func cost(_ arguments: [String], files: [String: String] = [:]) throws -> [String: Any] {
        let result = TestSupport.run(["cost"] + arguments + ["--format", "json", "--no-policy"], files: files)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try TrustedVerdictTests.json(result.stdout)["cost"] as? [String: Any])
    }

    static func item(_ cost: [String: Any], _ id: String) -> [String: Any]? {
        (cost["items"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    @Test func aPriceGivenReplacesTheGuidesAndSaysWhereItComesFrom() throws {
        let guide = try Self.cost([Self.scale])
        #expect(Self.item(guide, "neon-pro")?["low"] as? Double == 19)
        #expect((guide["price_source"] as? [String: Any])?["kind"] as? String == "guide")
        let mine = try Self.cost([Self.scale, "--prices", "p.json"], files: ["p.json": "{\n  \"neon-pro\": 69\n}\n"])
        let neon = try #require(Self.item(mine, "neon-pro"))
        #expect(neon["low"] as? Double == 69 && neon["high"] as? Double == 69)
        #expect((neon["price_source"] as? [String: Any])?["source"] as? String == "given")
        #expect((neon["price_source"] as? [String: Any])?["origin"] as? String == "p.json:2")
        #expect(((Self.item(mine, "deno-deploy-pro")?["price_source"]) as? [String: Any])?["source"] as? String == "guide")
        #expect((mine["price_source"] as? [String: Any])?["given"] as? [String] == ["p.json:2"])
        #expect((mine["estimate"] as? [String: Any])?["low"] as? Double == Double(20 + 69 + 51))
        let text = TestSupport.run(["cost", Self.scale, "--prices", "p.json", "--no-policy"], files: ["p.json": "{\"neon-pro\": 69}"])
        #expect(text.stdout.contains("your price (p.json:1)"))
        #expect(text.stdout.contains("Prices: the guide's prices, with neon-pro from p.json:1"))
    }

    @Test func aServiceTheGuideLeavesUnpricedCanBePriced() throws {
        let guide = try Self.cost([Self.enterprise])
        #expect(
            (guide["unpriced"] as? [[String: Any]])?.map { $0["id"] as? String } == [
                "custom-infrastructure", "database-cluster", "microservices",
            ])
        let mine = try Self.cost(
            [Self.enterprise, "--prices", "p.json"], files: ["p.json": #"{"custom-infrastructure": 800, "database-cluster": 450}"#])
        #expect((mine["unpriced"] as? [[String: Any]])?.map { $0["id"] as? String } == ["microservices"])
        #expect((mine["estimate"] as? [String: Any])?["high"] as? Double == Double(800 + 450 + 10))
    }

    @Test func eachStageIsPricedAgainstItsOwnStack() throws {
        // Enterprise is custom infrastructure, a PostgreSQL cluster and Redis Cluster, not Deno Pro + Neon Pro + Upstash.
        let enterprise = try Self.cost([Self.enterprise])
        let ids = (enterprise["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        for earlier in ["deno-deploy-pro", "neon-pro", "upstash-redis"] { #expect(!ids.contains(earlier), "\(earlier)") }
        #expect((enterprise["notes"] as? [String])?.contains { $0.contains("below the band's $500") } == true)
        let text = TestSupport.run(["cost", Self.enterprise, "--no-policy"]).stdout
        #expect(text.contains("Not priced by the guide: Custom infrastructure"))
        // Scale keeps its own stack, with what the guide does not price there listed.
        let scale = try Self.cost([Self.scale])
        #expect((scale["unpriced"] as? [[String: Any]])?.map { $0["id"] as? String } == ["vercel", "multi-region", "qstash"])
        for stage in Stage.allCases {
            let estimate = CostEstimator.estimate(Snapshot(values: [:]), stage: stage)
            for line in estimate.lines { #expect(line.item.applies(to: stage), "\(stage): \(line.item.id)") }
        }
    }

    @Test func thePolicysPricesApplyAndAPricesFileGoesOverThem() throws {
        let policy = "{\n\"prices\": {\"neon-pro\": 50, \"cdn\": 5}\n}"
        let result = TestSupport.run(["cost", Self.scale, "--policy", "pol.json", "--format", "json"], files: ["pol.json": policy])
        #expect(result.status == 0, "\(result.stderr)")
        let cost = try #require(try TrustedVerdictTests.json(result.stdout)["cost"] as? [String: Any])
        #expect(Self.item(cost, "neon-pro")?["low"] as? Double == 50)
        #expect((Self.item(cost, "cdn")?["price_source"] as? [String: Any])?["origin"] as? String == "policy pol.json:2")
        let both = TestSupport.run(
            ["cost", Self.scale, "--policy", "pol.json", "--prices", "p.json", "--format", "json"],
            files: ["pol.json": policy, "p.json": #"{"neon-pro": 69}"#])
        let over = try #require(try TrustedVerdictTests.json(both.stdout)["cost"] as? [String: Any])
        #expect(Self.item(over, "neon-pro")?["low"] as? Double == 69)
        #expect(Self.item(over, "cdn")?["low"] as? Double == 5)
    }

    struct CommandCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let expected: String
        var testDescription: String { arguments[0] }
    }

    /// Every command that prints an estimate takes --prices.
    @Test(arguments: [
        CommandCase(arguments: ["advise", scale, "--format", "json"], expected: "\"origin\": \"p.json:1\""),
        CommandCase(arguments: ["review", scale, "--format", "json"], expected: "\"origin\": \"p.json:1\""),
        CommandCase(arguments: ["report", scale], expected: "your price (p.json:1)"),
        CommandCase(arguments: ["advise", scale, "--what-if", "users=x2", "--format", "json"], expected: "\"origin\": \"p.json:1\""),
    ])
    func everyEstimateTakesThePrices(_ testCase: CommandCase) {
        let result = TestSupport.run(testCase.arguments + ["--prices", "p.json", "--no-policy"], files: ["p.json": #"{"neon-pro": 69}"#])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(testCase.expected))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let message: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadCase(
            name: "unknown id", text: "{\n\"neon-prp\": 69}",
            message: #"prices p.json: line 2, column 1: neon-prp: unknown price id (did you mean "neon-pro"?)"#),
        BadCase(name: "bad JSON", text: "{\"neon-pro\": 69,}", message: "prices p.json: invalid JSON at"),
        BadCase(
            name: "negative", text: "{\"cdn\": -5}",
            message: "prices p.json: line 1, column 9: cdn: expected a monthly amount of $0 or more, got -5"),
        BadCase(
            name: "not a number", text: "{\"cdn\": \"5\"}",
            message: "prices p.json: line 1, column 9: cdn: expected a monthly amount in USD as a number, such as 69, got"),
        BadCase(name: "not an object", text: "[5]", message: "prices p.json: line 1, column 1: (top): expected an object of price ids"),
        BadCase(name: "out of range", text: "{\"cdn\": 1e400}", message: "prices p.json: line 1, column 9: cdn: 1e400 is out of range"),
        BadCase(name: "twice", text: "{\"cdn\": 5, \"cdn\": 6}", message: "prices p.json: line 1, column 12: cdn: the id appears twice"),
    ])
    func aBadPricesFileExitsTwoNamingFileAndKey(_ testCase: BadCase) {
        let result = TestSupport.run(["cost", Self.scale, "--prices", "p.json", "--no-policy"], files: ["p.json": testCase.text])
        #expect(result.status == 2)
        #expect(result.stderr.contains(testCase.message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aBadPriceInAPolicyNamesThePolicyAndItsKey() throws {
        let result = TestSupport.run(["cost", Self.scale, "--policy", "pol.json"], files: ["pol.json": "{\"prices\": {\"neonpro\": 1}}"])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(#"policy pol.json: line 1, column 13: prices.neonpro: unknown price id (did you mean "neon-pro"?)"#),
            "\(result.stderr)")
        let missing = try TestSupport.runBinary(["cost", Self.scale, "--prices", "no-such-prices.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("prices no-such-prices.json: cannot read"), "\(missing.stderr)")
    }

    @Test func thePriceIDsAreThoseGuideJSONLists() throws {
        let object = try TrustedVerdictTests.json(try TestSupport.runBinary(["guide", "--format", "json"]).stdout)
        let ids = (object["prices"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == GuideCatalog.prices.map(\.id))
        // Each id can be given; a file naming them all is accepted.
        let all = "{" + GuideCatalog.prices.map { "\"\($0.id)\": 1" }.joined(separator: ", ") + "}"
        let result = TestSupport.run(["cost", Self.enterprise, "--prices", "p.json", "--no-policy"], files: ["p.json": all])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Prices: your prices:"))
    }
}

/// Forecast targets: unique by id, labelled from the limit in force; plan limits from the price table (issue 17).
@Suite struct ForecastTargetTests {
    @Test(arguments: Stage.allCases)
    func targetIDsAreUnique(_ stage: Stage) {
        let ids = ForecastTarget.all(after: stage).map(\.id)
        #expect(Set(ids).count == ids.count, "\(ids)")
    }

    @Test func aPolicyLimitGivesOneTargetLabelledFromIt() throws {
        let policy = try PolicyResolver.resolve(
            stage: .growth, file: nil, environment: ["SCALECTL_LIMIT_RESPONSE_TIME": "400ms"])
        let targets = ForecastTarget.all(after: .growth, rules: policy.rules).filter { $0.field == .responseP95Ms }
        #expect(targets.count == 1)
        #expect(targets.first?.id == "response-time")
        #expect(targets.first?.limit == .fixed(400))
        #expect(targets.first?.label == "response_p95_ms > 400 ms")
        // Through the command: advise's JSON forecasts list response-time once, at 400 ms.
        let result = TestSupport.run(
            ["advise", TestSupport.fixture("trends/doubling.csv"), "--format", "json", "--no-policy"],
            environment: ["SCALECTL_LIMIT_RESPONSE_TIME": "400ms"])
        #expect(result.status == 0, "\(result.stderr)")
        let forecasts = try #require(
            (try TrustedVerdictTests.json(result.stdout)["trend"] as? [String: Any])?["forecasts"] as? [[String: Any]])
        let p95 = forecasts.filter { $0["field"] as? String == "response_p95_ms" }
        #expect(p95.count == 1)
        #expect((p95.first?["label"] as? String)?.contains("> 400 ms") == true)
        #expect(!forecasts.contains { ($0["label"] as? String)?.contains("500") == true }, "no second target at the guide's 500 ms")
    }

    @Test func planLimitsComeFromThePriceTable() {
        let fromPrices = GuideCatalog.prices.flatMap { item in item.allowances.map { (item.id, $0.id, $0.limit) } }
        #expect(
            GuideCatalog.planLimits.map { "\($0.plan) \($0.id) \($0.limit)" }
                == fromPrices.map { "\($0.0) \($0.1) \(Threshold.Limit.fixed($0.2))" })
        #expect(GuideCatalog.threshold("request-count")?.levels.first?.limit == .fixed(GuideCatalog.denoDeployProRequests.limit))
        // A plan Enterprise's stack does not have is no target there.
        #expect(!ForecastTarget.all(after: .enterprise).contains { $0.id == "deno-deploy-requests" })
        #expect(ForecastTarget.all(after: .growth).contains { $0.id == "neon-storage" }, "Neon Pro's 10GB is ahead at Growth")
    }
}
