/// The lowest and the highest of some values, found in one pass without copying them: what a chart's axes need of a
/// series of millions of points.
///
/// Compared with `<` as `Array.min()` and `Array.max()` compare, so the result is theirs.
struct Extremes: Equatable {
    var low: Double
    var high: Double

    /// The extremes of `values`; nil when there are none.
    init?(_ values: [Double]) {
        guard let first = values.first else { return nil }
        var low = first
        var high = first
        values.withUnsafeBufferPointer { buffer in
            for value in buffer {
                if value < low { low = value }
                if high < value { high = value }
            }
        }
        (self.low, self.high) = (low, high)
    }

    /// These extremes widened to take in `more`.
    func including(_ more: [Double]) -> Extremes {
        var result = self
        for value in more {
            if value < result.low { result.low = value }
            if result.high < value { result.high = value }
        }
        return result
    }
}
