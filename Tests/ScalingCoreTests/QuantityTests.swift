import Foundation
import Testing

@testable import ScalingCore

@Suite struct QuantityTests {
    struct Accepted: CustomTestStringConvertible, Sendable {
        let text: String
        let kind: QuantityKind
        let value: Double
        var testDescription: String { "\"\(text)\" as \(kind.rawValue) = \(value)" }
    }

    static let accepted: [Accepted] = [
        Accepted(text: "12400", kind: .count, value: 12_400),
        Accepted(text: "12k", kind: .count, value: 12_000),
        Accepted(text: "12.4K", kind: .count, value: 12_400),
        Accepted(text: "1.2M", kind: .count, value: 1_200_000),
        Accepted(text: "4,200", kind: .count, value: 4_200),
        Accepted(text: "1,234,567", kind: .count, value: 1_234_567),
        Accepted(text: " 42 ", kind: .count, value: 42),
        Accepted(text: "1e6", kind: .count, value: 1_000_000),
        Accepted(text: "-0", kind: .count, value: 0),
        Accepted(text: "$4,200", kind: .money, value: 4_200),
        Accepted(text: "$4.2k", kind: .money, value: 4_200),
        Accepted(text: "4200 USD", kind: .money, value: 4_200),
        Accepted(text: "1.5%", kind: .fraction, value: 0.015),
        Accepted(text: "0.015", kind: .fraction, value: 0.015),
        Accepted(text: "1", kind: .fraction, value: 1),
        Accepted(text: "100%", kind: .fraction, value: 1),
        Accepted(text: "620ms", kind: .milliseconds, value: 620),
        Accepted(text: "0.62s", kind: .milliseconds, value: 620),
        Accepted(text: "620", kind: .milliseconds, value: 620),
        Accepted(text: "1.2 s", kind: .milliseconds, value: 1_200),
        Accepted(text: "500µs", kind: .milliseconds, value: 0.5),
        Accepted(text: "1.23456k", kind: .money, value: 1_234.56),
        Accepted(text: "10GB", kind: .gigabytes, value: 10),
        Accepted(text: "512MB", kind: .gigabytes, value: 0.512),
        Accepted(text: "1.5TB", kind: .gigabytes, value: 1_500),
        Accepted(text: "2026-11-01", kind: .timestamp, value: 1_793_491_200),
        Accepted(text: "2026-11-01T12:00:00Z", kind: .timestamp, value: 1_793_534_400),
        Accepted(text: "2026-11-01T14:00:00+02:00", kind: .timestamp, value: 1_793_534_400),
        Accepted(text: "2026-11-01 12:00:00.5", kind: .timestamp, value: 1_793_534_400.5),
        Accepted(text: "1793534400", kind: .timestamp, value: 1_793_534_400),
    ]

    @Test(arguments: accepted)
    func parses(_ testCase: Accepted) throws {
        #expect(abs(try Quantity.parse(testCase.text, as: testCase.kind) - testCase.value) < 1e-9)
    }

    struct Rejected: CustomTestStringConvertible, Sendable {
        let text: String
        let kind: QuantityKind
        let reason: String
        var testDescription: String { "\"\(text)\" as \(kind.rawValue)" }
    }

