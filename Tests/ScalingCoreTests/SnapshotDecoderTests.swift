import Testing

@testable import ScalingCore

@Suite struct SnapshotDecoderTests {
    func decode(_ text: String, source: String = "m.json", format: InputFormat? = nil) throws -> DecodedInput {
        try SnapshotDecoder.decode(Array(text.utf8), source: source, format: format)
    }

    @Test func readsAnObjectAsOneSnapshotWithUnits() throws {
        let decoded = try decode(
            #"{"users": "12.4k", "error_rate": "1.5%", "response_p95_ms": "0.62s", "mrr": "$4,200", "checklist_done": ["database.indexes"]}"#
        )
        let snapshot = decoded.series.latest
        #expect(snapshot[.users] == 12_400)
        #expect(snapshot[.errorRate] == 0.015)
        #expect(snapshot[.responseP95Ms] == 620)
        #expect(snapshot[.mrr] == 4_200)
        #expect(snapshot.checklistDone == ["database.indexes"])
        #expect(decoded.warnings.isEmpty)
    }

    @Test func mapsAliasesAndSaysSo() throws {
        let decoded = try decode(#"{"dailyActiveUsers": 120, "DAU_unused": 1, "p95_ms": 300, "mrr_usd": 50}"#)
        #expect(decoded.series.latest[.dailyActiveUsers] == 120)
        #expect(decoded.series.latest[.responseP95Ms] == 300)
        #expect(decoded.series.latest[.mrr] == 50)
        #expect(
            decoded.warnings.contains(
                .aliasMapped(place: SourcePlace(file: "m.json", line: 1, column: 2), key: "dailyActiveUsers", field: .dailyActiveUsers)))
        #expect(decoded.warnings.contains { if case .unknownField(_, "DAU_unused", _) = $0 { true } else { false } })
    }

    @Test func unknownFieldsWarnWithASuggestion() throws {
        let decoded = try decode("{\n  \"users\": 10,\n  \"usres\": 3\n}")
        #expect(
            decoded.warnings == [.unknownField(place: SourcePlace(file: "m.json", line: 3, column: 3), key: "usres", suggestion: "users")])
    }

    @Test func theSameFieldTwiceIsRejected() {
        #expect(
            throws: InputError.duplicateField(
                place: SourcePlace(file: "m.json", line: 1, column: 14), field: .users, firstKey: "users", secondKey: "userCount")
        ) {
            try decode(#"{"users": 1, "userCount": 2}"#)
        }
    }

    @Test func invalidValuesNameTheirPlace() {
        #expect(
            throws: InputError.invalidValue(
                place: SourcePlace(file: "m.json", line: 3, column: 17), field: .errorRate, value: "1.5",
                reason: "a bare rate above 1 is ambiguous: write \"1.5%\" or 0.015")
        ) {
            try decode("{\n  \"users\": 1200,\n  \"error_rate\": 1.5\n}")
        }
        #expect(
            throws: InputError.invalidValue(
                place: SourcePlace(file: "m.csv", line: 3, columnName: "users"), field: .users, value: "\"-5\"",
                reason: "a count cannot be negative")
        ) {
            try decode("users,mrr\n10,5\n-5,3\n", source: "m.csv")
        }
        #expect(
            throws: InputError.invalidValue(
                place: SourcePlace(file: "m.json", line: 1, column: 11), field: .users, value: "true",
                reason: "expected \(QuantityKind.count.expectation), got a boolean")
        ) {
            try decode(#"{"users": true}"#)
        }
    }

    @Test func nullAndEmptyMeanAbsentNeverZero() throws {
        let json = try decode(#"{"users": 10, "mrr": null, "db_cpu": ""}"#).series.latest
        #expect(json[.mrr] == nil)
        #expect(json[.dbCPU] == nil)
        let csv = try decode("users,mrr\n10,\n", source: "m.csv").series.latest
        #expect(csv[.mrr] == nil)
    }

    @Test func anArrayIsASeriesAndTheLatestTimestampWins() throws {
        let decoded = try decode(
            #"[{"timestamp": "2026-11-03", "users": 30}, {"timestamp": "2026-11-01", "users": 10}, {"timestamp": "2026-11-02", "users": 20}]"#
        )
        #expect(decoded.series.snapshots.count == 3)
        #expect(decoded.series.latest[.users] == 30)
    }

    @Test func withoutTimestampsTheLastRowWins() throws {
        let decoded = try decode("users\n10\n30\n20\n", source: "m.csv")
        #expect(decoded.series.latest[.users] == 20)
        #expect(decoded.series.latest.origin.line == 4)
    }

    @Test func csvReadsSemicolonsBOMAndCRLF() throws {
        let decoded = try decode(
            "\u{FEFF}users;error_rate;checklist_done\r\n1.200;\"1,5%\";\"database.indexes; caching.cdn\"\r\n", source: "m.csv")
        let snapshot = decoded.series.latest
        #expect(snapshot[.users] == 1_200)
        #expect(snapshot[.errorRate] == 0.015)
        #expect(snapshot.checklistDone == ["database.indexes", "caching.cdn"])
    }

    @Test func unknownChecklistIDsWarn() throws {
        let decoded = try decode(#"{"users": 5, "checklist_done": ["database.indexs"]}"#)
        #expect(
            decoded.warnings.contains { if case .unknownChecklistID(_, "database.indexs", "database.indexes") = $0 { true } else { false } }
        )
    }

    @Test func inputThatIsNotASnapshotIsRejected() {
        #expect(
            throws: InputError.notASnapshot(
                place: SourcePlace(file: "m.json", line: 1, column: 1),
                found: "a number where an object (one snapshot) or an array of objects (a series) was expected")
        ) {
            try decode("42")
        }
        #expect(throws: InputError.noSnapshots(file: "m.json", detail: "the JSON array is empty")) { try decode("[]") }
        #expect(throws: InputError.noSnapshots(file: "m.csv", detail: "the CSV has a header but no rows")) {
            try decode("users\n", source: "m.csv")
        }
    }

    @Test func formatComesFromExtensionThenContent() {
        #expect(InputFormat.detect(path: "a.json", bytes: Array("users\n1".utf8)) == .json)
        #expect(InputFormat.detect(path: "a.CSV", bytes: Array("{}".utf8)) == .csv)
        #expect(InputFormat.detect(path: "-", bytes: Array("  \n {\"users\": 1}".utf8)) == .json)
        #expect(InputFormat.detect(path: "export.txt", bytes: Array("users,mrr\n1,2".utf8)) == .csv)
    }

    @Test func fieldOrderDoesNotChangeTheSnapshot() throws {
        let one = try decode(#"{"users": 5000, "mrr": 300, "db_cpu": 0.4}"#).series.latest
        let other = try decode(#"{"db_cpu": 0.4, "mrr": 300, "users": 5000}"#).series.latest
        #expect(one.values == other.values)
    }
}
