/// Which points of a long series a chart draws: at most a few per pixel column, so a report of millions of snapshots
/// stays a page of kilobytes, not a gigabyte.
///
/// Per column of the plot (a bucket of x) it keeps the lowest and the highest point, so every spike and dip still
/// shows; it always keeps the first and the latest point, and in each column where the series crosses a reference line
/// (a threshold, the next stage's rule, the band's top) the points either side of its first and its last crossing
/// there, so no crossing disappears. A series of up to ``maximumPoints`` points is drawn whole.
public enum Downsample {
    /// Series up to this many points are drawn as they are.
    public static let maximumPoints = 2_000
    /// Columns a longer series is bucketed into: about one per unit of the plot's width.
    public static let columns = 500

    /// The indices of the points to draw, increasing; every index when `xs.count` is at most `maximumPoints`.
    ///
    /// `xs` must be non-decreasing (a timeline, or row numbers); `levels` are the reference lines' values.
    public static func indices(xs: [Double], ys: [Double], levels: [Double], columns: Int = columns) -> [Int] {
        let count = min(xs.count, ys.count)
        guard count > maximumPoints, let first = xs.first, let last = xs.last, last > first else { return Array(0..<count) }
        let span = last - first
        var keep = [Bool](repeating: false, count: count)
        keep[0] = true
        keep[count - 1] = true
        var start = 0
        while start < count {
            let column = min(columns - 1, Int((xs[start] - first) / span * Double(columns)))
            var end = start + 1
            while end < count, min(columns - 1, Int((xs[end] - first) / span * Double(columns))) == column { end += 1 }
            var low = start
            var high = start
            for index in start..<end {
                if ys[index] < ys[low] { low = index }
                if ys[index] > ys[high] { high = index }
            }
            keep[low] = true
            keep[high] = true
            for level in levels {
                // The first and the last crossing in the column, each from the point before it (which may lie in the
                // column before): a spike over a threshold keeps its way up and its way down.
                let crossings = max(start, 1)..<max(end, 1)
                if let first = crossings.first(where: { (ys[$0 - 1] < level) != (ys[$0] < level) }) {
                    let last = crossings.last(where: { (ys[$0 - 1] < level) != (ys[$0] < level) })!
                    for index in [first - 1, first, last - 1, last] { keep[index] = true }
                }
            }
            start = end
        }
        return keep.indices.filter { keep[$0] }
    }
}
