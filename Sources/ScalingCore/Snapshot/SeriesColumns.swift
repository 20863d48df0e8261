/// A series kept as columns: one array of `Double` per field (NaN where a row lacks the field) and one of times.
///
/// This is how trends read a series: a 5,000,000-row export is six arrays of numbers, not five million snapshots.
/// The streaming readers build it straight from the bytes; a series of snapshots converts to it for the same code.
public struct SeriesColumns: Sendable, Equatable {
    /// The input's name as the user gave it.
    public var source: String
    /// Rows in file order.
    public var rowCount: Int
    /// Unix seconds per row, NaN for a row without a time; empty when no row has a time column.
    public var times: [Double]
    /// The numeric fields present, in the input's order.
    public var columns: [SeriesColumn]
    /// Checklist or step ids reported done, by row; only rows that report some.
    public var checklist: [Int: [String]]
    /// The line each row starts on.
    public var lines: RowLines

    public init(
        source: String, rowCount: Int, times: [Double], columns: [SeriesColumn], checklist: [Int: [String]] = [:],
        lines: RowLines
    ) {
        self.source = source
        self.rowCount = rowCount
        self.times = times
        self.columns = columns
        self.checklist = checklist
        self.lines = lines
    }

    /// The columns of a series of snapshots (a field some snapshots lack is NaN there).
    public init(_ series: SnapshotSeries) {
        let snapshots = series.snapshots
        var fields: [SnapshotField] = []
        var seen = Set<SnapshotField>()
        for snapshot in snapshots {
            for field in SnapshotField.allCases where snapshot.values[field] != nil && seen.insert(field).inserted { fields.append(field) }
        }
        var checklist: [Int: [String]] = [:]
        for (row, snapshot) in snapshots.enumerated() where !snapshot.checklistDone.isEmpty { checklist[row] = snapshot.checklistDone }
        self.init(
            source: series.source, rowCount: snapshots.count,
            times: snapshots.contains { $0.timestamp != nil } ? snapshots.map { $0.timestamp ?? .nan } : [],
            columns: fields.map { field in
                SeriesColumn(field: field, name: field.rawValue, values: snapshots.map { $0.values[field] ?? .nan })
            },
            checklist: checklist, lines: RowLines(lines: snapshots.map(\.origin.line)))
    }

    /// The values of `field`, one per row (NaN where absent), or nil when the input has no such column.
    public func column(_ field: SnapshotField) -> [Double]? { columns.first { $0.field == field }?.values }

    /// The time of a row, if it has one.
    public func time(at row: Int) -> Double? {
        guard !times.isEmpty, !times[row].isNaN else { return nil }
        return times[row]
    }

    /// One row as a snapshot: its time, values, checklist and line.
    public func snapshot(at row: Int) -> Snapshot {
        var values: [SnapshotField: Double] = [:]
        for column in columns where !column.values[row].isNaN { values[column.field] = column.values[row] }
        return Snapshot(
            timestamp: time(at: row), values: values, checklistDone: checklist[row] ?? [],
            origin: SourcePlace(file: source, line: lines.line(of: row)))
    }

    /// What differs from `other` as data (row count, times, each numeric field's values with NaN for absent, checklists,
    /// lines), not in how it is stored (column order, names): empty when the two are the same series. The readers'
    /// tests and differential fuzz targets compare the columnar readers with the row readers through it.
    @_spi(Testing) public func differences(from other: SeriesColumns) -> [String] {
        guard rowCount == other.rowCount else { return ["\(rowCount) rows against \(other.rowCount)"] }
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
        }
        let absent = [Double](repeating: .nan, count: rowCount)
        var found: [String] = []
        if !same(times.isEmpty ? absent : times, other.times.isEmpty ? absent : other.times) { found.append("times") }
        for field in SnapshotField.allCases where field.isNumeric && !same(column(field) ?? absent, other.column(field) ?? absent) {
            found.append(field.rawValue)
        }
        if checklist != other.checklist { found.append("checklists") }
        if let row = (0..<rowCount).first(where: { lines.line(of: $0) != other.lines.line(of: $0) }) { found.append("line of row \(row)") }
        return found
    }

    /// The same rows, gathered in the order `rows` gives (a subset, sorted or deduplicated).
    public func gathering(_ rows: [Int]) -> SeriesColumns {
        var checklist: [Int: [String]] = [:]
        for (position, row) in rows.enumerated() { if let ids = self.checklist[row] { checklist[position] = ids } }
        return SeriesColumns(
            source: source, rowCount: rows.count, times: times.isEmpty ? [] : rows.map { times[$0] },
            columns: columns.map { column in SeriesColumn(field: column.field, name: column.name, values: rows.map { column.values[$0] }) },
            checklist: checklist, lines: RowLines(lines: rows.map { lines.line(of: $0) }))
    }
}

