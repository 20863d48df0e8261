import Testing

@testable import ScalingCore

@Suite struct StageClassifierTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let values: [SnapshotField: Double]
        let stage: Stage
        var testDescription: String {
            values.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\(Quantity.formatPlain($0.value))" }.joined(
                separator: ",") + " → \(stage.rawValue)"
        }
    }

    static let boundaries: [Case] = [
        Case(values: [.users: 0], stage: .mvp),
        Case(values: [.users: 999], stage: .mvp),
        Case(values: [.users: 1_000], stage: .earlyTraction),
        Case(values: [.users: 9_999], stage: .earlyTraction),
        Case(values: [.users: 10_000], stage: .growth),
        Case(values: [.users: 49_999], stage: .growth),
        Case(values: [.users: 50_000], stage: .scale),
        Case(values: [.users: 199_999], stage: .scale),
        Case(values: [.users: 200_000], stage: .enterprise),
        Case(values: [.users: 5_000_000], stage: .enterprise),
        Case(values: [.payingCustomers: 0], stage: .mvp),
        Case(values: [.payingCustomers: 1], stage: .earlyTraction),
        Case(values: [.mrr: 0], stage: .mvp),
        Case(values: [.mrr: 0.01], stage: .earlyTraction),
        Case(values: [.mrr: 9_999.99], stage: .earlyTraction),
        Case(values: [.mrr: 10_000], stage: .scale),
        Case(values: [.mrr: 99_999], stage: .scale),
        Case(values: [.mrr: 100_000], stage: .enterprise),
        Case(values: [.dailyActiveUsers: 99], stage: .mvp),
        Case(values: [.dailyActiveUsers: 100], stage: .growth),
        // The highest signal wins.
        Case(values: [.users: 500, .payingCustomers: 3], stage: .earlyTraction),
        Case(values: [.users: 500, .dailyActiveUsers: 150], stage: .growth),
        Case(values: [.users: 12_000, .mrr: 12_000], stage: .scale),
        Case(values: [.users: 300_000, .mrr: 50], stage: .enterprise),
        Case(values: [.users: 2_000, .mrr: 150_000], stage: .enterprise),
    ]

    @Test(arguments: boundaries)
    func placesTheSnapshot(_ testCase: Case) throws {
        #expect(try StageClassifier.assess(Snapshot(values: testCase.values)).stage == testCase.stage)
    }

    @Test func namesTheDecidingSignals() throws {
        let assessment = try StageClassifier.assess(Snapshot(values: [.users: 24_500, .dailyActiveUsers: 1_300, .mrr: 4_200]))
        #expect(assessment.stage == .growth)
        #expect(assessment.deciding.map(\.field) == [.users, .dailyActiveUsers])
        #expect(assessment.missing == [.payingCustomers])
    }

    @Test func saysHowFarEachSignalIsFromTheNextStage() throws {
        let assessment = try StageClassifier.assess(Snapshot(values: [.users: 45_800, .mrr: 4_200, .dailyActiveUsers: 900]))
        let distances = assessment.distances.map { ($0.field, $0.shortfall, $0.rule.stage) }
        #expect(distances.count == 2)
        #expect(distances[0] == (.users, 4_200, .scale))
        #expect(distances[1] == (.mrr, 5_800, .scale))
        #expect(Wording.distances(assessment) == "to reach scale: 4,200 more users, or $5,800 more MRR")
    }

    @Test func aSignalThatSkipsAStageSaysWhichItReaches() throws {
        let assessment = try StageClassifier.assess(Snapshot(values: [.users: 3_000, .mrr: 500]))
        #expect(Wording.distances(assessment) == "to reach growth: 7,000 more users, or $9,500 more MRR (reaches scale)")
    }

    @Test func pastAMillionUsersIsBeyondTheGuide() throws {
        #expect(try StageClassifier.assess(Snapshot(values: [.users: 999_999])).beyondGuide == false)
        #expect(try StageClassifier.assess(Snapshot(values: [.users: 1_000_000])).beyondGuide == true)
    }

    @Test func aSnapshotWithoutSignalsCannotBeStaged() {
        let origin = SourcePlace(file: "m.json", line: 1, column: 1)
        #expect(throws: StageError.noSignal(place: origin)) {
            try StageClassifier.assess(Snapshot(values: [.responseP95Ms: 200], origin: origin))
        }
    }
}
