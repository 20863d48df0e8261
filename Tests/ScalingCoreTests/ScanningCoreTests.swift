import Testing

@testable import ScalingCore

/// The shared scanning rules under `Input/Scanning`, case by case: every reader calls these, so a wrong answer here
/// would be wrong in all four.
@Suite struct ScanningCoreTests {
    /// Runs `body` over the bytes with pointers to their start and end.
    static func withBytes<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> Result) -> Result {
        // One spare byte so an empty input still has an address; `end` excludes it.
        (bytes + [0]).withUnsafeBufferPointer { body($0.baseAddress!, $0.baseAddress! + bytes.count) }
    }

    // MARK: UTF-8

    struct UTF8Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        /// `UTF8Sequence.length` at the first byte: 1 to 4, 0 ill-formed, nil cut short.
        let length: Int?
        var testDescription: String { name }
    }

    static let utf8Cases: [UTF8Case] = [
        UTF8Case(name: "ASCII", bytes: [0x41], length: 1),
        UTF8Case(name: "2 bytes (é)", bytes: [0xC3, 0xA9], length: 2),
        UTF8Case(name: "3 bytes (€)", bytes: [0xE2, 0x82, 0xAC], length: 3),
        UTF8Case(name: "4 bytes (😀)", bytes: [0xF0, 0x9F, 0x98, 0x80], length: 4),
        UTF8Case(name: "U+10FFFF", bytes: [0xF4, 0x8F, 0xBF, 0xBF], length: 4),
        UTF8Case(name: "U+D7FF before the surrogates", bytes: [0xED, 0x9F, 0xBF], length: 3),
        UTF8Case(name: "U+E000 after the surrogates", bytes: [0xEE, 0x80, 0x80], length: 3),
        UTF8Case(name: "overlong / as C0 AF", bytes: [0xC0, 0xAF], length: 0),
        UTF8Case(name: "overlong C1 BF", bytes: [0xC1, 0xBF], length: 0),
        UTF8Case(name: "overlong 3-byte E0 80 AF", bytes: [0xE0, 0x80, 0xAF], length: 0),
        UTF8Case(name: "overlong 3-byte E0 9F BF", bytes: [0xE0, 0x9F, 0xBF], length: 0),
        UTF8Case(name: "overlong 4-byte F0 8F BF BF", bytes: [0xF0, 0x8F, 0xBF, 0xBF], length: 0),
        UTF8Case(name: "high surrogate U+D800", bytes: [0xED, 0xA0, 0x80], length: 0),
        UTF8Case(name: "low surrogate U+DFFF", bytes: [0xED, 0xBF, 0xBF], length: 0),
        UTF8Case(name: "U+110000 past the last scalar", bytes: [0xF4, 0x90, 0x80, 0x80], length: 0),
        UTF8Case(name: "F5 lead", bytes: [0xF5, 0x80, 0x80, 0x80], length: 0),
        UTF8Case(name: "FF", bytes: [0xFF], length: 0),
        UTF8Case(name: "stray continuation", bytes: [0x80], length: 0),
        UTF8Case(name: "bad second continuation", bytes: [0xE2, 0x82, 0x41], length: 0),
        UTF8Case(name: "bad third continuation", bytes: [0xF0, 0x9F, 0x98, 0xC0], length: 0),
        UTF8Case(name: "cut after the lead", bytes: [0xE2], length: nil),
        UTF8Case(name: "cut after two of four", bytes: [0xF0, 0x9F], length: nil),
        UTF8Case(name: "cut, but already ill-formed", bytes: [0xE0, 0x80], length: 0),
    ]

    @Test(arguments: utf8Cases)
    func utf8SequenceLength(_ test: UTF8Case) {
        Self.withBytes(test.bytes) { start, end in
            #expect(UTF8Sequence.length(at: start, end) == test.length)
            // A reader holding the whole text: a cut sequence is as bad as an ill-formed one, and `String` agrees.
            let whole = UTF8Sequence.firstInvalid(start, end) == nil
            #expect(whole == (test.length == test.bytes.count))
            #expect(whole == (String(validating: test.bytes, as: UTF8.self) != nil))
        }
    }

    @Test func utf8FirstInvalidNamesTheByteAndTextRefusesNUL() {
        Self.withBytes(Array("ok é ".utf8) + [0xED, 0xA0, 0x80]) { start, end in
            #expect(UTF8Sequence.firstInvalid(start, end).map { $0 - start } == 6)
        }
        Self.withBytes(Array("a\u{0}b".utf8)) { start, end in
            #expect(UTF8Sequence.firstInvalid(start, end) == nil)
            #expect(UTF8Sequence.text(start, end) == nil)
        }
        Self.withBytes(Array("naïve €".utf8)) { start, end in #expect(UTF8Sequence.text(start, end) == "naïve €") }
    }

    @Test(arguments: [0x41, 0xE9, 0x20AC, 0xFFFF, 0x1F600, 0x10FFFF] as [UInt32])
    func utf8AppendEncodesAsSwiftDoes(_ value: UInt32) {
        var bytes: [UInt8] = []
        UTF8Sequence.append(Unicode.Scalar(value)!, to: &bytes)
        #expect(bytes == Array(String(Character(Unicode.Scalar(value)!)).utf8))
    }

    // MARK: JSON numbers

    struct NumberCase: CustomTestStringConvertible, Sendable {
        let literal: String
        /// The value, or nil when the grammar refuses it.
        let value: Double?
        var expected: JSONNumberGrammar.Expectation?
        /// Where the grammar stopped or failed, from the start.
        var at: Int
        var testDescription: String { literal }

        init(_ literal: String, _ value: Double, stop: Int? = nil) {
            self.literal = literal
            self.value = value
            self.at = stop ?? literal.utf8.count
        }

        init(_ literal: String, fails expected: JSONNumberGrammar.Expectation, at: Int) {
            self.literal = literal
            self.value = nil
            self.expected = expected
            self.at = at
        }
    }

    static let numberCases: [NumberCase] = [
        NumberCase("0", 0),
        NumberCase("-0", -0.0),
        NumberCase("-0.0e-400", -0.0),
        NumberCase("12400", 12_400),
        NumberCase("0.1", 0.1),
        NumberCase("-12.5E+2", -1_250),
        NumberCase("1e22", 1e22),
        NumberCase("1e23", 1e23),
        NumberCase("1e-22", 1e-22),
        NumberCase("123456789012345678", Double("123456789012345678")!),
        NumberCase("9007199254740993", Double("9007199254740993")!),
        NumberCase("0.30000000000000004", 0.30000000000000004),
        NumberCase("12345678901234567890123", Double("12345678901234567890123")!),
        NumberCase("1e400", .infinity),
        NumberCase("-1e400", -.infinity),
        NumberCase("1e-400", 0),
        NumberCase("1e999999999999", .infinity),
        NumberCase("2.2250738585072011e-308", Double("2.2250738585072011e-308")!),
        NumberCase("1.7976931348623157e308", 1.7976931348623157e308),
        NumberCase("5,", 5, stop: 1),
        NumberCase("01", fails: .noLeadingZero, at: 1),
        NumberCase("-", fails: .digitAfterMinus, at: 1),
        NumberCase("-a", fails: .digitAfterMinus, at: 1),
        NumberCase("1.", fails: .digitAfterPoint, at: 2),
        NumberCase("1.e5", fails: .digitAfterPoint, at: 2),
        NumberCase("1e", fails: .exponentDigit, at: 2),
        NumberCase("1e+", fails: .exponentDigit, at: 3),
        NumberCase("-01", fails: .noLeadingZero, at: 2),
    ]

    @Test(arguments: numberCases)
    func jsonNumberGrammar(_ test: NumberCase) {
        Self.withBytes(Array(test.literal.utf8)) { start, end in
            switch JSONNumberGrammar.scan(start, end) {
            case .number(let stop, let value):
                #expect(stop - start == test.at)
                #expect(test.value.map { $0.bitPattern } == value.bitPattern)
            case .invalid(let at, let expected):
                #expect(test.value == nil)
                #expect(at - start == test.at)
                #expect(expected == test.expected)
            }
        }
    }

    /// The fast path skips `Double(String)` only where it gives the same double, bit for bit.
    @Test func exactDecimalAgreesWithDoubleFromString() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let mantissa = UInt64.random(in: 0...(1 << 54), using: &generator) >> UInt64.random(in: 0...50, using: &generator)
            let scale = Int.random(in: -25...25, using: &generator)
            let digits = String(mantissa).count
            guard let fast = ExactDecimal.value(mantissa: mantissa, digits: digits, scale: scale) else {
                #expect(mantissa > 1 << 53 || abs(scale) > 22)
                continue
            }
            #expect(fast == Double("\(mantissa)e\(scale)")!, "\(mantissa)e\(scale)")
        }
    }

    // MARK: Hex quads and escapes

    struct EscapeCase: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: JSONEscape.UnicodeEscape
        var testDescription: String { text }
    }

    static let escapeCases: [EscapeCase] = [
        EscapeCase(text: #"\u0041"#, expected: .scalar("A", length: 6)),
        EscapeCase(text: #"\u00e9"#, expected: .scalar("é", length: 6)),
        EscapeCase(text: #"\u20AC"#, expected: .scalar("€", length: 6)),
        EscapeCase(text: #"\uFfFf"#, expected: .scalar("\u{FFFF}", length: 6)),
        EscapeCase(text: #"\uD83D\uDE00"#, expected: .scalar("😀", length: 12)),
        EscapeCase(text: #"\uDBFF\uDFFF"#, expected: .scalar("\u{10FFFF}", length: 12)),
        EscapeCase(text: #"\u00G1"#, expected: .badHexDigit(at: 4)),
        EscapeCase(text: #"\u12"#, expected: .badHexDigit(at: 4)),
        EscapeCase(text: #"\uD83Dx"#, expected: .missingLowSurrogate),
        EscapeCase(text: #"\uD83D"#, expected: .missingLowSurrogate),
        EscapeCase(text: #"\uD83D\u0041"#, expected: .notLowSurrogate),
        EscapeCase(text: #"\uD83D\uD83D"#, expected: .notLowSurrogate),
        EscapeCase(text: #"\uD83D\uDE0"#, expected: .badHexDigit(at: 11)),
        EscapeCase(text: #"\uDE00"#, expected: .loneLowSurrogate),
    ]

    @Test(arguments: escapeCases)
    func jsonUnicodeEscape(_ test: EscapeCase) {
        Self.withBytes(Array(test.text.utf8)) { start, end in #expect(JSONEscape.unicode(start, end) == test.expected) }
    }

    @Test func hexQuadReadsBothCasesAndNamesTheBadDigit() {
        Self.withBytes(Array("09afAF".utf8)) { start, end in
            #expect(Digits.hexQuad(start, end) == .value(0x09AF))
            #expect(Digits.hexQuad(start + 2, end) == .value(0xAFAF))
            #expect(Digits.hexQuad(start + 3, end) == .invalid(at: 3))
        }
        Self.withBytes(Array("12g4".utf8)) { start, end in #expect(Digits.hexQuad(start, end) == .invalid(at: 2)) }
        Self.withBytes(Array("12 4".utf8)) { start, end in #expect(Digits.hexQuad(start, end) == .invalid(at: 2)) }
        let letters = Array("nrtbf\"\\/".utf8).map { JSONEscape.byte(escapedBy: $0) }
        #expect(letters == [0x0A, 0x0D, 0x09, 0x08, 0x0C, 0x22, 0x5C, 0x2F])
        #expect(JSONEscape.byte(escapedBy: UInt8(ascii: "u")) == nil)
        #expect(JSONEscape.byte(escapedBy: UInt8(ascii: "x")) == nil)
    }

    // MARK: Digits

    @Test func eightDigitsAgreesWithTheByteLoop() {
        for text in ["12345678", "1234567x", "0", "9.5", "x", "00000001", "98765432", "1,2", "42/", "7:"] {
            let padded = Array(text.utf8) + Array(repeating: UInt8(ascii: "x"), count: 8)
            Self.withBytes(padded) { start, end in
                var pointer = start
                var mantissa: UInt64 = 0
                let count = Digits.accumulate(&pointer, start + 8, into: &mantissa)
                let eight = Digits.eight(start)
                #expect(eight.count == count, "\(text)")
                #expect(eight.value == mantissa, "\(text)")
            }
        }
        Self.withBytes(Array("2025x".utf8)) { start, end in
            #expect(Digits.fixed(start, count: 4, end) == 2025)
            #expect(Digits.fixed(start, count: 5, end) == nil)
            #expect(Digits.fixed(start + 2, count: 4, end) == nil)
        }
    }

    // MARK: Timestamps

    struct TimeCase: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: Result<Double, TimestampScanner.Failure>
        var testDescription: String { text }
    }

    static let timeCases: [TimeCase] = [
        TimeCase(text: "2026-11-01", expected: .success(1_793_491_200)),
        TimeCase(text: "2026-11-01T12:00:00Z", expected: .success(1_793_534_400)),
        TimeCase(text: "2026-11-01t12:00z", expected: .success(1_793_534_400)),
        TimeCase(text: "2026-11-01 12:00:00.5", expected: .success(1_793_534_400.5)),
        TimeCase(text: "2026-11-01T12:00:00,25Z", expected: .success(1_793_534_400.25)),
        TimeCase(text: "2026-11-01T12:00:00+02:00", expected: .success(1_793_527_200)),
        TimeCase(text: "2026-11-01T12:00:00-0130", expected: .success(1_793_539_800)),
        TimeCase(text: "2026-11-01T12:00:00+02", expected: .success(1_793_527_200)),
        TimeCase(text: "2024-02-29", expected: .success(1_709_164_800)),
        // A leap second is the last instant of its minute, so it keeps its row (it is not the next minute).
        TimeCase(text: "2026-11-01T23:59:60Z", expected: .success(1_793_577_599.999)),
        TimeCase(text: "1970-01-01T00:00:00Z", expected: .success(0)),
        TimeCase(text: "9999-12-31T23:59:59Z", expected: .success(Timestamp.latest)),
        TimeCase(text: "1793534400", expected: .success(1_793_534_400)),
        TimeCase(text: "1793534400.25", expected: .success(1_793_534_400.25)),
        TimeCase(text: "1793534400.", expected: .success(1_793_534_400)),
        TimeCase(text: "-5", expected: .success(-5)),
        TimeCase(text: "1.2.3", expected: .failure(.notANumber)),
        TimeCase(text: "10000-01-01", expected: .failure(.yearPastFourDigits)),
        TimeCase(text: "2023-02-29", expected: .failure(.notCalendarDate)),
        TimeCase(text: "2026-13-01", expected: .failure(.notCalendarDate)),
        TimeCase(text: "2026-04-31", expected: .failure(.notCalendarDate)),
        TimeCase(text: "2026-11-01T24:00", expected: .failure(.impossibleTimeOfDay)),
        TimeCase(text: "2026-11-01T12:60", expected: .failure(.impossibleTimeOfDay)),
        TimeCase(text: "2026-11-01T12:00:61", expected: .failure(.impossibleTimeOfDay)),
        TimeCase(text: "2026-11-1", expected: .failure(.notISO8601)),
        TimeCase(text: "2026/11/01", expected: .failure(.notISO8601)),
        TimeCase(text: "2026-11-01T12", expected: .failure(.notISO8601)),
        TimeCase(text: "2026-11-01T12:00:00.", expected: .failure(.notISO8601)),
        TimeCase(text: "2026-11-01T12:00:00+19:00", expected: .failure(.notISO8601)),
        TimeCase(text: "2026-11-01T12:00:00+02:0", expected: .failure(.notISO8601)),
        TimeCase(text: "2026-11-01T12:00:00Zjunk", expected: .failure(.notISO8601)),
        TimeCase(text: "2026-11-01 ", expected: .failure(.notISO8601)),
    ]

    @Test(arguments: timeCases)
    func timestampScanner(_ test: TimeCase) {
        let bytes = Array(test.text.utf8)
        let scanned = Self.withBytes(bytes) { start, end -> Result<Double, TimestampScanner.Failure> in
            switch TimestampScanner.scan(start, end) {
            case .seconds(let seconds, let stop):
                #expect(stop == end)
                return .success(seconds)
            case .failure(let failure): return .failure(failure)
            }
        }
        #expect(scanned == test.expected)
        // The streaming readers' fast path gives the same time, or leaves the cell to `Timestamp.parse`.
        let parsed = try? Timestamp.parse(test.text)
        let fast = Self.withBytes(bytes) { PlainNumber.timestamp($0, $1) }
        if case .success(let seconds) = test.expected, TimestampScanner.isPlaceable(seconds) {
            #expect(parsed == seconds)
            #expect(fast == seconds)
        } else {
            #expect(fast == nil)
        }
    }

    @Test func timestampRangeIsOneRule() {
        #expect(TimestampScanner.isPlaceable(0))
        #expect(TimestampScanner.isPlaceable(-0.0))
        #expect(TimestampScanner.isPlaceable(Timestamp.latest))
        #expect(!TimestampScanner.isPlaceable(Timestamp.latest + 1))
        #expect(!TimestampScanner.isPlaceable(-1))
        #expect(!TimestampScanner.isPlaceable(.nan))
        #expect(!TimestampScanner.isPlaceable(.infinity))
        #expect(throws: Quantity.ParseError.self) { try Timestamp.parse("1970-01-01T00:00:00+01:00") }
    }
}
