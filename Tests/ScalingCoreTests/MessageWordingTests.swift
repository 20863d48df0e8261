import Foundation
import ScalingCore
import Testing

/// Error messages say what is wrong and the fix, never advice that contradicts the value.
@Suite struct MessageWordingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        /// The input's name and text, written to a temporary folder; `@` in arguments is its path.
        let file: (name: String, text: String)
        let says: String
        let neverSays: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "CloudWatch CPU above 100%", arguments: ["check", "db_cpu=@"],
            file: (
                "cpu.json",
                #"{"MetricDataResults": [{"Id": "cpu", "Label": "CPUUtilization", "Timestamps": ["2026-11-01T00:00:00Z"], "Values": [250.0], "StatusCode": "Complete"}]}"#
            ),
            says: "CPUUtilization reports 250%, and a rate is at most 100%", neverSays: "write \"2.5%\""),
        Case(
            name: "a count of 1e15", arguments: ["stage", "@"], file: ("m.json", #"{"users": 1e15}"#),
            says: "a value must be below 1e15", neverSays: "the largest value accepted is 1e15"),
        Case(
            name: "an ISO-8601 basic-format time", arguments: ["stage", "@"],
            file: ("m.json", #"{"timestamp": "20261101T120000Z", "users": 5}"#),
            says: "write it with separators, as 2026-11-01T12:00:00Z", neverSays: "after the year 9999"),
    ]

    /// Values of every wrong kind, in every field, in JSON and CSV.
    static let wrongValues = [
        "\"fast\"", "\"2026-13-01\"", "true", "[1]", "\"12 users\"", "-5", "\"1,5\"", "\"5$\"", "1e400", "\"150%\"", "3", "1e12",
        "\"20261101T120000Z\"", "\"2026-11-01 25:00\"", "\"0x10\"", "{}", "\"$5ms\"",
    ]

    /// No message repeats itself: "expected" at most once, never "(got …; expected …)" after a reason that already
    /// says what was expected.
    @Test(arguments: SnapshotField.allCases)
    func noMessageRepeatsItself(_ field: SnapshotField) {
        for value in Self.wrongValues {
            let other = field == .users ? "\"mrr\": 5" : "\"users\": 5"
            let inputs = [
                ("m.json", "{\(other), \"\(field.rawValue)\": \(value)}"),
                ("m.csv", "\(field == .users ? "mrr" : "users"),\(field.rawValue)\n5,\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\"\n"),
            ]
            for (name, text) in inputs {
                let result = TestSupport.run(["stage", name], files: [name: text])
                let message = result.stderr
                #expect(message.components(separatedBy: "expected").count <= 2, "\(message)")
            }
        }
    }

    @Test(arguments: cases)
    func saysWhatIsWrongAndTheFix(_ testCase: Case) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-wording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(testCase.file.name).path
        try Data(testCase.file.text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try TestSupport.runBinary(testCase.arguments.map { $0.replacing("@", with: path) })
        #expect(result.status == 2)
        #expect(result.stderr.contains(testCase.says), "\(result.stderr)")
        #expect(!result.stderr.contains(testCase.neverSays))
        #expect(result.stderr.contains(path))
    }
}
