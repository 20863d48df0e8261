/// Writes tables as CSV that ``CSVReader`` reads back and spreadsheets open safely.
///
/// **Quoting (RFC 4180).** A cell is quoted when it contains the delimiter, a quote, CR or LF, and a quote inside
/// is doubled (`a"b` → `"a""b"`). In a one-column table an empty cell is written `""`, since a blank line is no
/// record. Records end with LF (the reader accepts LF and CRLF alike).
///
/// **Formula injection.** A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a
/// leading tab or CR can hide one), so such a cell gets a `'` in front: `=HYPERLINK(…)` is written `'=HYPERLINK(…)`,
/// which spreadsheets show as text. A cell that is a plain decimal number (`-3.5`, `+2`, `-1e6`) is left alone:
/// a spreadsheet reads it as a number, never as a formula, so negative numbers stay numbers.
public enum CSVWriter {
    /// The CSV text for `rows`; `neutralizingFormulas: false` writes cells exactly as given.
    public static func write(_ rows: [[String]], delimiter: Character = ",", neutralizingFormulas: Bool = true) -> String {
        var out = ""
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { out.append(delimiter) }
                out += quoted(neutralizingFormulas ? neutralized(cell) : cell, delimiter: delimiter, alone: row.count == 1)
            }
            out += "\n"
        }
        return out
    }

    /// `cell` with a `'` in front when a spreadsheet would take it for a formula.
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first),
            !isPlainNumber(cell)
        else { return cell }
        return "'" + cell
    }

    /// Whether `text` is a decimal number with an optional sign, fraction and exponent, and nothing else.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var count = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            count += digits()
        }
        guard count > 0 else { return false }
        if let e = bytes.first, e | 0x20 == UInt8(ascii: "e") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    private static func quoted(_ cell: String, delimiter: Character, alone: Bool) -> String {
        let needsQuotes =
            (alone && cell.isEmpty)
            || cell.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || Character($0) == delimiter }
        guard needsQuotes else { return cell }
        var out = "\""
        for scalar in cell.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
