import Foundation
import Testing

@testable import ScalingCore

#if canImport(Glibc)
    import Glibc
#endif

/// Inputs built to break a reader: each ends in a clear message and exit 2, or in a documented reading. Never a crash,
/// a hang or a silent zero.
@Suite struct HostileInputTests {
    /// A file the binary reads, and what it must say.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let fileName: String
        let contents: [UInt8]
        var command = "stage"
        /// 0 with `stdout`, or 2 with every piece of `stderr` in the message.
        let status: Int32
        var stdout: String? = nil
        var stderr: [String] = []
        var testDescription: String { name }

        init(
            _ name: String, _ fileName: String, _ contents: String, command: String = "stage", status: Int32,
            stdout: String? = nil, stderr: [String] = []
        ) {
            self.init(name, fileName, Array(contents.utf8), command: command, status: status, stdout: stdout, stderr: stderr)
        }

        init(
            _ name: String, _ fileName: String, _ contents: [UInt8], command: String = "stage", status: Int32,
            stdout: String? = nil, stderr: [String] = []
        ) {
            self.name = name
            self.fileName = fileName
            self.contents = contents
            self.command = command
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    static let cases: [Case] = [
        Case("0-byte JSON file", "empty.json", "", status: 2, stderr: ["empty.json: the file is empty"]),
        Case("0-byte CSV file", "empty.csv", "", status: 2, stderr: ["empty.csv: the file is empty"]),
        Case("0-byte file without an extension", "empty", "", status: 2, stderr: ["empty: the file is empty"]),
        Case(
            "1e400 as a JSON number", "m.json", #"{"users": 1e400}"#, status: 2,
            stderr: ["m.json: line 1, column 11: field \"users\": 1e400 is out of range"]),
        Case(
            "1e400 in a CSV cell", "m.csv", "users\n1e400\n", status: 2,
            stderr: ["m.csv: line 2, column \"users\": field \"users\": 1e400 is out of range"]),
        Case("-0 as a JSON number is zero", "m.json", #"{"users": -0, "mrr": -0.0, "error_rate": -0}"#, command: "check", status: 0),
        Case("-0 in a CSV cell is zero", "m.csv", "users\n-0\n", status: 0, stdout: "mvp\n"),
        Case(
            "NaN is not JSON", "m.json", #"{"users": NaN}"#, status: 2,
            stderr: ["m.json: invalid JSON at line 1, column 11: expected a value after ':', found 'NaN'"]),
        Case(
            "Infinity is not JSON", "m.json", #"{"users": Infinity}"#, status: 2,
            stderr: ["invalid JSON at line 1, column 11", "found 'Infinity'"]),
        Case(
            "NaN as a JSON string", "m.json", #"{"users": "NaN"}"#, status: 2,
            stderr: ["line 1, column 11: field \"users\": NaN is not a number"]),
        Case(
            "NaN in a CSV cell", "m.csv", "users\nNaN\n", status: 2,
            stderr: ["m.csv: line 2, column \"users\": field \"users\": NaN is not a number"]),
        Case(
            "-Infinity in a CSV cell", "m.csv", "mrr\n-Infinity\n", status: 2,
            stderr: ["line 2, column \"mrr\": field \"mrr\": -Infinity is not a number"]),
        Case(
            "German thousands separators", "m.csv", "users\n1.234.567\n", status: 2,
            stderr: ["line 2, column \"users\"", "unknown unit \".567\"", "got \"1.234.567\""]),
        Case(
            "German decimal comma with point grouping", "m.csv", "mrr\n\"1.234,56\"\n", status: 2,
            stderr: ["line 2, column \"mrr\"", "a comma must separate groups of three digits"]),
        Case(
            "French spaces as thousands separators", "m.csv", "users\n1 234 567\n", status: 2,
            stderr: ["line 2, column \"users\"", "unknown unit \"234 567\""]),
        Case(
            "Swiss apostrophes as thousands separators", "m.csv", "users\n1'234\n", status: 2,
            stderr: ["unknown unit \"'234\""]),
        Case("decimal comma", "m.csv", "users\n\"4,2\"\n", status: 2, stderr: ["a comma must separate groups of three digits"]),
        Case(
            "ISO timestamp in the year 10000", "m.json", #"{"users": 5, "timestamp": "10000-01-01T00:00:00Z"}"#, status: 2,
            stderr: ["line 1, column 27: field \"timestamp\"", "is after the year 9999"]),
        Case(
            "Unix seconds in the year 10000", "m.csv", "users,timestamp\n5,253402300800\n", status: 2,
            stderr: ["line 2, column \"timestamp\"", "253402300800 is after the year 9999"]),
        Case(
            "the last second of 9999 is accepted", "m.json", #"{"users": 5, "timestamp": "9999-12-31T23:59:59Z"}"#, status: 0,
            stdout: "mvp\n"),
        Case(
            "the same JSON key twice", "m.json", #"{"users": 5, "users": 6}"#, status: 2,
            stderr: ["m.json: line 1, column 14: field \"users\" is given twice (\"users\" appears twice)"]),
        Case(
            "two aliases of one field", "m.json", #"{"dau": 5, "daily_users": 6}"#, status: 2,
            stderr: ["line 1, column 12: field \"daily_active_users\" is given twice (\"dau\" and \"daily_users\" both name it)"]),
        Case(
            "a field and its spelling in another case", "m.json", #"{"users": 5, "Users": 6}"#, status: 2,
            stderr: ["field \"users\" is given twice (\"users\" and \"Users\" both name it)"]),
        Case(
            "the same field twice in one object of a series", "s.json", #"[{"users": 1}, {"mrr": 1, "MRR_USD": 2}]"#, status: 2,
            stderr: ["s.json: line 1, column 27: field \"mrr\" is given twice"]),
        Case(
            "the same CSV header twice", "m.csv", "users,users\n1,2\n", status: 2,
            stderr: ["m.csv: line 1, column \"users\": field \"users\" is given twice (\"users\" appears twice)"]),
        Case(
            "a CSV header and an alias of it", "m.csv", "users,Total Users\n1,2\n", status: 2,
            stderr: ["line 1, column \"Total Users\": field \"users\" is given twice"]),
        Case(
            "duplicate keys inside a value scalectl does not interpret are accepted", "m.json",
            #"{"users": 5, "labels": {"a": 1, "a": 2}}"#, status: 0, stdout: "mvp\n", stderr: ["unknown field \"labels\" ignored"]),
        Case(
            "NUL bytes in a CSV", "m.csv", Array("users\n12".utf8) + [0, 0x0A], status: 2,
            stderr: ["m.csv: binary data, not CSV/JSON (a NUL byte in its first 64 KiB)"]),
        Case(
            "UTF-16 JSON with no field", "m.json", [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], status: 2,
            stderr: ["cannot tell the stage: the snapshot has none of users"]),
        Case(
            "UTF-16LE JSON is transcoded", "m.json", [0xFF, 0xFE] + Array("{\"users\": 5}".utf8).flatMap { [$0, 0] }, status: 0,
            stdout: "mvp\n"),
        Case(
            "UTF-16BE CSV is transcoded", "m.csv", [0xFE, 0xFF] + Array("users\n5\n".utf8).flatMap { [0, $0] }, status: 0,
            stdout: "mvp\n"),
        Case(
            "UTF-16 with an odd byte left over", "m.csv", [0xFF, 0xFE] + Array("users\n5\n".utf8).flatMap { [$0, 0] } + [0x41],
            status: 0, stdout: "mvp\n"),
    ]

    @Test(arguments: cases)
    func hostileFileGivesAClearAnswer(_ testCase: Case) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(testCase.fileName).path
        try Data(testCase.contents).write(to: URL(fileURLWithPath: path))
        let result = try TestSupport.runBinary([testCase.command, path])
        #expect(result.status == testCase.status, "\(result.stderr)")
        if let stdout = testCase.stdout { #expect(result.stdout == stdout) }
        for piece in testCase.stderr { #expect(result.stderr.contains(piece), "stderr: \(result.stderr)") }
        // No message repeats itself: "expected …" once at most, never "(got …; expected …)" after an expectation.
        #expect(result.stderr.components(separatedBy: "expected").count <= 2, "\(result.stderr)")
        if testCase.status == 2 {
            #expect(result.stderr.hasPrefix("scalectl: error: \(path)"), "the message names the file: \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line, no stack trace: \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func minusZeroIsReadAsZeroNotAsANegativeValue() throws {
        let snapshot = try TestSupport.snapshot(json: #"{"users": -0, "mrr": "-0", "error_rate": -0.0}"#)
        #expect(snapshot[.users] == 0 && snapshot[.mrr] == 0 && snapshot[.errorRate] == 0)
        #expect(snapshot[.users]?.sign == .plus, "-0 is stored as +0, so it never prints as -0")
    }

    @Test func emptyCellsAndNullsAreAbsentNotZero() throws {
        let decoded = try SnapshotDecoder.decode(Array("users,mrr,error_rate\n12,,\n".utf8), source: "m.csv", format: .csv)
        #expect(decoded.series.latest[.mrr] == nil && decoded.series.latest[.errorRate] == nil)
        #expect(try TestSupport.snapshot(json: #"{"users": null, "mrr": 3}"#)[.users] == nil)
    }

    // MARK: Size

    /// A 1 GB line, given twice: as text through a pipe, and as a sparse file (1 GB long, no disk used, so an
    /// interrupted run leaves nothing heavy behind). Reading stops at the 16 MiB line limit either way.
    @Test func aOneGigabyteLineStopsEarlyWithBoundedMemory() throws {
        let binary = TestSupport.binary.path
        let piped = try TestSupport.runBinary(
            ["-c", "{ printf 'users,notes\\n5,'; head -c 1073741824 /dev/zero | tr '\\0' x; } | '\(binary)' stage -"],
            executable: "/bin/bash")
        #expect(piped.status == 2)
        #expect(
            piped.stderr
                == "scalectl: error: <stdin>: line 2 is longer than 16 MiB, the longest line scalectl reads; reading stopped there (is it a CSV file?)\n"
        )

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("long-line.csv").path
        // Text for the first block (a NUL there is binary data, refused at once), then a sparse gigabyte of zeros.
        let header = "users,notes\n5," + String(repeating: "x", count: InputFile.firstBlockBytes)
        _ = FileManager.default.createFile(atPath: path, contents: Data(header.utf8))
        #expect(truncate(path, off_t(header.utf8.count + (1 << 30))) == 0)
        let sparse = try TestSupport.runBinary(["stage", path])
        #expect(sparse.status == 2)
        #expect(
            sparse.stderr
                == "scalectl: error: \(path): line 2 is longer than 16 MiB, the longest line scalectl reads; reading stopped there (is it a CSV file?)\n"
        )
        // The peak of this one child, read from its own VmHWM (see peakMemoryKiB).
        let peak = try #require(Self.peakMemoryKiB(of: [TestSupport.binary.path, "stage", path]))
        #expect(peak < 256 * 1024, "peak memory of the run: \(peak) KiB for a 1 GiB line")
    }

    /// Runs a program with its output discarded and returns its peak resident memory in KiB.
    ///
    /// On Linux the peak is the child's own VmHWM, read from /proc until it exits: wait4's ru_maxrss is not the
    /// child's alone, since posix_spawn's child shares the test process's memory until it execs, and exec folds that
    /// memory's high-water mark into the child's ru_maxrss, so it reported the test process's peak (about 250 MB
    /// when the in-process tests run in parallel) instead of scalectl's (about 27 MB). Elsewhere, ru_maxrss.
    static func peakMemoryKiB(of arguments: [String]) -> Int? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid = pid_t()
        // posix_spawn returns once the child has exec'd, so /proc shows the new program's memory from here on.
        guard posix_spawn(&pid, arguments[0], &actions, nil, &cArguments, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        var highWater = 0
        while true {
            if let reading = residentHighWaterKiB(of: pid) { highWater = max(highWater, reading) }
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 {
                guard errno == EINTR else { return nil }
                continue
            }
            usleep(1_000)
        }
        return highWater > 0 ? highWater : Int(usage.ru_maxrss)
    }

    /// VmHWM of a running process from /proc/PID/status, in KiB; nil without /proc or once it has exited.
    static func residentHighWaterKiB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.dropFirst("VmHWM:".count).filter(\.isNumber))
    }

    /// JSON larger than the row reader's 64 MiB that the columnar reader hands back gets the row reader's error, at
    /// its place (a NUL in a string: line 1, just past what was written), found by streaming; only past the one
    /// 2 GiB limit is it refused as too large, before any reading.
    @Test func jsonLargerThanTheRowLimitGetsItsErrorAndPastTheLimitIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.json").path
        // Sparse: 65 MiB long without using the disk; the stream stops at the first zero.
        let start = #"{"users": 5, "notes": ""# + String(repeating: "x", count: InputFile.firstBlockBytes)
        _ = FileManager.default.createFile(atPath: path, contents: Data(start.utf8))
        #expect(truncate(path, off_t(65 << 20)) == 0)
        let result = try TestSupport.runBinary(["stage", path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "scalectl: error: \(path): invalid JSON at line 1, column \(start.count + 1): expected a string character (control "
                + "characters must be escaped), found control character U+0000\n")
        #expect(truncate(path, off_t((2 << 30) + 1)) == 0)
        let past = try TestSupport.runBinary(["stage", path])
        #expect(past.status == 2)
        #expect(
            past.stderr
                == "scalectl: error: \(path): the input is larger than 2 GiB, the most scalectl reads for this format; reading stopped there\n"
        )
    }

    /// A JSON array of flat snapshots larger than the row reader's 64 MiB is read as columns by every command, within
    /// the one 2 GiB limit, and a place past 64 MiB keeps its line and column (the latest object's, read again).
    @Test(arguments: [["stage"], ["check", "--format", "github"], ["advise"], ["cost"], ["review"], ["report"], ["trend"]])
    func jsonLargerThanTheRowLimitIsReadByEveryCommand(_ command: [String]) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("large.json").path
        let first = #"[{"timestamp": "2026-01-01T00:00:00Z", "users": 500, "response_p95_ms": 900},"#
        let gap = Data(repeating: UInt8(ascii: " "), count: 65 << 20)
        let latest = #"{"timestamp": "2026-01-02T00:00:00Z", "users": 800, "response_p95_ms": 950}]"# + "\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(first.utf8) + gap + Data(latest.utf8))
        let result = try TestSupport.runBinary(command + [path, "--no-policy"])
        #expect(result.status != 2, "\(result.stderr)")
        #expect(!result.stderr.contains("larger than"))
        if command[0] == "check" {
            // The latest snapshot's place: line 1, the column of its `{`.
            #expect(result.stdout.contains("file=\(path),line=1,col=\(first.utf8.count + gap.count + 1),"), "\(result.stdout)")
        }
    }

