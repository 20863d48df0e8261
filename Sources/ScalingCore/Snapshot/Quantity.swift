/// Reads and writes the numbers of snapshots, with their units: `"1.5%"`, `"620ms"`, `"0.62s"`, `"12k"`, `"$4,200"`.
///
/// Parsing works on the text's bytes with no locale, `Scanner` or `NumberFormatter`, so it means the same on
/// every machine. Thousands separators must group three digits (`4,200`); `4,2` is rejected rather than guessed,
/// since in some locales it means 4.2. A CSV separated by `;` or tabs may use the decimal comma (``DecimalMark``).
public enum Quantity {
    /// Why a text is not a value of the expected kind; the caller adds the field and the place.
    public struct ParseError: Error, Equatable, Sendable {
        /// A short reason such as "a bare rate above 1 is ambiguous: write \"1.5%\" or 0.015".
        public var reason: String
    }

    /// Parses `text` as a value of `kind`; timestamps give Unix seconds.
    ///
    /// Strict: a count must be whole. Snapshot values are read with ``read(_:as:decimalMark:)`` instead, which reads
    /// an implausible value and says so.
    public static func parse(_ text: String, as kind: QuantityKind) throws(ParseError) -> Double {
        let reading = try read(text, as: kind)
        if reading.implausibility == .fractionalCount {
            throw ParseError(reason: "\(text.trimmingSpaces) is not a whole number")
        }
        return reading.value
    }

    /// A value read from a snapshot, and why it probably is in the wrong unit, if it looks so.
    public struct Reading: Equatable, Sendable {
        public var value: Double
        public var implausibility: Implausibility?
    }

