/// A least-squares straight line through points, with how well it fits and how sure its slope is.
public struct LinearFit: Sendable, Equatable {
    public let count: Int
    public let slope: Double
    public let intercept: Double
    /// The means the line passes through; the slope's uncertainty pivots about this point.
    public let meanX: Double
    public let meanY: Double
    /// Share of the variance of y the line explains, 0–1; nil when y does not vary (a flat series fits exactly).
    public let rSquared: Double?
    /// The standard error of the slope; nil with two points (a line through two points has no measure of fit).
    public let slopeStandardError: Double?

    /// The line's value at `x`.
    public func value(at x: Double) -> Double { intercept + slope * x }

    /// The slopes of the 95% confidence interval, lower first; nil without a standard error.
    public var slopeInterval: (low: Double, high: Double)? {
        guard let error = slopeStandardError else { return nil }
        let spread = Statistics.tCritical95(degreesOfFreedom: count - 2) * error
        return (slope - spread, slope + spread)
    }
}

extension LinearFit {
    /// The least-squares line of the points the moments summarize; nil with fewer than two points or when x does not vary.
    init?(_ moments: Moments) {
        guard moments.count >= 2, moments.sxx > 0 else { return nil }
        let n = Double(moments.count)
        let slope = moments.sxy / moments.sxx
        let residual = max(moments.syy - slope * moments.sxy, 0)
        // Values equal up to rounding noise (0.86 read eight times) count as constant: no R² to speak of.
        let noise = 1e-12 * max(abs(moments.meanY), 1)
        let rSquared: Double? = moments.syy > noise * noise * n ? min(max(1 - residual / moments.syy, 0), 1) : nil
        let slopeError: Double? = moments.count > 2 ? (residual / (n - 2) / moments.sxx).squareRoot() : nil
        self.init(
            count: moments.count, slope: slope, intercept: moments.meanY - slope * moments.meanX, meanX: moments.meanX,
            meanY: moments.meanY, rSquared: rSquared, slopeStandardError: slopeError)
    }
}

/// Means and sums of squared deviations of paired values: what a least-squares line needs, gathered block by block
/// (one pass of `BlockSums` per block, blocks merged by Chan's formulas) so millions of points keep full precision.
struct Moments: Sendable, Equatable {
    var count = 0
    var meanX = 0.0
    var meanY = 0.0
    var sxx = 0.0
    var sxy = 0.0
    var syy = 0.0

    /// Points per block.
    static let block = 2_048

    init() {}

    /// The moments of paired x and y, in blocks.
    init(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) {
        var start = 0
        while start < x.count {
            let end = Swift.min(start + Moments.block, x.count)
            var sums = BlockSums()
            for index in start..<end { sums.add(x: x[index], y: y[index]) }
            merge(sums.moments)
            start = end
        }
    }

    /// Adds another set of points.
    mutating func merge(_ other: Moments) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let n1 = Double(count)
        let n2 = Double(other.count)
        let n = n1 + n2
        let dx = other.meanX - meanX
        let dy = other.meanY - meanY
        let weight = n1 * n2 / n
        sxx += other.sxx + dx * dx * weight
        sxy += other.sxy + dx * dy * weight
        syy += other.syy + dy * dy * weight
        meanX += dx * n2 / n
        meanY += dy * n2 / n
        count += other.count
    }
}

/// One block's points, summed in one pass as deviations from the block's first point: close to every other point of
/// a block of a few thousand, so the sums lose nothing to cancellation; `moments` turns them into a block to merge.
struct BlockSums {
    var count = 0
    var x0 = 0.0
    var y0 = 0.0
    var sx = 0.0
    var sy = 0.0
    var sxx = 0.0
    var sxy = 0.0
    var syy = 0.0

    @inline(__always)
    mutating func add(x: Double, y: Double) {
        if count == 0 {
            x0 = x
            y0 = y
        }
        let dx = x - x0
        let dy = y - y0
        sx += dx
        sy += dy
        sxx += dx * dx
        sxy += dx * dy
        syy += dy * dy
        count += 1
    }

    var moments: Moments {
        var moments = Moments()
        guard count > 0 else { return moments }
        let n = Double(count)
        moments.count = count
        moments.meanX = x0 + sx / n
        moments.meanY = y0 + sy / n
        moments.sxx = max(sxx - sx * sx / n, 0)
        moments.sxy = sxy - sx * sy / n
        moments.syy = max(syy - sy * sy / n, 0)
        return moments
    }
}

