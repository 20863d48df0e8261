/// Merges inputs as ``InputMerger`` does, over columns: a snapshot file read as columns is never made into one
/// snapshot per row, and the merged series is columns too, each value remembering the input and row it came from, so
/// a snapshot (each value's place in its own file) is made only for a row an answer reads.
///
/// The rules are the row merger's, which stays the reference (differential tests compare the two): the first input
/// with times sets the times; at each, every input gives each field the value of its nearest point with a value within
/// the tolerance (of two as near, the one that comes first in the input); a later input wins a field; a point at the
/// very time with no value (NaN) gives its field nothing; rows with no time join the latest snapshot.
///
/// Each input's timed rows are sorted once, and each time looks outward from where it falls in them, stopping as soon
/// as every field of the input is found: a time costs the few rows around it, where the row merger looks at them all.
public enum ColumnMerger {
    public static func merge(_ inputs: [MergeInput], options: MergeOptions = .standard) throws(InputError) -> DecodedInput {
        let gathered = try InputMerger.gather(inputs, options: options)
        let sources = gathered.parts.map(MergeSource.init)
        let merged = align(sources, tolerance: options.tolerance)
        var warnings = gathered.warnings
        try InputMerger.conclude(
            inputs, gathered: gathered, base: sources.firstIndex { !$0.order.isEmpty }, unaligned: merged.unaligned,
            isEmpty: merged.times.isEmpty, tolerance: options.tolerance, warnings: &warnings)
        let provenance = MergeProvenance(
            parts: gathered.parts, fields: merged.sources, originInputs: merged.originInputs, originRows: merged.originRows)
        // Only an export's values can fail: a snapshot file's were checked as they were read. Row by row, as the row merger.
        var fromExports: [(row: Int, position: Int)] = []
        for (position, column) in merged.columns.enumerated() {
            guard let column else { continue }
            for row in column.values.indices where !column.values[row].isNaN && sources[Int(column.inputs[row])].isExport {
                fromExports.append((row, position))
            }
        }
        fromExports.sort { $0.row != $1.row ? $0.row < $1.row : $0.position < $1.position }
        for (row, position) in fromExports {
            let column = merged.columns[position]!
            guard case .rows(let rows) = gathered.parts[Int(column.inputs[row])] else { continue }
            let field = SnapshotField.allCases[position]
            try InputMerger.check(
                column.values[row], field: field, place: rows[Int(column.rows[row])].places[field] ?? provenance.origin(of: row))
        }
        // Each row's line is its origin's: from a columnar input's lines, without making the row a snapshot.
        let inputLines = gathered.parts.map { part -> RowLines? in
            if case .series(let series) = part, series.isColumnar { series.columns.lines } else { nil }
        }
        let columns = SeriesColumns(
            source: inputs.map(\.source).joined(separator: " + "), rowCount: merged.times.count,
            times: merged.times.allSatisfy(\.isNaN) ? [] : merged.times,
            columns: zip(SnapshotField.allCases, merged.columns).compactMap { field, column in
                column.map { SeriesColumn(field: field, name: field.rawValue, values: $0.values) }
            },
            checklist: merged.checklist,
            lines: RowLines(count: merged.times.count) { row in
                let (input, sourceRow) = (Int(merged.originInputs[row]), Int(merged.originRows[row]))
                return inputLines[input].map { $0.line(of: sourceRow) } ?? provenance.origin(of: row).line
            })
        return DecodedInput(series: SnapshotSeries(mergedColumns: columns, provenance: provenance), warnings: warnings)
    }

    /// Whether the inputs fit what a merged row remembers of where a value comes from: an input's number in 16 bits,
    /// its row in 32.
    public static func canMerge(_ inputs: [MergeInput]) -> Bool {
        inputs.count <= Int(UInt16.max)
            && inputs.allSatisfy { input in
                if case .snapshots(let read) = input.read { read.series.count < Int(Int32.max) } else { true }
            }
    }

