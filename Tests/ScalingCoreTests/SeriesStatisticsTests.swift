import Foundation
import Testing

@testable import ScalingCore

/// The figures `trend` reports on long series: quantiles by selection, fits from merged block moments, summaries,
/// and the whole command read by columns against the same file read as snapshots.
@Suite struct SeriesStatisticsTests {
    /// The quantile by the definition: sort, rank h = (n − 1)·q, interpolate from ⌊h⌋ towards the next.
    static func referenceQuantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let rank = Double(sorted.count - 1) * q
        let low = Int(rank.rounded(.down))
        let fraction = rank - Double(low)
        guard fraction > 0, low + 1 < sorted.count else { return sorted[low] }
        return sorted[low] + (sorted[low + 1] - sorted[low]) * fraction
    }

    /// Distributions that stress the histogram: spread, heavy repeats, one value with a few outliers, tiny ranges,
    /// negatives, and sizes on both sides of the sorting cut-off.
    static let distributions: [(name: String, make: @Sendable (inout SeededRandom) -> [Double])] = [
        ("uniform 100k", { random in (0..<100_000).map { _ in Double.random(in: 0..<1_000, using: &random) } }),
        ("small integers 60k", { random in (0..<60_000).map { _ in Double(Int.random(in: 0...9, using: &random)) } }),
        (
            "one value and outliers 50k",
            { random in (0..<50_000).map { index in index % 997 == 0 ? Double.random(in: 1e6...1e9, using: &random) : 42 } }
        ),
        ("narrow band 30k", { random in (0..<30_000).map { _ in 0.0123 + Double(Int.random(in: 0...5, using: &random)) * 1e-17 } }),
        ("negatives 20k", { random in (0..<20_000).map { _ in Double.random(in: -1e12...1e3, using: &random) } }),
        ("long tail 80k", { random in (0..<80_000).map { _ in exp(Double.random(in: 0...30, using: &random)) } }),
        ("few 7", { random in (0..<7).map { _ in Double.random(in: 0...1, using: &random) } }),
        ("one", { _ in [3.5] }),
        ("all equal 10k", { _ in Array(repeating: 7, count: 10_000) }),
    ]

    @Test(arguments: 0..<distributions.count)
    func quantilesEqualSortingAndInterpolating(distribution: Int) {
        let seed = UInt64(0xC0FFEE + distribution)
        var random = SeededRandom(state: seed)
        let (name, make) = Self.distributions[distribution]
        let values = make(&random)
        for q in [0, 0.25, 0.5, 0.95, 0.999, 1] {
            let got = values.withUnsafeBufferPointer { Statistics.quantile($0, q) }
            #expect(got == Self.referenceQuantile(values, q), "\(name), q \(q), seed \(seed)")
        }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        #expect(Statistics.median(values) == median, "\(name) median")
    }

    /// Block moments merged by Chan's formulas agree with the direct two-pass sums, and with known lines.
    @Test func fitsFromMergedBlocksEqualDirectSums() {
        var random = SeededRandom(state: 77)
        let count = 100_003  // not a multiple of the block
        let x = (0..<count).map { Double($0) / 14_400 + 2_000 }
        let y = x.map { 3.25 - 0.0042 * $0 + Double.random(in: -0.01...0.01, using: &random) }
        let fit = Statistics.fit(x: x, y: y)!
        let meanX = x.reduce(0, +) / Double(count)
        let meanY = y.reduce(0, +) / Double(count)
        let sxx = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        #expect(abs(fit.slope - sxy / sxx) <= 1e-12 * abs(sxy / sxx))
        #expect(abs(fit.meanX - meanX) <= 1e-12 * meanX)
        #expect(abs(fit.slope - -0.0042) < 1e-5)
        let exact = Statistics.fit(x: [0, 1, 2, 3], y: [1, 3, 5, 7])!
        #expect(exact.slope == 2 && exact.intercept == 1 && exact.rSquared == 1)
    }

    /// A metric's summary: count, min, mean, p95, max and the latest value, in timeline order.
    @Test func summariesOfAMetric() throws {
        let values: [Double] = (1...10_000).map { Double(($0 * 7_919) % 10_007) }
        let trend = try #require(
            MetricTrend(metric: TrendCatalog.metric(for: .users)!, times: values.indices.map { Double($0) * 60 }, values: values))
        #expect(trend.summary.count == 10_000)
        #expect(trend.summary.min == values.min())
        #expect(trend.summary.max == values.max())
        #expect(abs(trend.summary.mean - values.reduce(0, +) / 10_000) <= 1e-12 * trend.summary.mean)
        #expect(trend.summary.p95 == Self.referenceQuantile(values, 0.95))
        #expect(trend.summary.latest == values.last)
    }

    /// `trend` on a 120,000-row file read by columns (split across cores) prints exactly what it prints when the same
    /// bytes come through standard input and the snapshot reader.
    @Test func trendByColumnsEqualsTrendBySnapshots() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-columns-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SeededRandom(state: 2_026)
        var text = "timestamp,users,daily_active_users,requests_per_month,response_p95_ms,error_rate,db_connections\n"
        let start = try Timestamp.parse("2026-01-01")
        for row in 0..<120_000 {
            let users = Int(1_000 * exp(Double(row) / 40_000)) + Int.random(in: 0...9, using: &random)
            let p95 = Double(Int.random(in: 1_200...6_000, using: &random)) / 10
            let errors = Double(Int.random(in: 0...1_499, using: &random)) / 100_000
            text += "\(Timestamp.format(start + Double(row) * 6)),\(users),\(users / 7),\(users * 90),\(p95),\(errors),"
            text += "\(Int.random(in: 5...95, using: &random))\n"
        }
        let path = folder.appendingPathComponent("series.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let byColumns = try TestSupport.runBinary(["trend", path, "--format", "json"])
        let bySnapshots = try TestSupport.runBinary(["trend", "-", "--input-format", "csv", "--format", "json"], stdin: text)
        #expect(byColumns.status == 0 && bySnapshots.status == 0, "\(byColumns.stderr)\(bySnapshots.stderr)")
        func withoutSource(_ json: String) throws -> NSDictionary {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            return object.filter { $0.key != "source" } as NSDictionary
        }
        #expect(try withoutSource(byColumns.stdout) == withoutSource(bySnapshots.stdout))
        let metrics = try #require(
            ((try JSONSerialization.jsonObject(with: Data(byColumns.stdout.utf8)) as? [String: Any])?["trend"] as? [String: Any])?[
                "metrics"] as? [[String: Any]])
        #expect(metrics.count == 6)
        let users = try #require(metrics.first { $0["field"] as? String == "users" })
        #expect((users["summary"] as? [String: Any])?["count"] as? Int == 120_000)
        #expect(users["values"] is NSNull, "120,000 values are summarized, not listed")
    }
}
