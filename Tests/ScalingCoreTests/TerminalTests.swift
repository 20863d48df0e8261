import Foundation
import Testing

@testable import ScalingCore

/// Tables fit the terminal, `--quiet` keeps scripts' streams clean, and progress shows on a terminal only.
@Suite struct TerminalWidthTests {
    static let breaches = TestSupport.fixture("breaches.json")
    static let longAction =
        "→ Request count is past Deno Deploy Pro's 10 million requests/month: cache at the CDN (Cloudflare) and raise cache TTLs"

    @Test(arguments: [24, 40, 60, 72, 80, 100, 132])
    func tablesNeverOverflowTheWidth(_ width: Int) throws {
        let verdicts = ThresholdEvaluator.evaluate(try TestSupport.snapshot(json: String(contentsOfFile: Self.breaches, encoding: .utf8)))
        for colored in [false, true] {
            let report = TextReport(style: Style(enabled: colored, width: width))
            let table = report.thresholdTable(
                verdicts, notes: { _ in "a note under the row that is long enough to need cutting at most widths" })
            for line in table.split(separator: "\n") { #expect(visibleWidth(String(line)) <= width, "\(width): \(line)") }
        }
        for command in CommandTable.commands {
            var table = TextColumns()
            for option in command.allOptions { table.add(option.synopsis, option.help) }
            for line in table.render(width: width).split(separator: "\n") { #expect(visibleWidth(String(line)) <= width, "\(line)") }
        }
    }

    @Test func helpFitsTheWidthAndKeepsWholeLinesWithout() {
        for command in CommandTable.commands {
            // Examples stay whole, so they can be copied.
            for line in HelpText.command(command, width: 60).split(separator: "\n")
            where !command.examples.contains(String(line.dropFirst(2))) {
                #expect(visibleWidth(String(line)) <= 60, "\(command.name): \(line)")
            }
            if let discussion = command.discussion { #expect(HelpText.command(command).contains(discussion)) }
        }
    }

    @Test func theWidestColumnWrapsUnderItself() {
        var table = TextColumns()
        table.add("--format FORMAT", "Output format on stdout: text, json, csv, junit, sarif, github or markdown.")
        table.add("-q", "Quiet.")
        #expect(
            table.render(width: 50) == """
                  --format FORMAT  Output format on stdout: text,
                                   json, csv, junit, sarif, github
                                   or markdown.
                  -q               Quiet.
                """)
        // Without a width nothing changes: a pipe keeps whole lines.
        #expect(table.render().split(separator: "\n").first!.hasSuffix("github or markdown."))
    }

    @Test func aNarrowColumnGoesUnderItsRowAndNothingIsCut() {
        var table = TextColumns()
        table.add("✓ pass", "response-time", "720 ms", "→ Add caching: cache API responses at the edge and raise TTLs")
        #expect(
            table.render(width: 34) == """
                  ✓ pass  response-time  720 ms
                      → Add caching: cache API
                      responses at the edge and
                      raise TTLs
                """)
        var wide = TextColumns()
        wide.add("a-very-long-identifier-that-does-not-fit", "short")
        // A cell wider than the width wraps, never cut: every character is kept.
        #expect(
            wide.render(width: 20) == """
                  a-very-long-identi
                  fier-that-does-not
                  -fit
                      short
                """)
        // Four columns that cannot all fit: the ones that do stay in the row, the rest go under it, joined by " · ".
        var trend = TextColumns()
        trend.add("redis_commands_per_day", "▁▂▃▄▅▆▇█", "8,200 → 29,500", "+20.8%/week, +124.8%/month", "rising", "log fit, 8 points")
        let lines = trend.render(width: 60).split(separator: "\n").map(String.init)
        #expect(lines.first == "  redis_commands_per_day  ▁▂▃▄▅▆▇█  8,200 → 29,500")
        let under = lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(under == "+20.8%/week, +124.8%/month · rising · log fit, 8 points")
        #expect(lines.allSatisfy { visibleWidth($0) <= 60 && !$0.contains("…") })
    }

