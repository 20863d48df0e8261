/// The grammar of snapshot times, for `Timestamp.parse` and the streaming readers alike: ISO-8601 dates and times
/// (`2026-11-01`, `2026-11-01T12:00`, `2026-11-01 12:00:00.5Z`, `2026-11-01T12:00:00+02:00`, UTC when no zone is
/// given) and Unix seconds (`1793534400`).
///
/// It returns seconds and leaves the range (1970 to 9999) to ``isPlaceable(_:)``, and the wording of a failure to
/// ``Timestamp``.
enum TimestampScanner {
    /// Why a text is not a time, in the order the checks run.
    enum Failure: Error, Equatable {
        /// Only digits and points, but not a number (`1.2.3`).
        case notANumber
        /// Not in the ISO-8601 shape.
        case notISO8601
        /// A year of five or more digits.
        case yearPastFourDigits
        /// A month or day the calendar does not have.
        case notCalendarDate
        /// An hour, minute or second out of range.
        case impossibleTimeOfDay
    }

    /// What a scan read: Unix seconds (not yet range-checked) and where it stopped, or why it failed.
    enum Scan: Equatable {
        case seconds(Double, stop: UnsafePointer<UInt8>)
        case failure(Failure)
    }

    /// Whether Unix seconds name a time this tool places: finite, from 1970 to the last second of year 9999.
    @inline(__always)
    static func isPlaceable(_ seconds: Double) -> Bool { seconds >= 0 && seconds <= Timestamp.latest }

    /// The time written by exactly `start..<end` (no surrounding spaces).
    static func scan(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Scan {
        let unsigned = start < end && start.pointee == UInt8(ascii: "-") ? start + 1 : start
        var pointer = unsigned
        while pointer < end, Digits.isDigit(pointer.pointee) || pointer.pointee == UInt8(ascii: ".") { pointer += 1 }
        if unsigned < end && pointer == end { return unixSeconds(start, end) }
        switch date(start, end) {
        case .failure(let failure): return .failure(failure)
        case .seconds(let daySeconds, let stop):
            switch clock(stop, end, daySeconds: daySeconds) {
            case .failure(let failure): return .failure(failure)
            case .seconds(let seconds, let stop):
                return stop == end ? .seconds(seconds, stop: stop) : .failure(.notISO8601)
            }
        }
    }

    /// Unix seconds: text of digits and points after an optional minus, as `Double(String)` reads it.
    private static func unixSeconds(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Scan {
        var pointer = start
        var mantissa: UInt64 = 0
        var digits = Digits.accumulate(&pointer, end, into: &mantissa)
        var fraction = 0
        if digits > 0, pointer < end, pointer.pointee == UInt8(ascii: ".") {
            pointer += 1
            fraction = Digits.accumulate(&pointer, end, into: &mantissa)
            digits += fraction
            if fraction == 0 { pointer = start }  // "1.": left to the full conversion
        }
        if pointer == end, let value = ExactDecimal.value(mantissa: mantissa, digits: digits, scale: -fraction) {
            return .seconds(value, stop: end)
        }
        let literal = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        guard let value = Double(literal) else { return .failure(.notANumber) }
        return .seconds(value, stop: end)
    }

    /// `YYYY-MM-DD` at `start`, checked against the calendar: the Unix seconds of its midnight and where it ends.
    @inline(__always)
    static func date(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Scan {
        if end - start > 4, Digits.fixed(start, count: 5, end) != nil { return .failure(.yearPastFourDigits) }
        guard let year = Digits.fixed(start, count: 4, end), end - start > 4, start[4] == UInt8(ascii: "-"),
            let month = Digits.fixed(start + 5, count: 2, end), end - start > 7, start[7] == UInt8(ascii: "-"),
            let day = Digits.fixed(start + 8, count: 2, end)
        else { return .failure(.notISO8601) }
        guard month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year) else {
            return .failure(.notCalendarDate)
        }
        return .seconds(Double(Timestamp.days(fromYear: year, month: month, day: day)) * 86_400, stop: start + 10)
    }

    /// What may follow a date at `start`: nothing, or `T` (or `t` or a space), `HH:MM`, optionally `:SS` and a fraction
    /// after `.` or `,`, then optionally `Z`, `z` or an offset `±HH[:][MM]`. Returns `daySeconds` plus that time of day
    /// less the offset, and where it stopped (the caller checks that is the text's end).
    @inline(__always)
    static func clock(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, daySeconds: Double) -> Scan {
        var pointer = start
        guard pointer < end,
            pointer.pointee == UInt8(ascii: "T") || pointer.pointee == UInt8(ascii: " ") || pointer.pointee == UInt8(ascii: "t")
        else { return .seconds(daySeconds, stop: pointer) }
        pointer += 1
        guard let hour = Digits.fixed(pointer, count: 2, end), end - pointer > 2, pointer[2] == UInt8(ascii: ":"),
            let minute = Digits.fixed(pointer + 3, count: 2, end)
        else { return .failure(.notISO8601) }
        pointer += 5
        var second: Double = 0
        if pointer < end, pointer.pointee == UInt8(ascii: ":") {
            pointer += 1
            guard let whole = Digits.fixed(pointer, count: 2, end) else { return .failure(.notISO8601) }
            second = Double(whole)
            pointer += 2
            if pointer < end, pointer.pointee == UInt8(ascii: ".") || pointer.pointee == UInt8(ascii: ",") {
                pointer += 1
                var scale = 0.1
                let fractionStart = pointer
                while pointer < end, let digit = Digits.value(pointer.pointee) {
                    second += Double(digit) * scale
                    scale /= 10
                    pointer += 1
                }
                guard pointer > fractionStart else { return .failure(.notISO8601) }
            }
        }
        guard hour <= 23, minute <= 59, second < 61 else { return .failure(.impossibleTimeOfDay) }
        // A leap second (23:59:60) is the last instant of its minute: Unix time has no second 60, and reading it as
        // 00:00:00 of the next minute would collide with the row that follows it.
        if second >= 60 { second = 59.999 }
        var seconds = daySeconds + (Double(hour * 3600 + minute * 60) + second)
        if pointer < end {
            if pointer.pointee == UInt8(ascii: "Z") || pointer.pointee == UInt8(ascii: "z") {
                pointer += 1
            } else if pointer.pointee == UInt8(ascii: "+") || pointer.pointee == UInt8(ascii: "-") {
                let sign: Double = pointer.pointee == UInt8(ascii: "+") ? 1 : -1
                pointer += 1
                guard let offsetHours = Digits.fixed(pointer, count: 2, end) else { return .failure(.notISO8601) }
                pointer += 2
                if pointer < end, pointer.pointee == UInt8(ascii: ":") { pointer += 1 }
                var offsetMinutes: Int64 = 0
                if pointer < end {
                    guard let minutes = Digits.fixed(pointer, count: 2, end) else { return .failure(.notISO8601) }
                    offsetMinutes = minutes
                    pointer += 2
                }
                guard offsetHours <= 18, offsetMinutes <= 59 else { return .failure(.notISO8601) }
                seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        return .seconds(seconds, stop: pointer)
    }

    private static func isLeap(_ year: Int64) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// The days in `month` (1 to 12) of `year`.
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(month - 1)]
    }
}