    /// The merged rows: their times (NaN for the one row of inputs without times), each field's values and where they
    /// come from, each row's checklist and origin, and the inputs with times none of which came near.
    struct Merged {
        /// NaN for the one row of inputs without times.
        var times: [Double] = []
        /// By the field's position in `SnapshotField.allCases`: a dictionary would hash a field per value set.
        var columns: [MergedColumn?] = Array(repeating: nil, count: SnapshotField.allCases.count)
        var checklist: [Int: [String]] = [:]
        var originInputs: [UInt16] = []
        var originRows: [Int32] = []
        var unaligned: [Int] = []

        /// Where each field's values come from, by field (not the values: the series' columns hold them alone, so a
        /// what-if writing one does not copy them all).
        var sources: [SnapshotField: ValueSources] {
            var sources: [SnapshotField: ValueSources] = [:]
            for (field, column) in zip(SnapshotField.allCases, columns) {
                if let column { sources[field] = ValueSources(inputs: column.inputs, rows: column.rows) }
            }
            return sources
        }

        /// Row `sourceRow` of input `input` joined row `row`: its checklist, if any, is the row's, and it is the row's
        /// origin unless an earlier input's row is.
        mutating func joined(row: Int, input: Int, sourceRow: Int, of source: MergeSource, hasOrigin: inout Bool) {
            if let done = source.checklist[sourceRow], !done.isEmpty { checklist[row] = done }
            if !hasOrigin {
                originInputs[row] = UInt16(input)
                originRows[row] = Int32(sourceRow)
                hasOrigin = true
            }
        }

        /// Gives row `row` the field at `position` in `SnapshotField.allCases`, from row `sourceRow` of input `input`,
        /// replacing an earlier input's.
        mutating func set(_ position: Int, row: Int, value: Double, input: Int, sourceRow: Int) {
            if columns[position] == nil { columns[position] = MergedColumn(count: times.count) }
            columns[position]!.values[row] = value
            columns[position]!.inputs[row] = UInt16(input)
            columns[position]!.rows[row] = Int32(sourceRow)
        }
    }

    /// Aligns the inputs on the base input's times, applying them in command-line order (see ``InputMerger/align(_:tolerance:)``).
    static func align(_ sources: [MergeSource], tolerance: Double) -> Merged {
        var merged = Merged()
        var anchors: [Double] = []
        if let base = sources.firstIndex(where: { !$0.order.isEmpty }) {
            for row in sources[base].order where anchors.last != sources[base].times[row] { anchors.append(sources[base].times[row]) }
        } else if sources.contains(where: { $0.untimed != nil }) {
            anchors = [.nan]  // with no time anywhere, the untimed rows make one snapshot
        }
        merged.times = anchors
        merged.originInputs = Array(repeating: 0, count: anchors.count)
        merged.originRows = Array(repeating: -1, count: anchors.count)
        var contributed = Array(repeating: false, count: sources.count)
        var centers = Array(repeating: 0, count: sources.count)
        var chosen = sources.map { Array(repeating: -1, count: $0.fields.count) }
        let positions = sources.map { source in source.fields.map { ColumnMerger.position[$0]! } }
        for (row, anchor) in anchors.enumerated() {
            var hasOrigin = false
            for (input, source) in sources.enumerated() {
                var first: Int?
                if !anchor.isNaN {
                    first = source.nearest(to: anchor, tolerance: tolerance, center: &centers[input], chosen: &chosen[input])
                    if first != nil {
                        for (slot, sourceRow) in chosen[input].enumerated() where sourceRow >= 0 {
                            merged.set(
                                positions[input][slot], row: row, value: source.values[slot][sourceRow], input: input, sourceRow: sourceRow)
                        }
                    }
                }
                let untimed = row == anchors.count - 1 ? source.untimed : nil
                if let untimed {
                    for slot in positions[input].indices where !source.values[slot][untimed].isNaN {
                        merged.set(positions[input][slot], row: row, value: source.values[slot][untimed], input: input, sourceRow: untimed)
                    }
                }
                if let first { merged.joined(row: row, input: input, sourceRow: first, of: source, hasOrigin: &hasOrigin) }
                if let untimed { merged.joined(row: row, input: input, sourceRow: untimed, of: source, hasOrigin: &hasOrigin) }
                if first != nil || untimed != nil { contributed[input] = true }
            }
        }
        merged.unaligned = sources.indices.filter { !contributed[$0] && !sources[$0].order.isEmpty }
        return merged
    }