    /// Reads `text` as a value of `kind`, with `decimalMark` as the number's decimal mark (the other mark groups
    /// thousands); a value that is almost certainly in the wrong unit is read and flagged (see ``Implausibility``).
    public static func read(_ text: String, as kind: QuantityKind, decimalMark: DecimalMark = .point) throws(ParseError) -> Reading {
        if kind == .timestamp { return Reading(value: try Timestamp.parse(text), implausibility: nil) }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw ParseError(reason: "the value is empty") }
        let lowered = trimmed.lowercased()
        if ["nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"].contains(lowered) {
            throw ParseError(reason: "\(trimmed) is not a number")
        }
        var scanner = NumberScanner(Array(trimmed.utf8), decimalMark: decimalMark)
        var negativeSign = scanner.consumeSign()
        let hasDollar = scanner.consume(UInt8(ascii: "$"))
        if hasDollar && kind != .money {
            throw ParseError(reason: "a dollar amount is not \(kind.noun)")
        }
        if hasDollar && !negativeSign { negativeSign = scanner.consumeSign() }  // "$-5" as well as "-$5"
        let number = try scanner.scanNumber()
        scanner.skipSpaces()
        let unit = scanner.rest
        if number.hasExponent && !unit.isEmpty {
            throw ParseError(reason: "an exponent and a unit together (\(trimmed)) are ambiguous: write one or the other")
        }
        let scale = try self.scale(for: unit, kind: kind)
        // Decimal units shift the exponent of the literal, so "0.5001s" is exactly 500.1 ms, not 500.09999999999997.
        guard let shifted = Double(number.literal + (scale.exponent == 0 ? "" : "e\(scale.exponent)")) else {
            throw ParseError(reason: "no number found")
        }
        let value = shifted * scale.factor
        if negativeSign && value != 0 { throw ParseError(reason: "\(kind.noun) cannot be negative") }
        if kind == .fraction {
            if unit.isEmpty && value > 1 {
                throw ParseError(
                    reason: "a bare rate above 1 is ambiguous: write \"\(formatPlain(value))%\" or \(formatPlain(value / 100))")
            }
            if value > 1 { throw ParseError(reason: "\(trimmed) is above 100%") }
        }
        let checked = try checkRange(value, literal: trimmed, kind: kind)
        return Reading(value: checked, implausibility: Implausibility.of(checked, kind: kind, bare: unit.isEmpty && !hasDollar))
    }

    /// Reads a JSON number already read as a Double, with the same rules as ``read(_:as:decimalMark:)`` for text.
    public static func read(number value: Double, literal: String, as kind: QuantityKind) throws(ParseError) -> Reading {
        if kind == .timestamp { return Reading(value: try Timestamp.check(unixSeconds: value, literal: literal), implausibility: nil) }
        let checked = try check(value, literal: literal, as: kind, wholeCounts: false)
        return Reading(value: checked, implausibility: Implausibility.of(checked, kind: kind, bare: true))
    }

    /// The largest value any field accepts: past it numbers stop being exact and are surely a mistake.
    public static let maximum: Double = 1e15

    /// Rejects non-finite, out-of-range and (for counts) fractional values; normalizes -0 to 0.
    private static func checkRange(
        _ value: Double, literal: String, kind: QuantityKind, wholeCounts: Bool = false
    ) throws(ParseError) -> Double {
        guard value.isFinite, value < maximum else {
            // 1e15 itself is refused, so the message names the bound as one the value must stay below.
            throw ParseError(reason: "\(literal) is out of range: a value must be below 1e15 (1,000,000,000,000,000)")
        }
        if wholeCounts && kind == .count && value.rounded() != value {
            throw ParseError(reason: "\(literal) is not a whole number")
        }
        return value == 0 ? 0 : value
    }

    /// Parses a JSON number already read as a Double; applies the same range rules as text.
    public static func check(_ value: Double, literal: String, as kind: QuantityKind) throws(ParseError) -> Double {
        try check(value, literal: literal, as: kind, wholeCounts: true)
    }

    private static func check(_ value: Double, literal: String, as kind: QuantityKind, wholeCounts: Bool) throws(ParseError) -> Double {
        if kind == .timestamp { return try Timestamp.check(unixSeconds: value, literal: literal) }
        guard value.isFinite else { throw ParseError(reason: "\(literal) is out of range") }
        if value < 0 { throw ParseError(reason: "\(kind.noun) cannot be negative") }
        if kind == .fraction && value > 1 {
            throw ParseError(reason: "a bare rate above 1 is ambiguous: write \"\(formatPlain(value))%\" or \(formatPlain(value / 100))")
        }
        return try checkRange(value, literal: literal, kind: kind, wholeCounts: wholeCounts)
    }

    /// A unit's scale: a power of ten applied to the literal, then a factor for units that are not decimal.
    private static func scale(for unit: String, kind: QuantityKind) throws(ParseError) -> (exponent: Int, factor: Double) {
        let table: [String: (exponent: Int, factor: Double)]
        switch kind {
        case .count: table = ["": (0, 1), "k": (3, 1), "m": (6, 1), "b": (9, 1), "bn": (9, 1)]
        case .money: table = ["": (0, 1), "k": (3, 1), "m": (6, 1), "b": (9, 1), "usd": (0, 1), "kusd": (3, 1)]
        case .fraction: table = ["": (0, 1), "%": (-2, 1)]
        case .milliseconds:
            table = [
                "": (0, 1), "ms": (0, 1), "milliseconds": (0, 1), "s": (3, 1), "sec": (3, 1), "secs": (3, 1),
                "seconds": (3, 1), "us": (-3, 1), "µs": (-3, 1), "μs": (-3, 1), "min": (3, 60),
            ]
        case .gigabytes:
            table = [
                "": (0, 1), "gb": (0, 1), "g": (0, 1), "mb": (-3, 1), "kb": (-6, 1), "tb": (3, 1),
                "gib": (0, 1.073741824), "mib": (0, 1.048576e-3), "tib": (0, 1099.511627776),
            ]
        case .timestamp, .idList: table = ["": (0, 1)]
        }
        let key = unit.lowercased().filter { $0 != " " }
        guard let scale = table[key] else {
            let accepted = table.keys.filter { !$0.isEmpty }.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw ParseError(reason: "unknown unit \"\(unit)\"" + (accepted.isEmpty ? "" : " (accepted: \(accepted))"))
        }
        return scale
    }

    // MARK: Formatting

    /// Formats a value of `kind` for people: `12,400`, `$4,200`, `1.5%`, `620 ms`, `10 GB`.
    ///
    /// `precise` shows up to six more decimals, for a value that must not print the same as a limit it breaches.
    public static func format(_ value: Double, as kind: QuantityKind, precise: Bool = false) -> String {
        let extra = precise ? 6 : 0
        switch kind {
        case .count: return grouped(value, decimals: value.rounded() == value ? 0 : 1)
        case .money:
            // Whole dollars after rounding to cents print without cents, so $2.999 shows as $3, as $3 itself does.
            let decimals = precise ? 6 : (abs(value) >= 100 || (value * 100).rounded().remainder(dividingBy: 100) == 0 ? 0 : 2)
            let text = (value < 0 ? "-$" : "$") + grouped(abs(value), decimals: decimals)
            return precise && text.contains(".") ? String(text.reversed().drop { $0 == "0" }.reversed()).trimmingSuffix(".") : text
        case .fraction:
            // A finite fraction past 1.8e306 has no finite percentage: print it as the fraction it is, never "inf%".
            guard (value * 100).isFinite || !value.isFinite else { return formatPlain(value) + " (as a fraction)" }
            return trimmedDecimal(value * 100, maxDecimals: 2 + extra) + "%"
        case .milliseconds: return groupedTrimmed(value, maxDecimals: 1 + extra) + " ms"
        case .gigabytes: return groupedTrimmed(value, maxDecimals: 2 + extra) + " GB"
        case .timestamp: return Timestamp.format(value)
        case .idList: return grouped(value, decimals: 0)
        }
    }

    /// The shortest plain decimal form of `value` that reads back as the same Double (no grouping, no exponent
    /// for everyday sizes): `0.015`, `150`, `62259151030.9`.
    public static func formatPlain(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        // Swift's description is the shortest text that round-trips; it uses an exponent only far from everyday sizes.
        let shortest = "\(value)"
        if !shortest.contains("e") { return shortest }
        return trimmedDecimal(value, maxDecimals: 10)
    }

    /// `value` with up to `maxDecimals` decimals, trailing zeros removed: `1.5`, `620`, `0.62`.
    static func trimmedDecimal(_ value: Double, maxDecimals: Int) -> String {
        var text = fixed(value, decimals: maxDecimals)
        // Exponent forms ("1.2096e+20", only past 1e15) keep their zeros: stripping them would change the number.
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `value` with thousands separators and up to `maxDecimals` decimals, trailing zeros removed: `4,500`, `1,250.5`.
    static func groupedTrimmed(_ value: Double, maxDecimals: Int) -> String {
        let text = trimmedDecimal(value, maxDecimals: maxDecimals)
        guard !text.contains("e"), value.isFinite else { return text }
        let decimals = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        return grouped(value, decimals: decimals)
    }

    /// `value` with thousands separators and exactly `decimals` decimals: `12,400`, `4,200.50`.
    static func grouped(_ value: Double, decimals: Int) -> String {
        let text = fixed(abs(value), decimals: decimals)
        if text.contains("e") { return (value < 0 ? "-" : "") + text }
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = Array(parts[0])
        var out: [Character] = []
        while integer.count > 3 {
            out.insert(contentsOf: [","] + integer.suffix(3), at: 0)
            integer.removeLast(3)
        }
        out.insert(contentsOf: integer, at: 0)
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + String(out) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Fixed-point formatting without Foundation's `String(format:)`, which loads locale data on first use.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if abs(value) >= 1e15 { return "\(value)" }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        var fraction = Int64(scaled - Double(whole) * scale)
        if fraction < 0 { fraction = 0 }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        var digits = String(fraction)
        while digits.count < decimals { digits = "0" + digits }
        return sign + String(whole) + "." + digits
    }
}

