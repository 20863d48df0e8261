/// Help pages generated from `CommandTable`, so they cannot drift from what the parser accepts.
public enum HelpText {
    /// The top-level help; tables fit `width` when given.
    public static func overview(width: Int? = nil) -> String {
        var lines = [
            "scalectl \(CommandTable.version): a scaling advisor for web apps on the Deno Deploy + Vercel + Neon stack.",
            "It reads metric snapshots (JSON or CSV), tells the stage from Free MVP to Enterprise, and what to change next and what it costs.",
            "",
            "Usage: scalectl COMMAND FILE [options]",
            "",
            "Commands:",
        ]
        var table = TextColumns()
        for command in CommandTable.commands { table.add(command.name, command.summary) }
        lines.append(table.render(width: width))
        lines += ["", "Options:"]
        var options = TextColumns()
        for option in CommandTable.topLevelOptions { options.add(option.synopsis, option.help) }
        lines.append(options.render(width: width))
        lines += ["", "Snapshot fields (JSON keys or CSV headers, all optional):"]
        var fields = TextColumns()
        for spec in FieldCatalog.specs { fields.add(spec.field.rawValue, spec.summary) }
        lines.append(fields.render(width: width))
        lines += [
            "", exitCodes(width: width), "",
            "Run 'scalectl help COMMAND' or 'scalectl COMMAND --help' for a command's options and examples.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One command's help; tables fit `width` when given.
    public static func command(_ command: CommandSpec, width: Int? = nil) -> String {
        var lines = ["Usage: \(command.usage)", "", paragraph(command.summary, width: width)]
        if let discussion = command.discussion { lines += ["", paragraph(discussion, width: width)] }
        if !command.arguments.isEmpty {
            lines += ["", "Arguments:"]
            var table = TextColumns()
            for argument in command.arguments { table.add(argument.name, argument.help) }
            lines.append(table.render(width: width))
        }
        lines += ["", "Options:"]
        var table = TextColumns()
        for option in command.allOptions {
            var help = option.help
            if let allowed = option.allowedValues { help += " One of: \(allowed.joined(separator: ", "))." }
            if let value = option.defaultValue { help += " Default: \(value)." }
            table.add(option.synopsis, help)
        }
        lines.append(table.render(width: width))
        lines += ["", "Examples:"] + command.examples.map { "  \($0)" }
        lines += ["", exitCodes(width: width)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A paragraph wrapped at spaces to `width`, or one line without a width.
    static func paragraph(_ text: String, width: Int?) -> String {
        guard let width, text.count > width else { return text }
        return TextColumns.wrap(text, width: max(TextColumns.minimumColumnWidth, width)).joined(separator: "\n")
    }

    static func exitCodes(width: Int? = nil) -> String {
        var table = TextColumns()
        for code in ExitCode.allCases { table.add(String(code.rawValue), code.meaning) }
        return "Exit codes:\n" + table.render(width: width)
    }
}
