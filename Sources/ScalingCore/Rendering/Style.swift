/// ANSI styling that switches off entirely when color is not wanted.
public struct Style: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Whether to color: `--color always|never` decides; `auto` colors a terminal unless `NO_COLOR` is set or `TERM=dumb`.
    public static func colorEnabled(choice: String, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case "always": return true
        case "never": return false
        default:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }

    private func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    /// Colors text by a threshold verdict.
    public func verdict(_ text: String, _ status: ThresholdVerdict.Status) -> String {
        switch status {
        case .pass: green(text)
        case .breach(.critical): bold(red(text))
        case .breach(.warning): yellow(text)
        case .pending: yellow(text)
        case .unknown: dim(text)
        }
    }
}

/// Makes text from the input safe to print: control characters (an ANSI escape in a CSV header) become visible escapes.
public func sanitizedForTerminal(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        // C0/C1 controls could move the cursor or recolor; format characters (U+202E) could reorder what is shown.
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
            || scalar.properties.generalCategory == .format
        {
            out += scalar == "\t" ? "\\t" : (scalar == "\n" ? "\\n" : (scalar == "\r" ? "\\r" : "\\u{\(String(scalar.value, radix: 16))}"))
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// Lays out rows in aligned columns; widths ignore ANSI escapes.
struct TextColumns {
    var rows: [[String]] = []

    mutating func add(_ cells: String...) { rows.append(cells) }
    mutating func add(_ cells: [String]) { rows.append(cells) }

    func render(indent: String = "  ", gap: String = "  ") -> String {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], visibleWidth(cell)) }
        }
        return rows.map { row in
            var line = indent
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 {
                    line += String(repeating: " ", count: widths[index] - visibleWidth(cell)) + gap
                }
            }
            return line.trailingSpacesRemoved
        }.joined(separator: "\n")
    }
}

/// The number of terminal columns `text` takes, ANSI escapes excluded.
func visibleWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
        if inEscape {
            if scalar == "m" { inEscape = false }
        } else if scalar == "\u{1B}" {
            inEscape = true
        } else if scalar.properties.generalCategory != .nonspacingMark {
            width += 1
        }
    }
    return width
}

extension String {
    var trailingSpacesRemoved: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