    @Test func colorCodesDoNotCountAndWrappedColorIsReopened() {
        let dim = "\u{1B}[2m", reset = "\u{1B}[0m"
        #expect(TextColumns.wrap("\(dim)one two three\(reset)", width: 7) == ["\(dim)one two\(reset)", "\(dim)three\(reset)"])
        #expect(TextColumns.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        var table = TextColumns()
        table.add("\(dim)id\(reset)", "\(dim)one two three four five six\(reset)")
        for line in table.render(width: 20).split(separator: "\n") { #expect(visibleWidth(String(line)) <= 20) }
        #expect(visibleWidth(TextColumns.cut("\(dim)abcdefghij\(reset)", to: 5)) == 5)
    }

    @Test func widthComesFromColumnsThenTheTerminal() {
        #expect(RunContext.terminalWidth(environment: ["COLUMNS": "100"], measured: 80) == 100)
        #expect(RunContext.terminalWidth(environment: ["COLUMNS": "wide"], measured: 80) == 80)
        #expect(RunContext.terminalWidth(environment: ["COLUMNS": "0"], measured: nil) == nil)
        #expect(RunContext.terminalWidth(environment: [:], measured: nil) == nil)
    }

    @Test func theExecutableKeepsEveryVariableItReads() {
        // main.swift passes only the variables `readsVariable` accepts: each documented one, and TERM (TERM=dumb).
        for (name, _) in ManPage.environmentVariables {
            let concrete = name.replacingOccurrences(of: "<ID>", with: "RESPONSE_TIME")
            #expect(RunContext.readsVariable(concrete[...]), "\(concrete)")
        }
        #expect(RunContext.readsVariable("TERM"))
        #expect(!RunContext.readsVariable("PATH"))
        #expect(!RunContext.readsVariable("COLUMNS_X"))
    }

    @Test func aPipeKeepsWholeLinesAndColumnsWraps() throws {
        let piped = try TestSupport.runBinary(["check", Self.breaches])
        #expect(piped.stdout.contains(Self.longAction))
        let narrow = try TestSupport.runBinary(["check", Self.breaches], environment: ["COLUMNS": "72"])
        #expect(!narrow.stdout.contains(Self.longAction))
        #expect(narrow.stdout.contains("→ Request count is past"))
        for line in narrow.stdout.split(separator: "\n") where line.hasPrefix("  ") {
            #expect(visibleWidth(String(line)) <= 72, "\(line)")
        }
        #expect(narrow.status == piped.status)
    }

    @Test func anOutputFileKeepsWholeLines() throws {
        final class Files: @unchecked Sendable { var written: [String: String] = [:] }
        let files = Files()
        let context = RunContext(
            environment: [:], stdoutIsTerminal: true, writeOut: { _ in }, writeError: { _ in },
            writeOutput: { (text: String, path: String, _: [String]) throws(OutputError) in files.written[path] = text },
            terminalWidth: 40)
        _ = Scalectl.run(["check", Self.breaches, "-o", "report.txt"], context: context)
        #expect(files.written["report.txt"]?.contains(Self.longAction) == true)
    }
}

@Suite struct QuietTests {
    static let breaches = TestSupport.fixture("breaches.json")
    static let healthy = TestSupport.fixture("stages/growth.json")
    static let unknownField = #"{"users": 12000, "colour": 1}"#

    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let stdoutEmpty: Bool
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["check", "m.json", "--quiet"], status: 1, stdoutEmpty: true),
        Case(arguments: ["check", "g.json", "-q"], status: 0, stdoutEmpty: true),
        Case(arguments: ["-q", "check", "m.json", "--format", "json"], status: 1, stdoutEmpty: true),
        Case(arguments: ["diff", "g.json", "m.json", "--fail-on-regression", "10%", "-q"], status: 1, stdoutEmpty: true),
        Case(arguments: ["stage", "u.json", "-q"], status: 0, stdoutEmpty: false),
        Case(arguments: ["stage", "u.json", "-q", "--what-if", "users=x10"], status: 0, stdoutEmpty: false),
        Case(arguments: ["advise", "u.json", "--quiet"], status: 0, stdoutEmpty: false),
        Case(arguments: ["advise", "u.json", "--quiet", "--verbose"], status: 0, stdoutEmpty: false),
        Case(arguments: ["policy", "init", "-", "-q"], status: 0, stdoutEmpty: false),
    ]

    /// Warnings and notes are gone; check and diff print nothing; the rest print their output; the exit code stays.
    @Test(arguments: cases)
    func quietKeepsTheAnswerAndDropsTheChatter(_ testCase: Case) throws {
        let files = [
            "m.json": try String(contentsOfFile: Self.breaches, encoding: .utf8),
            "g.json": try String(contentsOfFile: Self.healthy, encoding: .utf8),
            "u.json": Self.unknownField,
        ]
        let outcome = TestSupport.run(testCase.arguments, files: files)
        #expect(outcome.status == testCase.status)
        #expect(outcome.stdout.isEmpty == testCase.stdoutEmpty, "\(outcome.stdout)")
        #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
        let loud = TestSupport.run(testCase.arguments.filter { $0 != "-q" && $0 != "--quiet" }, files: files)
        #expect(loud.status == testCase.status)
        #expect(!loud.stdout.isEmpty)
    }

    @Test func warningsShowWithoutQuiet() {
        let outcome = TestSupport.run(["advise", "u.json"], files: ["u.json": Self.unknownField])
        #expect(outcome.stderr.contains("warning: u.json"))
    }

    @Test func errorsStillPrint() throws {
        let outcome = try TestSupport.runBinary(["check", "missing.json", "--quiet"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("scalectl: error: missing.json: cannot read"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func quietCheckStillWritesItsReportFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-quiet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("gate.xml").path
        let text = folder.appendingPathComponent("gate.txt").path
        let outcome = try TestSupport.runBinary(["check", Self.breaches, "-q", "--report", "junit=\(junit)", "-o", text])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty)
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("<testsuite"))
        #expect(try String(contentsOfFile: text, encoding: .utf8).contains("error-rate"))
    }
}

