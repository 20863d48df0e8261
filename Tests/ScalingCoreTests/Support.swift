import Foundation
import ScalingCore

/// Paths and runners shared by the tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func fixture(_ relativePath: String) -> String { packageRoot.appendingPathComponent("Fixtures/\(relativePath)").path }

    /// `shared/NAME` beside the package or beside any folder above it, where the guide and conformance suites live.
    ///
    /// Walking up to the file-system root works from the repository (with `shared/` beside it) and from CI's clone.
    static func shared(_ name: String, from start: URL = packageRoot) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent("shared/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The `scalectl` binary `swift test` built beside the test bundle.
    static let binary: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("scalectl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("scalectl")
    }()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the real binary with `arguments`, from the package root, with optional standard input and environment.
    static func runBinary(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], executable: String? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["COLUMNS"] = nil  // a developer's exported COLUMNS must not wrap what the tests compare
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `Scalectl.run` in-process with the given input files (path → text).
    static func run(
        _ arguments: [String], files: [String: String] = [:], environment: [String: String] = [:],
        terminal: Bool = false, stderrTerminal: Bool = false, width: Int? = nil, progressDelay: Duration = .milliseconds(300)
    ) -> Outcome {
        final class Buffer: @unchecked Sendable { var out = ""; var err = "" }
        let buffer = Buffer()
        let context = RunContext(
            environment: environment, stdoutIsTerminal: terminal,
            writeOut: { buffer.out += $0 }, writeError: { buffer.err += $0 },
            readInput: { (path: String) throws(InputError) -> [UInt8] in
                if let text = files[path] { return Array(text.utf8) }
                return try InputFile.bytes(at: path)
            },
            fileExists: { files[$0] != nil || InputFile.exists($0) },
            stderrIsTerminal: stderrTerminal, terminalWidth: width, progressDelay: progressDelay)
        let code = Scalectl.run(arguments, context: context)
        return Outcome(status: code.rawValue, stdout: buffer.out, stderr: buffer.err)
    }

    /// Decodes a snapshot from JSON text.
    static func snapshot(json: String) throws -> Snapshot {
        try SnapshotDecoder.decode(Array(json.utf8), source: "test.json", format: .json).series.latest
    }
}

/// SplitMix64: small, fast and the same on every platform, so a seed reproduces a failure anywhere. The one seeded
/// generator of the tests.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
