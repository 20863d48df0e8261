/// Reads and writes snapshot times as Unix seconds, without Foundation's date formatters (no locale, no ICU).
///
/// Accepted: ISO-8601 dates and times (`2026-11-01`, `2026-11-01T12:00`, `2026-11-01 12:00:00.5Z`,
/// `2026-11-01T12:00:00+02:00`), read as UTC when no zone is given, and Unix seconds (`1793534400`).
/// Years run from 1970 to 9999; a number that would only fit as milliseconds is rejected with that hint.
public enum Timestamp {
    /// The last second of year 9999, the largest time ISO-8601 writes with four digits.
    public static let latest: Double = 253_402_300_799

    /// Parses ISO-8601 text or Unix seconds written as text (the grammar is ``TimestampScanner``'s).
    public static func parse(_ text: String) throws(Quantity.ParseError) -> Double {
        var trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw Quantity.ParseError(reason: "the value is empty") }
        let scan = trimmed.withUTF8 { TimestampScanner.scan($0.baseAddress!, $0.baseAddress! + $0.count) }
        switch scan {
        case .seconds(let seconds, _): return try check(unixSeconds: seconds, literal: trimmed)
        case .failure(.notANumber): throw Quantity.ParseError(reason: "\"\(trimmed)\" is not a time")
        case .failure(.notISO8601):
            throw Quantity.ParseError(reason: "\"\(trimmed)\" is not an ISO-8601 time such as 2026-11-01T12:00:00Z")
        case .failure(.yearPastFourDigits):
            if let written = basicFormatRewrite(trimmed) {
                // ISO-8601's basic format (20261101T120000Z): a date, not a year past 9999.
                throw Quantity.ParseError(
                    reason: "\"\(trimmed)\" is ISO-8601's basic format, which scalectl does not read: write it with separators, as \(written)")
            }
            throw Quantity.ParseError(reason: "\"\(trimmed)\" is after the year 9999, the last year ISO-8601 writes with four digits")
        case .failure(.notCalendarDate): throw Quantity.ParseError(reason: "\"\(trimmed)\" is not a calendar date")
        case .failure(.impossibleTimeOfDay): throw Quantity.ParseError(reason: "\"\(trimmed)\" has an impossible time of day")
        }
    }

    /// `2026-11-01T12:00:00Z` for ISO-8601's basic `20261101T120000Z` (eight digits, then nothing or a `T`); nil for
    /// anything else.
    static func basicFormatRewrite(_ text: String) -> String? {
        let characters = Array(text)
        guard characters.count >= 8, characters[0..<8].allSatisfy(\.isASCII), characters[0..<8].allSatisfy(\.isNumber),
            characters.count == 8 || characters[8] == "T" || characters[8] == "t"
        else { return nil }
        let date = "\(String(characters[0..<4]))-\(String(characters[4..<6]))-\(String(characters[6..<8]))"
        guard characters.count >= 15, characters[9..<15].allSatisfy(\.isNumber) else { return date }
        return date + "T\(String(characters[9..<11])):\(String(characters[11..<13])):\(String(characters[13..<15]))"
            + String(characters[15...])
    }

    /// Checks that a number of Unix seconds is a time this tool can place.
    public static func check(unixSeconds value: Double, literal: String) throws(Quantity.ParseError) -> Double {
        if TimestampScanner.isPlaceable(value) { return value }
        guard value.isFinite else { throw Quantity.ParseError(reason: "\(literal) is out of range") }
        if value < 0 { throw Quantity.ParseError(reason: "\(literal) is before 1970") }
        if value > latest {
            // Milliseconds of this century are the usual mistake; say so when dividing by 1000 gives such a time.
            let hint = (946_684_800...latest).contains(value / 1000) ? " (it looks like milliseconds: divide by 1000)" : ""
            throw Quantity.ParseError(reason: "\(literal) is after the year 9999\(hint)")
        }
        return value
    }

    /// The first second of year 1, the earliest time ISO-8601 writes with four digits.
    public static let earliest: Double = -62_135_596_800

    /// The first second after year 999999: the end of what ``format(_:)`` writes as a date (a forecast from late in
    /// year 9999 may land in year 10009, and keeps its day).
    public static let formattableEnd = Double(days(fromYear: 1_000_000, month: 1, day: 1)) * 86_400

    /// Formats Unix seconds as ISO-8601 UTC: `2026-11-01T12:00:00Z` (fractions of a second dropped).
    ///
    /// Total: a time before year 1 or after year 999999 reads `before 0001-01-01T00:00:00Z` or
    /// `after 999999-12-31T23:59:59Z`, and NaN `an unknown time`, instead of trapping on the conversion to an integer.
    public static func format(_ seconds: Double) -> String {
        guard let whole = wholeSeconds(seconds) else { return outOfRange(seconds, dateOnly: false) }
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Formats Unix seconds as a date only: `2026-11-01`; as total as ``format(_:)``.
    public static func formatDate(_ seconds: Double) -> String {
        guard wholeSeconds(seconds) != nil else { return outOfRange(seconds, dateOnly: true) }
        return String(format(seconds).prefix { $0 != "T" })
    }

    /// The whole seconds of a time from ``earliest`` up to ``formattableEnd``; nil outside them or for NaN.
    private static func wholeSeconds(_ seconds: Double) -> Int64? {
        guard seconds >= earliest, seconds < formattableEnd else { return nil }
        return Int64(seconds.rounded(.down))
    }

    private static func outOfRange(_ seconds: Double, dateOnly: Bool) -> String {
        if seconds.isNaN { return "an unknown time" }
        return seconds > 0
            ? "after " + (dateOnly ? "999999-12-31" : "999999-12-31T23:59:59Z")
            : "before " + (dateOnly ? "0001-01-01" : "0001-01-01T00:00:00Z")
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(fromDays count: Int64) -> (Int64, Int64, Int64) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
