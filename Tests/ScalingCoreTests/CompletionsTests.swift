import Foundation
import Testing

@testable import ScalingCore

/// Completion scripts and the man page are generated from the command table: they offer every option the parser takes.
@Suite struct CompletionsTests {
    /// Every option the parser accepts: each command's (its own and the shared ones) and the top-level ones.
    static var everyOption: [OptionSpec] { CommandTable.commands.flatMap(\.allOptions) + CommandTable.topLevelOptions }

    /// How `option` is spelled in a script for `shell`.
    static func spellings(_ option: OptionSpec, in shell: Shell) -> [String] {
        switch shell {
        case .bash, .zsh: return ["--\(option.name)"] + (option.short.map { ["-\($0)"] } ?? [])
        case .fish: return ["-l \(option.name)"] + (option.short.map { ["-s \($0)"] } ?? [])
        }
    }

    @Test(arguments: Shell.allCases)
    func everyCommandOptionAndAllowedValueIsInTheScript(_ shell: Shell) {
        let script = Completions.script(for: shell)
        for command in CommandTable.commands {
            #expect(script.contains(command.name), "\(shell): command \(command.name)")
            for option in command.allOptions {
                for spelling in Self.spellings(option, in: shell) {
                    #expect(script.contains(spelling), "\(shell): \(command.name) \(spelling)")
                }
                for value in option.allowedValues ?? [] {
                    #expect(script.contains(value), "\(shell): \(command.name) --\(option.name) \(value)")
                }
            }
            for argument in command.arguments {
                if case .choices(let values) = argument.completion {
                    for value in values { #expect(script.contains(value), "\(shell): \(command.name) \(argument.name) \(value)") }
                }
            }
        }
        for option in CommandTable.topLevelOptions {
            for spelling in Self.spellings(option, in: shell) { #expect(script.contains(spelling), "\(shell): top-level \(spelling)") }
        }
    }

    @Test func argumentsCompleteByMeaning() {
        #expect(CommandTable.command(named: "advise")!.arguments[0].completion == .files)
        #expect(CommandTable.command(named: "policy")!.arguments[0].completion == .choices(["show", "init"]))
        #expect(CommandTable.command(named: "guide")!.arguments[0].completion == .choices(Stage.allCases.map(\.rawValue)))
        #expect(CommandTable.command(named: "completions")!.arguments[0].completion == .choices(["bash", "zsh", "fish"]))
        let stage = CommandTable.command(named: "stage")!.allOptions
        #expect(stage.first { $0.name == "at-least" }?.completion == .choices(Stage.allCases.map(\.rawValue)))
        #expect(stage.first { $0.name == "output" }?.completion == .files)
        #expect(stage.first { $0.name == "what-if" }?.completion == CompletionKind.none)
    }

    // MARK: real shells

    /// Runs `script` with bash, `$0` being the built scalectl, or nil (and prints why) when bash is absent.
    static func bash(_ script: String) throws -> TestSupport.Outcome? {
        guard let bash = ["/bin/bash", "/usr/bin/bash"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("skipped: bash is not installed")
            return nil
        }
        return try TestSupport.runBinary(["-c", script, TestSupport.binary.path], executable: bash)
    }

    @Test func bashLoadsTheScriptAndRegistersTheFunction() throws {
        guard let outcome = try Self.bash("source <(\"$0\" completions bash) && complete -p scalectl") else { return }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("-F _scalectl"), "\(outcome.stdout)")
        #expect(outcome.stdout.hasSuffix("scalectl\n"))
    }

    struct BashCase: CustomTestStringConvertible, Sendable {
        let line: [String]
        let offered: [String]
        let notOffered: [String]
        var testDescription: String { line.joined(separator: " ") + "<TAB>" }
    }

    static let bashCases: [BashCase] = [
        BashCase(line: ["scalectl", "ch"], offered: ["check"], notOffered: ["cost"]),
        BashCase(line: ["scalectl", "check", "--fo"], offered: ["--format"], notOffered: ["--fail-on"]),
        BashCase(line: ["scalectl", "check", "--format", "j"], offered: ["json", "junit"], notOffered: ["text"]),
        BashCase(line: ["scalectl", "check", "--format", "=", ""], offered: ["sarif", "github"], notOffered: []),
        BashCase(line: ["scalectl", "--color", "never", "ad"], offered: ["advise"], notOffered: []),
        BashCase(line: ["scalectl", "stage", "--at-least", "g"], offered: ["growth"], notOffered: ["scale"]),
        BashCase(line: ["scalectl", "policy", ""], offered: ["show", "init"], notOffered: []),
        BashCase(line: ["scalectl", "completions", "b"], offered: ["bash"], notOffered: ["zsh"]),
        BashCase(line: ["scalectl", "guide", "e"], offered: ["early-traction", "enterprise"], notOffered: []),
        BashCase(line: ["scalectl", "advise", "-"], offered: ["--what-if", "-q", "--quiet"], notOffered: ["--fail-on"]),
        BashCase(line: ["scalectl", "diff", "Fixtures/stages/gro"], offered: ["Fixtures/stages/growth.json"], notOffered: []),
        BashCase(
            line: ["scalectl", "diff", "-f", "json", "a.json", "Fixtures/stages/sc"], offered: ["Fixtures/stages/scale.csv"], notOffered: []
        ),
    ]

    /// Calls the completion function as bash does on TAB, with COMP_WORDS and COMP_CWORD set.
    @Test(arguments: bashCases)
    func bashCompletes(_ testCase: BashCase) throws {
        let words = testCase.line.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            source <("$0" completions bash) || exit 3
            COMP_WORDS=(\(words)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _scalectl scalectl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        guard let outcome = try Self.bash(script) else { return }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let offered = Set(outcome.stdout.split(separator: "\n").map(String.init))
        for word in testCase.offered { #expect(offered.contains(word), "offered: \(offered.sorted())") }
        for word in testCase.notOffered { #expect(!offered.contains(word), "offered: \(offered.sorted())") }
    }

    /// `zsh -n` and `fish --no-execute` parse the scripts, where those shells are installed.
    @Test(arguments: [(Shell.zsh, ["-n"]), (Shell.fish, ["--no-execute"])])
    func otherShellsParseTheirScripts(_ shell: Shell, _ flags: [String]) throws {
        let found = ["/usr/bin/\(shell)", "/bin/\(shell)", "/usr/local/bin/\(shell)"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let found else {
            print("skipped: \(shell) is not installed (apt-get install -y \(shell))")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-completion-\(UUID().uuidString)")
        try Completions.script(for: shell).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try TestSupport.runBinary(flags + [file.path], executable: found)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
    }

    @Test func fishOffersFormatsAndStages() throws {
        guard let fish = ["/usr/bin/fish", "/bin/fish"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("skipped: fish is not installed")
            return
        }
        let script =
            "source (\(TestSupport.binary.path) completions fish | psub); complete -C 'scalectl ch'; complete -C 'scalectl check --format j'"
        let outcome = try TestSupport.runBinary(["-c", script], executable: fish)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("check\t"))
        #expect(outcome.stdout.contains("json\t") && outcome.stdout.contains("junit\t"))
    }

    // MARK: man page

    @Test func manPageNamesEveryOptionCommandVariableAndExitCode() {
        let page = ManPage.render()
        for option in Self.everyOption {
            #expect(page.contains("\\fB\\-\\-\(option.name.replacingOccurrences(of: "-", with: "\\-"))\\fR"), "--\(option.name)")
            if let short = option.short { #expect(page.contains("\\fB\\-\(short)\\fR"), "-\(short)") }
            for value in option.allowedValues ?? [] { #expect(page.contains(ManPage.escape(value)), "--\(option.name) \(value)") }
            if let value = option.defaultValue { #expect(page.contains("Default: \(ManPage.escape(value))."), "--\(option.name) default") }
        }
        for command in CommandTable.commands {
            #expect(page.contains(".SS \(ManPage.escape(command.name))\n"), "\(command.name)")
            for example in command.examples { #expect(page.contains(ManPage.escape(example)), "\(example)") }
        }
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES"] {
            #expect(page.contains(".SH \(section)\n"), "\(section)")
        }
        for variable in [
            "NO_COLOR", "SCALECTL_POLICY", "SCALECTL_FAIL_ON", "SCALECTL_REQUIRE_ALL", "SCALECTL_FAIL_ON_REGRESSION", "GITHUB_STEP_SUMMARY",
        ] {
            #expect(page.contains("\\fB\(ManPage.escape(variable))\\fR"), "\(variable)")
        }
        #expect(page.contains("\\fBSCALECTL_LIMIT_<ID>\\fR"))
        for code in ExitCode.allCases { #expect(page.contains(".TP\n\\fB\(code.rawValue)\\fR\n\(ManPage.escape(code.meaning))")) }
    }

    @Test func roffEscapesHyphensBackslashesAndLeadingDots() {
        #expect(ManPage.escape("--format") == "\\-\\-format")
        #expect(ManPage.escape("C:\\path") == "C:\\epath")
        #expect(ManPage.escape(".scalectl.json is read") == "\\&.scalectl.json is read")
        #expect(ManPage.escape("'quoted' start") == "\\&'quoted' start")
        #expect(ManPage.escape("mid.dle") == "mid.dle")
    }

    @Test func manPageHasNoBareHyphenOrUnknownEscape() {
        let page = ManPage.render()
        for (number, line) in page.split(separator: "\n").enumerated() where !line.hasPrefix(".\\\"") {
            let characters = Array(line)
            for index in characters.indices {
                if characters[index] == "-" {
                    #expect(index > 0 && characters[index - 1] == "\\", "line \(number + 1): bare hyphen: \(line)")
                }
                if characters[index] == "\\", index == 0 || characters[index - 1] != "\\" {
                    let next = index + 1 < characters.count ? characters[index + 1] : " "
                    #expect("-e&f".contains(next), "line \(number + 1): unknown escape \\\(next): \(line)")
                }
            }
            #expect(!line.hasPrefix("'"), "line \(number + 1) starts with a quote: \(line)")
        }
    }

    @Test func groffReadsTheManPageWithoutWarnings() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") else {
            print("skipped: groff is not installed")
            return
        }
        let outcome = try TestSupport.runBinary(
            ["-c", "\"$0\" help --man | groff -man -Tutf8 -ww -z", TestSupport.binary.path], executable: "/bin/sh")
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
    }

    // MARK: the commands

    @Test func completionsAndManPrintFromTheBinary() throws {
        for shell in Shell.allCases {
            let outcome = try TestSupport.runBinary(["completions", shell.rawValue])
            #expect(outcome.status == 0)
            #expect(outcome.stdout == Completions.script(for: shell))
            #expect(outcome.stderr.isEmpty)
        }
        let man = try TestSupport.runBinary(["help", "--man"])
        #expect(man.status == 0)
        #expect(man.stdout == ManPage.render())
    }

    struct MistakeCase: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let mistakes: [MistakeCase] = [
        MistakeCase(arguments: ["completions", "bsh"], message: "does not accept SHELL 'bsh' (did you mean 'bash'?)"),
        MistakeCase(arguments: ["completions", "fihs"], message: "(did you mean 'fish'?); expected one of: bash, zsh, fish"),
        MistakeCase(arguments: ["completions"], message: "'completions' needs SHELL"),
        MistakeCase(arguments: ["completions", "bash", "zsh"], message: "unexpected extra argument 'zsh'"),
        MistakeCase(arguments: ["completion", "bash"], message: "unknown command 'completion' (did you mean 'completions'?)"),
        MistakeCase(arguments: ["help", "--mna"], message: "unknown option '--mna' for 'help' (did you mean --man?)"),
        MistakeCase(arguments: ["help", "--man", "check"], message: "unexpected extra argument 'check'"),
        MistakeCase(arguments: ["help", "completoins"], message: "(did you mean 'completions'?)"),
        MistakeCase(arguments: ["policy", "sohw"], message: "'policy' does not accept ACTION 'sohw' (did you mean 'show'?)"),
    ]

    @Test(arguments: mistakes)
    func mistakesGetDidYouMean(_ testCase: MistakeCase) {
        let outcome = TestSupport.run(testCase.arguments)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains(testCase.message), "\(outcome.stderr)")
    }

    @Test func allowedArgumentsAreCaseInsensitive() {
        #expect(TestSupport.run(["completions", "BASH"]).stdout == Completions.script(for: .bash))
    }
}