    static let rejected: [Rejected] = [
        Rejected(text: "1.5", kind: .fraction, reason: "a bare rate above 1 is ambiguous: write \"1.5%\" or 0.015"),
        Rejected(text: "150%", kind: .fraction, reason: "150% is above 100%"),
        Rejected(text: "-3", kind: .count, reason: "a count cannot be negative"),
        Rejected(text: "-$5", kind: .money, reason: "a money amount cannot be negative"),
        Rejected(text: "NaN", kind: .count, reason: "NaN is not a number"),
        Rejected(text: "Infinity", kind: .milliseconds, reason: "Infinity is not a number"),
        Rejected(text: "1e400", kind: .count, reason: "1e400 is out of range: a value must be below 1e15 (1,000,000,000,000,000)"),
        Rejected(text: "1e16", kind: .count, reason: "1e16 is out of range: a value must be below 1e15 (1,000,000,000,000,000)"),
        Rejected(text: "1e15", kind: .count, reason: "1e15 is out of range: a value must be below 1e15 (1,000,000,000,000,000)"),
        Rejected(
            text: "20261101T120000Z", kind: .timestamp,
            reason:
                "\"20261101T120000Z\" is ISO-8601's basic format, which scalectl does not read: write it with separators, as 2026-11-01T12:00:00Z"
        ),

        Rejected(text: "1e3k", kind: .count, reason: "an exponent and a unit together (1e3k) are ambiguous: write one or the other"),
        Rejected(text: "1.5", kind: .count, reason: "1.5 is not a whole number"),
        Rejected(text: "12,000.5", kind: .count, reason: "12,000.5 is not a whole number"),
        Rejected(text: "$-5", kind: .money, reason: "a money amount cannot be negative"),
        Rejected(
            text: "4,2", kind: .count, reason: "a comma must separate groups of three digits (4,200); for a decimal write a point (4.2)"),
        Rejected(
            text: "1.234,5", kind: .count, reason: "a comma must separate groups of three digits (4,200); for a decimal write a point (4.2)"
        ),
        Rejected(text: "12 apples", kind: .count, reason: "unknown unit \"apples\" (accepted: \"b\", \"bn\", \"k\", \"m\")"),
        Rejected(text: "$12", kind: .count, reason: "a dollar amount is not a count"),
        Rejected(text: "fast", kind: .milliseconds, reason: "no number found"),
        Rejected(text: "", kind: .count, reason: "the value is empty"),
        Rejected(text: "2026-02-30", kind: .timestamp, reason: "\"2026-02-30\" is not a calendar date"),
        Rejected(
            text: "10000-01-01", kind: .timestamp,
            reason: "\"10000-01-01\" is after the year 9999, the last year ISO-8601 writes with four digits"),
        Rejected(text: "253402300800", kind: .timestamp, reason: "253402300800 is after the year 9999"),
        Rejected(
            text: "1793534400000", kind: .timestamp,
            reason: "1793534400000 is after the year 9999 (it looks like milliseconds: divide by 1000)"),
    ]

    @Test(arguments: rejected)
    func rejects(_ testCase: Rejected) {
        #expect(throws: Quantity.ParseError(reason: testCase.reason)) {
            try Quantity.parse(testCase.text, as: testCase.kind)
        }
    }

    /// Units shift the decimal point instead of multiplying, so no binary noise creeps in.
    @Test func decimalUnitsAreExact() throws {
        #expect(try Quantity.parse("0.5001s", as: .milliseconds) == 500.1)
        #expect(try Quantity.parse("79.99%", as: .fraction) == 0.7999)
        #expect(try Quantity.parse("1.1k", as: .count) == 1_100)
    }

    @Test func jsonNumbersFollowTheSameRules() throws {
        #expect(throws: Quantity.ParseError.self) { try Quantity.check(1.5, literal: "1.5", as: .fraction) }
        #expect(throws: Quantity.ParseError.self) { try Quantity.check(-1, literal: "-1", as: .count) }
        #expect(throws: Quantity.ParseError.self) { try Quantity.check(.infinity, literal: "1e400", as: .count) }
        #expect(try Quantity.check(-0.0, literal: "-0", as: .count).sign == .plus)
    }

    struct Formatted: CustomTestStringConvertible, Sendable {
        let value: Double
        let kind: QuantityKind
        let text: String
        var testDescription: String { text }
    }

    static let formatted: [Formatted] = [
        Formatted(value: 12_400, kind: .count, text: "12,400"),
        Formatted(value: 999, kind: .count, text: "999"),
        Formatted(value: 4_200, kind: .money, text: "$4,200"),
        Formatted(value: 7.5, kind: .money, text: "$7.50"),
        Formatted(value: 0.015, kind: .fraction, text: "1.5%"),
        Formatted(value: 620, kind: .milliseconds, text: "620 ms"),
        Formatted(value: 10, kind: .gigabytes, text: "10 GB"),
        Formatted(value: 1_793_534_400, kind: .timestamp, text: "2026-11-01T12:00:00Z"),
    ]

    /// What is printed reads back as the same value.
    @Test(arguments: formatted)
    func formatsAndReadsBack(_ testCase: Formatted) throws {
        #expect(Quantity.format(testCase.value, as: testCase.kind) == testCase.text)
        let text = testCase.text.replacingOccurrences(of: " ms", with: "ms").replacingOccurrences(of: " GB", with: "GB")
        #expect(abs(try Quantity.parse(text, as: testCase.kind) - testCase.value) < 1e-9)
    }
}
