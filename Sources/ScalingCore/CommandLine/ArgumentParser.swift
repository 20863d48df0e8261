/// An option a command accepts, described as data: help, completions and the man page are generated from it.
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes: `format` for `--format`.
    public let name: String
    public let short: Character?
    /// The value's placeholder (`FORMAT`); nil for a flag that takes no value.
    public let valueName: String?
    public let help: String
    /// The values accepted, in the order help shows them; nil accepts any text.
    public let allowedValues: [String]?
    /// The value used when the option is absent, shown in help.
    public let defaultValue: String?
    /// Whether the option may be given several times, each value kept (`--report junit=a.xml --report sarif=b.sarif`).
    public let isRepeatable: Bool
    /// What the value completes to in a shell, as declared (allowed values always complete to themselves).
    public let declaredCompletion: CompletionKind

    public init(
        _ name: String, short: Character? = nil, value valueName: String? = nil, allowed: [String]? = nil,
        default defaultValue: String? = nil, repeatable: Bool = false, completion: CompletionKind = .none, help: String
    ) {
        self.isRepeatable = repeatable
        self.declaredCompletion = completion
        self.name = name
        self.short = short
        self.valueName = valueName
        self.help = help
        self.allowedValues = allowed
        self.defaultValue = defaultValue
    }

    public var takesValue: Bool { valueName != nil }

    /// `-f, --format FORMAT` as help shows it.
    public var synopsis: String {
        let long = "--\(name)" + (valueName.map { " \($0)" } ?? "")
        return short.map { "-\($0), \(long)" } ?? long
    }
}

/// A positional argument of a command.
public struct ArgumentSpec: Sendable, Equatable {
    public let name: String
    public let help: String
    public let isOptional: Bool
    /// The values accepted (`show`, `init`), checked with a "did you mean"; nil accepts any text.
    public let allowedValues: [String]?
    /// What the argument completes to in a shell, as declared (allowed values always complete to themselves).
    public let declaredCompletion: CompletionKind

    public init(name: String, help: String, isOptional: Bool, allowed: [String]? = nil, completion: CompletionKind = .none) {
        self.declaredCompletion = completion
        self.name = name
        self.help = help
        self.isOptional = isOptional
        self.allowedValues = allowed
    }
}

/// One token of the command line after splitting, before any meaning is given to it.
public enum ArgumentToken: Equatable, Sendable {
    /// `--name`, `--name=value` or `-n`; `value` only when attached with `=`.
    case option(name: String, attachedValue: String?, spelled: String)
    /// A short option: `-v`.
    case shortOption(Character, spelled: String)
    /// Anything else, including `-` (standard input) and everything after `--`.
    case positional(String)
}

/// The result of parsing one command's arguments: option values by long name, flags, and positionals.
public struct ParsedArguments: Equatable, Sendable {
    public var values: [String: String] = [:]
    /// Every value of a repeatable option, in order.
    public var lists: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []

    /// The option's value, by its spec: options are read through the table's specs, never by a name spelled again.
    public func value(_ option: OptionSpec) -> String? { values[option.name] }
    /// Every value of a repeatable option.
    public func all(_ option: OptionSpec) -> [String] { lists[option.name] ?? [] }
    /// Whether a flag was given.
    public func has(_ option: OptionSpec) -> Bool { flags.contains(option.name) }
}

/// Two-stage command-line parsing: split into tokens, then validate against a command's option table.
public enum ArgumentParser {
    /// Splits `arguments` into tokens; after `--` every argument is positional.
    public static func split(_ arguments: [String]) -> [ArgumentToken] {
        var tokens: [ArgumentToken] = []
        var onlyPositionals = false
        for argument in arguments {
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                tokens.append(.positional(argument))
            } else if argument == "--" {
                onlyPositionals = true
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    let name = String(body[..<equals])
                    tokens.append(.option(name: name, attachedValue: String(body[body.index(after: equals)...]), spelled: "--\(name)"))
                } else {
                    tokens.append(.option(name: String(body), attachedValue: nil, spelled: argument))
                }
            } else if let first = argument.dropFirst().first, first.isNumber || first == "." {
                tokens.append(.positional(argument))  // a negative number, not an option
            } else if argument.count == 2 {
                tokens.append(.shortOption(argument.last!, spelled: argument))
            } else {
                // `-vq`: a cluster of short flags.
                for character in argument.dropFirst() { tokens.append(.shortOption(character, spelled: "-\(character)")) }
            }
        }
        return tokens
    }

    /// The index of the first positional token that is not the value of an option before it: the subcommand.
    ///
    /// In `scalectl --color never advise m.json` the command is `advise`, not `never`.
    public static func firstPositional(in tokens: [ArgumentToken], options: [OptionSpec]) -> Int? {
        var index = 0
        while index < tokens.count {
            switch tokens[index] {
            case .positional:
                return index
            case .option(let name, nil, _) where options.first(where: { $0.name == name })?.takesValue == true:
                index += 1
            case .shortOption(let character, _) where options.first(where: { $0.short == character })?.takesValue == true:
                index += 1
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Validates tokens against `options`: unknown options get a "did you mean", values are checked against their allowed lists.
    public static func parse(_ tokens: [ArgumentToken], options: [OptionSpec], command: String?) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        func spec(named name: String, spelled: String) throws(UsageError) -> OptionSpec {
            if let spec = options.first(where: { $0.name == name }) { return spec }
            // A unique prefix is not accepted: scripts must not break when an option is added.
            let names = options.map { "--\($0.name)" }
            throw .unknownOption(spelled, command: command, suggestion: Suggestion.nearest(to: "--\(name)", in: names))
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            let option: OptionSpec
            var value: String?
            let spelled: String
            switch token {
            case .positional(let text):
                result.positionals.append(text)
                continue
            case .option(let name, let attached, let written):
                option = try spec(named: name, spelled: written)
                value = attached
                spelled = written
            case .shortOption(let character, let written):
                guard let match = options.first(where: { $0.short == character }) else {
                    throw .unknownOption(written, command: command, suggestion: nil)
                }
                option = match
                spelled = written
            }
            guard option.takesValue else {
                if value != nil { throw .unexpectedValue(option: "--\(option.name)") }
                result.flags.insert(option.name)
                continue
            }
            if value == nil {
                guard index < tokens.count, case .positional(let next) = tokens[index] else {
                    throw .missingValue(option: spelled, valueName: option.valueName ?? "VALUE")
                }
                value = next
                index += 1
            }
            guard var text = value else { continue }
            if let allowed = option.allowedValues {
                guard let match = allowed.first(where: { $0.lowercased() == text.lowercased() }) else {
                    throw .invalidValue(
                        option: "--\(option.name)", value: text, allowed: allowed,
                        suggestion: Suggestion.nearest(to: text, in: allowed))
                }
                text = match
            }
            if option.isRepeatable { result.lists[option.name, default: []].append(text) }
            result.values[option.name] = text  // the last occurrence wins, as in most tools, so wrappers can override
        }
        return result
    }
}
