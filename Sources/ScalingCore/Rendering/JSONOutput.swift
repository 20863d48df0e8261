/// A JSON value to print, with keys kept in the order written so output is stable and diffable.
public indirect enum JSONOutput: Sendable {
    case object([(String, JSONOutput)])
    case array([JSONOutput])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// A number, or null when absent.
    static func optional(_ value: Double?) -> JSONOutput { value.map(JSONOutput.number) ?? .null }
    /// A string, or null when absent.
    static func optional(_ value: String?) -> JSONOutput { value.map(JSONOutput.string) ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    public func serialized() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += pad + JSONOutput.quoted(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += index < members.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "}"
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += pad
                element.write(into: &out, indent: indent + 1)
                out += index < elements.count - 1 ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .string(let text):
            out += JSONOutput.quoted(text)
        case .number(let value):
            out += JSONOutput.number(value)
        case .bool(let flag):
            out += flag ? "true" : "false"
        case .null:
            out += "null"
        }
    }

    /// The shortest text that reads back as `value` rounded to ``significantDigits``: `0.00355`, never the float noise
    /// `0.0035499999999999993` of the arithmetic that made it. Whole numbers print without a fraction.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(meaningful(value))"
    }

    /// Significant digits a number keeps in JSON: far beyond any input's precision, and within the 1e-9 relative
    /// tolerance the benchmarks' agreement checks use, while dropping the last bits binary arithmetic leaves.
    static let significantDigits = 12

    /// `value` rounded to ``significantDigits`` significant digits (unchanged where the power of ten is not exact).
    static func meaningful(_ value: Double) -> Double {
        let magnitude = abs(value)
        guard magnitude >= 1e-10, magnitude < 1e15 else { return value }
        var exponent = 0
        var probe = 1.0
        while probe * 10 <= magnitude { probe *= 10; exponent += 1 }
        while probe > magnitude { probe /= 10; exponent -= 1 }
        let shift = significantDigits - 1 - exponent
        guard shift > 0, shift <= 22 else { return value }
        var scale = 1.0
        for _ in 0..<shift { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return rounded.isFinite ? rounded : value
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            // `##[` anywhere on a line is a legacy CI workflow command: a second `#` in a row as `\u0023` reads back the same.
            case "#" where previous == "#" && out.hasSuffix("#"): out += "\\u0023"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Lossless: a parser reads the escape back as the character; raw, C1 controls, U+2028 and bidi
                // overrides would reach whatever displays or embeds the JSON.
                if FileName.rawByte(scalar) != nil {
                    // A byte of a file name that is not UTF-8 has no character to stand for: shown as `\xff`.
                    out += "\\" + TerminalSink.visible(scalar)
                } else if TerminalSink.isUnsafe(scalar) {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
