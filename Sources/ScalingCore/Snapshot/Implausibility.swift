/// Why a value read from a snapshot is almost certainly in the wrong unit: it is read as written, with a warning
/// naming the likely cause and the fix.
///
/// Each case is a row of the rule: which kind of field, which values, and what the user probably meant.
public enum Implausibility: String, Equatable, Sendable, CaseIterable {
    /// A duration in milliseconds below 5 written as a bare number: `0.62` is far more likely 0.62 s (Prometheus
    /// and most APMs give seconds) than a p95 of 0.62 ms.
    case secondsAsMilliseconds = "seconds_as_milliseconds"
    /// A count with a fraction (`1234.5` users): probably a rate or an average put in a count field.
    case fractionalCount = "fractional_count"
    /// A rate of exactly 1 written as a bare number: 100%, which an error rate or CPU almost never is; `1` probably
    /// meant 1%.
    case wholeRate = "whole_rate"

    /// Below this many milliseconds a bare duration is read as a likely number of seconds.
    public static let millisecondsFloor: Double = 5

    /// The implausibility of `value` read for `kind`; `bare` says the value was written without a unit (a JSON number,
    /// or text without `ms`, `s`, `%`), since an explicit unit means the user chose it.
    public static func of(_ value: Double, kind: QuantityKind, bare: Bool) -> Implausibility? {
        switch kind {
        case .milliseconds: return bare && value > 0 && value < millisecondsFloor ? .secondsAsMilliseconds : nil
        case .count: return value.rounded() != value ? .fractionalCount : nil
        case .fraction: return bare && value == 1 ? .wholeRate : nil
        case .money, .gigabytes, .timestamp, .idList: return nil
        }
    }

    /// The likely cause and the fix, for `field`'s value as written (`0.62`).
    public func advice(field: SnapshotField, written: String) -> String {
        switch self {
        case .secondsAsMilliseconds:
            return "\(written) looks like seconds: write \(written)s (or \(written)ms if it really is milliseconds)"
        case .fractionalCount:
            return "\(written) is a count with a fraction: is it a rate or an average? \(field.rawValue) counts whole things"
        case .wholeRate:
            return "\(written) is read as 100%: if 1% was meant, write 1%; if 100% was meant, write 100%"
        }
    }
}