extension QuantityKind {
    /// The kind named as a noun, for messages: "a count", "a rate".
    var noun: String {
        switch self {
        case .count: "a count"
        case .money: "a money amount"
        case .fraction: "a rate"
        case .milliseconds: "a duration"
        case .gigabytes: "a size"
        case .timestamp: "a timestamp"
        case .idList: "a list of ids"
        }
    }
}

/// Scans the number part of a quantity: sign, digits with grouping, fraction, exponent.
///
/// With a decimal point a comma groups thousands (`1,234.5`); with a decimal comma a point does (`1.234,5`). Either
/// way a group mark must separate groups of three digits, so a misplaced one is an error, never a guess.
struct NumberScanner {
    private let bytes: [UInt8]
    private var index = 0
    private let decimalMark: DecimalMark

    init(_ bytes: [UInt8], decimalMark: DecimalMark = .point) {
        self.bytes = bytes
        self.decimalMark = decimalMark
    }

    var rest: String { String(decoding: bytes[index...], as: UTF8.self) }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes a leading `-` or `+`; returns whether it was a minus.
    mutating func consumeSign() -> Bool {
        if consume(UInt8(ascii: "-")) { return true }
        _ = consume(UInt8(ascii: "+"))
        return false
    }

    private func isDigit(_ offset: Int) -> Bool {
        offset < bytes.count && Digits.isDigit(bytes[offset])
    }

