/// Something about a series' order or spacing that trends had to work around; every one is reported.
public enum TimelineNote: Sendable, Equatable {
    /// Rows whose timestamp is earlier than a row above them; the series was sorted by timestamp.
    case sorted(rows: Int)
    /// Several rows share a timestamp; the last of them in the file is used, the others are left out.
    case duplicateTimestamp(time: Double, lines: [Int])
    /// An interval much longer than the series' usual spacing (more than `TimelineRules.gapFactor` times the median).
    case gap(from: Double, to: Double, usualInterval: Double)
    /// No row has a timestamp: file order is used, and growth per week cannot be known.
    case untimed(rows: Int)
    /// Some rows have no timestamp; they are left out of trends.
    case partlyUntimed(rows: Int, firstLine: Int?)
}

/// The rules a timeline is built by.
public enum TimelineRules {
    /// An interval longer than this many times the median interval is reported as a gap.
    public static let gapFactor: Double = 2
    /// Seconds in a day, the unit fits are made in.
    public static let day: Double = 86_400
}

/// A series put in the order trends read it: sorted by timestamp (stably), one row per timestamp, kept as columns.
///
/// Rows without timestamps keep file order when no row has one, and are left out when only some lack one;
/// both cases are noted, as are rows out of order, repeated timestamps and gaps. A series already in order (the
/// usual export) is checked in one pass and its columns are used as they are, not copied.
public struct Timeline: Sendable, Equatable {
    /// The rows trends use, oldest first, as columns.
    public let columns: SeriesColumns
    /// For each of those rows, its row in the input (file order); nil when they are the input's rows as they are.
    private let rowMap: [Int]?
    /// For each row used, its row in the input (file order).
    public var rows: [Int] { rowMap ?? Array(0..<count) }
    /// Whether every row used has a timestamp, so growth can be measured per unit of time.
    public let isTimed: Bool
    public let notes: [TimelineNote]
    /// The usual spacing of the rows, in seconds (nil without timestamps or with one row).
    public let usualInterval: Double?

    /// The rows used.
    public var count: Int { columns.rowCount }
    /// Their times, oldest first; empty when untimed.
    public var times: [Double] { isTimed ? columns.times : [] }
    /// The latest row as a snapshot.
    public var last: Snapshot { columns.snapshot(at: count - 1) }

    public init(_ series: SnapshotSeries) { self.init(series.columns) }

    public init(_ input: SeriesColumns) {
        let times = input.times
        var notes: [TimelineNote] = []
        var untimedCount = 0
        var firstUntimed: Int?
        for (row, time) in times.enumerated() where time.isNaN {
            if firstUntimed == nil { firstUntimed = row }
            untimedCount += 1
        }
        if times.isEmpty || untimedCount == input.rowCount {
            columns = input
            rowMap = nil
            isTimed = false
            self.notes = input.rowCount > 1 ? [.untimed(rows: input.rowCount)] : []
            usualInterval = nil
            return
        }
        if untimedCount > 0 {
            notes.append(.partlyUntimed(rows: untimedCount, firstLine: firstUntimed.flatMap { input.lines.line(of: $0) }))
        }
        // The usual export is in order with every row timed: one pass says so, and its columns are used as they are.
        var increasing = untimedCount == 0
        if increasing {
            for row in times.indices.dropFirst() where times[row] <= times[row - 1] {
                increasing = false
                break
            }
        }
        if increasing {
            columns = input
            rowMap = nil
        } else {
            let timedRows = untimedCount > 0 ? times.indices.filter { !times[$0].isNaN } : Array(times.indices)
            let outOfOrder = timedRows.count - Timeline.longestInOrderRun(timedRows.map { times[$0] })
            if outOfOrder > 0 { notes.append(.sorted(rows: outOfOrder)) }
            // A stable sort keeps file order among equal timestamps, so the last of equals is the one kept.
            let sorted = timedRows.sorted { (times[$0], $0) < (times[$1], $1) }
            var kept: [Int] = []
            var run: [Int] = []
            func closeRun() {
                guard let last = run.last else { return }
                if run.count > 1 {
                    notes.append(.duplicateTimestamp(time: times[last], lines: run.compactMap { input.lines.line(of: $0) }))
                }
                kept.append(last)
                run = []
            }
            for row in sorted {
                if let previous = run.last, times[previous] != times[row] { closeRun() }
                run.append(row)
            }
            closeRun()
            columns = input.gathering(kept)
            rowMap = kept
        }
        isTimed = true
        let (gaps, usual) = Timeline.gaps(in: columns.times)
        notes += gaps
        usualInterval = usual
        self.notes = notes
    }

    /// The snapshots of `series` in timeline order (the timeline must have been made from `series`), made as read.
    public func snapshots(in series: SnapshotSeries) -> SnapshotHistory {
        SnapshotHistory(series: series, rows: rowMap, columns: series.isColumnar ? columns : nil)
    }

