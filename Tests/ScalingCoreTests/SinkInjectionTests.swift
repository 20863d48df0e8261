import Foundation
import Testing

@testable import ScalingCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every sink gets the same hostile text (a policy file's threshold `action`, a file name, an environment variable's
/// name) through the real binary, and its output is read back with a real parser: none lets a line, a tag, a cell or a
/// workflow command out of its place.
@Suite struct SinkInjectionTests {
    /// Everything that has ended a line, started a CI command, opened markup or moved the cursor somewhere.
    static let hostile =
        "A\nB\r\n::add-mask::secret\n  ::error file=x::forged ##[warning]old %0A 50%25 \u{1B}[31mRED\u{1B}]0;t\u{07} NUL\u{0}x "
        + "C1\u{9B}31m NEL\u{85}y LS\u{2028}z RLO\u{202E}w ]]> <script>alert(1)</script> | pipe | `tick` =cmd|' /C calc'!A0"

    /// A file name with the same characters, but those a path cannot hold (`/`, NUL).
    static let hostileFileName = "m\n::warning::forged \u{1B}[31m\u{85}\u{2028}\u{202E}|`<script>=cmd%0A.json"

    /// A folder with the metrics (under a hostile name) and a policy whose breached threshold's action is hostile.
    struct Setup {
        let folder: URL
        var metrics: String { folder.appendingPathComponent(SinkInjectionTests.hostileFileName).path }
        var policy: String { folder.appendingPathComponent("policy.json").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-sinks-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let policy: [String: Any] = [
                "description": SinkInjectionTests.hostile,
                "thresholds": [
                    [
                        "id": "hostile", "metric": "response_p95_ms", "comparison": ">", "limit": 100,
                        "action": SinkInjectionTests.hostile, "description": SinkInjectionTests.hostile,
                    ]
                ],
            ]
            try JSONSerialization.data(withJSONObject: policy).write(to: URL(fileURLWithPath: self.policy))
            try Data(#"{"timestamp": "2026-11-01", "users": 5000, "response_p95_ms": 700, "error_rate": 0.02}"#.utf8)
                .write(to: URL(fileURLWithPath: metrics))
        }
    }

    /// Whether text holds a character that acts instead of showing (a line feed separates lines and is allowed).
    static func rawControl(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { $0 != "\n" && TerminalSink.isUnsafe($0) }
    }

    /// Lines a GitHub runner would execute as workflow commands.
    static func commandLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { WorkflowCommandGuard.startsCommand($0) }
    }

    struct SinkCase: CustomTestStringConvertible, Sendable {
        let sink: String
        let arguments: [String]
        var testDescription: String { sink }
    }

    static let sinks: [SinkCase] = [
        SinkCase(sink: "check text", arguments: ["check", "--format", "text", "--explain"]),
        SinkCase(sink: "check markdown", arguments: ["check", "--format", "markdown"]),
        SinkCase(sink: "check github", arguments: ["check", "--format", "github"]),
        SinkCase(sink: "check junit", arguments: ["check", "--format", "junit"]),
        SinkCase(sink: "check sarif", arguments: ["check", "--format", "sarif"]),
        SinkCase(sink: "check json", arguments: ["check", "--format", "json"]),
        SinkCase(sink: "check csv", arguments: ["check", "--format", "csv"]),
        SinkCase(sink: "advise text", arguments: ["advise", "--format", "text", "--explain"]),
        SinkCase(sink: "advise markdown", arguments: ["advise", "--format", "markdown"]),
        SinkCase(sink: "advise json", arguments: ["advise", "--format", "json"]),
        SinkCase(sink: "report html", arguments: ["report"]),
        SinkCase(sink: "policy show text", arguments: ["policy", "show"]),
    ]

    @Test(arguments: sinks)
    func hostileTextStaysInItsPlace(_ testCase: SinkCase) throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let file = testCase.arguments[0] == "policy" ? [] : [setup.metrics]
        let summary = setup.folder.appendingPathComponent("summary.md").path
        let result = try TestSupport.runBinary(
            [testCase.arguments[0]] + file + Array(testCase.arguments.dropFirst()) + ["--policy", setup.policy, "--color", "always"],
            environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.status == (testCase.arguments[0] == "check" ? 1 : 0), "\(result.stderr)")
        let out = result.stdout
        #expect(Self.rawControl(in: result.stderr) == nil, "stderr: \(result.stderr.debugDescription)")
        #expect(Self.commandLines(result.stderr).isEmpty)
        switch testCase.sink {
        case "check github":
            // Every line is a command scalectl wrote: one per verdict, its kind, file, place and title its own.
            let lines = out.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(
                    line.wholeMatch(of: /::(error|warning|notice) file=[^:,]*(,line=\d+)?(,col=\d+)?,title=[A-Za-z0-9._-]+::[^\n]*/) != nil,
                    "\(line.debugDescription)")
            }
            #expect(lines.filter { $0.contains("title=hostile::") }.count == 1)
            #expect(Self.rawControl(in: out) == nil, "\(out.debugDescription)")
            // The job summary is Markdown: no raw tag, no control, no command line.
            let written = try String(contentsOfFile: summary, encoding: .utf8)
            #expect(Self.rawControl(in: written) == nil && Self.commandLines(written).isEmpty && !written.contains("<script"))
        case "check junit":
            let parsed = try JUnitFailures(xml: out)
            // The action reaches the failure message whole, in text a parser reads back: markup and lines inert.
            let message = try #require(parsed.failures["hostile"])
            #expect(message.contains("<script>alert(1)</script>") && message.contains("]]>") && message.contains("\n::add-mask::secret"))
            // Line breaks are data, written as references; every other control is a visible escape.
            #expect(
                Self.rawControl(in: String(String.UnicodeScalarView(message.unicodeScalars.filter { $0 != "\r" }))) == nil,
                "\(message.debugDescription)")
            #expect(Self.commandLines(out).isEmpty, "\(Self.commandLines(out))")
        case "check sarif", "check json", "advise json":
            // JSON escapes are lossless: the action reads back exactly as the policy wrote it.
            let object = try JSONSerialization.jsonObject(with: Data(out.utf8))
            #expect(Self.strings(in: object).contains { $0.contains(Self.hostile) })
            #expect(Self.rawControl(in: out) == nil && Self.commandLines(out).isEmpty)
        case "check csv":
            let table = try CSVReader.read(Array(out.utf8))
            #expect(table.header == ["id", "metric", "value", "limit", "status", "severity"])
            #expect(table.records.contains { $0.fields.first == "hostile" })
            #expect(Self.rawControl(in: out) == nil && Self.commandLines(out).isEmpty)
        case "check markdown", "advise markdown":
            #expect(Self.rawControl(in: out) == nil, "\(out.debugDescription)")
            #expect(Self.commandLines(out).isEmpty, "\(Self.commandLines(out))")
            #expect(!out.contains("<script"))
            // Every table row has as many cells as its header: no pipe or newline from the input splits one.
            var columns: Int?
            for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else { columns = nil; continue }
                let cells = Self.unescapedPipes(line)
                if let columns { #expect(cells == columns, "\(line)") } else { columns = cells }
            }
            #expect(out.contains("hostile"))
        case "report html":
            #expect(!out.contains("<script"))
            #expect(Self.rawControl(in: out) == nil)
            #expect(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        default:  // terminal text, colored
            let withoutColors = out.replacing(/\u{1B}\[[0-9;]*m/, with: "")
            #expect(Self.rawControl(in: withoutColors) == nil, "\(out.debugDescription)")
            #expect(Self.commandLines(out).isEmpty, "\(Self.commandLines(out))")
            #expect(!out.contains("\u{1B}[31mRED") && !out.contains("\u{1B}]0;"))
        }
    }

    @Test func aHostileVariableNameReachesStderrEscaped() throws {
        let name = "SCALECTL_LIMIT_X\u{1B}[31m\u{202E}\u{85}\n::add-mask::y"
        let result = try TestSupport.runBinary(["check", TestSupport.fixture("breaches.json")], environment: [name: "5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("SCALECTL_LIMIT_X\\u{1b}[31m\\u{202e}\\u{85}\\n::add-mask::y"), "\(result.stderr.debugDescription)")
        #expect(Self.rawControl(in: result.stderr) == nil)
        #expect(Self.commandLines(result.stderr).isEmpty)
    }

    @Test(arguments: [
        ("::add-mask::x", "\\::add-mask::x"), ("  ::error::x", "  \\::error::x"), ("a ##[warning]b", "a ##\\[warning]b"),
        ("a :: b", "a :: b"),
    ])
    func theGuardMakesEveryCommandLineInert(line: String, written: String) {
        #expect(WorkflowCommandGuard.neutralize("ok\n\(line)\n") == "ok\n\(written)\n")
        #expect(Self.commandLines(WorkflowCommandGuard.neutralize(line)).isEmpty)
    }

    /// Every string anywhere in a parsed JSON value.
    static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap(strings)
        case let object as [String: Any]: object.values.flatMap(strings)
        default: []
        }
    }

    /// The cells of a Markdown table row: pipes not escaped by a backslash, minus one.
    static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count - 1
    }
}

/// A JUnit file read with Foundation's XMLParser: each testcase's failure message.
final class JUnitFailures: NSObject, XMLParserDelegate {
    var failures: [String: String] = [:]
    private var testcase: String?

    init(xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "testcase" { testcase = attributes["name"] }
        if name == "failure", let testcase { failures[testcase] = attributes["message"] }
    }
}
