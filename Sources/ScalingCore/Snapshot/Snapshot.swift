/// Where in the user's input something is: the file, and the line and column or CSV column name when known.
public struct SourcePlace: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (`-` is shown as "<stdin>").
    public var file: String
    public var line: Int?
    /// A 1-based column within the line (JSON).
    public var column: Int?
    /// The CSV column's header, as written.
    public var columnName: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// "metrics.json: line 3, column 12" or "metrics.csv: line 4, column \"users\"".
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let columnName { parts.append("column \"\(columnName)\"") } else if let column { parts.append("column \(column)") }
        return parts.isEmpty ? file : "\(file): " + parts.joined(separator: ", ")
    }
}

/// One set of measurements of the app at one time: every field optional.
public struct Snapshot: Equatable, Sendable {
    /// Unix seconds, when the snapshot says when it was taken.
    public var timestamp: Double?
    /// The numeric fields present, in their canonical units (counts, USD, fractions, ms, GB).
    public var values: [SnapshotField: Double]
    /// Checklist or guide-step ids reported done.
    public var checklistDone: [String]
    /// Where the snapshot starts in its file.
    public var origin: SourcePlace
    /// Where each field's value is in the file, for reports that point at it (SARIF locations).
    public var places: [SnapshotField: SourcePlace]

    public init(
        timestamp: Double? = nil, values: [SnapshotField: Double] = [:], checklistDone: [String] = [],
        origin: SourcePlace = SourcePlace(file: "<memory>"), places: [SnapshotField: SourcePlace] = [:]
    ) {
        self.timestamp = timestamp
        self.values = values
        self.checklistDone = checklistDone
        self.origin = origin
        self.places = places
    }

    /// The value of a numeric field, or nil when the snapshot lacks it.
    public subscript(field: SnapshotField) -> Double? {
        get { field == .timestamp ? timestamp : values[field] }
        set {
            if field == .timestamp { timestamp = newValue } else { values[field] = newValue }
        }
    }

    /// The reported ids as a set, for membership tests.
    public var doneIDs: Set<String> { Set(checklistDone) }
}

/// The snapshots of one input, in file order, with the one advice is about.
///
/// A series is kept either as snapshots (what the row reader, merges and tests build) or as columns (one CSV
/// export read by ``ColumnarCSVReader``): then a snapshot is made only for a row an answer reads (the latest, the rows
/// a carried value comes from), so five million rows cost six arrays of numbers, not five million snapshots.
public struct SnapshotSeries: Equatable, Sendable {
    /// The input's name as the user gave it.
    public var source: String
    /// What reading the input noticed (printed on stderr, and carried into JSON reports as `warnings`).
    public var warnings: [InputWarning]
    private var rows: [Snapshot]
    /// The series as columns, when it was read as columns.
    private var table: ColumnTable?

    public init(source: String, snapshots: [Snapshot], warnings: [InputWarning] = []) {
        precondition(!snapshots.isEmpty, "a series holds at least one snapshot")
        self.source = source
        self.rows = snapshots
        self.warnings = warnings
    }

    /// A series read as columns from a CSV file (each value's place is its row's line and its column's header as
    /// written, as the row reader gives it).
    public init(csvColumns columns: SeriesColumns, warnings: [InputWarning] = []) {
        precondition(columns.rowCount > 0, "a series holds at least one snapshot")
        source = columns.source
        rows = []
        table = ColumnTable(columns)
        self.warnings = warnings
    }

    /// A series read as columns from a JSON file, with where each row's object is: a snapshot made for a row reads
    /// its object again for each value's line and column, as the row reader gives them.
    public init(jsonColumns columns: SeriesColumns, rows: JSONRowIndex, warnings: [InputWarning] = []) {
        precondition(columns.rowCount > 0 && columns.rowCount == rows.starts.count, "a series holds at least one snapshot")
        source = columns.source
        self.rows = []
        var table = ColumnTable(columns)
        table.json = rows
        self.table = table
        self.warnings = warnings
    }