    @Test func limitsApplyToStandardInputAndFollowTheFormat() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let limits = InputLimits(maximumCSVBytes: 1000, maximumJSONBytes: 100, maximumLineBytes: 50)
        func read(_ name: String, _ text: String) throws(InputError) -> [UInt8] {
            let path = folder.appendingPathComponent(name).path
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return try InputFile.bytes(at: path, limits: limits)
        }
        let wideJSON = "{\"users\": 5" + String(repeating: " ", count: 80) + "}"
        #expect(try read("one-line.json", wideJSON).count == wideJSON.utf8.count, "JSON has no line limit")
        #expect(throws: InputError.tooLarge(path: folder.appendingPathComponent("big.json").path, limit: 100)) {
            try read("big.json", wideJSON + String(repeating: " ", count: 30))
        }
        #expect(throws: InputError.lineTooLong(path: folder.appendingPathComponent("wide.csv").path, line: 3, limit: 50)) {
            try read("wide.csv", "users\r\n1\r\n" + String(repeating: "9", count: 51) + "\n")
        }
        let quoted = "notes\n\"" + String(repeating: "ab\n", count: 100) + "\"\n"
        #expect(try read("multi-line-field.csv", quoted).count == quoted.utf8.count, "line breaks inside quotes end physical lines")
        #expect(throws: InputError.tooLarge(path: folder.appendingPathComponent("big.csv").path, limit: 1000)) {
            try read("big.csv", "users\n" + String(repeating: "1\n", count: 600))
        }
        #expect(throws: InputError.lineTooLong(path: folder.appendingPathComponent("noext").path, line: 1, limit: 50)) {
            try read("noext", String(repeating: "u", count: 60))
        }
    }

    @Test func aHundredThousandColumnsAreReadWithTheWarningsCapped() throws {
        let count = 100_000
        let header = "users," + (1..<count).map { "c\($0)" }.joined(separator: ",")
        let row = "12400," + Array(repeating: "1", count: count - 1).joined(separator: ",")
        let csv = TestSupport.run(["stage", "wide.csv"], files: ["wide.csv": header + "\n" + row + "\n"])
        #expect(csv.status == 0)
        #expect(csv.stdout == "growth\n")
        #expect(csv.stderr.split(separator: "\n").count == 11)
        #expect(csv.stderr.hasSuffix("wide.csv: 99989 more unknown fields ignored\n"))
        let object = "{\"users\": 12400, " + (1..<count).map { "\"c\($0)\": 1" }.joined(separator: ", ") + "}"
        let json = TestSupport.run(["stage", "wide.json"], files: ["wide.json": object])
        #expect(json.status == 0 && json.stdout == "growth\n")
        #expect(json.stderr.split(separator: "\n").count == 11)
    }

    // MARK: Files that are not plain files

    @Test func aDirectoryIsNotAFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TestSupport.runBinary(["advise", folder.path])
        #expect(result.status == 2)
        #expect(result.stderr == "scalectl: error: \(folder.path): cannot read: is a directory, not a file\n")
    }

    @Test func aFIFOWithDataIsReadLikeStandardInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("metrics.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Our own read end keeps the FIFO's buffer alive after the writer closes, so no timing is involved.
        let keeper = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(keeper) }
        let writer = open(fifo, O_WRONLY | O_NONBLOCK)
        #expect(writer >= 0)
        let text = Array(#"{"users": 12400}"#.utf8)
        #expect(text.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) } == text.count)
        close(writer)
        let result = try TestSupport.runBinary(["stage", fifo])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "growth\n")
    }

    @Test func processSubstitutionIsRead() throws {
        let binary = TestSupport.binary.path
        let fixture = TestSupport.fixture("stages/scale.csv")
        let result = try TestSupport.runBinary(["-c", "'\(binary)' stage <(cat '\(fixture)')"], executable: "/bin/bash")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "scale\n")
    }

    @Test func standardInputFromAPartlyReadFileIsReadFromWhereItStands() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("with-preamble.txt").path
        try Data("# exported by a tool\n{\"users\": 12400}\n".utf8).write(to: URL(fileURLWithPath: path))
        let binary = TestSupport.binary.path
        let result = try TestSupport.runBinary(["-c", "{ read -r preamble; '\(binary)' stage -; } < '\(path)'"], executable: "/bin/bash")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "growth\n")
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOWithNoWriterIsAnErrorNotAHang() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("nobody-writes").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try TestSupport.runBinary(["stage", fifo])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("scalectl: error: \(fifo): cannot read: is a FIFO that gave no data"))
    }

    @Test(.enabled(if: geteuid() != 0, "skipped: running as root, where a chmod 000 file is still readable"))
    func anUnreadableFileSaysPermissionDenied() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("secret.json").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(#"{"users": 5}"#.utf8))
        chmod(path, 0)
        let result = try TestSupport.runBinary(["stage", path])
        #expect(result.status == 2)
        #expect(result.stderr == "scalectl: error: \(path): cannot read: permission denied\n")
    }

    struct ChangeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (FileHandle) -> Void
        var testDescription: String { name }
    }

    static let changes: [ChangeCase] = [
        ChangeCase(name: "appended to") { handle in
            handle.seekToEndOfFile()
            handle.write(Data("99,99\n".utf8))
        },
        ChangeCase(name: "truncated") { handle in handle.truncateFile(atOffset: 10) },
        ChangeCase(name: "rewritten in place, same size") { handle in
            handle.seek(toFileOffset: 8)
            handle.write(Data("7".utf8))
        },
    ]

    @Test(arguments: changes)
    func aFileThatChangesWhileReadIsRejected(_ change: ChangeCase) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("growing.csv").path
        // Larger than one read chunk (64 KiB), so the change happens between two reads.
        let text = "users,mrr\n" + String(repeating: "1200,300\n", count: 20_000)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        var changed = false
        // A timestamp granularity coarser than the test would hide a same-size rewrite; wait a little first.
        usleep(20_000)
        #expect(throws: InputError.changedWhileRead(path: path)) {
            try InputFile.bytes(at: path, limits: .standard) {
                if !changed { change.change(handle); changed = true }
            }
        }
        #expect(try InputFile.bytes(at: path).count > 0, "read again once the file is still")
        #expect(
            ErrorMessage.describe(InputError.changedWhileRead(path: path)).message
                == "\(path): the file changed while it was read; run again once it is complete")
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
