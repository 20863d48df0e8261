/// The escaping of each output kind, in one place: terminal text, Markdown, GitHub workflow commands and XML here;
/// JSON in ``JSONOutput`` (every string goes through its serializer), CSV in ``CSVWriter``, HTML in ``HTMLReport/escape(_:)``.
///
/// Each sink has two layers. `escape` is for text that is not scalectl's own (a policy file's `action`, a file name, an
/// environment variable's name): renderers call it where such text enters, so a newline or `|` cannot split a line
/// or a table row. `finish` runs over a renderer's whole output, so a call site that forgets `escape` still cannot
/// emit a control character, a bidi override, or a line a CI runner would execute: scalectl's own literal text never
/// contains those, so whatever `finish` finds came from outside.
public enum TerminalSink {
    /// User text for terminal output: C0 and C1 controls (ESC, NUL, CR, LF, U+0085), DEL, line and paragraph
    /// separators (U+2028, U+2029) and format characters (U+202E and the other bidi controls, zero-width characters)
    /// become visible escapes (`\n`, `\u{1b}`), so nothing from the input can move the cursor, recolor, reorder what is
    /// shown or start a line.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { out += visible(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// A whole terminal report: everything `escape` would escape is escaped but line feeds and, with `colors`,
    /// ``Style``'s own color sequences (`ESC [ digits m`); and no line can start a CI workflow command (see
    /// ``WorkflowCommandGuard``). Messages on stderr have no colors, so there every ESC is escaped.
    public static func finish(_ text: String, colors: Bool = true) -> String {
        WorkflowCommandGuard.neutralize(escapeKeeping(text, colors: colors))
    }

    /// Whether a scalar must never reach an output raw.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || FileName.rawByte(scalar) != nil { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `\n`, `\r`, `\t`, `\u{1b}`, or `\xff` for a byte of a file name that is not UTF-8 (``FileName``).
    static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case _ where FileName.rawByte(scalar) != nil: "\\x" + String(FileName.rawByte(scalar)!, radix: 16)
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{\(String(scalar.value, radix: 16))}"
        }
    }

    /// Escapes every unsafe scalar but line feeds and, with `colors`, SGR sequences (`ESC [ 0-9; m`).
    static func escapeKeeping(_ text: String, colors: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || !isUnsafe(scalar) {
                out.append(scalar)
                index += 1
                continue
            }
            if colors, scalar == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
                var end = index + 2
                while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == ";" { end += 1 }
                if end < scalars.count, scalars[end] == "m" {
                    out.append(contentsOf: scalars[index...end])
                    index = end + 1
                    continue
                }
            }
            out.append(contentsOf: visible(scalar).unicodeScalars)
            index += 1
        }
        return String(out)
    }
}

/// Keeps a CI runner from executing a line scalectl did not write as a command.
///
/// GitHub's runner reads every line of a step's output: a line that starts with `::` after leading spaces is a
/// workflow command (`::add-mask::`, `::error file=…::`), and `##[` anywhere starts a legacy one. scalectl writes
/// such lines only in `check --format github`, through ``GitHubSink``; in every other output a line that would start a
/// command gets a backslash in front of its `::` (`\::add-mask::`), and `##[` becomes `##\[`, so it shows as written
/// and does nothing.
public enum WorkflowCommandGuard {
    /// `text` with every line that would start a workflow command made inert.
    public static func neutralize(_ text: String) -> String {
        guard text.contains("::") || text.contains("##[") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line).replacing("##[", with: "##\\[")
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            if line.dropFirst(indent.count).hasPrefix("::") {
                line = indent + "\\" + line.dropFirst(indent.count)
            }
            return line
        }.joined(separator: "\n")
    }

    /// Whether a line would start a workflow command on a GitHub runner.
    public static func startsCommand(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") || line.contains("##[")
    }
}

/// Markdown for pull-request comments, wikis and the job summary.
public enum MarkdownSink {
    /// User text for a Markdown line or table cell: the terminal's visible escapes (no newline can split a row), then
    /// pipes, backslashes, emphasis, code and link marks escaped, and `<`, `>`, `&` as entities (no raw HTML).
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in TerminalSink.escape(text) {
            switch character {
            case "|", "\\", "*", "_", "`", "[", "]", "#": out += "\\\(character)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A whole Markdown document: no control or bidi character, no tag scalectl did not write (scalectl's Markdown
    /// has none, so `<` before a letter, `/`, `!` or `?` becomes `&lt;`), no workflow command line.
    public static func finish(_ text: String) -> String {
        var out = ""
        var previous: Character?
        for character in TerminalSink.escapeKeeping(text, colors: false) {
            if let last = previous, last == "<", character.isLetter || character == "/" || character == "!" || character == "?" {
                out.removeLast()
                out += "&lt;"
            }
            out.append(character)
            previous = character
        }
        return WorkflowCommandGuard.neutralize(out)
    }
}

/// GitHub Actions workflow commands (`::error file=…,line=…::message`): the only lines scalectl writes that a runner
/// executes, so every value in them is escaped here.
public enum GitHubSink {
    /// One command line (without its line feed): `::NAME key=value,…::message`, each property value and the message
    /// escaped; `name` and the keys are scalectl's own.
    public static func command(_ name: String, properties: [(key: String, value: String)], message: String) -> String {
        let written = properties.map { "\($0.key)=\(property($0.value))" }.joined(separator: ",")
        return "::\(name)\(written.isEmpty ? "" : " " + written)::\(data(message))"
    }

    /// A command's message: `%`, CR and LF percent-encoded as GitHub's toolkit does (the runner decodes them), every
    /// other control, separator and bidi character a visible escape, as on the terminal.
    public static func data(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if TerminalSink.isUnsafe(scalar) { out += TerminalSink.visible(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A command's property value: the message's escaping, plus `:` and `,`, which end a value.
    public static func property(_ text: String) -> String {
        var out = ""
        for character in data(text) {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.append(character)
            }
        }
        return out
    }
}

/// XML 1.0 (JUnit): character data and attribute values.
public enum XMLSink {
    /// Text escaped for XML character data: `&`, `<`, `>` as entities; carriage returns as `&#13;` so parsers keep them;
    /// characters XML 1.0 does not allow or that could disguise text (C0 and C1 controls, DEL, U+FFFE, U+FFFF,
    /// separators, bidi and other format characters) as a visible `\u{1b}`. A line cannot start a CI workflow command
    /// when a CI log shows the file: a `:` opening a line and a second `#` in a row are written as references, which
    /// parsers read back as the same characters.
    public static func text(_ text: String) -> String { escaped(text, inAttribute: false) }

    /// A quoted attribute value: `text`'s escaping plus `"` and `'` as entities, and tab and newline as character
    /// references, since attribute-value normalization would otherwise turn them into spaces.
    public static func attribute(_ text: String) -> String { "\"" + escaped(text, inAttribute: true) + "\"" }

    private static func escaped(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        var previous: Unicode.Scalar?
        var lineStart = true
        for scalar in text.unicodeScalars {
            defer {
                previous = scalar
                if scalar == "\n" { lineStart = true } else if scalar != " " && scalar != "\t" { lineStart = false }
            }
            switch scalar {
            case ":" where lineStart: out += "&#58;"
            // `##[` anywhere on a line is a legacy workflow command: a second `#` in a row as a reference reads back the same.
            case "#" where previous == "#" && out.hasSuffix("#"): out += "&#35;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "'" where inAttribute: out += "&apos;"
            case "\r": out += "&#13;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if TerminalSink.isUnsafe(scalar) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
