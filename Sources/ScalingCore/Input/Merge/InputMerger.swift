/// One input of a command line: what was read, and the binding it was named with, if any.
public struct MergeInput: Equatable, Sendable {
    public var read: ReadInput
    public var binding: InputBinding?

    public init(read: ReadInput, binding: InputBinding? = nil) {
        self.read = read
        self.binding = binding
    }

    var source: String {
        switch read {
        case .snapshots(let decoded): decoded.series.source
        case .metrics(let adapted): adapted.source
        }
    }
}

/// How inputs are merged: the alignment tolerance and per-field aggregation overrides.
public struct MergeOptions: Equatable, Sendable {
    /// Points within this many seconds of a snapshot's time belong to it (`--align`, default 5 minutes).
    public var tolerance: Double
    /// `--combine FIELD=…` overrides of ``Aggregation/natural``.
    public var combine: [SnapshotField: Aggregation]

    public init(tolerance: Double = 300, combine: [SnapshotField: Aggregation] = [:]) {
        self.tolerance = tolerance
        self.combine = combine
    }

    public static let standard = MergeOptions()
}

/// Merges snapshot files and monitoring exports into one series, by timestamp.
///
/// The first input with times sets the snapshots' times; at each, every input gives each field the value of its
/// point nearest that time with a value, within the tolerance; for a field given by several inputs the later input
/// wins. An input no point of which comes that near is warned about. Points with no time (a k6
/// summary) join the latest snapshot. Several series of one input for one field are combined per time with the
/// field's aggregation.
public enum InputMerger {
    /// One input's values at one time, in the fields' own units.
    struct Row {
        var time: Double?
        var values: [SnapshotField: Double] = [:]
        var places: [SnapshotField: SourcePlace] = [:]
        var checklistDone: [String]?
        var origin: SourcePlace
    }

    public static func merge(_ inputs: [MergeInput], options: MergeOptions = .standard) throws(InputError) -> DecodedInput {
        precondition(!inputs.isEmpty, "merging needs an input")
        var warnings: [InputWarning] = []
        var rowsByInput: [[Row]] = []
        var labels: [SnapshotField: [(file: String, series: String)]] = [:]
        for input in inputs {
            switch input.read {
            case .snapshots(let decoded):
                if let binding = input.binding {
                    throw .invalidBinding(
                        argument: binding.argument,
                        reason:
                            "\(decoded.series.source) is a snapshot file, whose columns name their own fields: give it without \(binding.field.rawValue)="
                    )
                }
                warnings += decoded.warnings
                rowsByInput.append(
                    decoded.series.snapshots.map {
                        Row(
                            time: $0.timestamp, values: $0.values, places: $0.places,
                            checklistDone: $0.checklistDone.isEmpty ? nil : $0.checklistDone, origin: $0.origin)
                    })
                for field in Set(decoded.series.snapshots.flatMap { $0.values.keys }) {
                    labels[field, default: []].append((decoded.series.source, "its \(field.rawValue) column"))
                }
            case .metrics(let adapted):
                warnings += adapted.warnings
                let (rows, named) = try rows(of: adapted, binding: input.binding, options: options, warnings: &warnings)
                rowsByInput.append(rows)
                for (field, series) in named { labels[field, default: []].append((adapted.source, series)) }
            }
        }
        var (snapshots, unaligned) = align(rowsByInput, tolerance: options.tolerance)
        let baseInput = rowsByInput.firstIndex { $0.contains { $0.time != nil } }
        for index in unaligned {
            warnings.append(
                .unaligned(file: inputs[index].source, base: baseInput.map { inputs[$0].source } ?? "", tolerance: options.tolerance))
        }
        if snapshots.isEmpty { throw .noSnapshots(file: inputs.map(\.source).joined(separator: ", "), detail: "no input has a point") }
        // Which input gave each field: the last that has it wins.
        for field in SnapshotField.allCases {
            guard let given = labels[field], let last = given.last else { continue }
            warnings.append(.fieldSource(field: field, file: last.file, series: last.series))
        }
        for index in snapshots.indices {
            for (field, value) in snapshots[index].values {
                // A fractional count from a bound series was already flagged as implausible; it is kept as read.
                let checked = field.spec.kind == .count ? value.rounded() : value
                do { _ = try Quantity.check(checked, literal: Quantity.formatPlain(value), as: field.spec.kind) } catch {
                    throw .invalidValue(
                        place: snapshots[index].places[field] ?? snapshots[index].origin, field: field,
                        value: Quantity.formatPlain(value), reason: error.reason)
                }
            }
        }
        snapshots.sort { ($0.timestamp ?? .infinity) < ($1.timestamp ?? .infinity) }
        let source = inputs.map(\.source).joined(separator: " + ")
        return DecodedInput(series: SnapshotSeries(source: source, snapshots: snapshots), warnings: warnings)
    }

