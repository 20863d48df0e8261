import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Report files are one set, written whole or not at all, through the real binary: never one file under two names,
/// never over an input (the job summary included), never where a shell's `>` would be refused, never blocking on a
/// FIFO, and no temporary file left behind by a signal.
@Suite(.serialized) struct OutputSetTests {
    /// A fresh folder, removed after the test.
    final class Folder {
        let url: URL
        var path: String { url.path }
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-outputs-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func file(_ name: String) -> String { url.appendingPathComponent(name).path }
        /// Every name in the folder, hidden ones (temporary files) included.
        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }
    }

    static let breaches = TestSupport.fixture("breaches.json")

    struct TwoNamesCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// Arguments after `check FILE`; `@` stands for the folder.
        let arguments: [String]
        /// Files made first: a name and the target of a symbolic link, or nil for an empty file.
        var links: [String: String] = [:]
        var testDescription: String { name }
    }

    static let twoNames: [TwoNamesCase] = [
        TwoNamesCase(name: "r.xml and ./r.xml", arguments: ["--report", "junit=@/r.xml", "--report", "sarif=@/./r.xml"]),
        TwoNamesCase(name: "-o and a --report through a double slash", arguments: ["-o", "@/out.txt", "--report", "junit=@//out.txt"]),
        TwoNamesCase(
            name: "a symbolic link to a file not yet written", arguments: ["-o", "@/out.txt", "--report", "junit=@/link.xml"],
            links: ["link.xml": "out.txt"]),
        TwoNamesCase(
            name: "a symbolic link to an existing file", arguments: ["--report", "junit=@/real.xml", "--report", "sarif=@/link.xml"],
            links: ["link.xml": "real.xml", "real.xml": ""]),
    ]

    @Test(arguments: twoNames)
    func oneFileUnderTwoNamesIsRefusedBeforeAnythingIsWritten(_ testCase: TwoNamesCase) throws {
        let folder = try Folder()
        for (name, target) in testCase.links {
            if target.isEmpty { try folder.write(name, "old") } else { symlink(target, folder.file(name)) }
        }
        let before = folder.names
        let arguments = testCase.arguments.map { $0.replacing("@", with: folder.path) }
        let result = try TestSupport.runBinary(["check", Self.breaches] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("are the same file") && result.stderr.contains("(nothing was written)"), "\(result.stderr)")
        #expect(folder.names == before)
        if testCase.links["real.xml"] != nil { #expect(folder.read("real.xml") == "old") }
    }

    @Test func outTxtAndPWDOutTxtAreOneFile() throws {
        let folder = try Folder()
        let script = "cd \"$1\" && exec \"$2\" check \"$3\" -o out.txt --report \"junit=$PWD/out.txt\""
        let result = try TestSupport.runBinary(
            ["-c", script, "sh", folder.path, TestSupport.binary.path, Self.breaches], executable: "/bin/sh")
        #expect(result.status == 2)
        #expect(result.stderr.contains("are the same file"), "\(result.stderr)")
        #expect(folder.names.isEmpty)
    }

    struct FolderCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// Arguments after `check FILE`; `@` stands for the folder.
        let arguments: [String]
        /// Files made first (empty), so a path can run through one.
        var files: [String] = []
        /// The exit status, and what stderr says when it is an error.
        let status: Int32
        var stderr: String? = nil
        /// Every name in the folder afterwards, searched recursively (`a/b/c.xml`).
        let after: [String]
        var testDescription: String { name }
    }

    /// Missing folders are created as `pytest --junitxml` does; a set that fails leaves none behind.
    static let folders: [FolderCase] = [
        FolderCase(
            name: "-o and --report in new folders", arguments: ["-o", "@/out/a/check.txt", "--report", "junit=@/out/b/r.xml"], status: 1,
            after: ["out", "out/a", "out/a/check.txt", "out/b", "out/b/r.xml"]),
        FolderCase(
            name: "a parent that is a file", arguments: ["--report", "junit=@/new/r.xml", "-o", "@/plain/deeper/out.txt"], files: ["plain"],
            status: 2, stderr: "plain is a file, not a folder (nothing was written)", after: ["plain"]),
        FolderCase(
            name: "a set that fails after its folders were made",
            arguments: ["--report", "junit=@/made/deep/r.xml", "--report", "sarif=@/made/deep/./r.xml"], status: 2,
            stderr: "are the same file", after: []),
    ]

    @Test(arguments: folders)
    func missingFoldersAreCreatedAndRemovedWhenTheSetFails(_ testCase: FolderCase) throws {
        let folder = try Folder()
        for name in testCase.files { try folder.write(name, "") }
        let result = try TestSupport.runBinary(
            ["check", Self.breaches] + testCase.arguments.map { $0.replacingOccurrences(of: "@", with: folder.path) })
        #expect(result.status == testCase.status, "\(result.stderr)")
        if let stderr = testCase.stderr { #expect(result.stderr.contains(stderr), "\(result.stderr)") }
        let found = (FileManager.default.subpaths(atPath: folder.path) ?? []).sorted()
        #expect(found == testCase.after)
    }

    @Test(arguments: ["metrics", "policy"])
    func theJobSummaryIsNeverAnInput(_ which: String) throws {
        let folder = try Folder()
        try folder.write("m.json", try String(contentsOfFile: Self.breaches, encoding: .utf8))
        try folder.write("p.json", #"{"thresholds": [{"id": "response-time", "limit": 400}]}"#)
        let target = folder.file(which == "metrics" ? "m.json" : "p.json")
        let before = try Data(contentsOf: URL(fileURLWithPath: target))
        let result = try TestSupport.runBinary(
            ["check", folder.file("m.json"), "--policy", folder.file("p.json"), "--format", "github"],
            environment: ["GITHUB_STEP_SUMMARY": target])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is the input file") && result.stderr.contains("(nothing was written)"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
        #expect(result.stdout.isEmpty)
    }

    @Test func aDanglingLinkIsFollowedAndKept() throws {
        let folder = try Folder()
        symlink("target.txt", folder.file("link.txt"))
        let result = try TestSupport.runBinary(["advise", Self.breaches, "-o", folder.file("link.txt")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.read("target.txt")?.contains("Stage") == true)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.txt"))) == "target.txt")
    }

    struct LinkCase: CustomTestStringConvertible, Sendable {
        let name: String
        let command: [String]
        let message: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        LinkCase(name: "-o onto a loop", command: ["advise", breaches, "-o"], message: "too many levels of symbolic links"),
        LinkCase(name: "policy init onto a loop", command: ["policy", "init"], message: "never overwrites"),
        LinkCase(name: "policy init onto a dangling link", command: ["policy", "init"], message: "never overwrites"),
    ])
    func aLoopOrADanglingLinkIsNotReplaced(_ testCase: LinkCase) throws {
        let folder = try Folder()
        if testCase.name.contains("dangling") {
            symlink("nowhere", folder.file("a"))
        } else {
            symlink("b", folder.file("a"))
            symlink("a", folder.file("b"))
        }
        let before = folder.names
        let result = try TestSupport.runBinary(testCase.command + [folder.file("a")])
        #expect(result.status == 2)
        #expect(result.stderr.contains(testCase.message), "\(result.stderr)")
        #expect(folder.names == before)
        var status = stat()
        #expect(lstat(folder.file("a"), &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK)
    }

    @Test func aFIFOWithNoReaderIsAnErrorNotAWait() throws {
        let folder = try Folder()
        #expect(mkfifo(folder.file("fifo"), 0o600) == 0)
        let started = Date()
        let result = try TestSupport.runBinary([
            "check", Self.breaches, "-o", folder.file("fifo"), "--report", "junit=\(folder.file("r.xml"))",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("FIFO with no reader"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(folder.names == ["fifo"])
    }

    @Test func rootReplacingAnotherUsersFileKeepsItsOwnerAndMode() throws {
        guard geteuid() == 0 else { return }
        let folder = try Folder()
        try folder.write("theirs.txt", "old")
        #expect(chown(folder.file("theirs.txt"), 65534, 65534) == 0 && chmod(folder.file("theirs.txt"), 0o640) == 0)
        let result = try TestSupport.runBinary(["advise", Self.breaches, "-o", folder.file("theirs.txt")])
        #expect(result.status == 0)
        var status = stat()
        #expect(stat(folder.file("theirs.txt"), &status) == 0)
        #expect(status.st_uid == 65534 && status.st_gid == 65534 && status.st_mode & 0o777 == 0o640)
        #expect(folder.read("theirs.txt") != "old")
    }

    struct PermissionCase: CustomTestStringConvertible, Sendable {
        let name: String
        /// Owner and mode of the target, in a sticky world-writable folder; the binary runs as nobody (65534).
        let owner: uid_t
        let mode: mode_t
        var testDescription: String { name }
    }

    /// What a shell's `>` refuses (or what renaming would turn into a change of owner), as a user other than root.
    @Test(arguments: [
        PermissionCase(name: "a read-only file of one's own", owner: 65534, mode: 0o444),
        PermissionCase(name: "another user's read-only file in a sticky folder", owner: 0, mode: 0o644),
        PermissionCase(name: "another user's writable file in a sticky folder", owner: 0, mode: 0o666),
    ])
    func whatAShellWouldRefuseIsPermissionDenied(_ testCase: PermissionCase) throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let folder = try Folder()
        #expect(chmod(folder.path, 0o1777) == 0)
        try folder.write("target.txt", "old")
        #expect(
            chown(folder.file("target.txt"), testCase.owner, testCase.owner) == 0 && chmod(folder.file("target.txt"), testCase.mode) == 0)
        let result = try TestSupport.runBinary(
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.binary.path, "advise", Self.breaches, "-o",
                folder.file("target.txt"),
            ],
            executable: "/usr/bin/setpriv")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("permission denied") && result.stderr.contains("(nothing was written)"), "\(result.stderr)")
        #expect(folder.read("target.txt") == "old")
        #expect(folder.names == ["target.txt"])
        var status = stat()
        #expect(stat(folder.file("target.txt"), &status) == 0 && status.st_uid == testCase.owner)
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGINT, Int32(130)), (SIGHUP, Int32(129))] as [(Int32, Int32)])
    func aSignalDuringAWriteRemovesTheTemporaryFiles(signal: Int32, status: Int32) throws {
        let folder = try Folder()
        #expect(mkfifo(folder.file("fifo"), 0o600) == 0)
        // A reader that never reads, on a one-page pipe: the SARIF report (about 9 KB) blocks in the FIFO while the
        // JUnit report waits in its temporary file.
        let reader = open(folder.file("fifo"), O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        _ = fcntl(reader, 1031 /* F_SETPIPE_SZ */, 4096)
        let pid = try Self.spawn([
            TestSupport.binary.path, "check", Self.breaches, "--format", "sarif", "-o", folder.file("fifo"), "--report",
            "junit=\(folder.file("r.xml"))",
        ])
        // Wait until the temporary file exists: the write is under way.
        let deadline = Date().addingTimeInterval(20)
        while !folder.names.contains(where: { $0.hasPrefix(".r.xml.scalectl-") }) && Date() < deadline { usleep(20_000) }
        #expect(folder.names.contains { $0.hasPrefix(".r.xml.scalectl-") })
        usleep(100_000)
        kill(pid, signal)
        let exit = Self.wait(pid, seconds: 10)
        #expect(exit == status)
        #expect(folder.names == ["fifo"])
    }

    /// Starts a process as a shell would: no signal blocked, INT, TERM and HUP at their defaults (Foundation's Process
    /// passes on the test thread's blocked mask).
    static func spawn(_ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        return pid
    }

    /// The exit status of `pid`, or nil (after killing it) when it is still running after `seconds`.
    static func wait(_ pid: pid_t, seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        return nil
    }
}
