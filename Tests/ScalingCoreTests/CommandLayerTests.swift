import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import ScalingCore

/// The typed command layer through the real binary: every report command writes to `-o` what it prints, every format
/// it offers is rendered as that format, and the README's command table says what the command table does.
@Suite struct CommandLayerTests {
    /// Arguments that make each command print a report.
    static let arguments: [String: [String]] = [
        "advise": [TestSupport.fixture("series.csv")],
        "report": [TestSupport.fixture("series.csv")],
        "stage": [TestSupport.fixture("stages/growth.json")],
        "check": [TestSupport.fixture("breaches.json"), "--no-policy"],
        "cost": [TestSupport.fixture("stages/growth.json")],
        "trend": [TestSupport.fixture("series.csv")],
        "review": [TestSupport.fixture("series.csv")],
        "diff": [TestSupport.fixture("stages/early-traction.json"), TestSupport.fixture("stages/growth.json"), "--no-policy"],
        "policy": ["show", "--no-policy"],
        "guide": ["growth"],
    ]

    static let reportCommands = ["advise", "report", "stage", "check", "cost", "trend", "review", "diff", "policy", "guide"]

    @Test func everyCommandThatPrintsAReportTakesOutput() {
        let withOutput = CommandTable.commands.filter { $0.options.contains(CommandTable.output) }.map(\.name)
        #expect(Set(withOutput) == Set(Self.reportCommands))
        #expect(Set(Self.arguments.keys) == Set(Self.reportCommands))
    }

    @Test(arguments: reportCommands)
    func outputWritesWhatStdoutWouldShow(_ name: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-o-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out").path
        let printed = try TestSupport.runBinary([name] + Self.arguments[name]!)
        let written = try TestSupport.runBinary([name] + Self.arguments[name]! + ["-o", path])
        #expect(written.status == printed.status, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!file.isEmpty)
        #expect(file == printed.stdout)
    }

    struct FormatCase: CustomTestStringConvertible, Sendable {
        let command: String
        let format: String
        var testDescription: String { "\(command) --format \(format)" }
    }

    /// Every (command, format) pair the table offers.
    static let formatCases: [FormatCase] = CommandTable.commands.flatMap { command in
        (command.formatOption?.allowedValues ?? []).map { FormatCase(command: command.name, format: $0) }
    }

    @Test(arguments: formatCases)
    func everyFormatIsRenderedAsItsFormat(_ testCase: FormatCase) throws {
        let result = try TestSupport.runBinary([testCase.command] + Self.arguments[testCase.command]! + ["--format", testCase.format])
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        let out = result.stdout
        #expect(!out.isEmpty)
        switch testCase.format {
        case "json", "sarif":
            let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
            #expect(object != nil)
            if testCase.format == "sarif" { #expect(object?["version"] as? String == "2.1.0") }
        case "markdown":
            #expect(out.hasPrefix("#") || out.hasPrefix("|") || out.hasPrefix("**"), "\(out.prefix(80))")
            #expect(!out.contains("\u{1B}["))
        case "junit":
            let parser = XMLParser(data: Data(out.utf8))
            #expect(parser.parse(), "JUnit output is well-formed XML")
        case "github":
            #expect(out.split(separator: "\n").allSatisfy { $0.hasPrefix("::") }, "only workflow commands")
        case "csv":
            #expect(out.hasPrefix("id,metric,value,limit,status,severity\n"))
        case "name":
            #expect(Stage(rawValue: out.trimmingCharacters(in: .newlines)) != nil)
        case "number":
            #expect(Int(out.trimmingCharacters(in: .newlines)) != nil)
        case "text":
            #expect(!out.hasPrefix("{") && !out.hasPrefix("#"))
        default:
            Issue.record("no check for the format \(testCase.format): add one")
        }
    }

    @Test func theREADMECommandTableMatchesTheCommandTable() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `scalectl ") }
        for command in CommandTable.commands {
            let row = try #require(rows.first { $0.hasPrefix("| `scalectl \(command.name)") }, "README has no row for \(command.name)")
            if let formats = command.formatOption?.allowedValues {
                #expect(row.contains("--format " + formats.joined(separator: "\\|")), "README's \(command.name) row lists other formats")
            }
        }
        let outputLine = try #require(readme.split(separator: "\n").first { $0.hasPrefix("The commands that print a report") })
        for command in CommandTable.commands where command.options.contains(CommandTable.output) {
            #expect(outputLine.contains("`\(command.name)`"), "README does not say \(command.name) takes --output")
        }
    }

    @Test func sharedOptionsAreDeclaredOnce() {
        // Every command's --format comes from its format enum; the other shared options are the same value everywhere.
        for name in ["output", "input-format", "color", "quiet", "verbose"] {
            let specs = CommandTable.commands.flatMap(\.allOptions).filter { $0.name == name }
            #expect(Set(specs.map(\.help)).count == 1, "--\(name) is declared more than once")
        }
        for command in CommandTable.commands {
            let formats = command.options.filter { $0.name == "format" }
            #expect(formats.count <= 1)
            #expect(formats.first.map { $0.defaultValue == $0.allowedValues?.first } ?? true)
        }
    }

    @Test func everyCommandRunsItsOwnHandler() {
        // Dispatch is one lookup: a help request per command goes through the table, and each name is unique.
        #expect(Set(CommandTable.commands.map(\.name)).count == CommandTable.commands.count)
        for command in CommandTable.commands {
            let result = TestSupport.run([command.name, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("Usage: scalectl \(command.name)"))
        }
    }
}