    /// A monitoring input's series as rows: each series given its field and converted to the field's unit, several
    /// series of one field combined per time.
    static func rows(
        of input: AdaptedInput, binding: InputBinding?, options: MergeOptions, warnings: inout [InputWarning]
    ) throws(InputError) -> ([Row], [(SnapshotField, String)]) {
        var byField: [SnapshotField: [(MetricSeries, Double)]] = [:]
        var unbound: [String] = []
        // A binding takes the series that name its field, else those that name none; others keep their own field.
        let bindsOwn = binding.map { binding in input.series.contains { $0.field == binding.field } } ?? false
        for series in input.series {
            let bound = binding.flatMap { binding in (bindsOwn ? series.field == binding.field : series.field == nil) ? binding : nil }
            guard let field = bound?.field ?? series.field else { unbound.append(series.name); continue }
            let unit = bound?.unit ?? series.unit
            guard let factor = unit.factor(to: field) else {
                throw .invalidBinding(
                    argument: binding?.argument ?? input.source,
                    reason:
                        "values in \(unit.rawValue) cannot be \(field.rawValue) (\(field.spec.kind.noun), \(field.spec.kind.expectation))")
            }
            byField[field, default: []].append((series, factor))
        }
        if byField.isEmpty {
            throw .unboundSeries(file: input.source, series: unbound.isEmpty ? ["(no series: the result is empty)"] : unbound)
        }
        if !unbound.isEmpty { warnings.append(.unboundSeriesIgnored(file: input.source, series: unbound)) }
        var rowsByTime: [Double?: Row] = [:]
        var named: [(SnapshotField, String)] = []
        for (field, list) in byField.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let aggregation = options.combine[field] ?? Aggregation.natural[field] ?? .max
            let unit = (binding?.field == field ? binding?.unit : nil) ?? list[0].0.unit
            if unit == .perSecond && field == .requestsPerMonth {
                warnings.append(
                    .converted(file: input.source, field: field, detail: "a per-second rate × 2,592,000 (the seconds of a 30-day month)"))
            }
            if field.spec.kind == .count, unit != .perSecond,
                list.contains(where: { $0.0.points.contains { ($0.value ?? 0).rounded() != ($0.value ?? 0) } })
            {
                warnings.append(
                    .implausibleBinding(
                        file: input.source, field: field,
                        detail: "it holds fractional values, which cannot be a count (is it a duration or a ratio?)"))
            }
            named.append((field, list.map(\.0.name).joined(separator: ", ") + (list.count > 1 ? " (\(aggregation.rawValue))" : "")))
            var values: [Double?: [Double]] = [:]
            var places: [Double?: SourcePlace] = [:]
            for (series, factor) in list {
                for point in series.points {
                    places[point.time] = places[point.time] ?? series.place
                    guard let value = point.value else { values[point.time, default: []] += []; continue }
                    // A percentage above 100% cannot be a rate; converted, it would be blamed on a "bare rate 2.5".
                    if field.spec.kind == .fraction, Self.unit(of: series, bound: binding, field: field) == .percent, value > 100 {
                        let written = Quantity.formatPlain(value) + "%"
                        throw .invalidValue(
                            place: series.place, field: field, value: written,
                            reason: "\(series.name) reports \(written), and a rate is at most 100%; a CPU summed over cores "
                                + "is above 100%: divide it by the number of cores (or use the average per core)")
                    }
                    let converted = factor == 1 ? value : cleaned(value * factor)
                    // A per-second rate scaled to a month is a count of requests: whole.
                    values[point.time, default: []].append(
                        Self.unit(of: series, bound: binding, field: field) == .perSecond ? converted.rounded() : converted)
                }
            }
            for (time, collected) in values {
                var row = rowsByTime[time] ?? Row(time: time, origin: places[time] ?? SourcePlace(file: input.source))
                if let combined = aggregation.apply(collected) {
                    row.values[field] = combined
                    row.places[field] = places[time]
                }
                rowsByTime[time] = row
            }
        }
        let rows = rowsByTime.values.sorted { ($0.time ?? -.infinity) < ($1.time ?? -.infinity) }
        return (rows, named)
    }

    private static func unit(of series: MetricSeries, bound binding: InputBinding?, field: SnapshotField) -> MetricUnit {
        (binding?.field == field ? binding?.unit : nil) ?? series.unit
    }

    /// A converted value rounded to 12 significant digits, so 0.09500000000000001 s is 95 ms, not 95.00000000000001.
    static func cleaned(_ value: Double) -> Double {
        guard value.isFinite, abs(value) > 1e-200, abs(value) < 1e200 else { return value }
        var scale = 1.0
        while abs(value) * scale < 1e11 { scale *= 10 }
        while abs(value) * scale >= 1e12 { scale /= 10 }
        return (value * scale).rounded() / scale
    }

    /// Aligns every input's rows on the times of the first input that has times: each of its times is a snapshot,
    /// and every input gives it, per field, its nearest point with a value within `tolerance`. Returns the snapshots
    /// and the inputs with times none of which came near.
    static func align(_ rowsByInput: [[Row]], tolerance: Double) -> (snapshots: [Snapshot], unaligned: [Int]) {
        var snapshots: [Snapshot] = []
        var contributed = Set<Int>()
        if let baseInput = rowsByInput.firstIndex(where: { $0.contains { $0.time != nil } }) {
            let baseTimes = Set(rowsByInput[baseInput].compactMap(\.time)).sorted()
            for anchor in baseTimes {
                var snapshot = Snapshot(timestamp: anchor)
                var hasOrigin = false
                for (index, rows) in rowsByInput.enumerated() {
                    let near = rows.filter { $0.time.map { abs($0 - anchor) <= tolerance } ?? false }
                        .sorted { abs($0.time! - anchor) < abs($1.time! - anchor) }
                    guard var merged = near.first else { continue }
                    // Each field from the nearest point that has a value: a missing point never hides a neighbour's.
                    for row in near.reversed() {
                        for (field, value) in row.values {
                            merged.values[field] = value
                            merged.places[field] = row.places[field]
                        }
                    }
                    contributed.insert(index)
                    apply(merged, to: &snapshot, hasOrigin: &hasOrigin)
                }
                snapshots.append(snapshot)
            }
        }
        // Rows with no time join the latest snapshot; an input with several untimed rows gives its last.
        var latest = snapshots.indices.last
        for (index, rows) in rowsByInput.enumerated() {
            guard let untimed = rows.last(where: { $0.time == nil }) else { continue }
            if latest == nil {
                snapshots.append(Snapshot())
                latest = 0
            }
            var hasOrigin = snapshots[latest!].origin.file != "<memory>"
            apply(untimed, to: &snapshots[latest!], hasOrigin: &hasOrigin)
            contributed.insert(index)
        }
        let unaligned = rowsByInput.indices.filter { !contributed.contains($0) && rowsByInput[$0].contains { $0.time != nil } }
        return (snapshots, unaligned)
    }

    private static func apply(_ row: Row, to snapshot: inout Snapshot, hasOrigin: inout Bool) {
        for (field, value) in row.values where field != .timestamp {
            snapshot.values[field] = value
            snapshot.places[field] = row.places[field]
        }
        if let done = row.checklistDone { snapshot.checklistDone = done }
        if !hasOrigin {
            snapshot.origin = row.origin
            hasOrigin = true
        }
    }
}