@Suite struct ProgressTests {
    /// A clock the test moves by hand.
    final class FakeClock: @unchecked Sendable {
        var time = ContinuousClock.now
        func advance(_ duration: Duration) { time += duration }
    }

    @Test func drawsAfterTheDelayAtMostOncePerIntervalAndClears() {
        let clock = FakeClock()
        var written: [String] = []
        let progress = ProgressLine(
            enabled: true, width: 40, delay: .milliseconds(300), interval: .milliseconds(100), now: { clock.time },
            write: { written.append($0) })
        progress.update("reading metrics.csv… 1.0 MB")
        #expect(written.isEmpty)  // a quick run shows nothing
        clock.advance(.milliseconds(400))
        progress.update(ProgressLine.reading("metrics.csv", bytes: 120_000_000, of: 300_000_000))
        #expect(written == ["\rreading metrics.csv… 120 MB of 300 MB\u{1B}[K"])
        clock.advance(.milliseconds(10))
        progress.update("too soon")
        #expect(written.count == 1)
        progress.update("a new phase", force: true)
        #expect(written.last == "\ra new phase\u{1B}[K")
        progress.clear()
        #expect(written.last == "\r\u{1B}[K")
        progress.clear()
        #expect(written.count == 3)  // nothing shown, nothing to clear
    }

    @Test func theLineIsCutToTheWidthAndSanitized() {
        let clock = FakeClock()
        var written: [String] = []
        let progress = ProgressLine(enabled: true, width: 20, delay: .zero, now: { clock.time }, write: { written.append($0) })
        progress.update("reading \u{1B}[31mevil-and-very-long-name.csv… 5 MB")
        let line = written[0].dropFirst().dropLast(3)
        #expect(line.count == 19)
        #expect(line.hasSuffix("…"))
        #expect(!line.contains("\u{1B}"))
    }

    @Test func aDisabledLineNeverWrites() {
        var written: [String] = []
        let progress = ProgressLine(enabled: false, width: 80, delay: .zero, write: { written.append($0) })
        progress.update("reading", force: true)
        progress.clear()
        #expect(written.isEmpty)
    }

    @Test(arguments: [
        (0, "0 bytes"), (1, "1 byte"), (999, "999 bytes"), (1_000, "1.0 KB"), (64_000, "64 KB"), (1_250_000, "1.3 MB"),
        (120_000_000, "120 MB"), (1_500_000_000, "1.5 GB"), (12_000_000_000, "12 GB"),
    ])
    func byteCounts(_ bytes: Int, _ text: String) {
        #expect(ProgressLine.byteCount(bytes) == text)
    }

