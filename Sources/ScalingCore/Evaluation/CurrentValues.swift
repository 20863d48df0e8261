/// A field's latest known value, when the newest snapshot does not report it: "720 ms as of 2026-11-09".
public struct CarriedValue: Sendable, Equatable {
    public let field: SnapshotField
    public let value: Double
    /// When it was reported (nil in an untimed series).
    public let time: Double?
    /// How many snapshots before the newest one it was reported.
    public let snapshotsBefore: Int
    /// Where it is in the input.
    public let place: SourcePlace
    /// How long before the newest snapshot it was reported (nil without timestamps).
    public let age: Double?
}

/// How a series is judged, beyond the thresholds: the stage rule and how old a value may be.
public struct EvaluationSettings: Sendable, Equatable {
    /// How the stage is decided.
    public var stageRule: StageRule
    /// A value reported longer than this many seconds before the newest snapshot is unknown (nil: any age counts).
    public var maxAge: Double?

    public init(stageRule: StageRule = .standard, maxAge: Double? = nil) {
        self.stageRule = stageRule
        self.maxAge = maxAge
    }

    public static let standard = EvaluationSettings()
}

/// Each field's latest known value in a series: the newest snapshot, with every field it does not report taken from
/// the last snapshot (in time order) that does, unless that one is older than the maximum age.
///
/// A weekly export whose newest row has only `users` filled is judged on last week's p95, and says so, instead of
/// finding every threshold unknown.
public struct CurrentValues: Sendable, Equatable {
    /// The newest snapshot with the carried values filled in (their places point at the rows they come from).
    public let snapshot: Snapshot
    /// The values taken from earlier snapshots, by field.
    public let carried: [SnapshotField: CarriedValue]
    /// The latest known values older than the maximum age: not used, so their fields are unknown.
    public let expired: [SnapshotField: CarriedValue]
    /// The maximum age in force (nil: none).
    public let maxAge: Double?

    public init(_ series: SnapshotSeries, maxAge: Double? = nil) {
        let timeline = Timeline(series)
        self.init(timeline, history: timeline.snapshots(in: series), maxAge: maxAge)
    }

    /// From a series' timeline and its snapshots in timeline order (the newest last).
    init(_ timeline: Timeline, history: [Snapshot], maxAge: Double?) {
        var snapshot = history.last!
        var carried: [SnapshotField: CarriedValue] = [:]
        var expired: [SnapshotField: CarriedValue] = [:]
        let newest = history.count - 1
        let newestTime = snapshot.timestamp
        for column in timeline.columns.columns where snapshot[column.field] == nil && column.field != .timestamp {
            guard let row = column.values.lastIndex(where: { !$0.isNaN }) else { continue }
            let earlier = history[row]
            let age = zip2(newestTime, earlier.timestamp).map { $0 - $1 }
            let value = CarriedValue(
                field: column.field, value: column.values[row], time: earlier.timestamp, snapshotsBefore: newest - row,
                place: earlier.places[column.field] ?? earlier.origin, age: age)
            if let maxAge, let age, age > maxAge {
                expired[column.field] = value
            } else {
                carried[column.field] = value
                snapshot[column.field] = value.value
                snapshot.places[column.field] = value.place
            }
        }
        if snapshot.checklistDone.isEmpty, let done = history.last(where: { !$0.checklistDone.isEmpty }) {
            snapshot.checklistDone = done.checklistDone  // what was done stays done
        }
        self.snapshot = snapshot
        self.carried = carried
        self.expired = expired
        self.maxAge = maxAge
    }

    /// The oldest carried value among `fields` (the one that dates a verdict), or nil when the newest reports them all.
    public func oldest(of fields: [SnapshotField]) -> CarriedValue? {
        fields.compactMap { carried[$0] }.max { $0.snapshotsBefore < $1.snapshotsBefore }
    }
}

private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