/// One field's values down a series.
public struct SeriesColumn: Sendable, Equatable {
    public var field: SnapshotField
    /// The column's name as the input wrote it.
    public var name: String
    /// One value per row, NaN where the row lacks the field.
    public var values: [Double]

    public init(field: SnapshotField, name: String, values: [Double]) {
        self.field = field
        self.name = name
        self.values = values
    }
}

/// The line each row of a series starts on, stored as the few places where a row does not start on the line after
/// the previous one's (a CSV record spanning lines, a JSON array), so five million one-line rows cost nothing.
public struct RowLines: Sendable, Equatable {
    /// (row, line) pairs by increasing row: row r ≥ anchor.row starts on anchor.line + (r - anchor.row).
    public private(set) var anchors: [(row: Int, line: Int?)]

    /// Anchors as a reader recorded them (rows increasing, the first at row 0).
    public init(anchors: [(row: Int, line: Int?)]) { self.anchors = anchors.isEmpty ? [(0, nil)] : anchors }

    /// Explicit lines, compressed to anchors.
    public init(lines: [Int?]) { self.init(count: lines.count) { lines[$0] } }

    /// The lines of `count` rows, given one at a time (no array of them all is made), compressed to anchors.
    public init(count: Int, line lineOf: (Int) -> Int?) {
        var anchors: [(row: Int, line: Int?)] = []
        for row in 0..<count {
            let line = lineOf(row)
            if let last = anchors.last, let base = last.line, let line, line == base + (row - last.row) { continue }
            if let last = anchors.last, last.line == nil, line == nil { continue }
            anchors.append((row, line))
        }
        self.init(anchors: anchors)
    }

    /// The line row `row` starts on, when known.
    public func line(of row: Int) -> Int? {
        var low = 0
        var high = anchors.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if anchors[middle].row <= row { low = middle } else { high = middle - 1 }
        }
        let anchor = anchors[low]
        return anchor.line.map { $0 + (row - anchor.row) }
    }

    public static func == (lhs: RowLines, rhs: RowLines) -> Bool {
        lhs.anchors.count == rhs.anchors.count && zip(lhs.anchors, rhs.anchors).allSatisfy { $0.row == $1.row && $0.line == $1.line }
    }
}

/// What a report's first line says about its input: the file, how many snapshots, and which one is the latest.
public struct SeriesHeading: Sendable, Equatable {
    public var source: String
    public var count: Int
    /// The row of the latest snapshot: the greatest timestamp (the last of equals), or the last row when none has one.
    public var latestIndex: Int
    public var latestLine: Int?
    public var latestTime: Double?

    public init(_ series: SnapshotSeries) {
        source = series.source
        count = series.count
        latestIndex = series.latestIndex
        latestLine = series.latest.origin.line
        latestTime = series.latest.timestamp
    }

    public init(_ columns: SeriesColumns) {
        source = columns.source
        count = columns.rowCount
        var best: Int?
        for (row, time) in columns.times.enumerated() where !time.isNaN {
            if let current = best, columns.times[current] > time { continue }
            best = row
        }
        latestIndex = best ?? columns.rowCount - 1
        latestLine = columns.lines.line(of: latestIndex)
        latestTime = columns.time(at: latestIndex)
    }
}
