/// A figure derived from snapshot fields, named so policies can gate on it: `cost_per_daily_active_user`.
public struct DerivedFigure: Sendable, Equatable, Hashable {
    public let name: String
    public let numerator: SnapshotField
    public let denominator: SnapshotField
    /// How the figure reads: money per head, or a share.
    public let kind: QuantityKind
    public let summary: String
}

/// The named derived figures: each is one field divided by another.
public enum DerivedCatalog {
    public static let figures: [DerivedFigure] = [
        DerivedFigure(
            name: "cost_per_user", numerator: .monthlyCost, denominator: .users, kind: .money,
            summary: "monthly_cost / users: what each registered user costs a month."),
        DerivedFigure(
            name: "cost_per_daily_active_user", numerator: .monthlyCost, denominator: .dailyActiveUsers, kind: .money,
            summary: "monthly_cost / daily_active_users."),
        DerivedFigure(
            name: "cost_per_paying_customer", numerator: .monthlyCost, denominator: .payingCustomers, kind: .money,
            summary: "monthly_cost / paying_customers."),
        DerivedFigure(
            name: "cost_share_of_mrr", numerator: .monthlyCost, denominator: .mrr, kind: .fraction,
            summary: "monthly_cost / mrr: the share of revenue spent on infrastructure."),
        DerivedFigure(
            name: "db_connection_usage", numerator: .dbConnections, denominator: .dbConnectionLimit, kind: .fraction,
            summary: "db_connections / db_connection_limit."),
    ]

    public static func figure(named name: String) -> DerivedFigure? { figures.first { $0.name == name } }
}

/// What a metric evaluates to on one snapshot.
public enum MetricReading: Sendable, Equatable {
    case value(Double)
    /// A field it needs is absent.
    case missing(SnapshotField)
    /// The arithmetic has no value: a division by zero.
    case undefined(String)
}

/// A number computed from a snapshot: a field, a derived figure, a constant, or arithmetic on them.
public indirect enum MetricExpression: Sendable, Equatable, Hashable {
    public enum Operator: Character, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"

        var precedence: Int { self == .add || self == .subtract ? 1 : 2 }
    }

    case field(SnapshotField)
    case derived(DerivedFigure)
    case constant(Double)
    case binary(MetricExpression, Operator, MetricExpression)

    /// The expression's value on `snapshot`; the first absent field, a division by zero, or a result that is not a
    /// finite number (`users * 1e300 * 1e300`) makes it unknown, never a pass.
    public func reading(in snapshot: Snapshot) -> MetricReading {
        let result = rawReading(in: snapshot)
        if case .value(let number) = result, !number.isFinite {
            return .undefined("\(self) is not a finite number")
        }
        return result
    }

    private func rawReading(in snapshot: Snapshot) -> MetricReading {
        switch self {
        case .field(let field):
            return snapshot[field].map(MetricReading.value) ?? .missing(field)
        case .constant(let number):
            return .value(number)
        case .derived(let figure):
            return MetricExpression.binary(.field(figure.numerator), .divide, .field(figure.denominator)).rawReading(in: snapshot)
        case .binary(let left, let op, let right):
            let a: Double
            let b: Double
            switch left.rawReading(in: snapshot) {
            case .value(let number): a = number
            case let other: return other
            }
            switch right.rawReading(in: snapshot) {
            case .value(let number): b = number
            case let other: return other
            }
            switch op {
            case .add: return .value(a + b)
            case .subtract: return .value(a - b)
            case .multiply: return .value(a * b)
            case .divide:
                guard b != 0 else { return .undefined("\(right) is 0, so \(self) has no value") }
                return .value(a / b)
            }
        }
    }

    /// The fields the expression reads.
    public var fields: [SnapshotField] {
        switch self {
        case .field(let field): [field]
        case .derived(let figure): [figure.numerator, figure.denominator]
        case .constant: []
        case .binary(let left, _, let right): left.fields + right.fields.filter { !left.fields.contains($0) }
        }
    }
}

extension MetricExpression: CustomStringConvertible {
    /// The expression written back: `monthly_cost / mrr`.
    public var description: String { written(parentPrecedence: 0) }

    private func written(parentPrecedence: Int) -> String {
        switch self {
        case .field(let field): return field.rawValue
        case .derived(let figure): return figure.name
        case .constant(let number):
            // Whole numbers plainly; anything else in Swift's shortest form that reads back to the same Double.
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .binary(let left, let op, let right):
            let text =
                "\(left.written(parentPrecedence: op.precedence)) \(op.rawValue) \(right.written(parentPrecedence: op.precedence + 1))"
            return op.precedence < parentPrecedence ? "(\(text))" : text
        }
    }
}

/// Why a metric expression cannot be read, and where in it (1-based character position).
public struct MetricSyntaxError: Error, Equatable, Sendable {
    public let position: Int
    public let reason: String
}

