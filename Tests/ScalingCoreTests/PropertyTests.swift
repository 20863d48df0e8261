import Testing

@testable import ScalingCore

/// Properties checked on many generated cases. Each seed is a test case, so a failure names the seed to rerun.
@Suite struct PropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 0xC5F, 0xDEAD_BEEF]

    // MARK: CSV writer → CSV reader

    /// Pieces a cell is built from: everything CSV has to quote, formula starters, and non-ASCII text.
    static let pieces = [
        "a", "Z", "7", "0.25", "-3", " ", ",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "=", "+", "-", "@", "é", "🚀", "日本",
        "'", "|", "\u{1B}",
    ]

    static func cell(_ random: inout SeededRandom, nonBlank: Bool = false) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...5, using: &random) { text += pieces.randomElement(using: &random)! }
        return nonBlank && text.allSatisfy(\.isWhitespace) ? "h" + text : text
    }

    @Test(arguments: seeds)
    func csvWriterAndReaderRoundTripRandomTables(seed: UInt64) throws {
        var random = SeededRandom(state: seed)
        for index in 0..<100 {
            let delimiter: Character = [",", ";", "\t"].randomElement(using: &random)!
            let width = Int.random(in: 1...6, using: &random)
            let header = (0..<width).map { _ in Self.cell(&random, nonBlank: true) }
            let rows = (0..<Int.random(in: 0...8, using: &random)).map { _ in (0..<width).map { _ in Self.cell(&random) } }
            let context = "seed \(seed), table \(index)"

            let exact = CSVWriter.write([header] + rows, delimiter: delimiter, neutralizingFormulas: false)
            let table = try CSVReader.read(Array(exact.utf8), delimiter: delimiter.asciiValue)
            #expect(table.header == header, "\(context): \(exact.debugDescription)")
            #expect(table.records.map(\.fields) == rows, "\(context): \(exact.debugDescription)")

            let safe = CSVWriter.write([header] + rows, delimiter: delimiter)
            let neutralized = try CSVReader.read(Array(safe.utf8), delimiter: delimiter.asciiValue)
            #expect(neutralized.records.map(\.fields) == rows.map { $0.map(CSVWriter.neutralized) }, "\(context)")
            for field in neutralized.records.flatMap(\.fields) + neutralized.header {
                let first = field.unicodeScalars.first
                #expect(
                    first == nil || !["=", "+", "-", "@", "\t", "\r"].contains(first!) || CSVWriter.isPlainNumber(field),
                    "\(context): \(field.debugDescription) would start a formula")
            }
        }
    }

    // MARK: Quantity format → parse

    /// A value `format` shows exactly, for each kind: whole counts, cents below $100, basis points, tenths of a ms...
    static func representable(_ kind: QuantityKind, _ random: inout SeededRandom) -> Double {
        let magnitude = Double(Int.random(in: 0...14, using: &random))
        func whole(below limit: Double) -> Double { (Double.random(in: 0..<limit, using: &random)).rounded(.down) }
        switch kind {
        case .count, .idList: return whole(below: min(pow10(magnitude), 1e15 - 1))
        case .money: return Bool.random(using: &random) ? whole(below: 10_000) / 100 : whole(below: min(pow10(magnitude), 1e15 - 1))
        case .fraction: return whole(below: 10_001) / 10_000
        case .milliseconds: return whole(below: min(pow10(magnitude), 1e13)) / 10
        case .gigabytes: return whole(below: min(pow10(magnitude), 1e13)) / 100
        case .timestamp: return whole(below: Timestamp.latest + 1)
        }
    }

    static func pow10(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 10 }
        return max(value, 10)
    }

    static let parsedKinds = QuantityKind.allCases.filter { $0 != .idList }

    @Test(arguments: seeds)
    func everyFormattedValueParsesBackToItself(seed: UInt64) throws {
        var random = SeededRandom(state: seed)
        for kind in Self.parsedKinds {
            for _ in 0..<200 {
                let value = Self.representable(kind, &random)
                let text = Quantity.format(value, as: kind)
                let parsed = try Quantity.parse(text, as: kind)
                #expect(parsed == value, "seed \(seed): \(kind) \(value) formatted as \(text.debugDescription) parsed as \(parsed)")
            }
        }
    }

    @Test(arguments: seeds)
    func formattingIsStableForAnyValue(seed: UInt64) throws {
        var random = SeededRandom(state: seed)
        for kind in Self.parsedKinds {
            for _ in 0..<200 {
                let upper: Double =
                    switch kind {
                    case .fraction: 1
                    case .timestamp: Timestamp.latest
                    default: Self.pow10(Double(Int.random(in: 1...12, using: &random)))
                    }
                var value = Double.random(in: 0...upper, using: &random)
                if kind == .count { value.round(.down) }
                let context = "seed \(seed): \(kind) \(value)"
                // What is shown reads back as a value that is shown the same way.
                let shown = Quantity.format(value, as: kind)
                let reread = try Quantity.parse(shown, as: kind)
                #expect(Quantity.format(reread, as: kind) == shown, "\(context) shown as \(shown)")
                // The precise form keeps six more decimals, so it reads back within them.
                let precise = Quantity.format(value, as: kind, precise: true)
                let back = try Quantity.parse(precise, as: kind)
                let tolerance: Double =
                    switch kind {
                    case .count, .timestamp: 1
                    case .fraction: 1e-8
                    case .money: 1e-6
                    case .milliseconds: 1e-7
                    case .gigabytes: 1e-8
                    case .idList: 0
                    }
                // Past 15 significant digits a Double has no more to give: allow a few units in the last place.
                #expect(abs(back - value) <= max(tolerance, 4 * value.ulp), "\(context) precise \(precise) read as \(back)")
            }
        }
    }

    // MARK: Field order

    /// A JSON literal and a CSV cell for a random valid value of `field`.
    static func value(for field: SnapshotField, _ random: inout SeededRandom) -> (json: String, csv: String) {
        switch field {
        case .checklistDone:
            let ids = GuideCatalog.doneIDs.shuffled(using: &random).prefix(Int.random(in: 0...4, using: &random))
            return ("[" + ids.map { "\"\($0)\"" }.joined(separator: ", ") + "]", ids.joined(separator: ";"))
        case .timestamp:
            let seconds = Double(Int.random(in: 1_700_000_000...1_900_000_000, using: &random))
            return ("\"\(Timestamp.format(seconds))\"", Timestamp.format(seconds))
        default:
            let kind = field.spec.kind
            var value = Self.representable(kind, &random)
            if kind == .count || kind == .money { value = (value / 1e6).rounded(.down) }  // everyday sizes, every stage
            let text = Quantity.format(value, as: kind)
            return (Bool.random(using: &random) ? Quantity.formatPlain(value) : "\"\(text)\"", text)
        }
    }

    /// The key a field is written under: its name or one of its aliases, in some spelling.
    static func key(for field: SnapshotField, _ random: inout SeededRandom) -> String {
        ([field.rawValue] + field.spec.aliases).randomElement(using: &random)!
    }

    struct Evaluation: Equatable {
        var stage: StageAssessment?
        var verdicts: [ThresholdVerdict]
        var cost: CostEstimate?
        var advice: Advice?

        init(_ decoded: DecodedInput) {
            // Where each field sits in the file depends on the order by design; what is computed from it must not.
            var series = decoded.series
            for index in series.snapshots.indices { series.snapshots[index].places = [:] }
            let latest = series.latest
            stage = try? StageClassifier.assess(latest)
            verdicts = ThresholdEvaluator.evaluate(latest)
            cost = stage.map { CostEstimator.estimate(latest, stage: $0.stage) }
            advice = try? Advisor.advise(series)
        }
    }

    @Test(arguments: seeds)
    func evaluationNeverDependsOnFieldOrder(seed: UInt64) throws {
        var random = SeededRandom(state: seed)
        for index in 0..<60 {
            let fields = SnapshotField.allCases.filter { _ in Bool.random(using: &random) }
            let entries = fields.map { field in (key: Self.key(for: field, &random), value: Self.value(for: field, &random)) }
            var results: [Evaluation] = []
            var csvResults: [Evaluation] = []
            for _ in 0..<4 {
                let order = entries.shuffled(using: &random)
                let json = "{" + order.map { "\"\($0.key)\": \($0.value.json)" }.joined(separator: ", ") + "}"
                results.append(Evaluation(try SnapshotDecoder.decode(Array(json.utf8), source: "m.json", format: .json)))
                if !order.isEmpty {
                    let csv = CSVWriter.write([order.map(\.key), order.map(\.value.csv)])
                    csvResults.append(Evaluation(try SnapshotDecoder.decode(Array(csv.utf8), source: "m.csv", format: .csv)))
                }
            }
            let context = "seed \(seed), snapshot \(index): \(entries.map(\.key))"
            #expect(results.allSatisfy { $0 == results[0] }, "\(context)")
            #expect(csvResults.allSatisfy { $0 == csvResults[0] }, "\(context)")
            if let csv = csvResults.first {
                #expect(csv.verdicts == results[0].verdicts, "JSON and CSV agree: \(context)")
                #expect(csv.stage?.stage == results[0].stage?.stage, "JSON and CSV agree: \(context)")
            }
        }
    }
}
