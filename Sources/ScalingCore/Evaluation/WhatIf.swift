/// Changes to the latest snapshot, to see what they would do: `users=x3,daily_active_users=+500,mrr=25000`.
///
/// `FIELD=xN` (or `*N`) multiplies, `FIELD=+V` and `FIELD=-V` add or subtract a value in the field's units
/// (`error_rate=+0.5%`, `response_p95_ms=+120ms`), and `FIELD=V` sets it. A comma inside a number (`mrr=$25,000`)
/// stays part of the number.
public struct WhatIf: Sendable, Equatable {
    public enum Operation: Sendable, Equatable {
        case set(Double)
        case add(Double)
        case multiply(Double)
    }

    public struct Change: Sendable, Equatable {
        public let field: SnapshotField
        public let operation: Operation
        /// The change as written, for messages.
        public let text: String
    }

    public let changes: [Change]

    /// The option the changes come from, named in errors.
    static let option = "what-if"

    /// Parses the option's value; errors name the part that is wrong.
    public static func parse(_ text: String) throws(UsageError) -> WhatIf {
        var parts: [String] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            // A piece without "=" after one with it is the rest of a number written with thousands separators.
            if !piece.contains("="), let last = parts.last, !piece.isEmpty, piece.first!.isNumber {
                parts[parts.count - 1] = last + "," + piece
            } else {
                parts.append(piece)
            }
        }
        var changes: [Change] = []
        for part in parts {
            func fail(_ reason: String) -> UsageError { .unusableValue(option: option, value: part, reason: reason) }
            guard let equals = part.firstIndex(of: "=") else { throw fail("expected FIELD=VALUE, FIELD=xFACTOR or FIELD=+AMOUNT") }
            let name = String(part[..<equals]).trimmingSpaces
            let expression = String(part[part.index(after: equals)...]).trimmingSpaces
            guard let field = FieldCatalog.field(named: name), field.isNumeric else {
                let numeric = SnapshotField.numericNames
                let hint = Suggestion.nearest(to: name, in: numeric).map { " (did you mean \($0)?)" } ?? ""
                throw fail("\"\(name)\" is not a numeric snapshot field\(hint)")
            }
            if changes.contains(where: { $0.field == field }) { throw fail("\(field.rawValue) is changed twice") }
            let kind = field.spec.kind
            let operation: Operation
            do throws(Quantity.ParseError) {
                if let first = expression.first, "xX*×".contains(first) {
                    let factorText = String(expression.dropFirst()).trimmingSpaces
                    // Plain decimals only: Double() would also read "0x10" (16) or "1e3".
                    let plain = !factorText.isEmpty && factorText.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
                    guard plain, let factor = Double(factorText), factor.isFinite, factor >= 0 else {
                        throw Quantity.ParseError(reason: "expected a factor such as x3 or x0.5 after \"\(first)\"")
                    }
                    operation = .multiply(factor)
                } else if let first = expression.first, first == "+" || first == "-" {
                    let amount = try Quantity.parse(String(expression.dropFirst()), as: kind)
                    operation = .add(first == "-" ? -amount : amount)
                } else {
                    operation = .set(try Quantity.parse(expression, as: kind))
                }
            } catch {
                throw fail(error.reason)
            }
            changes.append(Change(field: field, operation: operation, text: part))
        }
        return WhatIf(changes: changes)
    }

    /// The snapshot with every change made; counts are rounded to whole numbers and every result is checked.
    public func apply(to snapshot: Snapshot) throws(UsageError) -> Snapshot {
        var changed = snapshot
        for change in changes {
            func fail(_ reason: String) -> UsageError { .unusableValue(option: WhatIf.option, value: change.text, reason: reason) }
            let kind = change.field.spec.kind
            var value: Double
            switch change.operation {
            case .set(let number): value = number
            case .add(let amount), .multiply(let amount):
                guard let current = snapshot[change.field] else {
                    throw fail("the snapshot has no \(change.field.rawValue) to change; set one with \(change.field.rawValue)=VALUE")
                }
                if case .add = change.operation { value = current + amount } else { value = current * amount }
            }
            if kind == .count { value = value.rounded() }
            if abs(value) < 1e-12 { value = 0 }
            let shown = "\(change.field.rawValue) would be \(Quantity.format(value, as: kind))"
            if value < 0 { throw fail("\(shown): it cannot be negative") }
            if kind == .fraction && value > 1 { throw fail("\(shown), past 100%") }
            do throws(Quantity.ParseError) {
                value = try Quantity.check(value, literal: Quantity.format(value, as: kind, precise: true), as: kind)
            } catch {
                throw fail("\(shown): \(error.reason)")
            }
            changed[change.field] = value
        }
        return changed
    }
}

