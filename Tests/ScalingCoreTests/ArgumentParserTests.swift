import Testing

@testable import ScalingCore

@Suite struct ArgumentParserTests {
    @Test func splitsLongShortAttachedAndPositionals() {
        #expect(
            ArgumentParser.split(["advise", "--format=json", "--explain", "-v", "-", "--", "--odd-file"]) == [
                .positional("advise"),
                .option(name: "format", attachedValue: "json", spelled: "--format"),
                .option(name: "explain", attachedValue: nil, spelled: "--explain"),
                .shortOption("v", spelled: "-v"),
                .positional("-"),
                .positional("--odd-file"),
            ])
        #expect(ArgumentParser.split(["-5"]) == [.positional("-5")])
        #expect(ArgumentParser.split(["-vh"]) == [.shortOption("v", spelled: "-v"), .shortOption("h", spelled: "-h")])
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let expected: Result<ParsedArguments, UsageError>
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let advise = CommandTable.command(named: "advise")!

    static let cases: [Case] = [
        Case(
            arguments: ["m.json", "--format", "json"],
            expected: .success(ParsedArguments(values: ["format": "json"], positionals: ["m.json"]))),
        Case(
            arguments: ["--format=MARKDOWN", "m.json"],
            expected: .success(ParsedArguments(values: ["format": "markdown"], positionals: ["m.json"]))),
        Case(
            arguments: ["-f", "text", "--format", "json", "m.json"],
            expected: .success(ParsedArguments(values: ["format": "json"], positionals: ["m.json"]))),
        Case(
            arguments: ["m.json", "--explain", "-v"],
            expected: .success(ParsedArguments(flags: ["explain", "verbose"], positionals: ["m.json"]))),
        Case(
            arguments: ["m.json", "--fromat", "json"],
            expected: .failure(.unknownOption("--fromat", command: "advise", suggestion: "--format"))),
        Case(
            arguments: ["m.json", "--form", "json"], expected: .failure(.unknownOption("--form", command: "advise", suggestion: "--format"))
        ),
        Case(arguments: ["m.json", "-x"], expected: .failure(.unknownOption("-x", command: "advise", suggestion: nil))),
        Case(arguments: ["m.json", "--format"], expected: .failure(.missingValue(option: "--format", valueName: "FORMAT"))),
        Case(
            arguments: ["m.json", "--format", "yaml"],
            expected: .failure(.invalidValue(option: "--format", value: "yaml", allowed: ["text", "json", "markdown"], suggestion: nil))),
        Case(
            arguments: ["m.json", "--format", "jsno"],
            expected: .failure(.invalidValue(option: "--format", value: "jsno", allowed: ["text", "json", "markdown"], suggestion: "json"))),
        Case(arguments: ["m.json", "--explain=yes"], expected: .failure(.unexpectedValue(option: "--explain"))),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) {
        let tokens = ArgumentParser.split(testCase.arguments)
        let result = Result { () throws(UsageError) -> ParsedArguments in
            try ArgumentParser.parse(tokens, options: Self.advise.allOptions, command: "advise")
        }
        #expect(result == testCase.expected)
    }

    @Test func everyCommandHasHelpWithAnExampleAndEveryOptionIsDocumented() {
        for command in CommandTable.commands {
            let help = HelpText.command(command)
            #expect(!command.examples.isEmpty, "\(command.name)")
            for option in command.allOptions { #expect(help.contains("--\(option.name)"), "\(command.name) --\(option.name)") }
            #expect(help.contains("Exit codes:"))
        }
        for command in CommandTable.commands { #expect(HelpText.overview().contains(command.name)) }
    }

    @Test func optionNamesAreUniquePerCommand() {
        for command in CommandTable.commands {
            let names = command.allOptions.map(\.name)
            #expect(Set(names).count == names.count, "\(command.name)")
            let shorts = command.allOptions.compactMap(\.short)
            #expect(Set(shorts).count == shorts.count, "\(command.name)")
        }
    }
}
