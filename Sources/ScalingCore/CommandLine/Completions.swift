/// A shell `scalectl completions` writes a script for.
public enum Shell: String, CaseIterable, Sendable {
    case bash
    case zsh
    case fish
}

/// What a value or a positional argument completes to.
public enum CompletionKind: Equatable, Sendable {
    /// One of these words.
    case choices([String])
    /// A path.
    case files
    /// Free text (`--what-if`, `--horizon`): nothing is offered.
    case none
    /// The names of scalectl's commands (declared by `help COMMAND`, which is one of them).
    case commands

    /// A stage id.
    public static let stages = CompletionKind.choices(Stage.allCases.map(\.rawValue))

    /// The kind with `.commands` spelled out as the command table's names.
    var resolved: CompletionKind { self == .commands ? .choices(CommandTable.commands.map(\.name)) : self }
}

extension OptionSpec {
    /// What the option's value completes to: its allowed values, else what it declares.
    public var completion: CompletionKind {
        if let allowed = allowedValues { return .choices(allowed) }
        return takesValue ? declaredCompletion.resolved : .none
    }

    /// `-f`, `--format`: every spelling the parser accepts.
    var spellings: [String] { (short.map { ["-\($0)"] } ?? []) + ["--\(name)"] }
}

extension ArgumentSpec {
    /// What the argument completes to: its allowed values, else what its name means.
    public var completion: CompletionKind { allowedValues.map(CompletionKind.choices) ?? declaredCompletion.resolved }
}

/// Shell completion scripts generated from `CommandTable`, so they offer exactly what the parser accepts.
///
/// ```sh
/// source <(scalectl completions bash)
/// ```
public enum Completions {
    /// The completion script for `shell`.
    public static func script(for shell: Shell) -> String {
        switch shell {
        case .bash: bash()
        case .zsh: zsh()
        case .fish: fish()
        }
    }

    /// The options accepted before the command: the top-level ones and the shared ones, each name once.
    static var leadingOptions: [OptionSpec] {
        var seen: Set<String> = []
        return (CommandTable.topLevelOptions + CommandTable.sharedOptions).filter { seen.insert($0.name).inserted }
    }