/// The few statistics trends need, on plain arrays of `Double`.
public enum Statistics {
    /// The median (mean of the middle two for an even count); NaN for an empty array.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let middle = values.count / 2
        return values.withUnsafeBufferPointer { buffer in
            let upper = orderStatistic(buffer, rank: middle)
            return values.count % 2 == 1 ? upper : (orderStatistic(buffer, rank: middle - 1) + upper) / 2
        }
    }

    /// Fits y = intercept + slope·x by least squares; nil with fewer than two points or when x does not vary.
    public static func fit(x: [Double], y: [Double]) -> LinearFit? {
        precondition(x.count == y.count, "x and y must pair up")
        return x.withUnsafeBufferPointer { xs in y.withUnsafeBufferPointer { ys in LinearFit(Moments(x: xs, y: ys)) } }
    }

    /// The `q` quantile with linear interpolation between order statistics, as duckdb's `quantile_cont`, numpy's and
    /// pandas' default: rank h = (n − 1)·q, the value at ⌊h⌋ plus (h − ⌊h⌋) of the step to the next. NaN when empty.
    public static func quantile(_ values: UnsafeBufferPointer<Double>, _ q: Double, least: Double? = nil, greatest: Double? = nil)
        -> Double
    {
        guard !values.isEmpty else { return .nan }
        let rank = Double(values.count - 1) * q
        let low = Int(rank.rounded(.down))
        let fraction = rank - Double(low)
        let lower = orderStatistic(values, rank: low, least: least, greatest: greatest)
        guard fraction > 0, low + 1 < values.count else { return lower }
        let upper = nextOrderStatistic(values, after: lower, rank: low + 1)
        return lower + (upper - lower) * fraction
    }

    /// The value of rank `rank` (0-based) in sorted order, without sorting or copying the values: a histogram of
    /// 65,536 buckets between the least and greatest value finds the bucket holding the rank, and only that bucket's
    /// values are copied and ranked again (sorted once few enough). Two passes over the values per level.
    static func orderStatistic(
        _ values: UnsafeBufferPointer<Double>, rank: Int, least known: Double? = nil, greatest knownGreatest: Double? = nil
    )
        -> Double
    {
        precondition(rank >= 0 && rank < values.count, "rank within the values")
        if values.count <= 4_096 { return values.sorted()[rank] }
        var least = known ?? .infinity
        var greatest = knownGreatest ?? -.infinity
        if known == nil || knownGreatest == nil {
            for value in values {
                least = Swift.min(least, value)
                greatest = Swift.max(greatest, value)
            }
        }
        if least == greatest { return least }
        let bucketCount = 1 << 16
        let scale = Double(bucketCount) / (greatest - least)
        guard scale.isFinite, scale > 0 else { return values.sorted()[rank] }
        // (v − least)·scale never decreases as v grows, so the buckets are in the values' order.
        @inline(__always) func bucket(_ value: Double) -> Int { Swift.min(Int((value - least) * scale), bucketCount - 1) }
        var counts = [Int](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in for value in values { counts[bucket(value)] += 1 } }
        var before = 0
        var target = 0
        while before + counts[target] <= rank {
            before += counts[target]
            target += 1
        }
        var inBucket: [Double] = []
        inBucket.reserveCapacity(counts[target])
        for value in values where bucket(value) == target { inBucket.append(value) }
        // One bucket holding every value (all equal but a few): its own least and greatest narrow the next level.
        return inBucket.withUnsafeBufferPointer { orderStatistic($0, rank: rank - before) }
    }

    /// The value of rank `rank`, given that `lower` is the value of rank `rank − 1`: `lower` again when enough values
    /// equal it, else the least value above it. One pass.
    static func nextOrderStatistic(_ values: UnsafeBufferPointer<Double>, after lower: Double, rank: Int) -> Double {
        var atMost = 0
        var above = Double.infinity
        for value in values {
            if value <= lower { atMost += 1 } else if value < above { above = value }
        }
        return atMost > rank ? lower : above
    }

    /// Two-sided 95% critical values of Student's t for 1–30 degrees of freedom (standard tables).
    static let tTable: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]

    /// The two-sided 95% critical value of Student's t; the normal 1.96 past 120 degrees of freedom.
    public static func tCritical95(degreesOfFreedom df: Int) -> Double {
        if df >= 1 && df <= tTable.count { return tTable[df - 1] }
        if df > 120 { return 1.96 }
        // 31–120: interpolate in 1/df between 30 (2.042) and 120 (1.980), as tables do.
        let weight = (1 / Double(df) - 1 / 120.0) / (1 / 30.0 - 1 / 120.0)
        return 1.980 + weight * (2.042 - 1.980)
    }
}