    /// Each field's position in `SnapshotField.allCases`.
    static let position: [SnapshotField: Int] = Dictionary(uniqueKeysWithValues: SnapshotField.allCases.enumerated().map { ($1, $0) })
}

/// One field's merged values, and the input and row each comes from.
struct MergedColumn {
    var values: [Double]
    var inputs: [UInt16]
    var rows: [Int32]

    init(count: Int) {
        values = Array(repeating: .nan, count: count)
        inputs = Array(repeating: 0, count: count)
        rows = Array(repeating: -1, count: count)
    }
}

/// One input of a merge as columns: each row's time (NaN for none) and each field's values (NaN where the row has
/// none), its timed rows in time order, and its last row without a time.
///
/// A class: the merge reads it once per time and input, and a struct of eight arrays would be retained eight times.
final class MergeSource {
    let times: [Double]
    let fields: [SnapshotField]
    let values: [[Double]]
    /// The rows of an export that have a point with no value, and for which fields.
    let noValue: [Int: Set<SnapshotField>]
    let checklist: [Int: [String]]
    /// The timed rows by time, then by row.
    let order: TimeOrder
    /// The last row without a time: it joins the latest snapshot.
    let untimed: Int?
    let isExport: Bool

    init(_ part: InputMerger.Part) {
        switch part {
        case .series(let series):
            let columns = series.columns
            times = columns.times.isEmpty ? Array(repeating: .nan, count: columns.rowCount) : columns.times
            fields = columns.columns.map(\.field)
            values = columns.columns.map(\.values)
            checklist = columns.checklist
            noValue = [:]
            isExport = false
        case .rows(let rows):
            let times = rows.map { $0.time ?? .nan }
            self.times = times
            let fields = SnapshotField.allCases.filter { field in rows.contains { $0.values[field] != nil } }
            self.fields = fields
            values = fields.map { field in rows.map { $0.values[field] ?? .nan } }
            var noValue: [Int: Set<SnapshotField>] = [:]
            var checklist: [Int: [String]] = [:]
            for (row, part) in rows.enumerated() {
                if !part.noValue.isEmpty { noValue[row] = part.noValue }
                if let done = part.checklistDone { checklist[row] = done }
            }
            self.noValue = noValue
            self.checklist = checklist
            isExport = true
        }
        let times = self.times
        if times.allSatisfy({ !$0.isNaN }) && zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) {
            order = TimeOrder(count: times.count, rows: nil)  // the usual file: every row timed, in order
        } else {
            var rows: [Int32] = []
            for row in times.indices where !times[row].isNaN { rows.append(Int32(row)) }
            // Sorted by time, rows of one time in file order.
            if zip(rows, rows.dropFirst()).contains(where: { times[Int($0)] > times[Int($1)] }) {
                rows.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 }
            }
            order = TimeOrder(count: rows.count, rows: rows)
        }
        untimed = times.lastIndex { $0.isNaN }
    }

    /// The rows within `tolerance` of `anchor`, nearest first (of two as near, the earlier row): returns the first,
    /// nil when none is that near, and sets `chosen` to each field's first row with a value (-1: none; -2: none,
    /// since the first row is at the very time and has no value for it).
    ///
    /// `center` is where the previous, earlier anchor fell in ``order``: anchors come in increasing order.
    func nearest(to anchor: Double, tolerance: Double, center: inout Int, chosen: inout [Int]) -> Int? {
        while center < order.count && times[order[center]] < anchor { center += 1 }
        for slot in chosen.indices { chosen[slot] = -1 }
        var missing = chosen.count
        var first: Int?
        func visit(_ row: Int) {
            if first == nil {
                first = row
                if times[row] == anchor, let blocked = noValue[row] {
                    for (slot, field) in fields.enumerated() where blocked.contains(field) && chosen[slot] == -1 {
                        chosen[slot] = -2
                        missing -= 1
                    }
                }
            }
            guard missing > 0 else { return }
            for slot in chosen.indices where chosen[slot] == -1 && !values[slot][row].isNaN {
                chosen[slot] = row
                missing -= 1
            }
        }
        // Left of the center are the rows before the anchor, from the center on the rows at or after it: each step
        // takes the nearer group of rows of one time (both, when as near), in row order.
        var left = center - 1
        var right = center
        while missing > 0 || first == nil {
            let leftDistance = left >= 0 ? abs(times[order[left]] - anchor) : .infinity
            let rightDistance = right < order.count ? abs(times[order[right]] - anchor) : .infinity
            let distance = min(leftDistance, rightDistance)
            guard distance <= tolerance else { break }
            var leftStart = left + 1
            if leftDistance == distance {
                leftStart = left
                while leftStart > 0 && times[order[leftStart - 1]] == times[order[left]] { leftStart -= 1 }
            }
            var rightEnd = right
            if rightDistance == distance {
                rightEnd = right + 1
                while rightEnd < order.count && times[order[rightEnd]] == times[order[right]] { rightEnd += 1 }
            }
            var (l, r) = (leftStart, right)
            while l <= left || r < rightEnd {
                if r >= rightEnd || (l <= left && order[l] < order[r]) {
                    visit(order[l])
                    l += 1
                } else {
                    visit(order[r])
                    r += 1
                }
            }
            left = leftStart - 1
            right = rightEnd
        }
        return first
    }
}