extension MetricExpression {
    /// Parses `monthly_cost / mrr`, `cost_per_daily_active_user`, `(monthly_cost - 20) / users`.
    ///
    /// Names are canonical snapshot fields, their aliases, or derived figures; numbers are plain decimals.
    public static func parse(_ text: String) throws(MetricSyntaxError) -> MetricExpression {
        // Evaluation, printing and comparison recurse over the tree: bounded operands and nesting keep the stack
        // bounded. The bounds count the tree, not its spelling, so an expression written back (`1e10` as
        // `10000000000`) is accepted again.
        guard text.count <= maximumLength else {
            throw MetricSyntaxError(position: maximumLength + 1, reason: "an expression is at most \(maximumLength) characters")
        }
        var parser = Parser(characters: Array(text))
        let expression = try parser.expression(minimumPrecedence: 1)
        parser.skipSpaces()
        guard parser.index == parser.characters.count else {
            throw parser.error("unexpected \"\(parser.characters[parser.index])\"; expected an operator (+ - * /) or the end")
        }
        return expression
    }

    /// The longest expression text accepted (a bound on work, well above what the operand limit allows).
    public static let maximumLength = 10_000
    /// The most operands (fields, figures, numbers) an expression may have.
    public static let maximumOperands = 200
    /// The deepest nesting of parentheses accepted.
    public static let maximumNesting = 32

    private struct Parser {
        let characters: [Character]
        var index = 0
        var depth = 0
        var operands = 0

        func error(_ reason: String) -> MetricSyntaxError { MetricSyntaxError(position: index + 1, reason: reason) }

        mutating func skipSpaces() { while index < characters.count, characters[index] == " " { index += 1 } }

        mutating func expression(minimumPrecedence: Int) throws(MetricSyntaxError) -> MetricExpression {
            var left = try operand()
            while true {
                skipSpaces()
                guard index < characters.count, let op = Operator(rawValue: characters[index]), op.precedence >= minimumPrecedence else {
                    return left
                }
                index += 1
                let right = try expression(minimumPrecedence: op.precedence + 1)
                left = .binary(left, op, right)
            }
        }

        mutating func operand() throws(MetricSyntaxError) -> MetricExpression {
            skipSpaces()
            operands += 1
            guard operands <= MetricExpression.maximumOperands else {
                throw error("an expression has at most \(MetricExpression.maximumOperands) operands")
            }
            guard index < characters.count else { throw error("expected a field name, a number or \"(\"") }
            let character = characters[index]
            if character == "(" {
                guard depth < MetricExpression.maximumNesting else {
                    throw error("parentheses nested deeper than \(MetricExpression.maximumNesting)")
                }
                index += 1
                depth += 1
                defer { depth -= 1 }
                let inner = try expression(minimumPrecedence: 1)
                skipSpaces()
                guard index < characters.count, characters[index] == ")" else { throw error("expected \")\"") }
                index += 1
                return inner
            }
            if character.isNumber || character == "." {
                let start = index
                while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
                // An exponent, as in 1e-05: digits must follow the e (and its sign).
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    var end = index + 1
                    if end < characters.count, characters[end] == "+" || characters[end] == "-" { end += 1 }
                    if end < characters.count, characters[end].isASCII, characters[end].isNumber {
                        index = end
                        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
                    }
                }
                let literal = String(characters[start..<index])
                guard let number = Double(literal), number.isFinite else {
                    index = start
                    throw error("\"\(literal)\" is not a number")
                }
                return .constant(number)
            }
            if character.isLetter || character == "_" {
                let start = index
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    index += 1
                }
                let name = String(characters[start..<index])
                if let figure = DerivedCatalog.figure(named: name) { return .derived(figure) }
                if let field = FieldCatalog.field(named: name), field.isNumeric { return .field(field) }
                index = start
                let names =
                    SnapshotField.numericNames
                    + DerivedCatalog.figures.map(\.name)
                let hint = Suggestion.nearest(to: name, in: names).map { " (did you mean \($0)?)" } ?? ""
                throw error("\"\(name)\" is not a snapshot field or derived figure\(hint)")
            }
            throw error("unexpected \"\(character)\"; expected a field name, a number or \"(\"")
        }
    }
}

/// What a threshold measures: a snapshot field, or an expression on fields.
public struct Metric: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let expression: MetricExpression

    public init(_ expression: MetricExpression) { self.expression = expression }
    public init(_ field: SnapshotField) { expression = .field(field) }

    /// The field, when the metric is one field.
    public var field: SnapshotField? { if case .field(let field) = expression { field } else { nil } }

    /// How values print: the field's or derived figure's kind; nil (plain numbers) for arithmetic.
    public var kind: QuantityKind? {
        switch expression {
        case .field(let field): field.spec.kind
        case .derived(let figure): figure.kind
        default: nil
        }
    }

    public var description: String { expression.description }

    public func reading(in snapshot: Snapshot) -> MetricReading { expression.reading(in: snapshot) }
}
