import Foundation
import Testing

/// The fuzz targets cannot rot: every `Fuzz/Targets/*.swift` type-checks against the current sources, as `Fuzz/run`
/// compiles it, so a renamed or removed function breaks `swift test` instead of silently stopping `Fuzz/run all`.
@Suite struct FuzzTargetTests {
    @Test func everyFuzzTargetTypeChecksAgainstTheSources() throws {
        let root = TestSupport.packageRoot
        let targets = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Fuzz/Targets").path)
            .filter { $0.hasSuffix(".swift") }
        #expect(targets.count >= 9, "\(targets)")
        let process = Process()
        process.executableURL = root.appendingPathComponent("Fuzz/typecheck")
        process.currentDirectoryURL = root
        // The toolchain that runs the tests type-checks the targets.
        var environment = ProcessInfo.processInfo.environment
        if let swiftc = Self.swiftcFolder { environment["PATH"] = swiftc + ":" + (environment["PATH"] ?? "") }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0,
            "Fuzz/typecheck failed:\n\(output.split(separator: "\n").filter { $0.contains("error:") }.joined(separator: "\n"))")
    }

    /// The folder of the `swiftc` beside the running toolchain, when found.
    static let swiftcFolder: String? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/opt/swift/usr/bin"]
        where FileManager.default.isExecutableFile(atPath: folder + "/swiftc") {
            return folder
        }
        return nil
    }()
}