    /// A series merged from several inputs as columns (see ``ColumnMerger``): a snapshot made for a row takes each
    /// value's place from the input row it comes from, as the row merger gives them.
    init(mergedColumns columns: SeriesColumns, provenance: MergeProvenance) {
        precondition(columns.rowCount > 0, "a series holds at least one snapshot")
        source = columns.source
        rows = []
        var table = ColumnTable(columns)
        table.merged = provenance
        self.table = table
        warnings = []
    }

    /// Every snapshot, in file order (a series read as columns makes them all: avoid on large inputs).
    public var snapshots: [Snapshot] {
        get { table.map { table in (0..<table.columns.rowCount).map { table.snapshot(at: $0) } } ?? rows }
        set {
            rows = newValue
            table = nil
        }
    }

    /// How many snapshots the series holds.
    public var count: Int { table?.columns.rowCount ?? rows.count }

    /// Whether the series is kept as columns.
    public var isColumnar: Bool { table != nil }

    /// The snapshot at `index` in file order.
    public func snapshot(at index: Int) -> Snapshot { table?.snapshot(at: index) ?? rows[index] }

    /// The series as columns, as ``SeriesColumns/init(_:)`` makes them from its snapshots.
    public var columns: SeriesColumns { table?.columns ?? SeriesColumns(self) }

    /// The index of the latest snapshot: the greatest timestamp (the last of equals), or the last one when none has a timestamp.
    public var latestIndex: Int {
        if let table { return SeriesHeading(table.columns).latestIndex }
        var best: Int?
        for (index, snapshot) in rows.enumerated() {
            guard let time = snapshot.timestamp else { continue }
            if let current = best, let bestTime = rows[current].timestamp, bestTime > time { continue }
            best = index
        }
        return best ?? rows.count - 1
    }

    /// The snapshot advice is about.
    public var latest: Snapshot { snapshot(at: latestIndex) }

    /// The series with the snapshot at `index` replaced (a series kept as columns stays columns).
    public func replacing(at index: Int, with snapshot: Snapshot) -> SnapshotSeries {
        var copy = self
        if var table = copy.table {
            table.replace(row: index, with: snapshot)
            copy.table = table
        } else {
            copy.rows[index] = snapshot
        }
        return copy
    }

    public static func == (lhs: SnapshotSeries, rhs: SnapshotSeries) -> Bool {
        lhs.source == rhs.source && lhs.warnings == rhs.warnings && lhs.count == rhs.count && lhs.snapshots == rhs.snapshots
    }
}

/// A series' columns as ``SeriesColumns/init(_:)`` would make them from its snapshots (fields in the order they first
/// appear, names canonical, no column without a value), with the names the input wrote for the places.
private struct ColumnTable: Sendable {
    var columns: SeriesColumns
    /// Each field's column index, by `SnapshotField.allCases` position; -1 when absent.
    var slots: [Int]
    /// The header as written, by field: a value's place names it.
    var written: [SnapshotField: String]
    /// Rows replaced after reading (a what-if on the latest row), made as given.
    var replaced: [Int: Snapshot] = [:]
    /// Where each row's object is, for a series read from a JSON file: its values' places are read from there.
    var json: JSONRowIndex?
    /// Where each value comes from, for a series merged from several inputs.
    var merged: MergeProvenance?

    static let fieldIndex: [SnapshotField: Int] = Dictionary(
        uniqueKeysWithValues: SnapshotField.allCases.enumerated().map { ($1, $0) })

    init(_ input: SeriesColumns) {
        var written: [SnapshotField: String] = [:]
        for column in input.columns { written[column.field] = column.name }
        self.written = written
        columns = input
        if columns.times.allSatisfy(\.isNaN) { columns.times = [] }
        slots = []
        putInOrder()
    }