/// An input's timed rows in time order: nothing stored when they are all its rows, already in order.
struct TimeOrder: RandomAccessCollection {
    let count: Int
    let rows: [Int32]?

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> Int { rows.map { Int($0[position]) } ?? position }
}

/// The input and row each of a field's merged values comes from.
struct ValueSources: Sendable {
    var inputs: [UInt16]
    var rows: [Int32]
}

/// Where a merged series' values come from: each input's part and, per field and row, the input and row that gave
/// the value; a snapshot made for a row takes each value's place from its input's row, as the row merger does.
struct MergeProvenance: Sendable {
    var parts: [InputMerger.Part]
    var fields: [SnapshotField: ValueSources]
    var originInputs: [UInt16]
    var originRows: [Int32]

    /// Where merged row `row` starts: the row of the first input that gave it something.
    func origin(of row: Int) -> SourcePlace {
        let (input, sourceRow) = (Int(originInputs[row]), Int(originRows[row]))
        switch parts[input] {
        case .series(let series): return series.snapshot(at: sourceRow).origin
        case .rows(let rows): return rows[sourceRow].origin
        }
    }

    /// Merged row `row` as a snapshot: its time, values and checklist from the columns, each value's place from the
    /// input row it comes from.
    func snapshot(at row: Int, in columns: SeriesColumns) -> Snapshot {
        var snapshot = Snapshot(timestamp: columns.time(at: row), checklistDone: columns.checklist[row] ?? [], origin: origin(of: row))
        var made: [Int: Snapshot] = [:]  // a snapshot file's rows made so far, by input and row
        for column in columns.columns where !column.values[row].isNaN {
            snapshot.values[column.field] = column.values[row]
            guard let from = fields[column.field] else { continue }
            let (input, sourceRow) = (Int(from.inputs[row]), Int(from.rows[row]))
            switch parts[input] {
            case .series(let series):
                let key = input << 40 | sourceRow
                if made[key] == nil { made[key] = series.snapshot(at: sourceRow) }
                snapshot.places[column.field] = made[key]?.places[column.field]
            case .rows(let rows):
                snapshot.places[column.field] = rows[sourceRow].places[column.field]
            }
        }
        return snapshot
    }
}
