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
        /// Fields this row has a point for that has no value (NaN, null): unknown at this time, never filled in.
        var noValue: Set<SnapshotField> = []
        var checklistDone: [String]?
        var origin: SourcePlace
    }

    public static func merge(_ inputs: [MergeInput], options: MergeOptions = .standard) throws(InputError) -> DecodedInput {
        let gathered = try gather(inputs, options: options)
        let rowsByInput = gathered.parts.map { part in
            switch part {
            case .series(let series):
                series.snapshots.map {
                    Row(
                        time: $0.timestamp, values: $0.values, places: $0.places,
                        checklistDone: $0.checklistDone.isEmpty ? nil : $0.checklistDone, origin: $0.origin)
                }
            case .rows(let rows): rows
            }
        }
        var (snapshots, unaligned) = align(rowsByInput, tolerance: options.tolerance)
        var warnings = gathered.warnings
        try conclude(
            inputs, gathered: gathered, base: rowsByInput.firstIndex { $0.contains { $0.time != nil } }, unaligned: unaligned,
            isEmpty: snapshots.isEmpty, tolerance: options.tolerance, warnings: &warnings)
        for index in snapshots.indices {
            for (field, value) in snapshots[index].values {
                try check(value, field: field, place: snapshots[index].places[field] ?? snapshots[index].origin)
            }
        }
        snapshots.sort { ($0.timestamp ?? .infinity) < ($1.timestamp ?? .infinity) }
        let source = inputs.map(\.source).joined(separator: " + ")
        return DecodedInput(series: SnapshotSeries(source: source, snapshots: snapshots), warnings: warnings)
    }

    /// What one input gives a merge: a snapshot file's series, or a monitoring export's rows.
    enum Part {
        case series(SnapshotSeries)
        case rows([Row])
    }

    /// The inputs read for merging: each one's part, the warnings so far, and which inputs give each field.
    struct Gathered {
        var parts: [Part] = []
        var warnings: [InputWarning] = []
        var labels: [SnapshotField: [(file: String, series: String)]] = [:]
    }

    /// Turns each input into its part, in command-line order: a bound snapshot file is refused, a monitoring
    /// export's series become rows in their fields' units.
    static func gather(_ inputs: [MergeInput], options: MergeOptions) throws(InputError) -> Gathered {
        precondition(!inputs.isEmpty, "merging needs an input")
        var gathered = Gathered()
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
                gathered.warnings += decoded.warnings
                gathered.parts.append(.series(decoded.series))
                // Kept as columns, a series has a column only for a field some row has a value of.
                let fields =
                    decoded.series.isColumnar
                    ? Set(decoded.series.columns.columns.map(\.field)) : Set(decoded.series.snapshots.flatMap { $0.values.keys })
                for field in fields {
                    gathered.labels[field, default: []].append((decoded.series.source, "its \(field.rawValue) column"))
                }
            case .metrics(let adapted):
                gathered.warnings += adapted.warnings
                let (rows, named) = try rows(of: adapted, binding: input.binding, options: options, warnings: &gathered.warnings)
                gathered.parts.append(.rows(rows))
                for (field, series) in named { gathered.labels[field, default: []].append((adapted.source, series)) }
            }
        }
        return gathered
    }

    /// What follows aligning, whichever way it was done: a warning per input none of whose times came near the base
    /// input's, an error when no snapshot was made, and a note per field naming the input that gave it.
    static func conclude(
        _ inputs: [MergeInput], gathered: Gathered, base: Int?, unaligned: [Int], isEmpty: Bool, tolerance: Double,
        warnings: inout [InputWarning]
    ) throws(InputError) {
        for index in unaligned {
            warnings.append(.unaligned(file: inputs[index].source, base: base.map { inputs[$0].source } ?? "", tolerance: tolerance))
        }
        if isEmpty { throw .noSnapshots(file: inputs.map(\.source).joined(separator: ", "), detail: "no input has a point") }
        // Which input gave each field: the last that has it wins.
        for field in SnapshotField.allCases {
            guard let given = gathered.labels[field], let last = given.last else { continue }
            warnings.append(.fieldSource(field: field, file: last.file, series: last.series))
        }
    }

    /// Checks a merged value as its field's values are checked when read.
    static func check(_ value: Double, field: SnapshotField, place: SourcePlace) throws(InputError) {
        // A fractional count from a bound series was already flagged as implausible; it is kept as read.
        let checked = field.spec.kind == .count ? value.rounded() : value
        do { _ = try Quantity.check(checked, literal: Quantity.formatPlain(value), as: field.spec.kind) } catch {
            throw .invalidValue(place: place, field: field, value: Quantity.formatPlain(value), reason: error.reason)
        }
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
        var outsideBinding: [String] = []
        for series in input.series {
            let bound = binding.flatMap { binding in (bindsOwn ? series.field == binding.field : series.field == nil) ? binding : nil }
            // A binding binds its field alone: the file's series that name other fields are left out.
            if let binding, bound == nil, let own = series.field, own != binding.field {
                outsideBinding.append("\(series.name) (\(own.rawValue))")
                continue
            }
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
        if input.series.isEmpty {
            // An empty result (the query matched nothing) has no value to give: bound, its field is unknown, as a NaN is.
            guard let binding else {
                throw .noSnapshots(
                    file: input.source, detail: "the result is empty: the query matched no series (check its labels and time range)")
            }
            warnings.append(
                .partialData(file: input.source, detail: "the result is empty (no series), so \(binding.field.rawValue) is unknown"))
            return ([], [])
        }
        if byField.isEmpty {
            throw .unboundSeries(file: input.source, series: unbound, suggestion: suggestedBinding(for: input.series))
        }
        if !unbound.isEmpty { warnings.append(.unboundSeriesIgnored(file: input.source, series: unbound)) }
        if let binding, !outsideBinding.isEmpty {
            warnings.append(.outsideBinding(file: input.source, binding: binding.argument, field: binding.field, series: outsideBinding))
        }
        var rowsByTime: [Double?: Row] = [:]
        var named: [(SnapshotField, String)] = []
        for (field, all) in byField.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let list = try StatisticChoice.choose(all, field: field, file: input.source)
            let aggregation = options.combine[field] ?? Aggregation.natural[field] ?? .max
            let unit = (binding?.field == field ? binding?.unit : nil) ?? list[0].0.unit
            if let binding, binding.field == field, let given = binding.unit {
                warnings.append(
                    .unitAssumed(file: input.source, field: field, unit: given.spoken, reason: "as '\(binding.argument)' says"))
            } else {
                var said = Set<String>()
                for (series, _) in list {
                    guard let reason = series.unitReason, said.insert(series.unit.rawValue + reason).inserted else { continue }
                    warnings.append(.unitAssumed(file: input.source, field: field, unit: series.unit.spoken, reason: reason))
                }
            }
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
            // A mean of ratios weighs a handler with ten requests as much as one with ten thousand.
            if aggregation == .mean, options.combine[field] == nil, field.spec.kind == .fraction, list.count > 1 {
                warnings.append(.unweightedMean(file: input.source, field: field, series: list.map(\.0.name)))
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
                    let converted = point.converted(by: factor).value ?? value
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
                } else {
                    row.noValue.insert(field)
                }
                rowsByTime[time] = row
            }
        }
        let rows = rowsByTime.values.sorted { ($0.time ?? -.infinity) < ($1.time ?? -.infinity) }
        return (rows, named)
    }

    /// Words in a series' name and labels that suggest the field to bind it to, checked in order.
    static let bindingHints: [(word: String, binding: String)] = [
        ("cpu", SnapshotField.dbCPU.rawValue), ("error", SnapshotField.errorRate.rawValue),
        ("fail", SnapshotField.errorRate.rawValue), ("cache_hit", SnapshotField.cacheHitRate.rawValue),
        ("connections", SnapshotField.dbConnections.rawValue), ("duration", SnapshotField.responseP95Ms.rawValue),
        ("latency", SnapshotField.responseP95Ms.rawValue), ("quantile", SnapshotField.responseP95Ms.rawValue),
        ("_seconds", SnapshotField.responseP95Ms.rawValue), ("requests_total", InputBinding.perSecondRequestsName),
    ]

    /// The binding the series' names suggest (`db_cpu` for a cpu series), or nil when they say nothing.
    static func suggestedBinding(for series: [MetricSeries]) -> String? {
        let text = series.map { ([$0.name] + $0.labels.map { "\($0.key)=\($0.value)" }).joined(separator: " ") }.joined(separator: " ")
            .lowercased()
        return bindingHints.first { text.contains($0.word) }?.binding
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
    ///
    /// Inputs are applied in command-line order, so a later input wins a field. Rows with no time (a k6 summary)
    /// join the latest snapshot at their input's place in that order: a summary overrides the inputs before it and
    /// is overridden by those after it. A point at exactly a snapshot's time that has no value (NaN) leaves its
    /// field unknown there: it never takes a neighbour's value.
    static func align(_ rowsByInput: [[Row]], tolerance: Double) -> (snapshots: [Snapshot], unaligned: [Int]) {
        var snapshots: [Snapshot] = []
        var contributed = Set<Int>()
        let untimedByInput = rowsByInput.map { rows in rows.last(where: { $0.time == nil }) }
        let baseTimes =
            rowsByInput.first(where: { $0.contains { $0.time != nil } }).map { Set($0.compactMap(\.time)).sorted() } ?? []
        // With no time anywhere, the untimed rows make one snapshot.
        let anchors: [Double?] = baseTimes.isEmpty ? (untimedByInput.contains { $0 != nil } ? [nil] : []) : baseTimes
        for (position, anchor) in anchors.enumerated() {
            var snapshot = anchor.map { Snapshot(timestamp: $0) } ?? Snapshot()
            var hasOrigin = false
            let isLatest = position == anchors.count - 1
            for (index, rows) in rowsByInput.enumerated() {
                if let anchor {
                    let near = rows.filter { $0.time.map { abs($0 - anchor) <= tolerance } ?? false }
                        .sorted { abs($0.time! - anchor) < abs($1.time! - anchor) }
                    if var merged = near.first {
                        // Each field from the nearest point that has a value: a missing point never hides a
                        // neighbour's, but a point at this very time with no value is this time's answer.
                        for row in near.reversed() {
                            for (field, value) in row.values {
                                merged.values[field] = value
                                merged.places[field] = row.places[field]
                            }
                        }
                        if let exact = near.first, exact.time == anchor {
                            for field in exact.noValue {
                                merged.values[field] = nil
                                merged.places[field] = nil
                            }
                        }
                        contributed.insert(index)
                        apply(merged, to: &snapshot, hasOrigin: &hasOrigin)
                    }
                }
                if isLatest, let untimed = untimedByInput[index] {
                    apply(untimed, to: &snapshot, hasOrigin: &hasOrigin)
                    contributed.insert(index)
                }
            }
            snapshots.append(snapshot)
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
