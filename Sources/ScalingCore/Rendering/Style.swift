/// ANSI styling that switches off entirely when color is not wanted.
public struct Style: Sendable {
    public let enabled: Bool
    /// The width text tables fit in; nil for no limit (a pipe or a file keeps whole lines).
    public let width: Int?

    public init(enabled: Bool, width: Int? = nil) {
        self.enabled = enabled
        self.width = width
    }

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

/// Makes text from the input safe to print: control, separator and bidi characters become visible escapes
/// (``TerminalSink/escape(_:)``).
public func sanitizedForTerminal(_ text: String) -> String { TerminalSink.escape(text) }

/// Lays out rows in aligned columns; widths ignore ANSI escapes.
///
/// Given a width, a table that would be wider is made to fit: its widest column (the free text: an action, a help
/// text) is narrowed and its cells wrapped at spaces onto continuation lines indented under the column, a word longer
/// than the column broken. When that would leave the column narrower than ``comfortableColumnWidth`` (a strip a few
/// words wide), the columns that do not fit go under the first cells of their row, wrapped and indented. Nothing is
/// ever cut, and no line is wider than the width.
struct TextColumns {
    var rows: [[String]] = []

    /// The narrowest a column is wrapped to; below it, wrapping would give a word per line.
    static let minimumColumnWidth = 16
    /// Between the cells that go under their row, where the column gap would be lost to wrapping.
    static let stackedSeparator = " · "
    /// The narrowest a long column is wrapped to in place; narrower, it goes under its row instead.
    static let comfortableColumnWidth = 30

    mutating func add(_ cells: String...) { rows.append(cells) }
    mutating func add(_ cells: [String]) { rows.append(cells) }

    func render(indent: String = "  ", gap: String = "  ", width: Int? = nil) -> String {
        renderRows(indent: indent, gap: gap, width: width).joined(separator: "\n")
    }

    /// Each row's text: one line, or several when a cell wraps.
    func renderRows(indent: String = "  ", gap: String = "  ", width: Int? = nil) -> [String] {
        let columnCount = rows.map(\.count).max() ?? 0
        var natural = [Int](repeating: 0, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() { natural[index] = max(natural[index], visibleWidth(cell)) }
        }
        let fixed = visibleWidth(indent) + visibleWidth(gap) * max(0, columnCount - 1)
        guard let width, fixed + natural.reduce(0, +) > width else {
            return rows.map { line($0, widths: natural, indent: indent, gap: gap) }
        }
        // Wrapping in place reads well only while the narrowed column stays wide enough for a phrase; else the
        // columns that do not fit go under their row, so no cell becomes a strip a word wide.
        let fitted = Self.fit(natural, into: width - fixed)
        guard let widths = fitted, let widest = natural.indices.max(by: { natural[$0] <= natural[$1] }),
            widths[widest] >= min(natural[widest], Self.comfortableColumnWidth)
        else {
            let stackedIndent = indent + "    "
            var kept = 1
            while kept < columnCount,
                visibleWidth(indent) + natural.prefix(kept + 1).reduce(0, +) + visibleWidth(gap) * kept <= width
            {
                kept += 1
            }
            let headWidths = Array(natural.prefix(kept))
            let stackedWidth = max(Self.minimumColumnWidth, width - visibleWidth(stackedIndent))
            return rows.map { row in
                var head = line(Array(row.prefix(kept)), widths: headWidths, indent: indent, gap: gap)
                if visibleWidth(head) > width {
                    head = Self.wrap(head.trimmingLeadingSpaces, width: max(Self.minimumColumnWidth, width - visibleWidth(indent)))
                        .map { indent + $0 }.joined(separator: "\n")
                }
                let rest = row.dropFirst(kept).filter { visibleWidth($0) > 0 }
                guard !rest.isEmpty else { return head }
                let tail = Self.wrap(rest.joined(separator: Self.stackedSeparator), width: stackedWidth).map { stackedIndent + $0 }
                return ([head] + tail).joined(separator: "\n")
            }
        }
        return wrapped(widths: widths, indent: indent, gap: gap)
    }