    /// In-process: on a terminal's stderr the phases show and are cleared before the report; off a terminal, nothing.
    @Test func aRunShowsProgressOnATerminalOnly() {
        let file = ["m.json": #"{"users": 12000}"#]
        let terminal = TestSupport.run(["advise", "m.json"], files: file, stderrTerminal: true, progressDelay: .zero)
        #expect(terminal.stderr.contains("\rdecoding m.json (16 bytes)…\u{1B}[K"))
        #expect(terminal.stderr.contains("\ranalyzing 1 snapshot…\u{1B}[K"))
        #expect(terminal.stderr.hasSuffix("\r\u{1B}[K"))
        #expect(terminal.status == 0 && !terminal.stdout.isEmpty)
        let pipe = TestSupport.run(["advise", "m.json"], files: file, stderrTerminal: false, progressDelay: .zero)
        #expect(pipe.stderr.isEmpty)
        let quiet = TestSupport.run(["advise", "m.json", "-q"], files: file, stderrTerminal: true, progressDelay: .zero)
        #expect(quiet.stderr.isEmpty)
    }

    @Test func progressIsClearedBeforeAnythingElseIsWritten() {
        final class Log: @unchecked Sendable { var entries: [String] = [] }
        let log = Log()
        let context = RunContext(
            environment: [:], stdoutIsTerminal: true, writeOut: { log.entries.append("out:" + $0) },
            writeError: { log.entries.append("err:" + $0) },
            readInput: { (_: String) throws(InputError) -> [UInt8] in Array(#"{"users": 12000, "colour": 1}"#.utf8) },
            stderrIsTerminal: true, progressDelay: .zero)
        _ = Scalectl.run(["stage", "m.json"], context: context)
        // Replays the writes as a terminal shows them: no report or message may land on a drawn progress line.
        var lineShown = false
        for entry in log.entries {
            if entry == "err:\r\u{1B}[K" {
                lineShown = false
            } else if entry.hasPrefix("err:\r") {
                lineShown = true
            } else {
                #expect(!lineShown, "written over the progress line: \(entry)")
            }
        }
        #expect(log.entries.contains { $0.hasPrefix("err:\ranalyzing") })
        #expect(
            log.entries.contains("err:scalectl: warning: m.json: unknown field \"colour\" ignored\n")
                || log.entries.contains { $0.hasPrefix("err:scalectl: warning") })
        #expect(log.entries.last == "out:growth\n")
        #expect(!lineShown)
    }

    /// The real binary on a series long enough to show progress: on a terminal (through `script`, a pseudo-terminal)
    /// the status line appears and is cleared before the answer; with stderr on a pipe, nothing but the answer.
    @Test func shownOnATerminalNeverOnAPipe() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-progress-\(UUID().uuidString).csv")
        var csv = "timestamp,users,daily_active_users\n"
        for row in 0..<60_000 { csv += "\(1_700_000_000 + row * 60),\(1000 + row),\(100 + row / 10)\n" }
        try csv.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let piped = try TestSupport.runBinary(["stage", file.path])
        #expect(piped.status == 0)
        #expect(piped.stdout == "scale\n")
        #expect(piped.stderr.isEmpty, "\(piped.stderr.debugDescription)")

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipped the terminal half: script (util-linux) is not installed")
            return
        }
        // Through standard input, which is read as snapshots: a file is read as columns, too fast to need a status line.
        let command = "'\(TestSupport.binary.path)' stage - < '\(file.path)'"
        let terminal = try TestSupport.runBinary(["-qec", command, "/dev/null"], executable: "/usr/bin/script")
        guard terminal.status == 0, terminal.stdout.contains("scale") else {
            print("skipped the terminal half: script could not run a pseudo-terminal: \(terminal.stderr)")
            return
        }
        // Decoding 60,000 rows takes well over the 0.3 s delay, so "analyzing" is drawn, then erased before the answer.
        #expect(terminal.stdout.contains("\ranalyzing 60,000 snapshots…\u{1B}[K"), "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains("\r\u{1B}[Kscale"), "\(terminal.stdout.debugDescription)")
    }
}
