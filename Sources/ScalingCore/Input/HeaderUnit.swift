/// A unit in a CSV header's brackets, as spreadsheets write them: `Response p95 (ms)`, `DB CPU (%)`, `p95 [s]`.
///
/// The unit is one ``Quantity`` reads after a number (`ms`, `s`, `%`, `GB`, `USD`, `k`), so a cell `0.62` under
/// `p95 [s]` is read as `0.62s`, 620 ms; a cell with a unit of its own keeps it.
enum HeaderUnit {
    /// The kinds whose units a header may name, to tell a unit of another kind from one nobody knows.
    static let kinds: [QuantityKind] = [.milliseconds, .fraction, .gigabytes, .count, .money]

    /// Spellings of a unit that ``Quantity`` writes otherwise.
    static let spellings: [String: String] = ["$": "usd", "us$": "usd", "percent": "%", "pct": "%", "sec": "s", "secs": "s"]

    /// The name and the unit of `Name (unit)` or `Name [unit]`; nil when the name does not end in brackets.
    static func split(_ name: String) -> (base: String, unit: String)? {
        let trimmed = name.trimmingSpaces
        guard let last = trimmed.last, last == ")" || last == "]" else { return nil }
        let opening: Character = last == ")" ? "(" : "["
        guard let open = trimmed.lastIndex(of: opening) else { return nil }
        let base = String(trimmed[..<open]).trimmingSpaces
        let unit = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmingSpaces
        guard !base.isEmpty, !unit.isEmpty else { return nil }
        return (base, unit)
    }

    /// The field a header names by its name alone, or by its name and unit together (`Response p95` + `ms`).
    static func field(base: String, unit: String) -> SnapshotField? {
        if let field = FieldCatalog.field(named: base) { return field }
        let joined = base + "_" + unit
        return FieldCatalog.field(named: joined).flatMap { $0 == .timestamp ? nil : $0 }
    }

    /// The unit as ``Quantity`` reads it: lowercased, `$` as `usd`, `percent` as `%`.
    static func normalized(_ unit: String) -> String {
        let lowered = unit.trimmingSpaces.lowercased()
        return spellings[lowered] ?? lowered
    }

    /// Why `unit` cannot be read for `field`, or nil when it can.
    static func problem(_ unit: String, for field: SnapshotField) -> String? {
        let kind = field.spec.kind
        guard kind != .timestamp, kind != .idList else { return "\(field.rawValue) has no unit" }
        let written = normalized(unit)
        do throws(Quantity.ParseError) {
            _ = try Quantity.read("1" + written, as: kind)
            return nil
        } catch {
            if let other = kinds.first(where: { (try? Quantity.read("1" + written, as: $0)) != nil }) {
                return "it is a unit of \(other.noun), and \(field.rawValue) is \(kind.noun) (\(field.spec.kind.expectation))"
            }
            return error.reason
        }
    }

    /// The cell's text with the column's unit after a bare number (`0.62` → `0.62s`); a cell with a unit of its own, or
    /// an empty one, as it is.
    static func apply(_ unit: String, to cell: String) -> String {
        let trimmed = cell.trimmingSpaces
        guard let last = trimmed.last, last.isASCII, last.isNumber || last == "." else { return cell }
        return trimmed + unit
    }
}
