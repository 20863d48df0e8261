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
