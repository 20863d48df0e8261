import Foundation
import Testing

@testable import ScalingCore

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
    private let systemRead = Darwin.read
#endif

/// Issue 18, "Names": a file name that is not UTF-8 is read and written (paths are bytes), and shown escaped.
@Suite struct FileNameTests {
    /// A fresh folder holding `snapshot\xff.csv`, made with POSIX calls on bytes (Foundation cannot name it).
    struct Folder {
        let path: String

        init() throws {
            var template = Array("\(NSTemporaryDirectory())/scalectl-names-XXXXXX".utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw CocoaError(.fileWriteUnknown)
            }
            path = String(cString: made)
            try write(Array("timestamp,users,mrr,response_p95_ms\n2026-11-01T00:00:00Z,5000,900,420\n".utf8), to: FileNameTests.snapshot)
        }

        /// The full path of a name given as bytes.
        func bytes(_ name: [UInt8]) -> [UInt8] { Array(path.utf8) + [UInt8(ascii: "/")] + name }

        func write(_ content: [UInt8], to name: [UInt8]) throws {
            let full = bytes(name).map { CChar(bitPattern: $0) } + [0]
            let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
            defer { close(descriptor) }
            _ = content.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
        }

        /// The bytes of the file named `name`, or nil when there is none by exactly those bytes.
        func read(_ name: [UInt8]) -> [UInt8]? {
            let full = bytes(name).map { CChar(bitPattern: $0) } + [0]
            let descriptor = open(full, O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var content: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                content += buffer[0..<count]
            }
            return content
        }

        /// The folder's entries, as bytes.
        func entries() -> [[UInt8]] {
            guard let directory = opendir(path) else { return [] }
            defer { closedir(directory) }
            var names: [[UInt8]] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if name != [UInt8(ascii: ".")] && name != Array("..".utf8) { names.append(name) }
            }
            return names.sorted { $0.lexicographicallyPrecedes($1) }
        }

        func remove() {
            for name in entries() {
                let full = bytes(name).map { CChar(bitPattern: $0) } + [0]
                if unlink(full) != 0 {
                    // A folder the test made: its one file, then itself.
                    _ = unlink(bytes(name + Array("/out.txt".utf8)).map { CChar(bitPattern: $0) } + [0])
                    rmdir(full)
                }
            }
            rmdir(path)
        }
    }

    static let snapshot: [UInt8] = Array("snapshot".utf8) + [0xFF] + Array(".csv".utf8)

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The command after `scalectl`; `$S` is the snapshot's path, `$D` the folder, `$X` the byte 0xFE.
        var command: String
        var status: Int32
        var stdout: [String] = []
        var stderr: [String] = []
        /// A file that must exist afterwards, named by bytes, and text it holds.
        var written: (name: [UInt8], holds: String)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "stage reads the file", command: #"stage "$S""#, status: 0, stdout: ["early-traction"]),
        Case(
            name: "advise names it escaped", command: #"advise "$S""#, status: 0, stdout: [#"snapshot\xff.csv"#]),
        Case(
            name: "a missing name is escaped in the message", command: #"stage "$D/snapshot$X.csv""#, status: 2,
            stderr: [#"snapshot\xfe.csv: cannot read: no such file"#]),
        Case(
            name: "JSON names it escaped", command: #"check "$S" --format json"#, status: 0,
            stdout: [#""file": ""#, #"snapshot\\xff.csv""#]),
        Case(
            name: "-o writes to the name's bytes", command: #"advise "$S" -o "$D/out$X.txt""#, status: 0,
            written: (Array("out".utf8) + [0xFE] + Array(".txt".utf8), "Early Traction")),
        Case(
            name: "-o creates a missing folder by its bytes", command: #"advise "$S" -o "$D/new$X/out.txt""#, status: 0,
            written: (Array("new".utf8) + [0xFE] + Array("/out.txt".utf8), "Early Traction")),
        Case(
            name: "--report writes to the name's bytes", command: #"check "$S" --report "junit=$D/r$X.xml""#, status: 0,
            written: (Array("r".utf8) + [0xFE] + Array(".xml".utf8), "<testsuite")),
    ]

    /// Runs `scalectl COMMAND` through `sh`, which makes the non-UTF-8 bytes: `Process` passes arguments as UTF-8.
    static func run(_ command: String, in folder: Folder) throws -> TestSupport.Outcome {
        let script = "X=$(printf '\\376'); D=\"$1\"; S=\"$D/snapshot$(printf '\\377').csv\"; exec \"$0\" \(command)"
        return try TestSupport.runBinary(["-c", script, TestSupport.binary.path, folder.path], executable: "/bin/sh")
    }

    @Test(arguments: cases) func aNameThatIsNotUTF8IsReadWrittenAndShownEscaped(_ test: Case) throws {
        let folder = try Folder()
        defer { folder.remove() }
        #expect(folder.read(Self.snapshot) != nil)
        let outcome = try Self.run(test.command, in: folder)
        #expect(outcome.status == test.status, "\(outcome.stderr)")
        for text in test.stdout { #expect(outcome.stdout.contains(text), "\(outcome.stdout)") }
        for text in test.stderr { #expect(outcome.stderr.contains(text), "\(outcome.stderr)") }
        // Never the raw byte's replacement character: the name is shown as its bytes.
        #expect(!outcome.stdout.contains("\u{FFFD}") && !outcome.stderr.contains("\u{FFFD}"))
        if let written = test.written {
            let content = folder.read(written.name)
            #expect(content.map { String(decoding: $0, as: UTF8.self).contains(written.holds) } == true, "\(folder.entries())")
            // Exactly one new file, by exactly those bytes, and no temporary file left behind.
            let top = Array(written.name.split(separator: UInt8(ascii: "/"))[0])
            #expect(folder.entries() == [Self.snapshot, top].sorted { $0.lexicographicallyPrecedes($1) })
        }
        if test.command.contains("--format json") {
            #expect(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) is [String: Any])
        }
    }

    /// Any bytes survive the trip through a `String` and back, the reserved range's own UTF-8 included.
    @Test func everyByteStringSurvivesTheTrip() {
        var random = SeededRandom(state: 18)
        var samples: [[UInt8]] = [
            [0xFF], [0xC3, 0x28], Array("héllo".utf8), [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBE, 0x80], [0xED, 0xA0, 0x80],
            [0xE2, 0x82], Array("a/b\u{10FF80}.csv".utf8),
        ]
        for _ in 0..<2000 {
            samples.append((0..<Int.random(in: 1...12, using: &random)).map { _ in UInt8.random(in: 1...255, using: &random) })
        }
        for bytes in samples {
            let name = FileName.decode(bytes)
            #expect(FileName.bytes(name) == bytes, "\(bytes)")
            if String(validating: bytes, as: UTF8.self).map({ !$0.unicodeScalars.contains { FileName.rawByte($0) != nil } }) == true {
                #expect(name == String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}
