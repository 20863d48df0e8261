/// The lowest and the highest of some values, in one pass: what a chart's axes need of its sample and fitted lines.
///
/// Compared with `<` as `Array.min()` and `Array.max()` compare, so the result is theirs.
struct Extremes: Equatable {
    var low: Double
    var high: Double

    init(low: Double, high: Double) {
        (self.low, self.high) = (low, high)
    }

    /// The extremes of `values`; nil when there are none.
    init?(_ values: [Double]) {
        guard let first = values.first else { return nil }
        self = Extremes(low: first, high: first).including(values)
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
