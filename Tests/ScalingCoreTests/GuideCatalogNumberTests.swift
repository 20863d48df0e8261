import Foundation
import Testing

@testable import ScalingCore

/// The catalog's numbers held against the numbers in the guide's own text (the repository's copy): ranges, bands,
/// prices, plan limits, thresholds and their comparisons, the decision tree and the "When:" lines (issue 17).
@Suite struct GuideCatalogNumberTests {
    /// A number as the guide writes it: "1K", "1M", "10,000", "$10K", "500ms", "50%" (a share: 0.5), "10GB", "10 million".
    static func number(_ token: String) -> Double? {
        if token == "Free" { return 0 }
        var text = token.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "~", with: "").trimmingCharacters(in: .whitespaces)
        var factor = 1.0
        for (suffix, scale) in [(" million", 1e6), ("K", 1e3), ("M", 1e6), ("%", 0.01), ("ms", 1), ("GB", 1)] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            factor = scale
            break
        }
        return Double(text).map { $0 * factor }
    }

    /// Every capture of the first match of `pattern` in the guide, as numbers.
    static func captured(_ pattern: String, in text: String = GuideText.raw) throws -> [Double] {
        let regex = try Regex(pattern)
        let match = try #require(text.firstMatch(of: regex), "the guide has no match for \(pattern)")
        return (1..<match.output.count).compactMap { match.output[$0].substring.flatMap { number(String($0)) } }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let pattern: String
        let catalog: [Double]
        var testDescription: String { name }
    }

    static func users(_ stage: Stage) -> [Double] {
        let range = GuideCatalog.profile(for: stage).users
        return [Double(range.lower), range.upper.map(Double.init) ?? GuideCatalog.usersBeyondGuide]
    }

    static func band(_ stage: Stage) -> [Double] {
        let band = GuideCatalog.profile(for: stage).cost
        return band.low == band.high ? [band.low] : [band.low, band.high]
    }

    static func flat(_ id: String) -> [Double] {
        guard case .flat(let low, let high) = GuideCatalog.price(id)!.pricing else { return [] }
        return low == high ? [low] : [low, high]
    }

    static func level(_ id: String) -> [Double] {
        guard case .fixed(let value) = GuideCatalog.threshold(id)!.levels.last!.limit else { return [] }
        return [value]
    }

    static func trigger(_ field: SnapshotField, _ stage: Stage) -> [Double] {
        GuideCatalog.stageSignals.first { $0.field == field }!.rules.filter { $0.stage == stage }.map(\.value)
    }

    static let upstash: (free: PriceItem.Allowance, unitSize: Double, unitPrice: Double, typical: Double) = {
        guard case .usagePerDay(let free, let unitSize, let unitPrice, let typical, _) = GuideCatalog.price("upstash-redis")!.pricing
        else { fatalError("Upstash is priced by usage") }
        return (free, unitSize, unitPrice, typical)
    }()

    @Test(arguments: [
        // Users' ranges: each stage's heading, the MVP's "Users:" line.
        Case(name: "MVP users", pattern: #"Users: (\d+)-([\d,]+)"#, catalog: users(.mvp)),
        Case(name: "Stage 1 users", pattern: #"## Stage 1: Early Traction \((\d+K)-(\d+K) users\)"#, catalog: users(.earlyTraction)),
        Case(name: "Stage 2 users", pattern: #"## Stage 2: Growth \((\d+K)-(\d+K) users\)"#, catalog: users(.growth)),
        Case(name: "Stage 3 users", pattern: #"## Stage 3: Scale \((\d+K)-(\d+K) users\)"#, catalog: users(.scale)),
        Case(name: "Stage 4 users", pattern: #"## Stage 4: Enterprise \((\d+K)-(\d+M) users\)"#, catalog: users(.enterprise)),
        // Cost bands.
        Case(name: "MVP band", pattern: #"Cost: \$(\d+)/month"#, catalog: band(.mvp)),
        Case(name: "Stage 1 band", pattern: #"Early Traction[\s\S]*?\*\*Cost:\*\* \$(\d+)-(\d+)/month"#, catalog: band(.earlyTraction)),
        Case(name: "Stage 2 band", pattern: #"Growth \([\s\S]*?\*\*Cost:\*\* \$(\d+)-(\d+)/month"#, catalog: band(.growth)),
        Case(name: "Stage 3 band", pattern: #"Scale \([\s\S]*?\*\*Cost:\*\* \$(\d+)-(\d+)/month"#, catalog: band(.scale)),
        Case(name: "Stage 4 band", pattern: #"Enterprise \([\s\S]*?\*\*Cost:\*\* \$(\d+)-(\d+)/month"#, catalog: band(.enterprise)),
        // Prices.
        Case(name: "Deno Deploy Pro", pattern: #"\*\*Deno Deploy Pro\*\* \(\$(\d+)/month\)"#, catalog: flat("deno-deploy-pro")),
        Case(name: "Neon Pro or Supabase", pattern: #"Neon Pro: \$(\d+)/month[\s\S]*?Supabase: \$(\d+)/month"#, catalog: flat("neon-pro")),
        Case(name: "CDN", pattern: #"CDN for assets\*\* \((Free)-\$(\d+)\)"#, catalog: flat("cdn")),
        Case(
            name: "Upstash pay-as-you-go", pattern: #"(~\$\d+)/month for (\d+K) commands"#,
            catalog: [upstash.typical, upstash.unitSize]),
        Case(name: "Upstash unit price", pattern: #"~\$(\d+)/month for"#, catalog: [upstash.unitPrice]),
        Case(name: "Upstash free tier", pattern: #"([\d,]+) commands/day free"#, catalog: [upstash.free.limit]),
        // Plan limits.
        Case(
            name: "Deno Deploy Pro requests", pattern: #"(\d+ million) requests/month"#, catalog: [GuideCatalog.denoDeployProRequests.limit]
        ),
        Case(
            name: "Neon Pro storage", pattern: #"Neon Pro: \$\d+/month \((\d+GB)"#,
            catalog: [GuideCatalog.price("neon-pro")!.includes!.limit]),
        // Thresholds.
        Case(name: "response time", pattern: #"Response time > (\d+ms) → Add caching"#, catalog: level("response-time")),
        Case(name: "response time daily", pattern: #"Response time \(< (\d+ms) p95\)"#, catalog: level("response-time")),
        Case(name: "database CPU", pattern: #"Database CPU > (\d+%) → Optimize queries"#, catalog: level("database-cpu")),
        Case(name: "error rate", pattern: #"Error rate > (\d+%) → Fix bugs"#, catalog: level("error-rate")),
        Case(name: "error rate daily", pattern: #"Error rate \(< (\d+%)\)"#, catalog: level("error-rate")),
        Case(name: "cache hit rate", pattern: #"Cache hit rate \(> (\d+%)\)"#, catalog: level("cache-hit-rate")),
        Case(name: "request count", pattern: #"(\d+ million) requests/month"#, catalog: level("request-count")),
        // The decision tree and the "When:" lines.
        Case(
            name: "decision tree", pattern: #"< (\d+K) users\?[\s\S]*?< (\d+K) users\?[\s\S]*?< (\d+K) users\?[\s\S]*?< (\d+K) users\?"#,
            catalog: GuideCatalog.decisionTree.compactMap(\.usersBelow)),
        Case(name: "decision tree top", pattern: #"> (\d+K) users\?"#, catalog: trigger(.users, .enterprise)),
        Case(name: "Growth's When", pattern: #"\*\*When:\*\* (\d+)\+ daily active users"#, catalog: trigger(.dailyActiveUsers, .growth)),
        Case(name: "Scale's When", pattern: #"\*\*When:\*\* (\$\d+K)\+ MRR"#, catalog: trigger(.mrr, .scale)),
        Case(name: "Enterprise's When", pattern: #"\*\*When:\*\* (\$100K)\+ MRR"#, catalog: trigger(.mrr, .enterprise)),
    ])
    func theCatalogsNumbersAreTheGuides(_ testCase: Case) throws {
        #expect(try Self.captured(testCase.pattern) == testCase.catalog)
    }

    /// The users' ranges, the decision tree and the stage signals draw the same lines as the guide's headings.
    @Test func theUsersSignalFollowsTheGuidesRanges() {
        let rules = GuideCatalog.stageSignals.first { $0.field == .users }!.rules
        #expect(rules.map(\.value) == Stage.allCases.dropFirst().map { Double(GuideCatalog.profile(for: $0).users.lower) })
    }

    struct ComparisonCase: Sendable, CustomTestStringConvertible {
        let id: String
        var testDescription: String { id }
    }

    /// Each fixed threshold's comparison read from its guide quote, and tested at its limit: "X > N → act" breaches
    /// above N only; a target "(> N)" is missed at N.
    @Test(
        arguments: GuideCatalog.thresholds.filter { if case .fixed = $0.levels.last!.limit { true } else { false } }.map {
            ComparisonCase(id: $0.id)
        })
    func eachComparisonFollowsTheGuidesWordingAtItsLimit(_ testCase: ComparisonCase) throws {
        let threshold = try #require(GuideCatalog.threshold(testCase.id))
        guard case .fixed(let limit) = threshold.levels.last!.limit else { return }
        // The wording of the guide's line decides the side: "X > N → act" breaches past N; a target "(> N)" is missed
        // at N; an allowance ("10 million requests/month") is exceeded past it.
        let quote: String
        switch threshold.sources.definition {
        case .guide(_, let text): quote = text
        case .scalectl: quote = ""
        }
        let expected: Threshold.Comparison = quote.contains("(> ") ? .atMost : .above
        #expect(threshold.comparison == expected, "\(threshold.id): \(quote)")
        let step = limit * 1e-6
        switch threshold.comparison {
        case .above:
            #expect(!threshold.comparison.isBreached(limit, limit: limit), "at the limit: fine")
            #expect(threshold.comparison.isBreached(limit + step, limit: limit))
        case .atMost:
            #expect(threshold.comparison.isBreached(limit, limit: limit), "at the target: missed")
            #expect(!threshold.comparison.isBreached(limit + step, limit: limit))
        case .atLeast, .below:
            Issue.record("\(threshold.id): the guide has no ≥ or < threshold with a fixed number")
        }
    }
}