    /// Orders the columns as ``SeriesColumns/init(_:)`` does (row by row, each row's new fields in the field table's
    /// order), with canonical names, dropping a column without a value.
    private mutating func putInOrder() {
        var byField: [SnapshotField: [Double]] = [:]
        for column in columns.columns { byField[column.field] = column.values }
        var order: [SnapshotField] = []
        var pending = SnapshotField.allCases.filter { byField[$0] != nil }
        var row = 0
        while !pending.isEmpty && row < columns.rowCount {
            var kept: [SnapshotField] = []
            for field in pending {
                if byField[field]![row].isNaN { kept.append(field) } else { order.append(field) }
            }
            pending = kept
            row += 1
        }
        columns.columns = order.map { SeriesColumn(field: $0, name: $0.rawValue, values: byField[$0]!) }
        slots = Array(repeating: -1, count: SnapshotField.allCases.count)
        for (index, column) in columns.columns.enumerated() { slots[ColumnTable.fieldIndex[column.field]!] = index }
    }

    func value(_ field: SnapshotField, at row: Int) -> Double? {
        let slot = slots[ColumnTable.fieldIndex[field]!]
        guard slot >= 0 else { return nil }
        let value = columns.columns[slot].values[row]
        return value.isNaN ? nil : value
    }

    func snapshot(at row: Int) -> Snapshot {
        if let snapshot = replaced[row] { return snapshot }
        if let merged { return merged.snapshot(at: row, in: columns) }
        let line = columns.lines.line(of: row)
        if let json { return jsonSnapshot(at: row, line: line, index: json) }
        func place(_ field: SnapshotField) -> SourcePlace {
            SourcePlace(file: columns.source, line: line, columnName: written[field] ?? field.rawValue)
        }
        var snapshot = Snapshot(
            timestamp: columns.time(at: row), checklistDone: columns.checklist[row] ?? [],
            origin: SourcePlace(file: columns.source, line: line))
        if snapshot.timestamp != nil { snapshot.places[.timestamp] = place(.timestamp) }
        for column in columns.columns where !column.values[row].isNaN {
            snapshot.values[column.field] = column.values[row]
            snapshot.places[column.field] = place(column.field)
        }
        return snapshot
    }

    /// A row of a JSON file: its values from the columns, its object's line and column, and each value's place as the
    /// row reader gives it (read again from the file; only the line when the file changed since).
    private func jsonSnapshot(at row: Int, line: Int?, index: JSONRowIndex) -> Snapshot {
        var snapshot = Snapshot(
            timestamp: columns.time(at: row), checklistDone: columns.checklist[row] ?? [],
            origin: SourcePlace(file: columns.source, line: line, column: index.column(of: row)))
        for column in columns.columns where !column.values[row].isNaN { snapshot.values[column.field] = column.values[row] }
        if let line, let places = index.places(of: row, line: line, expected: snapshot) {
            snapshot.places = places
        } else {
            var fields = Array(snapshot.values.keys)
            if snapshot.timestamp != nil { fields.append(.timestamp) }
            for field in fields { snapshot.places[field] = SourcePlace(file: columns.source, line: line) }
        }
        return snapshot
    }

    /// Puts `snapshot` at `row`: kept as given, and its values written into the columns that trends read.
    mutating func replace(row: Int, with snapshot: Snapshot) {
        replaced[row] = snapshot
        for index in columns.columns.indices { columns.columns[index].values[row] = snapshot.values[columns.columns[index].field] ?? .nan }
        for field in SnapshotField.allCases where snapshot.values[field] != nil && slots[ColumnTable.fieldIndex[field]!] < 0 {
            var values = [Double](repeating: .nan, count: columns.rowCount)
            values[row] = snapshot.values[field]!
            columns.columns.append(SeriesColumn(field: field, name: field.rawValue, values: values))
        }
        if !columns.times.isEmpty { columns.times[row] = snapshot.timestamp ?? .nan }
        if snapshot.checklistDone.isEmpty { columns.checklist[row] = nil } else { columns.checklist[row] = snapshot.checklistDone }
        putInOrder()
    }
}
