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
    /// `xs` must be non-decreasing (a timeline, or row numbers); `levels` are the reference lines' values. One pass:
    /// each column's points are read once, for its extremes and every level's crossings together, and what a column
    /// keeps is appended in order, so a series of millions of points costs no array of its length.
    public static func indices(xs: [Double], ys: [Double], levels: [Double], columns: Int = columns) -> [Int] {
        let count = min(xs.count, ys.count)
        guard count > maximumPoints, xs[count - 1] > xs[0] else { return Array(0..<count) }
        let first = xs[0]
        let span = xs[count - 1] - first
        var kept: [Int] = [0]
        kept.reserveCapacity(columns * (2 + 4 * levels.count) + 2)
        var firstCrossing = [Int](repeating: -1, count: levels.count)
        var lastCrossing = [Int](repeating: -1, count: levels.count)
        var chosen: [Int] = []
        xs.withUnsafeBufferPointer { xs in
            ys.withUnsafeBufferPointer { ys in
                levels.withUnsafeBufferPointer { levels in
                    firstCrossing.withUnsafeMutableBufferPointer { firstCrossing in
                        lastCrossing.withUnsafeMutableBufferPointer { lastCrossing in
                            func column(_ index: Int) -> Int { min(columns - 1, Int((xs[index] - first) / span * Double(columns))) }
                            var start = 0
                            while start < count {
                                let current = column(start)
                                // Points well short of the next column's start are in this one without the division;
                                // the few near the border are placed by the formula itself.
                                let border = first + span * Double(current + 1) / Double(columns) - span * 1e-9
                                var end = start + 1
                                while end < count, xs[end] < border || column(end) == current { end += 1 }
                                var low = start
                                var high = start
                                for slot in 0..<levels.count { firstCrossing[slot] = -1 }
                                // The first and the last crossing in the column, each from the point before it (which
                                // may lie in the column before): a spike over a threshold keeps its way up and down.
                                var previous = start > 0 ? ys[start - 1] : ys[start]
                                for index in start..<end {
                                    let y = ys[index]
                                    if y < ys[low] { low = index }
                                    if y > ys[high] { high = index }
                                    for slot in 0..<levels.count where (previous < levels[slot]) != (y < levels[slot]) {
                                        if firstCrossing[slot] < 0 { firstCrossing[slot] = index }
                                        lastCrossing[slot] = index
                                    }
                                    previous = y
                                }
                                chosen.removeAll(keepingCapacity: true)
                                chosen.append(low)
                                chosen.append(high)
                                for slot in 0..<levels.count where firstCrossing[slot] >= 0 {
                                    chosen += [firstCrossing[slot] - 1, firstCrossing[slot], lastCrossing[slot] - 1, lastCrossing[slot]]
                                }
                                chosen.sort()
                                // A crossing's point before may be the previous column's, kept or not: insert it in order.
                                for index in chosen where index != kept.last {
                                    if index > kept.last! {
                                        kept.append(index)
                                    } else if let at = kept.lastIndex(where: { $0 < index }), kept[at + 1] != index {
                                        kept.insert(index, at: at + 1)
                                    }
                                }
                                start = end
                            }
                        }
                    }
                }
            }
        }
        if kept.last != count - 1 { kept.append(count - 1) }
        return kept
    }
}