    /// Reads `123`, `1,234,567.5`, `.5`, `1e6` (or `1.234.567,5`, `,5` with a decimal comma) as a literal with a
    /// decimal point; rejects misplaced group marks instead of guessing.
    mutating func scanNumber() throws(Quantity.ParseError) -> (literal: String, hasExponent: Bool) {
        let group = decimalMark.groupByte
        var literal: [UInt8] = []
        var groupLength = 0
        var sawGroup = false
        while index < bytes.count {
            let byte = bytes[index]
            if isDigit(index) {
                literal.append(byte)
                groupLength += 1
            } else if byte == group && !literal.isEmpty && isDigit(index + 1) {
                if (sawGroup && groupLength != 3) || (!sawGroup && groupLength > 3) {
                    throw misplacedGroupMark()
                }
                // A first group of 0 groups nothing: "0,750" is a decimal comma, "0.750" a decimal point.
                if !sawGroup && literal == [UInt8(ascii: "0")] { throw otherDecimalMark() }
                sawGroup = true
                groupLength = 0
            } else {
                break
            }
            index += 1
        }
        if sawGroup && groupLength != 3 { throw misplacedGroupMark() }
        if index < bytes.count, bytes[index] == decimalMark.byte {
            literal.append(UInt8(ascii: "."))
            index += 1
            var fractionDigits = 0
            while isDigit(index) { literal.append(bytes[index]); index += 1; fractionDigits += 1 }
            if fractionDigits == 0 && literal.count == 1 { throw Quantity.ParseError(reason: "no digits") }
            if index < bytes.count, bytes[index] == group { throw misplacedGroupMark() }
            if decimalMark == .comma, index < bytes.count, bytes[index] == decimalMark.byte {
                throw Quantity.ParseError(
                    reason: "a number has one decimal comma (0,75), and a point groups thousands (1.234,5)")
            }
        }
        guard literal.contains(where: { $0 != UInt8(ascii: ".") }) else {
            throw Quantity.ParseError(reason: "no number found")
        }
        // An exponent only when digits follow, so "1.2M" and "5ms" keep their units.
        var hasExponent = false
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var probe = index + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "-") || bytes[probe] == UInt8(ascii: "+") { probe += 1 }
            if isDigit(probe) {
                hasExponent = true
                literal.append(contentsOf: bytes[index..<probe])
                index = probe
                while isDigit(index) { literal.append(bytes[index]); index += 1 }
            }
        }
        return (String(decoding: literal, as: UTF8.self), hasExponent)
    }

    private func misplacedGroupMark() -> Quantity.ParseError {
        switch decimalMark {
        case .point:
            Quantity.ParseError(reason: "a comma must separate groups of three digits (4,200); for a decimal write a point (4.2)")
        case .comma:
            Quantity.ParseError(
                reason: "with a decimal comma (0,75), a point must separate groups of three digits (1.234,5); for a decimal write a comma (4,2)")
        }
    }

    private func otherDecimalMark() -> Quantity.ParseError {
        switch decimalMark {
        case .point:
            Quantity.ParseError(
                reason: "a decimal comma (0,75) is not read here, where a comma only groups thousands (4,500): write a point (0.75)")
        case .comma:
            Quantity.ParseError(
                reason: "a decimal point (0.75) is not read here, where the decimal mark is a comma and a point groups thousands: write 0,75")
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }

    /// The text without leading and trailing spaces, tabs and line breaks (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
