/// How much worse a metric may get in `diff` before it is a regression: a share of the base value, or an amount.
///
/// Written as people say it: `"10%"` is relative (p95 from 400 ms to 440 ms is +10%), `"0.5pp"` is percentage points
/// of a rate (error_rate from 1% to 1.5%), and a value in the field's unit (`"$50"`, `"50ms"`, `"2GB"`) is an amount.
/// A change from zero has no percentage, so only an amount judges it (cost $0 → $5). A bare JSON number in a policy
/// is a share, as it always was (`0.1` is 10%).
public enum RegressionAllowance: Sendable, Equatable {
    /// Worse by more than this share of the base value: 0.1 is 10%.
    case relative(Double)
    /// Worse by more than this many percentage points, as a fraction (0.005 is 0.5 pp); rates only.
    case points(Double)
    /// Worse by more than this amount in the field's unit (dollars, milliseconds, gigabytes).
    case amount(Double)

    /// Parses a general allowance (`--fail-on-regression`, `SCALECTL_FAIL_ON_REGRESSION`, `fail_on_regression`):
    /// `10%` or `0.5pp` (which judges the rates alone); an amount needs a field, so it is per metric.
    public static func parse(_ text: String) throws(Quantity.ParseError) -> RegressionAllowance {
        if let points = try pointsValue(text) { return .points(points) }
        let trimmed = text.trimmingSpaces
        guard trimmed.hasSuffix("%") else {
            throw Quantity.ParseError(
                reason: "expected a percentage such as 10% (relative) or percentage points such as 0.5pp (rates); "
                    + "an amount such as $50 or 50ms is set per metric, in the policy's \"regression\"")
        }
        return .relative(try Quantity.parse(trimmed, as: .fraction))
    }

    /// Parses `field`'s allowance (the policy's `"regression": {FIELD: …}`): `10%`, `0.5pp` for a rate, or an amount
    /// in the field's unit (`$50`, `50ms`, `2GB`). A bare number (`"5"`) is refused as ambiguous, and a count takes a
    /// percentage only, since its amount would be a bare number too.
    public static func parse(_ text: String, for field: SnapshotField) throws(Quantity.ParseError) -> RegressionAllowance {
        let kind = field.spec.kind
        if let points = try pointsValue(text) {
            guard kind == .fraction else {
                throw Quantity.ParseError(
                    reason: "percentage points fit a rate, and \(field.rawValue) is \(kind.noun): write a percentage such as 10%"
                        + (kind == .count ? "" : " or an amount such as \(example(for: field))"))
            }
            return .points(points)
        }
        let trimmed = text.trimmingSpaces
        // Relative on every field, rates included: 10% of a 1% error rate is 0.1 pp.
        if trimmed.hasSuffix("%") { return .relative(try Quantity.parse(trimmed, as: .fraction)) }
        if kind == .count {
            throw Quantity.ParseError(reason: "expected a percentage such as \"10%\" (\(field.rawValue) is a count)")
        }
        if trimmed.allSatisfy({ "0123456789.,+-eE ".contains($0) }) {
            let spelled = kind == .fraction ? "\"\(trimmed)pp\" (percentage points)" : "an amount with its unit such as \"\(example(for: field))\""
            throw Quantity.ParseError(reason: "\"\(trimmed)\" is ambiguous: write \"\(trimmed)%\" (relative) or \(spelled)")
        }
        return .amount(try Quantity.parse(trimmed, as: kind))
    }

    /// `0.5pp` (or `0.5 pp`) as a fraction, or nil when the text is not in points.
    static func pointsValue(_ text: String) throws(Quantity.ParseError) -> Double? {
        let trimmed = text.trimmingSpaces
        guard trimmed.lowercased().hasSuffix("pp") else { return nil }
        let number = String(trimmed.dropLast(2)).trimmingSpaces
        return try Quantity.parse(number + "%", as: .fraction)
    }

    static func example(for field: SnapshotField) -> String {
        switch field.spec.kind {
        case .money: "$50"
        case .milliseconds: "50ms"
        case .gigabytes: "2GB"
        default: "1000"
        }
    }

    /// Whether the allowance is in points, which judge rates alone.
    public var judgesRatesOnly: Bool { if case .points = self { true } else { false } }

    /// Whether the allowance judges `field`: points judge rates alone.
    public func applies(to field: SnapshotField) -> Bool {
        if case .points = self { return field.spec.kind == .fraction }
        return true
    }

    /// Whether a change from `before` to `after` (already known to be worse) is worse by more than allowed.
    public func isExceeded(before: Double, after: Double) -> Bool {
        switch self {
        case .relative(let share):
            // A change from zero has no percentage: a relative allowance cannot judge it.
            guard before != 0 else { return false }
            return exceeds(abs(after - before) / abs(before), share)
        case .points(let amount), .amount(let amount):
            return exceeds(abs(after - before), amount)
        }
    }

    /// `change > allowed`, ignoring the last bits of rounding (1% → 1.5% is 0.5 pp, not 0.5000000000000001).
    private func exceeds(_ change: Double, _ allowed: Double) -> Bool {
        change - allowed > 1e-9 * max(1, abs(allowed))
    }

    /// `10%`, `0.5 pp`, `$50`, `50 ms`: as the user would write it back.
    public func description(for field: SnapshotField?) -> String {
        switch self {
        case .relative(let share): Quantity.format(share, as: .fraction)
        case .points(let points): Quantity.trimmedDecimal(points * 100, maxDecimals: 4) + " pp"
        case .amount(let amount): field.map { Quantity.format(amount, as: $0.spec.kind) } ?? Quantity.trimmedDecimal(amount, maxDecimals: 4)
        }
    }

    /// The JSON value: `{"relative": 0.1}`, `{"points": 0.005}` (a fraction), `{"amount": 50}`.
    var json: JSONOutput {
        switch self {
        case .relative(let share): .object([("relative", .number(share))])
        case .points(let points): .object([("points", .number(points))])
        case .amount(let amount): .object([("amount", .number(amount))])
        }
    }
}
