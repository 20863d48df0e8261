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
    /// Prices given in place of the guide's (`--prices`, a policy's `prices`).
    public var prices: PriceOverrides

    public init(stageRule: StageRule = .standard, maxAge: Double? = nil, prices: PriceOverrides = PriceOverrides()) {
        self.stageRule = stageRule
        self.maxAge = maxAge
        self.prices = prices
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
        // The usual series (every row timed and strictly in order, or none timed) is its own timeline: no columns built.
        // A series kept as columns has its columns already.
        if series.isColumnar {
            self.init(history: Timeline(series).snapshots(in: series), maxAge: maxAge)
            return
        }
        let times = series.snapshots.map(\.timestamp)
        let inOrder =
            times.allSatisfy { $0 == nil } || (times.allSatisfy { $0 != nil } && zip(times, times.dropFirst()).allSatisfy { $0! < $1! })
        if inOrder {
            self.init(history: SnapshotHistory(series.snapshots), maxAge: maxAge)
        } else {
            let timeline = Timeline(series)
            self.init(history: timeline.snapshots(in: series), maxAge: maxAge)
        }
    }

    /// From a series' snapshots in timeline order (the newest last): one walk back from the newest, until every
    /// field is found or the history ends; kept as columns, each field's column is searched back instead, and only
    /// the rows found are made snapshots.
    init(history: SnapshotHistory, maxAge: Double?) {
        var snapshot = history.last!
        var carried: [SnapshotField: CarriedValue] = [:]
        var expired: [SnapshotField: CarriedValue] = [:]
        let newest = history.count - 1
        let newestTime = snapshot.timestamp
        var found = Set(snapshot.values.keys)
        func take(_ field: SnapshotField, _ number: Double, from earlier: Snapshot, row: Int) {
            found.insert(field)
            let age = newestTime.flatMap { newest in earlier.timestamp.map { newest - $0 } }
            let value = CarriedValue(
                field: field, value: number, time: earlier.timestamp, snapshotsBefore: newest - row,
                place: earlier.places[field] ?? earlier.origin, age: age)
            if let maxAge, let age, age > maxAge {
                expired[field] = value
            } else {
                carried[field] = value
                snapshot[field] = number
                snapshot.places[field] = value.place
            }
        }
        if let fields = history.reportedFields {
            for field in fields where !found.contains(field) {
                guard let row = history.lastPosition(reporting: field, before: newest) else { continue }
                let earlier = history[row]
                if let number = earlier[field], !number.isNaN { take(field, number, from: earlier, row: row) }
            }
            if snapshot.checklistDone.isEmpty, let row = history.lastPositionWithChecklist {
                snapshot.checklistDone = history[row].checklistDone  // what was done stays done
            }
        } else {
            for row in history.indices.reversed().dropFirst() where found.count < CurrentValues.numericFields {
                let earlier = history[row]
                for (field, number) in earlier.values where !number.isNaN && !found.contains(field) {
                    take(field, number, from: earlier, row: row)
                }
            }
            if snapshot.checklistDone.isEmpty, let done = history.last(where: { !$0.checklistDone.isEmpty }) {
                snapshot.checklistDone = done.checklistDone  // what was done stays done
            }
        }
        self.snapshot = snapshot
        self.carried = carried
        self.expired = expired
        self.maxAge = maxAge
    }

    /// How many fields a snapshot can hold a number for: the walk back stops once it has found them all.
    static let numericFields = SnapshotField.allCases.filter(\.isNumeric).count

    /// The oldest carried value among `fields` (the one that dates a verdict), or nil when the newest reports them all.
    public func oldest(of fields: [SnapshotField]) -> CarriedValue? {
        fields.compactMap { carried[$0] }.max { $0.snapshotsBefore < $1.snapshotsBefore }
    }
}
