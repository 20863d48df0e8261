import Foundation
import Testing

@testable import ScalingCore

/// What came from the input is escaped in every output, and report files are written whole and never over an input.
@Suite struct SafeOutputTests {
    // MARK: CSV

    struct CellCase: CustomTestStringConvertible, Sendable {
        let cell: String
        let written: String
        var testDescription: String { cell.debugDescription }
    }

    static let cells: [CellCase] = [
        CellCase(cell: "=HYPERLINK(\"http://x\",\"y\")", written: "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        CellCase(cell: "=1+1", written: "'=1+1"),
        CellCase(cell: "+cmd|' /C calc'!A0", written: "'+cmd|' /C calc'!A0"),
        CellCase(cell: "-2+3", written: "'-2+3"),
        CellCase(cell: "@SUM(A1:A2)", written: "'@SUM(A1:A2)"),
        CellCase(cell: "\t=1", written: "'\t=1"),
        CellCase(cell: "\r=1", written: "\"'\r=1\""),
        CellCase(cell: "-", written: "'-"),
        CellCase(cell: "-3.5", written: "-3.5"),
        CellCase(cell: "+2", written: "+2"),
        CellCase(cell: "-1e6", written: "-1e6"),
        CellCase(cell: "-.5", written: "-.5"),
        CellCase(cell: "0.015", written: "0.015"),
        CellCase(cell: "a=b", written: "a=b"),
        CellCase(cell: "a,b", written: "\"a,b\""),
        CellCase(cell: "say \"hi\"", written: "\"say \"\"hi\"\"\""),
        CellCase(cell: "two\nlines", written: "\"two\nlines\""),
        CellCase(cell: "", written: ""),
    ]

    @Test(arguments: cells)
    func csvCellsAreQuotedAndNeutralized(_ testCase: CellCase) throws {
        let text = CSVWriter.write([["a", "b"], [testCase.cell, "x"]])
        #expect(text == "a,b\n\(testCase.written),x\n")
        let table = try CSVReader.read(Array(text.utf8))
        #expect(table.records.map(\.fields) == [[CSVWriter.neutralized(testCase.cell), "x"]])
    }

    @Test func anEmptyCellAloneOnItsRowIsQuotedSoTheRowSurvives() throws {
        let text = CSVWriter.write([["notes"], [""], ["x"]])
        #expect(text == "notes\n\"\"\nx\n")
        #expect(try CSVReader.read(Array(text.utf8)).records.map(\.fields) == [[""], ["x"]])
    }

    @Test func checkWritesOneCSVRowPerThreshold() throws {
        let result = try TestSupport.runBinary(["check", TestSupport.fixture("breaches.json"), "--format", "csv"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                id,metric,value,limit,status,severity
                response-time,response_p95_ms,720,500,breach,warning
                database-cpu,db_cpu,0.64,0.5,breach,warning
                error-rate,error_rate,0.018,0.01,breach,critical
                cache-hit-rate,cache_hit_rate,0.71,0.8,breach,warning
                request-count,requests_per_month,11800000,10000000,breach,warning
                database-connections,db_connections,100,100,breach,warning

                """)
        let partial = TestSupport.run(["check", "m.json", "-f", "csv"], files: ["m.json": #"{"response_p95_ms": 120}"#])
        #expect(partial.status == 0)
        #expect(partial.stdout.split(separator: "\n")[1] == "response-time,response_p95_ms,120,500,pass,")
        #expect(partial.stdout.split(separator: "\n")[2] == "database-cpu,db_cpu,,0.5,unknown,")
    }

    // MARK: Terminal and Markdown

    /// A hostile input and the command that shows it.
    struct TerminalCase: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        let files: [String: String]
        var testDescription: String { name }
    }

    static let terminalCases: [TerminalCase] = [
        TerminalCase(name: "ESC in a CSV header", arguments: ["stage", "m.csv"], files: ["m.csv": "users,\u{1B}[2J\u{1B}[31mred\n1,2\n"]),
        TerminalCase(
            name: "ESC in a JSON key", arguments: ["advise", "m.json"], files: ["m.json": "{\"users\": 1, \"\u{1B}]0;title\u{07}\": 2}"]),
        TerminalCase(name: "C1 CSI in a JSON key", arguments: ["stage", "m.json"], files: ["m.json": "{\"users\": 1, \"\u{9B}31m\": 2}"]),
        TerminalCase(name: "ESC in a bad value", arguments: ["stage", "m.csv"], files: ["m.csv": "users\n\u{1B}[31m12\n"]),
        TerminalCase(
            name: "ESC in a JSON string value", arguments: ["check", "m.json"], files: ["m.json": "{\"error_rate\": \"1%\u{1B}[0m\"}"]),
        TerminalCase(
            name: "ESC in a checklist id", arguments: ["advise", "m.json"],
            files: ["m.json": "{\"users\": 1, \"checklist_done\": [\"caching.cdn\u{1B}[8m\"]}"]),
        TerminalCase(
            name: "ESC in the file name", arguments: ["advise", "m\u{1B}[31m.json"], files: ["m\u{1B}[31m.json": #"{"users": 1}"#]),
        TerminalCase(name: "ESC in a missing file's name", arguments: ["stage", "/nonexistent/\u{1B}[31m.json"], files: [:]),
        TerminalCase(
            name: "ESC in an alias shown with --verbose", arguments: ["check", "m.csv", "--verbose"],
            files: ["m.csv": "p95_ms,x\u{1B}y\n100,1\n"]),
        TerminalCase(
            name: "backspace and BEL in a header", arguments: ["stage", "m.csv"], files: ["m.csv": "users,a\u{08}\u{07}b\n1,2\n"]),
        TerminalCase(
            name: "right-to-left override in a key", arguments: ["stage", "m.json"], files: ["m.json": "{\"users\": 1, \"\u{202E}x\": 2}"]),
        TerminalCase(name: "ESC in an unknown option", arguments: ["stage", "m.json", "--\u{1B}[31m"], files: [:]),
        TerminalCase(name: "ESC in an unknown command", arguments: ["\u{1B}[31madvise"], files: [:]),
    ]

    /// Whether text holds a character that would act on a terminal instead of being shown.
    static func rawControl(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            (scalar.value < 0x20 && scalar != "\n") || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format
        }
    }

    @Test(arguments: terminalCases)
    func inputTextNeverReachesTheTerminalRaw(_ testCase: TerminalCase) {
        let result = TestSupport.run(testCase.arguments, files: testCase.files)
        #expect(!(result.stdout + result.stderr).isEmpty)
        #expect(Self.rawControl(in: result.stdout) == nil, "stdout: \(result.stdout.debugDescription)")
        #expect(Self.rawControl(in: result.stderr) == nil, "stderr: \(result.stderr.debugDescription)")
    }

    @Test func theRealBinaryEscapesAHeaderOnStderr() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-esc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("m.csv").path
        try Data("users,\u{1B}[31mred\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try TestSupport.runBinary(["stage", path, "--color", "always"])
        #expect(result.stdout == "mvp\n")
        #expect(
            result.stderr == "scalectl: warning: \(path): line 1, column \"\\u{1b}[31mred\": unknown field \"\\u{1b}[31mred\" ignored\n")
    }

    @Test func jsonOutputEscapesControlCharacters() throws {
        let name = "m\u{1B}\u{7}\"\\.json"
        let result = TestSupport.run(["stage", name, "--format", "json"], files: [name: #"{"users": 1}"#])
        #expect(result.status == 0)
        #expect(Self.rawControl(in: result.stdout) == nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["source"] as? [String: Any])?["file"] as? String == name)
    }

    @Test func markdownKeepsInputInsideItsCell() {
        let name = "a|b\\c\n# h <script>&`x`*[y](z).json"
        let result = TestSupport.run(["advise", name, "--format", "markdown"], files: [name: #"{"users": 20000}"#])
        #expect(result.status == 0)
        let heading = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)[0]
        #expect(heading == ##"# Scaling advice: a\|b\\c\\n\# h &lt;script&gt;&amp;\`x\`\*\[y\](z).json"##)
        #expect(!result.stdout.contains("<script>"))
        // Every table row still has the cells its header has.
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("| ") {
            let unescapedPipes = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(unescapedPipes == 6 || unescapedPipes == 4, "\(line)")
        }
    }

    // MARK: --output

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test(arguments: [
        ["advise", "-f", "markdown"], ["check", "--format", "csv"], ["cost"], ["stage", "--format", "json"], ["guide", "growth"],
    ])
    func outputWritesWhatStdoutWouldShow(_ command: [String]) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = TestSupport.fixture("breaches.json")
        let arguments = command[0] == "guide" ? command : [command[0], input] + command.dropFirst()
        let shown = try TestSupport.runBinary(arguments)
        let report = folder.appendingPathComponent("report.txt").path
        let written = try TestSupport.runBinary(arguments + ["-o", report])
        #expect(written.status == shown.status)
        #expect(written.stdout == "")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == shown.stdout)
        #expect(try contents(of: folder) == ["report.txt"], "no temporary file left behind")
    }

    @Test func outputReplacesAnExistingFileKeepingItsMode() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("SCALING.md").path
        try Data("old report\n".utf8).write(to: URL(fileURLWithPath: report))
        chmod(report, 0o640)
        let result = try TestSupport.runBinary(["advise", TestSupport.fixture("stages/growth.json"), "-f", "markdown", "--output", report])
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8).hasPrefix("# Scaling advice: "))
        let mode = try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try contents(of: folder) == ["SCALING.md"])
    }

    struct SameFileCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// The output path given for `folder/metrics.json`.
        let output: @Sendable (URL) throws -> String
        var testDescription: String { name }
    }

    static let sameFileCases: [SameFileCase] = [
        SameFileCase(name: "the same path") { $0.appendingPathComponent("metrics.json").path },
        SameFileCase(name: "another spelling") { $0.path + "/./sub/../metrics.json" },
        SameFileCase(name: "a symbolic link to the input") { folder in
            let link = folder.appendingPathComponent("link.json").path
            try FileManager.default.createSymbolicLink(
                atPath: link, withDestinationPath: folder.appendingPathComponent("metrics.json").path)
            return link
        },
        SameFileCase(name: "a hard link to the input") { folder in
            let link = folder.appendingPathComponent("hard.json").path
            try FileManager.default.linkItem(atPath: folder.appendingPathComponent("metrics.json").path, toPath: link)
            return link
        },
    ]

    @Test(arguments: sameFileCases)
    func outputNeverOverwritesTheInput(_ testCase: SameFileCase) throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let input = folder.appendingPathComponent("metrics.json").path
        let original = #"{"users": 20000}"#
        try Data(original.utf8).write(to: URL(fileURLWithPath: input))
        let output = try testCase.output(folder)
        let before = try contents(of: folder)
        let result = try TestSupport.runBinary(["advise", input, "-o", output])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "scalectl: error: \(output) is the input file \(input); choose another file for the report (nothing was written)\n")
        #expect(try String(contentsOfFile: input, encoding: .utf8) == original)
        #expect(try contents(of: folder) == before)
    }

    @Test func outputNeverOverwritesStandardInputsFile() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("metrics.json").path
        try Data(#"{"users": 20000}"#.utf8).write(to: URL(fileURLWithPath: input))
        let binary = TestSupport.binary.path
        let result = try TestSupport.runBinary(["-c", "'\(binary)' advise - -o '\(input)' < '\(input)'"], executable: "/bin/bash")
        #expect(result.status == 2)
        #expect(result.stderr.contains("is the input file <stdin>"))
        #expect(try String(contentsOfFile: input, encoding: .utf8) == #"{"users": 20000}"#)
    }

    @Test func aFailedRunLeavesNoFileAndKeepsTheOldOne() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = folder.appendingPathComponent("fresh.md").path
        let bad = TestSupport.fixture("malformed/trailing-comma.json")
        let first = try TestSupport.runBinary(["advise", bad, "-o", fresh])
        #expect(first.status == 2)
        #expect(!FileManager.default.fileExists(atPath: fresh))
        let old = folder.appendingPathComponent("old.md").path
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: old))
        let second = try TestSupport.runBinary(["advise", bad, "-o", old])
        #expect(second.status == 2)
        #expect(try String(contentsOfFile: old, encoding: .utf8) == "keep me\n")
        #expect(try contents(of: folder) == ["old.md"])
    }

    @Test func unwritableOutputIsAClearError() throws {
        let result = try TestSupport.runBinary(["guide", "-o", "/dev/null/guide.txt"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "scalectl: error: /dev/null/guide.txt: cannot write the report: /dev/null is a file, not a folder (nothing was written)\n"
        )
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = try TestSupport.runBinary(["guide", "-o", folder.path])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("cannot write the report: is a directory"))
    }

    @Test func outputToADeviceIsWrittenInPlace() throws {
        let result = try TestSupport.runBinary(["stage", TestSupport.fixture("stages/scale.json"), "-o", "/dev/stdout"])
        #expect(result.status == 0)
        #expect(result.stdout == "scale\n")
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
    }
}
