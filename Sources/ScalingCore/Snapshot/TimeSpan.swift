/// A length of time written the way people write it on a command line: `15m`, `7d`, `4w`, `36h`, `90s`, `3mo`, `1y`.
///
/// `m` is minutes everywhere, as Prometheus writes it; months are `mo`, `month` or `months` (30 days) and years `y`
/// (365 days).
public enum TimeSpan {
    /// One unit a span may be written in, and its length in seconds.
    struct Unit: Sendable {
        let suffixes: [String]
        let seconds: Double
        let name: String
    }

    /// The units, longest suffix first within each row so `min` is not read as `m` + `in`.
    static let units: [Unit] = [
        Unit(suffixes: ["s", "sec", "secs", "second", "seconds"], seconds: 1, name: "second"),
        Unit(suffixes: ["m", "min", "mins", "minute", "minutes"], seconds: 60, name: "minute"),
        Unit(suffixes: ["h", "hr", "hrs", "hour", "hours"], seconds: 3_600, name: "hour"),
        Unit(suffixes: ["d", "day", "days"], seconds: 86_400, name: "day"),
        Unit(suffixes: ["w", "wk", "wks", "week", "weeks"], seconds: 604_800, name: "week"),
        Unit(suffixes: ["mo", "month", "months"], seconds: 30 * 86_400, name: "month"),
        Unit(suffixes: ["y", "yr", "yrs", "year", "years"], seconds: 365 * 86_400, name: "year"),
    ]

    /// The units `format` writes: up to weeks, since months and years are not whole numbers of weeks or days of the
    /// calendar.
    static let formatUnits = Array(units.prefix { $0.name != "month" })

    /// What a span looks like, for error messages.
    public static let expectation = "a length of time such as 90s, 15m (minutes), 36h, 7d, 4w, 3mo or 1y"

    /// Parses `4w`, `7d`, `1.5h`, `15 min` into seconds; the number must be positive and the unit is required.
    public static func parse(_ text: String) throws(Quantity.ParseError) -> Double {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let suffix = String(trimmed.dropFirst(digits.count)).trimmingSpaces.lowercased()
        guard !digits.isEmpty, digits.filter({ $0 == "." }).count <= 1, digits != ".", let number = Double(String(digits)) else {
            throw Quantity.ParseError(reason: "expected \(expectation), got \"\(text)\"")
        }
        guard let unit = units.first(where: { $0.suffixes.contains(suffix) }) else {
            let reason =
                suffix.isEmpty
                ? "\"\(text)\" has no unit; expected \(expectation)" : "unknown unit \"\(suffix)\" in \"\(text)\"; expected \(expectation)"
            throw Quantity.ParseError(reason: reason)
        }
        let seconds = number * unit.seconds
        guard seconds > 0, seconds <= 100 * 365 * 86_400 else {
            throw Quantity.ParseError(reason: "\"\(text)\" must be more than 0 and at most 100 years")
        }
        return seconds
    }

    /// The shortest forecast horizon: under a day no forecast can say anything, so the section would silently vanish.
    public static let shortestHorizon: Double = 86_400

    /// Parses a forecast horizon: a span of at least a day. `3m` is three minutes, so it is refused with "did you
    /// mean 3mo?" rather than forecasting nothing.
    public static func parseHorizon(_ text: String) throws(Quantity.ParseError) -> Double {
        let seconds = try parse(text)
        guard seconds < shortestHorizon else { return seconds }
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let suffix = String(trimmed.dropFirst(digits.count)).trimmingSpaces.lowercased()
        var reason = "\(trimmed) is \(format(seconds)), and a horizon is at least 1d"
        if ["m", "min", "mins", "minute", "minutes"].contains(suffix) {
            reason += " (m is minutes, as in Prometheus): did you mean \(digits)mo?"
        } else {
            reason += ": write it in days, weeks or months, such as 10d, 4w or 3mo"
        }
        throw Quantity.ParseError(reason: reason)
    }

    /// Formats seconds for people: `4 weeks`, `7 days`, `36 hours`, `15 minutes`, `1.5 days`.
    public static func format(_ seconds: Double) -> String {
        // Weeks only for whole numbers of two or more: "7 days", "4 weeks", "10 days".
        let unit =
            formatUnits.last { unit in
                seconds >= unit.seconds
                    && (unit.name != "week"
                        || (seconds >= 2 * unit.seconds && (seconds / unit.seconds).rounded() == seconds / unit.seconds))
            } ?? formatUnits[0]
        let count = seconds / unit.seconds
        let text = Quantity.trimmedDecimal(count, maxDecimals: 1)
        return "\(text) \(unit.name)\(text == "1" ? "" : "s")"
    }
}