/// What a what-if changes against the real snapshot: the fields, the stage, the breaches and the cost.
public struct WhatIfComparison: Sendable, Equatable {
    public struct FieldChange: Sendable, Equatable {
        public let field: SnapshotField
        public let before: Double?
        public let after: Double
        public let text: String
    }

    public let fields: [FieldChange]
    /// The real stage (nil when the real snapshot has no stage signal) and the changed one.
    public let stageBefore: Stage?
    public let stageAfter: Stage?
    /// Threshold ids breached after the change and not before, and the other way round.
    public let newBreaches: [ThresholdVerdict]
    public let clearedBreaches: [ThresholdVerdict]
    public let costBefore: CostEstimate?
    /// Nil when the changed snapshot has no stage signal (nothing to price it by).
    public let costAfter: CostEstimate?

    public var stageChanged: Bool { stageBefore != stageAfter }
    /// The changed stage's id, or "no stage signal".
    public var stageAfterName: String { stageAfter?.rawValue ?? "no stage signal" }

    /// Compares the real snapshot with the changed one under `rules` (the policy in force, or the guide's).
    public static func compare(
        real: Snapshot, changed: Snapshot, whatIf: WhatIf, rules: [GateRule] = ThresholdEvaluator.guideRules,
        stageRule: StageRule = .standard, prices: PriceOverrides = PriceOverrides()
    ) -> WhatIfComparison {
        let after = try? StageClassifier.assess(changed, rule: stageRule).stage
        let before = try? StageClassifier.assess(real, rule: stageRule).stage
        let breachedBefore = ThresholdEvaluator.evaluate(real, rules: rules).filter { $0.severity != nil }
        let breachedAfter = ThresholdEvaluator.evaluate(changed, rules: rules).filter { $0.severity != nil }
        func breachKey(_ verdict: ThresholdVerdict) -> String { "\(verdict.threshold.id):\(verdict.severity!.rawValue)" }
        let beforeKeys = Set(breachedBefore.map(breachKey))
        let afterKeys = Set(breachedAfter.map(breachKey))
        return WhatIfComparison(
            fields: whatIf.changes.map { FieldChange(field: $0.field, before: real[$0.field], after: changed[$0.field]!, text: $0.text) },
            stageBefore: before, stageAfter: after,
            newBreaches: breachedAfter.filter { !beforeKeys.contains(breachKey($0)) },
            clearedBreaches: breachedBefore.filter { !afterKeys.contains(breachKey($0)) },
            costBefore: before.map { CostEstimator.estimate(real, stage: $0, given: prices) },
            costAfter: after.map { CostEstimator.estimate(changed, stage: $0, given: prices) })
    }
}

extension SnapshotSeries {
    /// The series with its latest snapshot replaced.
    public func replacingLatest(with snapshot: Snapshot) -> SnapshotSeries {
        replacing(at: latestIndex, with: snapshot)
    }

    /// The series with a what-if's changes made on its latest snapshot: the fields it changes take their values from
    /// `changed` (the latest known values with the changes made); every other field keeps the row it comes from, so
    /// a carried value still says how old it is.
    public func applying(_ whatIf: WhatIf, changed: Snapshot) -> SnapshotSeries {
        var row = latest
        for change in whatIf.changes { row[change.field] = changed[change.field] }
        return replacingLatest(with: row)
    }
}
