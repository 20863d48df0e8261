/// Which mark separates a number's decimals; the other one groups thousands.
///
/// JSON and comma-separated CSV use the point (`4,500.5`). A CSV separated by `;` or tabs, as European spreadsheets
/// write it, uses the comma (`0,750` is 0.75, `1.234,5` is 1234.5), unless its numbers show a decimal point that
/// cannot be thousands grouping (`0.75`), as scripts writing tab-separated files do: see ``DecimalMark/convention(delimiter:cells:)``.
public enum DecimalMark: String, Equatable, Sendable {
    /// `1,234.5`
    case point
    /// `1.234,5`
    case comma

    /// The decimal mark's byte.
    var byte: UInt8 { self == .point ? UInt8(ascii: ".") : UInt8(ascii: ",") }
    /// The grouping mark's byte.
    var groupByte: UInt8 { self == .point ? UInt8(ascii: ",") : UInt8(ascii: ".") }

    /// "a decimal point", "a decimal comma".
    public var name: String { self == .point ? "a decimal point" : "a decimal comma" }

    /// An example of the convention for messages.
    public var example: String { self == .point ? "0.75, 1,234.5" : "0,75, 1.234,5" }

    /// What a number's marks say about the convention it was written in.
    public enum Evidence: Equatable, Sendable {
        /// No mark, or only marks that read the same either way: `1234`, `1e6`.
        case none
        /// A comma in a number of a `;`- or tab-separated file: a decimal comma (`0,750`, `1.234,5`).
        case comma
        /// A point that cannot group thousands (`0.75`, `12.5`, `1.2345`): a decimal point.
        case point
        /// Points that could group thousands (`4.200`, `1.234.567`) and no comma: whichever the file uses.
        case ambiguous
    }

    /// The evidence in a cell's number: its first run of digits, points and commas after a sign and a `$`.
    static func evidence<Bytes: Collection<UInt8>>(in cell: Bytes) -> Evidence {
        var index = cell.startIndex
        while index < cell.endIndex, [UInt8(ascii: " "), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "$")].contains(cell[index]) {
            index = cell.index(after: index)
        }
        var sawComma = false
        var points = 0
        var digitsBeforePoint = 0
        var firstDigit: UInt8?
        var groupLength = 0
        var groupsOfThree = true
        while index < cell.endIndex {
            let byte = cell[index]
            if Digits.isDigit(byte) {
                if firstDigit == nil { firstDigit = byte }
                if points == 0 { digitsBeforePoint += 1 }
                groupLength += 1
            } else if byte == UInt8(ascii: ".") {
                if points > 0 && groupLength != 3 { groupsOfThree = false }
                points += 1
                groupLength = 0
            } else if byte == UInt8(ascii: ",") {
                sawComma = true
            } else {
                break
            }
            index = cell.index(after: index)
        }
        if sawComma { return .comma }
        guard points > 0 else { return .none }
        let couldGroup = groupsOfThree && groupLength == 3 && (1...3).contains(digitsBeforePoint) && firstDigit != UInt8(ascii: "0")
        return couldGroup ? .ambiguous : .point
    }

    /// How a CSV file with `delimiter` writes its numbers, from its numeric cells in file order: a comma-separated file
    /// always with a decimal point; a `;`- or tab-separated one with a decimal comma, unless the first cell that tells
    /// shows a decimal point. The deciding cell's index is returned too (nil when none told).
    static func convention<Cells: Sequence>(delimiter: UInt8, cells: Cells) -> (mark: DecimalMark, decidedBy: Int?)
    where Cells.Element == String {
        guard delimiter != UInt8(ascii: ",") else { return (.point, nil) }
        for (index, cell) in cells.enumerated() {
            switch evidence(in: cell.utf8) {
            case .comma: return (.comma, index)
            case .point: return (.point, index)
            case .none, .ambiguous: continue
            }
        }
        return (.comma, nil)
    }

    /// Whether a cell's number contradicts the file's convention: a comma in a file with a decimal point (in a
    /// `;`- or tab-separated file), or a point that cannot group thousands in a file with a decimal comma.
    static func contradicts(_ evidence: Evidence, _ mark: DecimalMark, delimiter: UInt8) -> Bool {
        guard delimiter != UInt8(ascii: ",") else { return false }
        switch (evidence, mark) {
        case (.comma, .point), (.point, .comma): return true
        default: return false
        }
    }

    /// "the comma-separated", "the ;-separated", "the tab-separated".
    static func delimiterName(_ delimiter: UInt8) -> String {
        switch delimiter {
        case UInt8(ascii: ","): "comma-separated"
        case 0x09: "tab-separated"
        default: "\(Character(Unicode.Scalar(delimiter)))-separated"
        }
    }
}
