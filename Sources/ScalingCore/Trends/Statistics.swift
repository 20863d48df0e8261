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

/// The few statistics trends need, on plain arrays of `Double`.
public enum Statistics {
    /// The median (mean of the middle two for an even count); NaN for an empty array.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Fits y = intercept + slope·x by least squares; nil with fewer than two points or when x does not vary.
    public static func fit(x: [Double], y: [Double]) -> LinearFit? {
        precondition(x.count == y.count, "x and y must pair up")
        let count = x.count
        guard count >= 2 else { return nil }
        let n = Double(count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for (xi, yi) in zip(x, y) {
            let dx = xi - meanX
            let dy = yi - meanY
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        let residual = max(syy - slope * sxy, 0)
        // Values equal up to rounding noise (0.86 read eight times) count as constant: no R² to speak of.
        let noise = 1e-12 * max(abs(meanY), 1)
        let rSquared: Double? = syy > noise * noise * n ? min(max(1 - residual / syy, 0), 1) : nil
        let slopeError: Double? = count > 2 ? (residual / (n - 2) / sxx).squareRoot() : nil
        return LinearFit(
            count: count, slope: slope, intercept: meanY - slope * meanX, meanX: meanX, meanY: meanY,
            rSquared: rSquared, slopeStandardError: slopeError)
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