    /// Every row with its cells wrapped to `widths`, continuation lines under their column.
    private func wrapped(widths: [Int], indent: String, gap: String) -> [String] {
        rows.map { row in
            let wrapped = row.enumerated().map { index, cell in
                visibleWidth(cell) > widths[index] ? Self.wrap(cell, width: widths[index]) : [cell]
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { lineIndex in
                line(wrapped.map { lineIndex < $0.count ? $0[lineIndex] : "" }, widths: widths, indent: indent, gap: gap)
            }.joined(separator: "\n")
        }
    }

    private func line(_ cells: [String], widths: [Int], indent: String, gap: String) -> String {
        var line = indent
        for (index, cell) in cells.enumerated() {
            line += cell
            if index < cells.count - 1 {
                line += String(repeating: " ", count: max(0, widths[index] - visibleWidth(cell))) + gap
            }
        }
        return line.trailingSpacesRemoved
    }

    /// Column widths summing to at most `available`: the widest column (the last of equals), usually the free text,
    /// narrowed by the excess; nil when it would go below the minimum.
    static func fit(_ natural: [Int], into available: Int) -> [Int]? {
        let excess = natural.reduce(0, +) - available
        guard excess > 0 else { return natural }
        guard let widest = natural.indices.max(by: { natural[$0] <= natural[$1] }),
            natural[widest] - excess >= minimumColumnWidth
        else { return nil }
        var widths = natural
        widths[widest] -= excess
        return widths
    }

    /// `text` wrapped into lines of at most `width` visible characters, at spaces, breaking longer words.
    ///
    /// A color open at a break is closed at the end of the line and reopened on the next, so continuation lines keep
    /// their color and nothing bleeds into the next column.
    static func wrap(_ text: String, width: Int) -> [String] {
        enum Piece {
            case escape(String)
            case visible(Unicode.Scalar)
            case mark(Unicode.Scalar)  // combining, takes no column
        }
        // Words of pieces, split at spaces.
        var words: [[Piece]] = [[]]
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}" {
                var sequence = String(scalar)
                while let next = scalars.popFirst() {
                    sequence.unicodeScalars.append(next)
                    if next == "m" { break }
                }
                words[words.count - 1].append(.escape(sequence))
            } else if scalar == " " {
                if !words[words.count - 1].isEmpty { words.append([]) }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                words[words.count - 1].append(.mark(scalar))
            } else {
                words[words.count - 1].append(.visible(scalar))
            }
        }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        var active: [String] = []  // escape sequences in force since the last reset
        func breakLine() {
            lines.append(current + (active.isEmpty ? "" : "\u{1B}[0m"))
            current = active.joined()
            currentWidth = 0
        }
        for word in words where !word.isEmpty {
            let wordWidth = word.filter { if case .visible = $0 { true } else { false } }.count
            if currentWidth > 0 {
                if currentWidth + 1 + wordWidth > width {
                    breakLine()
                } else {
                    current += " "
                    currentWidth += 1
                }
            }
            for piece in word {
                switch piece {
                case .escape(let sequence):
                    current += sequence
                    if sequence == "\u{1B}[0m" { active.removeAll() } else { active.append(sequence) }
                case .mark(let scalar):
                    current.unicodeScalars.append(scalar)
                case .visible(let scalar):
                    if currentWidth == width { breakLine() }
                    current.unicodeScalars.append(scalar)
                    currentWidth += 1
                }
            }
        }
        lines.append(current)
        return lines
    }

    /// `line` cut to `width` visible characters, ending in `…` when cut, with any open color closed.
    static func cut(_ line: String, to width: Int) -> String {
        guard visibleWidth(line) > width else { return line }
        var out = ""
        var shown = 0
        var escaping = false
        var colored = false
        for scalar in line.unicodeScalars {
            if escaping || scalar == "\u{1B}" {
                out.unicodeScalars.append(scalar)
                escaping = scalar != "m"
                colored = true
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark {
                out.unicodeScalars.append(scalar)
                continue
            }
            if shown == width - 1 { break }
            out.unicodeScalars.append(scalar)
            shown += 1
        }
        return out + "…" + (colored ? "\u{1B}[0m" : "")
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

extension Style {
    /// `text` with every line wider than ``width`` wrapped at spaces, continuation lines indented two more than the
    /// line's own indent; unchanged without a width (a pipe keeps one row per line).
    public func fitted(_ text: String) -> String {
        guard let width else { return text }
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard visibleWidth(line) > width else { out.append(line); continue }
            let indent = String(repeating: " ", count: min(line.prefix { $0 == " " }.count, width / 2))
            // Continuation lines go under the text of a numbered line ("12. "), else two in (under a "- " or "→ " text).
            let text = line.trimmingLeadingSpaces
            let number = text.prefix { $0.isNumber }
            let marker = !number.isEmpty && text.dropFirst(number.count).hasPrefix(". ") ? number.count + 2 : 2
            let hanging = indent + String(repeating: " ", count: marker)
            let body = TextColumns.wrap(text, width: max(TextColumns.minimumColumnWidth, width - hanging.count))
            for (index, piece) in body.enumerated() { out.append((index == 0 ? indent : hanging) + piece) }
        }
        return out.joined(separator: "\n")
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }

    var trailingSpacesRemoved: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
