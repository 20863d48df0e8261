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

/// A series put in the order trends read it: sorted by timestamp (stably), one row per timestamp.
///
/// Rows without timestamps keep file order when no row has one, and are left out when only some lack one;
/// both cases are noted, as are rows out of order, repeated timestamps and gaps.
public struct Timeline: Sendable, Equatable {
    /// The snapshots trends use, oldest first.
    public let snapshots: [Snapshot]
    /// Whether every snapshot used has a timestamp, so growth can be measured per unit of time.
    public let isTimed: Bool
    public let notes: [TimelineNote]

    public init(_ series: SnapshotSeries) {
        let timed = series.snapshots.enumerated().filter { $0.element.timestamp != nil }
        guard !timed.isEmpty else {
            snapshots = series.snapshots
            isTimed = false
            notes = series.snapshots.count > 1 ? [.untimed(rows: series.snapshots.count)] : []
            return
        }
        var notes: [TimelineNote] = []
        let untimedCount = series.snapshots.count - timed.count
        if untimedCount > 0 {
            let first = series.snapshots.first { $0.timestamp == nil }?.origin.line
            notes.append(.partlyUntimed(rows: untimedCount, firstLine: first))
        }
        let outOfOrder = timed.count - Timeline.longestInOrderRun(timed.map { $0.element.timestamp! })
        if outOfOrder > 0 { notes.append(.sorted(rows: outOfOrder)) }
        // A stable sort keeps file order among equal timestamps, so the last of equals is the one kept.
        let sorted = timed.sorted { ($0.element.timestamp!, $0.offset) < ($1.element.timestamp!, $1.offset) }.map(\.element)
        var kept: [Snapshot] = []
        var run: [Snapshot] = []
        func closeRun() {
            guard let last = run.last else { return }
            if run.count > 1 { notes.append(.duplicateTimestamp(time: last.timestamp!, lines: run.compactMap(\.origin.line))) }
            kept.append(last)
            run = []
        }
        for snapshot in sorted {
            if let previous = run.last, previous.timestamp != snapshot.timestamp { closeRun() }
            run.append(snapshot)
        }
        closeRun()
        notes += Timeline.gaps(in: kept.map { $0.timestamp! })
        snapshots = kept
        isTimed = true
        self.notes = notes
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

    /// Intervals longer than `gapFactor` times the median interval (needs three or more points).
    static func gaps(in times: [Double]) -> [TimelineNote] {
        guard times.count >= 3 else { return [] }
        let intervals = zip(times.dropFirst(), times).map { $0 - $1 }
        let usual = Statistics.median(intervals)
        guard usual > 0 else { return [] }
        return zip(times.dropFirst(), times).compactMap { later, earlier in
            later - earlier > TimelineRules.gapFactor * usual ? .gap(from: earlier, to: later, usualInterval: usual) : nil
        }
    }

    /// The usual spacing of the points, in seconds (nil without timestamps or with one point).
    public var usualInterval: Double? {
        guard isTimed, snapshots.count >= 2 else { return nil }
        let times = snapshots.map { $0.timestamp! }
        return Statistics.median(zip(times.dropFirst(), times).map { $0 - $1 })
    }

    /// The points of one field, oldest first: (time, value) for the snapshots that report it.
    public func points(_ field: SnapshotField) -> [(time: Double?, value: Double)] {
        snapshots.compactMap { snapshot in snapshot[field].map { (snapshot.timestamp, $0) } }
    }
}