    /// The values of one field in timeline order, and their times (nil when untimed), leaving out rows without it.
    public func points(_ field: SnapshotField) -> (times: [Double]?, values: [Double])? {
        guard let values = columns.column(field) else { return nil }
        let missing = values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        if missing == 0 { return (isTimed ? columns.times : nil, values) }
        let present = values.indices.filter { !values[$0].isNaN }
        guard !present.isEmpty else { return nil }
        return (isTimed ? present.map { columns.times[$0] } : nil, present.map { values[$0] })
    }

    /// The length of the longest non-decreasing subsequence: the rows that are in order, so the rest are the rows
    /// that had to move (one early row out of place counts as one, not as every row after it).
    static func longestInOrderRun(_ times: [Double]) -> Int {
        var tails: [Double] = []  // tails[k]: the least last time of an in-order run of length k + 1
        for time in times {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if tails[middle] <= time { low = middle + 1 } else { high = middle }
            }
            if low == tails.count { tails.append(time) } else { tails[low] = time }
        }
        return tails.count
    }

    /// Intervals longer than `gapFactor` times the median interval (needs three or more points), and the median.
    static func gaps(in times: [Double]) -> (gaps: [TimelineNote], usual: Double?) {
        guard times.count >= 2 else { return ([], nil) }
        // Evenly spaced rows (the usual export) need no list of intervals.
        let first = times[1] - times[0]
        var even = true
        for index in times.indices.dropFirst(2) where times[index] - times[index - 1] != first {
            even = false
            break
        }
        if even { return ([], first) }
        let intervals = zip(times.dropFirst(), times).map { $0 - $1 }
        let usual = Statistics.median(intervals)
        guard times.count >= 3, usual > 0 else { return ([], usual) }
        let gaps: [TimelineNote] = zip(times.dropFirst(), times).compactMap { later, earlier in
            later - earlier > TimelineRules.gapFactor * usual ? .gap(from: earlier, to: later, usualInterval: usual) : nil
        }
        return (gaps, usual)
    }
}

/// A series' snapshots in timeline order, oldest first; a series kept as columns makes each one only when it is read.
public struct SnapshotHistory: RandomAccessCollection, Sendable {
    let series: SnapshotSeries
    /// For each position, its row in the series; nil when they are the series' rows as they are.
    let rows: [Int]?
    /// The timeline's columns, when the series is kept as columns: walks over every row read them, not snapshots.
    let columns: SeriesColumns?

    init(series: SnapshotSeries, rows: [Int]?, columns: SeriesColumns?) {
        self.series = series
        self.rows = rows
        self.columns = columns
    }

    /// Snapshots already in timeline order.
    public init(_ snapshots: [Snapshot]) {
        self.init(series: SnapshotSeries(source: snapshots.first?.origin.file ?? "", snapshots: snapshots), rows: nil, columns: nil)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows?.count ?? series.count }
    public subscript(position: Int) -> Snapshot { series.snapshot(at: rows?[position] ?? position) }

    /// The value of `field` at `position`, without making its snapshot.
    func value(_ field: SnapshotField, at position: Int) -> Double? {
        guard let columns else { return self[position][field] }
        if field == .timestamp { return columns.time(at: position) }
        guard let value = columns.column(field)?[position], !value.isNaN else { return nil }
        return value
    }

    /// The snapshot at `position` with only `fields` and its time (the whole snapshot when not kept as columns).
    func partial(at position: Int, fields: [SnapshotField]) -> Snapshot {
        guard columns != nil else { return self[position] }
        var snapshot = Snapshot(timestamp: value(.timestamp, at: position))
        for field in fields { snapshot[field] = value(field, at: position) }
        return snapshot
    }

    /// The values of `fields`, read by position without looking each column up again: a walk back over millions of
    /// rows makes no snapshot per row. Nil when the history is not kept as columns.
    func reader(of fields: [SnapshotField]) -> FieldReader? {
        guard let columns else { return nil }
        return FieldReader(times: columns.times, values: fields.map { columns.column($0) })
    }

    /// Some fields' columns in timeline order (nil for a field no row reports), and the times.
    struct FieldReader {
        let times: [Double]
        let values: [[Double]?]

        /// The value of the `slot`-th field at `position`; nil where it is absent.
        func value(_ slot: Int, at position: Int) -> Double? {
            guard let value = values[slot]?[position], !value.isNaN else { return nil }
            return value
        }

        func time(at position: Int) -> Double? {
            guard !times.isEmpty, !times[position].isNaN else { return nil }
            return times[position]
        }
    }

    /// The numeric fields some snapshot reports, when kept as columns.
    var reportedFields: [SnapshotField]? { columns?.columns.map(\.field) }

    /// The last position before `position` whose snapshot reports `field`, when kept as columns.
    func lastPosition(reporting field: SnapshotField, before position: Int) -> Int? {
        guard let values = columns?.column(field) else { return nil }
        var index = position - 1
        while index >= 0, values[index].isNaN { index -= 1 }
        return index >= 0 ? index : nil
    }

    /// The last position whose snapshot reports checklist ids, when kept as columns.
    var lastPositionWithChecklist: Int? { columns?.checklist.keys.max() }
}
