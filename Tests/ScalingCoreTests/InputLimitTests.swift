import Foundation
import Testing

@testable import ScalingCore

/// What cannot be data is refused at once, and a policy or mapping file is JSON within the JSON limit whatever its
/// name, said as the policy's or the mapping's.
@Suite struct InputLimitTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The arguments, with FILE for the file written.
        var arguments: [String]
        var file: String
        /// The file's first bytes; `size` extends it sparsely (zeros past the first block).
        var start: [UInt8]
        var size: Int
        var message: String
        var testDescription: String { name }
    }

    static let big = 65 << 20

    static let cases: [Case] = [
        Case(
            name: "a NUL in the first block of a CSV", arguments: ["stage", "FILE"], file: "m.csv",
            start: Array("users\n12".utf8) + [0, 0x0A], size: 0, message: "m.csv: binary data, not CSV/JSON (a NUL byte in its first 64 KiB)"),
        Case(
            name: "a NUL in a file without an extension", arguments: ["check", "FILE"], file: "data", start: [0x7F, 0x45, 0x4C, 0x46, 0],
            size: 0, message: "data: binary data, not CSV/JSON"),
        Case(
            name: "a policy over the JSON limit", arguments: ["stage", TestSupport.fixture("series.csv"), "--policy", "FILE"],
            file: "policy.json", start: Array(("{" + String(repeating: " ", count: 70_000)).utf8), size: big,
            message: "policy.json: cannot read: the file is larger than 64 MiB, the most scalectl reads of a JSON file"),
        Case(
            name: "a policy named .txt over the JSON limit, not the CSV one",
            arguments: ["stage", TestSupport.fixture("series.csv"), "--policy", "FILE"], file: "policy.txt",
            start: Array(String(repeating: " ", count: 70_000).utf8), size: big,
            message: "policy.txt: cannot read: the file is larger than 64 MiB, the most scalectl reads of a JSON file"),
        Case(
            name: "a mapping over the JSON limit", arguments: ["advise", TestSupport.fixture("series.csv"), "--map", "FILE"],
            file: "map.json", start: Array(("{" + String(repeating: " ", count: 70_000)).utf8), size: big,
            message: "map.json: the file is larger than 64 MiB, the most scalectl reads of a JSON file"),
        Case(
            name: "a binary policy", arguments: ["check", TestSupport.fixture("series.csv"), "--policy", "FILE"], file: "p.json",
            start: [0x7B, 0, 0, 0x7D], size: 0, message: "p.json: cannot read: binary data, not JSON"),
        Case(
            name: "a binary mapping", arguments: ["check", TestSupport.fixture("series.csv"), "--map", "FILE"], file: "m.json",
            start: [0x7B, 0, 0, 0x7D], size: 0, message: "m.json: binary data, not JSON"),
    ]

    @Test(arguments: cases)
    func refusedAtOnceWithItsOwnWords(_ test: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(test.file).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(test.start))
        if test.size > 0 { #expect(truncate(path, off_t(test.size)) == 0) }
        let result = try TestSupport.runBinary(test.arguments.map { $0 == "FILE" ? path : $0 })
        #expect(result.status == 2)
        let prefix = test.arguments.contains("--policy") ? "policy " : (test.arguments.contains("--map") ? "mapping " : "")
        #expect(result.stderr.hasPrefix("scalectl: error: \(prefix)\(folder.path)/"), "\(result.stderr)")
        #expect(result.stderr.contains(test.message), "\(result.stderr)")
    }

    /// A device of random bytes is refused after its first block, not after reading 2 GiB of it.
    @Test func randomBytesAreRefusedAtOnce() throws {
        let result = try TestSupport.runBinary(["stage", "/dev/urandom"])
        #expect(result.status == 2)
        #expect(result.stderr == "scalectl: error: /dev/urandom: binary data, not CSV/JSON (a NUL byte in its first 64 KiB)\n")
    }
}