    /// The help's first sentence, for the one-line descriptions shells show.
    static func firstSentence(_ text: String) -> String {
        guard let end = text.firstRange(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    // MARK: bash

    static func bash() -> String {
        func words(_ list: [String]) -> String { "'" + list.joined(separator: " ") + "'" }
        func reply(_ kind: CompletionKind) -> String {
            switch kind {
            case .choices(let values): "_scalectl_words \(words(values)) \"$cur\""
            case .files: "_scalectl_files \"$cur\""
            case .none, .commands: "return 0"  // `completion` resolves .commands
            }
        }
        /// `case "$prev" in` arms completing each option's value; free-text values get nothing offered.
        func valueArms(_ options: [OptionSpec], indent: String) -> [String] {
            let valued = options.filter(\.takesValue)
            var arms = valued.filter { $0.completion != .none }.map { option in
                "\(indent)\(option.spellings.joined(separator: "|"))) \(reply(option.completion)); return 0 ;;"
            }
            let free = valued.filter { $0.completion == .none }.flatMap(\.spellings)
            if !free.isEmpty { arms.append("\(indent)\(free.joined(separator: "|"))) return 0 ;;") }
            return arms
        }
        let leading = leadingOptions
        var lines = [
            "# bash completion for scalectl \(CommandTable.version), generated from its command table by 'scalectl completions bash'.",
            "# Install: add  source <(scalectl completions bash)  to ~/.bashrc.",
            "",
            "_scalectl_words() { mapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$2\"); }",
            "_scalectl_files() {",
            "    compopt -o filenames 2>/dev/null",
            "    mapfile -t COMPREPLY < <(compgen -f -- \"$1\")",
            "}",
            "",
            "_scalectl() {",
            "    COMPREPLY=()",
            "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\"",
            "    (( COMP_CWORD > 0 )) && prev=\"${COMP_WORDS[COMP_CWORD-1]}\"",
            "    # bash splits --name=value at '=' (COMP_WORDBREAKS): the value follows a '=' word.",
            "    if [[ \"$cur\" == \"=\" ]]; then",
            "        cur=\"\"",
            "    elif [[ \"$prev\" == \"=\" ]] && (( COMP_CWORD > 1 )); then",
            "        prev=\"${COMP_WORDS[COMP_CWORD-2]}\"",
            "    fi",
            "    # The command is the first word that is neither an option nor an option's value.",
            "    local command=\"\" command_index=0 i word skip=0",
            "    local leading_valued=\(words(leading.filter(\.takesValue).flatMap(\.spellings)))",
            "    for (( i = 1; i < COMP_CWORD; i++ )); do",
            "        word=\"${COMP_WORDS[i]}\"",
            "        if (( skip > 0 )); then skip=$(( skip - 1 )); continue; fi",
            "        if [[ \" $leading_valued \" == *\" $word \"* ]]; then",
            "            if [[ \"${COMP_WORDS[i+1]}\" == \"=\" ]]; then skip=2; else skip=1; fi",
            "        elif [[ \"$word\" != -* ]]; then",
            "            command=\"$word\" command_index=$i",
            "            break",
            "        fi",
            "    done",
            "    if [[ -z \"$command\" ]]; then",
            "        case \"$prev\" in",
        ]
        lines += valueArms(leading, indent: "            ")
        lines += [
            "        esac",
            "        if [[ \"$cur\" == -* ]]; then",
            "            _scalectl_words \(words(leading.flatMap(\.spellings))) \"$cur\"",
            "        else",
            "            _scalectl_words \(words(CommandTable.commands.map(\.name))) \"$cur\"",
            "        fi",
            "        return 0",
            "    fi",
            "    local options=\"\" valued=\"\"",
            "    case \"$command\" in",
        ]
        for command in CommandTable.commands {
            lines.append("        \(command.name))")
            lines.append("            case \"$prev\" in")
            lines += valueArms(command.allOptions, indent: "                ")
            lines.append("            esac")
            lines.append("            options=\(words(command.allOptions.flatMap(\.spellings)))")
            lines.append("            valued=\(words(command.allOptions.filter(\.takesValue).flatMap(\.spellings)))")
            lines.append("            ;;")
        }
        lines += [
            "        *) return 0 ;;",
            "    esac",
            "    if [[ \"$cur\" == -* ]]; then",
            "        _scalectl_words \"$options\" \"$cur\"",
            "        return 0",
            "    fi",
            "    # Which positional argument this is: the words after the command that are neither options nor their values.",
            "    local position=0",
            "    skip=0",
            "    for (( i = command_index + 1; i < COMP_CWORD; i++ )); do",
            "        word=\"${COMP_WORDS[i]}\"",
            "        if (( skip > 0 )); then skip=$(( skip - 1 )); continue; fi",
            "        if [[ \" $valued \" == *\" $word \"* ]]; then",
            "            if [[ \"${COMP_WORDS[i+1]}\" == \"=\" ]]; then skip=2; else skip=1; fi",
            "        elif [[ \"$word\" == \"=\" ]]; then",
            "            skip=1",
            "        elif [[ \"$word\" != -* || \"$word\" == \"-\" ]]; then",
            "            position=$(( position + 1 ))",
            "        fi",
            "    done",
            "    case \"$command:$position\" in",
        ]
        for command in CommandTable.commands {
            for (index, argument) in command.arguments.enumerated() where argument.completion != .none {
                lines.append("        \(command.name):\(index)) \(reply(argument.completion)) ;;")
            }
        }
        lines += [
            "    esac",
            "    return 0",
            "}",
            "",
            "complete -F _scalectl scalectl",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: zsh

    static func zsh() -> String {
        /// Text inside single quotes, as a zsh `_arguments` description: brackets and colons escaped.
        func described(_ text: String) -> String {
            var out = ""
            for character in firstSentence(text) {
                switch character {
                case "'": out += "'\\''"
                case "[", "]", ":", "\\": out += "\\" + String(character)
                default: out.append(character)
                }
            }
            return out
        }
        func action(_ kind: CompletionKind) -> String {
            switch kind {
            case .choices(let values): "(\(values.joined(separator: " ")))"
            case .files: "_files"
            case .none, .commands: " "  // `completion` resolves .commands
            }
        }
        func spec(_ option: OptionSpec) -> String {
            let value = option.valueName.map { ":\($0):\(action(option.completion))" } ?? ""
            let long = "--\(option.name)" + (option.takesValue ? "=" : "")
            let body = "[\(described(option.help))]\(value)'"
            if let short = option.short {
                let exclusion = option.isRepeatable ? "*" : "(-\(short) --\(option.name))"
                return "'\(exclusion)'{-\(short)\(option.takesValue ? "+" : ""),\(long)}'" + body
            }
            return "'\(option.isRepeatable ? "*" : "")\(long)" + body
        }
        func argumentSpec(_ argument: ArgumentSpec, position: Int) -> String {
            "'\(position):\(argument.isOptional ? ":" : "")\(argument.name):\(action(argument.completion))'"
        }
        var lines = [
            "#compdef scalectl",
            "# zsh completion for scalectl \(CommandTable.version), generated from its command table by 'scalectl completions zsh'.",
            "# Install: scalectl completions zsh > \"${fpath[1]}/_scalectl\"  (a folder of $fpath), then start a new shell.",
            "",
            "_scalectl() {",
            "    local curcontext=\"$curcontext\" state state_descr line ret=1",
            "    typeset -A opt_args",
            "    _arguments -C \\",
        ]
        lines += leadingOptions.map { "        \(spec($0)) \\" }
        lines += [
            "        '1:command:->command' \\",
            "        '*::argument:->argument' && ret=0",
            "    case $state in",
            "        command)",
            "            local -a commands",
            "            commands=(",
        ]
        // In `_describe` the first colon ends the name; the description is plain text.
        lines += CommandTable.commands.map { "                '\($0.name):\(firstSentence($0.summary).replacing("'", with: "'\\''"))'" }
        lines += [
            "            )",
            "            _describe -t commands 'scalectl command' commands && ret=0",
            "            ;;",
            "        argument)",
            "            curcontext=\"${curcontext%:*:*}:scalectl-$words[1]:\"",
            "            case $words[1] in",
        ]
        for command in CommandTable.commands {
            lines.append("                \(command.name))")
            lines.append("                    _arguments \\")
            lines += command.allOptions.map { "                        \(spec($0)) \\" }
            lines += command.arguments.enumerated().map { "                        \(argumentSpec($1, position: $0 + 1)) \\" }
            lines.append("                        && ret=0")
            lines.append("                    ;;")
        }
        lines += [
            "            esac",
            "            ;;",
            "    esac",
            "    return ret",
            "}",
            "",
            "if [[ \"${funcstack[1]}\" == _scalectl ]]; then _scalectl \"$@\"; else compdef _scalectl scalectl; fi",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: fish

    static func fish() -> String {
        /// A single-quoted fish string.
        func quoted(_ text: String) -> String {
            "'" + text.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
        }
        func line(_ condition: String, _ option: OptionSpec) -> String {
            var parts = ["complete -c scalectl -n \(quoted(condition))"]
            if let short = option.short { parts.append("-s \(short)") }
            parts.append("-l \(option.name)")
            switch (option.takesValue, option.completion) {
            case (false, _): break
            case (true, .choices(let values)): parts.append("-x -a \(quoted(values.joined(separator: " ")))")
            case (true, .files): parts.append("-r -F")
            case (true, .none), (true, .commands): parts.append("-x")  // `completion` resolves .commands
            }
            parts.append("-d \(quoted(firstSentence(option.help)))")
            return parts.joined(separator: " ")
        }
        let names = CommandTable.commands.map(\.name).joined(separator: " ")
        var lines = [
            "# fish completion for scalectl \(CommandTable.version), generated from its command table by 'scalectl completions fish'.",
            "# Install: scalectl completions fish > ~/.config/fish/completions/scalectl.fish",
            "",
            "complete -c scalectl -f",
        ]
        let noCommand = "not __fish_seen_subcommand_from \(names)"
        lines += CommandTable.commands.map {
            "complete -c scalectl -n \(quoted(noCommand)) -a \($0.name) -d \(quoted(firstSentence($0.summary)))"
        }
        lines += leadingOptions.map { line(noCommand, $0) }
        for command in CommandTable.commands {
            let seen = "__fish_seen_subcommand_from \(command.name)"
            lines.append("")
            lines += command.allOptions.map { line(seen, $0) }
            // An argument is offered once the choices of the arguments before it are given.
            var condition = seen
            for argument in command.arguments {
                switch argument.completion {
                case .choices(let values):
                    let others = values.filter { $0 != command.name }.joined(separator: " ")
                    lines.append(
                        "complete -c scalectl -n \(quoted("\(condition); and not __fish_seen_subcommand_from \(others)")) -a \(quoted(values.joined(separator: " ")))"
                    )
                    condition += "; and __fish_seen_subcommand_from \(others)"
                case .files:
                    lines.append("complete -c scalectl -n \(quoted(condition)) -F")
                case .none, .commands:
                    break  // `completion` resolves .commands
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
