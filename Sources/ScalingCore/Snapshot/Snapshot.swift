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
public struct SnapshotSeries: Equatable, Sendable {
    /// The input's name as the user gave it.
    public var source: String
    public var snapshots: [Snapshot]
    /// What reading the input noticed (printed on stderr, and carried into JSON reports as `warnings`).
    public var warnings: [InputWarning]

    public init(source: String, snapshots: [Snapshot], warnings: [InputWarning] = []) {
        precondition(!snapshots.isEmpty, "a series holds at least one snapshot")
        self.source = source
        self.snapshots = snapshots
        self.warnings = warnings
    }

    /// The index of the latest snapshot: the greatest timestamp (the last of equals), or the last one when none has a timestamp.
    public var latestIndex: Int {
        var best: Int?
        for (index, snapshot) in snapshots.enumerated() {
            guard let time = snapshot.timestamp else { continue }
            if let current = best, let bestTime = snapshots[current].timestamp, bestTime > time { continue }
            best = index
        }
        return best ?? snapshots.count - 1
    }

    /// The snapshot advice is about.
    public var latest: Snapshot { snapshots[latestIndex] }
}
