import Foundation
import Testing

@testable import ScalingCore

/// Charts of long series draw a sample: the lowest and highest per column, the first and latest point, and both sides
/// of every crossing of a reference line; the HTML report stays small and says so under each chart.
@Suite struct DownsampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var count: Int
        var spike: Int
        var testDescription: String { "\(count) points, a spike at \(spike)" }
    }

    @Test(arguments: [Case(count: 2_001, spike: 1_000), Case(count: 100_000, spike: 73_421), Case(count: 1_000_000, spike: 999_998)])
    func sampleKeepsWhatAReaderLooksFor(_ test: Case) {
        var random = SeededRandom(state: UInt64(test.count))
        let xs = (0..<test.count).map { Double($0) * 6 }
        var ys = (0..<test.count).map { _ in 300 + Double(random.next() % 100) }
        ys[test.spike] = 2_000  // one snapshot above a threshold of 500: a crossing up and one down
        let kept = Downsample.indices(xs: xs, ys: ys, levels: [500])
        #expect(kept.count <= 6 * Downsample.columns + 2)
        #expect(kept.first == 0 && kept.last == test.count - 1)
        #expect(kept == kept.sorted() && Set(kept).count == kept.count)
        for index in [test.spike - 1, test.spike, test.spike + 1] where index < test.count { #expect(kept.contains(index)) }
        #expect(kept.contains(ys.indices.min { ys[$0] < ys[$1] }!))
    }

    /// The definition, written plainly: a flag per point, each column scanned once for its extremes and once per level.
    static func reference(xs: [Double], ys: [Double], levels: [Double], columns: Int = Downsample.columns) -> [Int] {
        let count = min(xs.count, ys.count)
        guard count > Downsample.maximumPoints, xs[count - 1] > xs[0] else { return Array(0..<count) }
        let span = xs[count - 1] - xs[0]
        func column(_ index: Int) -> Int { min(columns - 1, Int((xs[index] - xs[0]) / span * Double(columns))) }
        var keep = [Bool](repeating: false, count: count)
        keep[0] = true
        keep[count - 1] = true
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, column(end) == column(start) { end += 1 }
            let range = start..<end
            keep[range.min { ys[$0] < ys[$1] }!] = true
            keep[range.max { ys[$0] < ys[$1] }!] = true
            for level in levels {
                let crossings = range.filter { $0 > 0 && (ys[$0 - 1] < level) != (ys[$0] < level) }
                for index in crossings.first.map({ [$0 - 1, $0, crossings.last! - 1, crossings.last!] }) ?? [] { keep[index] = true }
            }
            start = end
        }
        return keep.indices.filter { keep[$0] }
    }

    /// The one-pass sample is the definition's: on noisy series with spikes, repeated times, gaps and several levels.
    @Test(arguments: 0..<12)
    func theOnePassSampleIsTheDefinitions(_ seed: Int) {
        var random = SeededRandom(state: UInt64(1_000 + seed))
        let count = 2_001 + Int(random.next() % 60_000)
        var time = 0.0
        var xs: [Double] = []
        var ys: [Double] = []
        for _ in 0..<count {
            time += [0, 6, 6, 6, 60, 3_600][Int(random.next() % 6)]  // repeated times, steps and gaps
            xs.append(time)
            ys.append(random.next() % 50 == 0 ? 2_000 : 300 + Double(random.next() % 300))
        }
        let levels: [Double] = Array([400, 500, 1_000, 250].prefix(Int(random.next() % 5)))
        let kept = Downsample.indices(xs: xs, ys: ys, levels: levels)
        #expect(kept == Self.reference(xs: xs, ys: ys, levels: levels), "seed \(seed): \(count) points, levels \(levels)")
    }

    @Test(arguments: [0, 1, 2, 1_999, 2_000])
    func shortSeriesIsDrawnWhole(_ count: Int) {
        let xs = (0..<count).map(Double.init)
        #expect(Downsample.indices(xs: xs, ys: xs, levels: [3]) == Array(0..<count))
    }

    /// A report on 60,000 snapshots is a small page whose charts say they are sampled (whole, it was tens of MB).
    @Test func reportOnALongSeriesStaysSmall() throws {
        var lines = ["timestamp,users,daily_active_users,requests_per_month,response_p95_ms,error_rate"]
        var random = SeededRandom(state: 15)
        for row in 0..<60_000 {
            let p95 = row == 41_234 ? 1_800 : 200 + Int(random.next() % 200)
            lines.append(
                "\(Timestamp.format(1_780_000_000 + Double(row) * 60)),\(1_000 + row / 3),\(100 + row / 30),\(50_000 + row),\(p95),0.00\(random.next() % 9)"
            )
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-downsample-\(getpid()).csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try TestSupport.runBinary(["report", file.path, "--no-policy"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.utf8.count < 2_000_000)
        #expect(run.stdout.contains("Downsampled from 60,000 points"))
        #expect(run.stdout.contains("<polyline class=\"series\""))
    }
}
