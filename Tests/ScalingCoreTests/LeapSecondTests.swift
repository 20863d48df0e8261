import Testing

@testable import ScalingCore

/// A leap second (`23:59:60`) is the last instant of its minute: the row is kept, and it never collides with the row
/// of the next minute.
@Suite struct LeapSecondTests {
    @Test(arguments: ["2016-12-31T23:59:60Z", "2016-12-31 23:59:60.5Z", "2016-12-31T23:59:60+00:00"])
    func aLeapSecondIsTheLastInstantOfItsMinute(_ text: String) throws {
        let leap = try Timestamp.parse(text)
        let before = try Timestamp.parse("2016-12-31T23:59:59Z")
        let after = try Timestamp.parse("2017-01-01T00:00:00Z")
        #expect(leap > before && leap < after)
        #expect(Timestamp.format(leap) == "2016-12-31T23:59:59Z")
    }

    @Test func aSeriesWithALeapSecondKeepsEveryRow() throws {
        let csv = "timestamp,users\n2016-12-31T23:59:59Z,100\n2016-12-31T23:59:60Z,101\n2017-01-01T00:00:00Z,102\n"
        let result = TestSupport.run(["trend", "m.csv", "--format", "json"], files: ["m.csv": csv])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("share"), "\(result.stderr)")
        #expect(result.stdout.contains("\"count\": 3"), "\(result.stdout.prefix(600))")
    }
}
