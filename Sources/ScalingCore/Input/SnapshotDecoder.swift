/// The format of an input file.
public enum InputFormat: String, CaseIterable, Sendable {
    /// A snapshot (or a series of them) as a JSON object or array.
    case json
    /// Snapshots as CSV rows under a header of field names.
    case csv
    /// A Prometheus HTTP API response (/api/v1/query, /api/v1/query_range; Thanos, Mimir, VictoriaMetrics too).
    case prometheus
    /// Grafana's Inspect → Data → Download CSV (also its UTF-16 "Excel" variant).
    case grafana
    /// `aws cloudwatch get-metric-data` or `get-metric-statistics` output.
    case cloudwatch
    /// A k6 end-of-test summary: handleSummary data, `--summary-export`, or the machine-readable summary.
    case k6
    /// A Datadog GET /api/v1/query response.
    case datadog

    /// The format a file's extension names: `.json` is JSON, `.csv` and `.tsv` are CSV; nil for any other name.
    public static func named(by path: String) -> InputFormat? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".json") { return .json }
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".tsv") { return .csv }
        return nil
    }

    /// The format a file's name or, failing that, its first meaningful byte implies.
    ///
    /// `.json` and `.csv`/`.tsv` extensions decide; otherwise content starting with `{` or `[` is JSON and anything else CSV.
    public static func detect(path: String, bytes: [UInt8]) -> InputFormat {
        if let named = named(by: path) { return named }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .json }
        return bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") ? .json : .csv
    }
}

/// Snapshots read from one input, and what was noticed on the way.
public struct DecodedInput: Equatable, Sendable {
    public var series: SnapshotSeries
    public var warnings: [InputWarning]
}

/// Turns JSON or CSV into snapshots: field names resolved through `FieldCatalog`, values through `Quantity`.
public enum SnapshotDecoder {
    /// Reads `bytes` of the given (or detected) format; `source` names the input in messages.
    public static func decode(_ bytes: [UInt8], source: String, format: InputFormat? = nil) throws(InputError) -> DecodedInput {
        let bytes = TextEncoding.utf8(bytes)
        switch format ?? InputFormat.detect(path: source, bytes: bytes) {
        case .json:
            let root: JSONNode
            do { root = try JSONReader.parse(bytes) } catch { throw .jsonSyntax(file: source, error) }
            return try decode(json: root, source: source)
        case .csv:
            let table: CSVTable
            do { table = try CSVReader.read(bytes) } catch { throw .csvSyntax(file: source, error) }
            return try decode(csv: table, source: source)
        case let other:
            switch try read(bytes, source: source, format: other) {
            case .snapshots(let decoded): return decoded
            case .metrics(let adapted): return try InputMerger.merge([MergeInput(read: .metrics(adapted))])
            }
        }
    }

    /// Decodes a parsed JSON document: one object is one snapshot, an array of objects a series.
    ///
    /// An object whose only key names no field and holds the snapshot or the series (`{"metrics": {…}}`,
    /// `{"data": […]}`) is read from under that key, with a note; a snapshot nested deeper (or beside other keys) is
    /// an error naming its path, so the user can lift it out.
    public static func decode(json root: JSONNode, source: String) throws(InputError) -> DecodedInput {
        var warnings: [InputWarning] = []
        var body = root
        var wrapper: String?
        if case .object(let members) = root.value, !members.contains(where: { namesSnapshotField($0.key) }) {
            if members.count == 1, holdsSnapshots(members[0].value) {
                body = members[0].value
                wrapper = members[0].key
            } else if let path = nestedSnapshotPath(root) {
                throw .nestedSnapshot(place: place(source, root.location), path: path)
            }
        }
        var snapshots: [Snapshot] = []
        var unknownKeys = Set<String>()
        switch body.value {
        case .object(let members):
            snapshots.append(
                try snapshot(members: members, at: body.location, source: source, warnings: &warnings, unknownKeys: &unknownKeys))
        case .array(let elements):
            guard !elements.isEmpty else { throw .noSnapshots(file: source, detail: "the JSON array is empty") }
            for element in elements {
                guard case .object(let members) = element.value else {
                    throw .notASnapshot(
                        place: place(source, element.location),
                        found: "\(element.value.typeNameWithArticle) in the array where a snapshot object was expected")
                }
                snapshots.append(
                    try snapshot(members: members, at: element.location, source: source, warnings: &warnings, unknownKeys: &unknownKeys))
            }
        default:
            throw .notASnapshot(
                place: place(source, root.location),
                found: "\(root.value.typeNameWithArticle) where an object (one snapshot) or an array of objects (a series) was expected")
        }
        if let wrapper { warnings.insert(.unwrapped(file: source, key: wrapper, snapshots: snapshots.count), at: 0) }
        return finish(SnapshotSeries(source: source, snapshots: snapshots), warnings: warnings)
    }

    /// Whether a key names a field that makes an object a snapshot: any but the timestamp, whose aliases (`time`,
    /// `date`, `at`) are common keys of wrappers too.
    static func namesSnapshotField(_ key: String) -> Bool {
        guard let field = FieldCatalog.field(named: key) else { return false }
        return field != .timestamp
    }

    /// Whether a value is a snapshot (an object with a field) or a series (an array whose first object has one).
    static func holdsSnapshots(_ node: JSONNode) -> Bool {
        switch node.value {
        case .object(let members): return members.contains { namesSnapshotField($0.key) }
        case .array(let elements):
            guard case .object(let members)? = elements.first?.value else { return false }
            return members.contains { namesSnapshotField($0.key) }
        default: return false
        }
    }

    /// The path to the first snapshot or series nested in `root` (`data.metrics`, `data[0].attributes`), looked for
    /// a few levels deep, breadth first; nil when there is none.
    static func nestedSnapshotPath(_ root: JSONNode) -> String? {
        var level: [(node: JSONNode, path: String)] = [(root, "")]
        for _ in 0..<4 {
            var next: [(node: JSONNode, path: String)] = []
            for (node, path) in level {
                switch node.value {
                case .object(let members):
                    for member in members.prefix(100) {
                        let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                        if holdsSnapshots(member.value) { return child }
                        next.append((member.value, child))
                    }
                case .array(let elements):
                    if let first = elements.first { next.append((first, "\(path)[0]")) }
                default: break
                }
            }
            level = next
        }
        return nil
    }

    /// Decodes a CSV table: the header names the fields, each record is one snapshot.
    public static func decode(csv table: CSVTable, source: String) throws(InputError) -> DecodedInput {
        let resolved = try resolve(header: table.header, headerLine: table.headerLine, source: source)
        let columns = resolved.columns
        let units = resolved.units
        var warnings = resolved.warnings
        guard !table.records.isEmpty else {
            throw .noSnapshots(file: source, detail: "the CSV has a header but no rows")
        }
        let numeric = columns.filter { $0.field.isNumeric }
        let convention = DecimalMark.convention(
            delimiter: table.delimiter, cells: table.records.lazy.flatMap { record in numeric.lazy.map { record.fields[$0.index] } })
        let decidedBy = convention.decidedBy.map { cell -> (place: SourcePlace, text: String) in
            let record = table.records[cell / numeric.count]
            let index = numeric[cell % numeric.count].index
            return (SourcePlace(file: source, line: record.line, columnName: table.header[index]), record.fields[index])
        }
        warnings.insert(.decimalConvention(file: source, delimiter: table.delimiter, mark: convention.mark), at: 0)
        var snapshots: [Snapshot] = []
        snapshots.reserveCapacity(table.records.count)
        for record in table.records {
            var snapshot = Snapshot(origin: SourcePlace(file: source, line: record.line))
            for (index, field) in columns {
                let cell = record.fields[index]
                let cellPlace = SourcePlace(file: source, line: record.line, columnName: table.header[index])
                if field.isNumeric,
                    DecimalMark.contradicts(DecimalMark.evidence(in: cell.utf8), convention.mark, delimiter: table.delimiter)
                {
                    throw .invalidValue(
                        place: cellPlace, field: field, value: "\"\(cell)\"",
                        reason: conventionMismatch(cell, mark: convention.mark, delimiter: table.delimiter, decidedBy: decidedBy))
                }
                let text = units[index].map { HeaderUnit.apply($0, to: cell) } ?? cell
                try assign(.text(text), to: field, in: &snapshot, at: cellPlace, decimalMark: convention.mark, warnings: &warnings)
            }
            snapshots.append(snapshot)
        }
        return finish(SnapshotSeries(source: source, snapshots: snapshots), warnings: warnings)
    }

    /// Why a number fits neither convention of a `;`- or tab-separated file: its mark is the other one the file uses.
    /// Worded as an expectation, with the fix: the same number with its marks swapped (`0.015` → `0,015`).
    static func conventionMismatch(
        _ cell: String, mark: DecimalMark, delimiter: UInt8, decidedBy: (place: SourcePlace, text: String)?
    ) -> String {
        let written = cell.trimmingSpaces
        let swapped = String(
            written.map { character -> Character in character == "." ? "," : (character == "," ? "." : character) })
        let evidence =
            decidedBy.map { decided in
                " (\"\(decided.text.trimmingSpaces)\" at line \(decided.place.line ?? 0)"
                    + (decided.place.columnName.map { ", column \"\($0)\"" } ?? "") + ")"
            } ?? ""
        let file = "this \(DecimalMark.delimiterName(delimiter)) file"
        switch mark {
        case .comma:
            return "expected a number with a decimal comma, as \(file) writes them\(evidence), where a point only groups "
                + "thousands (1.234,5): \(written) fits neither convention; write \(swapped)"
        case .point:
            return "expected a number with a decimal point, as \(file) writes them\(evidence), where a comma is not read: "
                + "\(written) fits neither convention; write \(swapped)"
        }
    }

    /// The fields a CSV header names, by column, with a warning for each unknown name or alias; a field named twice
    /// is an error. Shared by both CSV readers, so they agree on every header.
    ///
    /// A name may carry its unit in brackets, as spreadsheets write them: `Response p95 (ms)`, `DB CPU (%)`,
    /// `p95 [s]`. The name before the brackets names the field (alone, or with the unit: `Response p95` + `ms` is
    /// `response_p95_ms`), and `units` holds the unit by column, for the cells that have none of their own. A unit the
    /// field's kind does not know is an error naming it.
    static func resolve(header: [String], headerLine: Int, source: String) throws(InputError) -> (
        columns: [(index: Int, field: SnapshotField)], warnings: [InputWarning], units: [Int: String]
    ) {
        var warnings: [InputWarning] = []
        var columns: [(index: Int, field: SnapshotField)] = []
        var units: [Int: String] = [:]
        var claimed: [SnapshotField: String] = [:]
        for (index, name) in header.enumerated() {
            let headerPlace = SourcePlace(file: source, line: headerLine, columnName: name)
            var found = FieldCatalog.field(named: name)
            if found == nil, let (base, unit) = HeaderUnit.split(name), let field = HeaderUnit.field(base: base, unit: unit) {
                if let reason = HeaderUnit.problem(unit, for: field) {
                    throw .invalidHeaderUnit(place: headerPlace, field: field, unit: unit, reason: reason)
                }
                found = field
                units[index] = HeaderUnit.normalized(unit)
            }
            guard let field = found else {
                let suggestion = index < 100 ? Suggestion.nearest(to: name, in: FieldCatalog.allNames) : nil
                warnings.append(.unknownField(place: headerPlace, key: name, suggestion: suggestion))
                continue
            }
            if let first = claimed[field] {
                throw .duplicateField(place: headerPlace, field: field, firstKey: first, secondKey: name)
            }
            claimed[field] = name
            if name != field.rawValue { warnings.append(.aliasMapped(place: headerPlace, key: name, field: field)) }
            columns.append((index, field))
        }
        return (columns, warnings, units)
    }

    /// The ids of a `;`-separated checklist cell.
    static func ids(inText text: String) -> [String] {
        text.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// A warning for each id the guide does not know.
    static func checkIDs(_ ids: [String], at place: SourcePlace, warnings: inout [InputWarning]) {
        for id in ids where !GuideCatalog.isKnownDoneID(id) {
            warnings.append(.unknownChecklistID(place: place, id: id, suggestion: Suggestion.nearest(to: id, in: GuideCatalog.doneIDs)))
        }
    }

    // MARK: Fields

    /// A raw value before it is read as the field's kind.
    fileprivate enum RawValue {
        case text(String)
        case json(JSONValue)
    }

    private static func place(_ source: String, _ location: JSONLocation) -> SourcePlace {
        SourcePlace(file: source, line: location.line, column: location.column)
    }

    private static func snapshot(
        members: [JSONMember], at location: JSONLocation, source: String,
        warnings: inout [InputWarning], unknownKeys: inout Set<String>
    ) throws(InputError) -> Snapshot {
        var snapshot = Snapshot(origin: place(source, location))
        var claimed: [SnapshotField: String] = [:]
        for member in members {
            let keyPlace = place(source, member.keyLocation)
            guard let field = FieldCatalog.field(named: member.key) else {
                // Only the first mention of the first few unknown keys is shown (see `finish`), so only they need
                // the costly suggestion: 100,000 unknown keys would otherwise take a minute.
                let isShown = unknownKeys.count < unknownFieldsNamed && unknownKeys.insert(member.key).inserted
                warnings.append(
                    .unknownField(
                        place: keyPlace, key: member.key,
                        suggestion: isShown ? Suggestion.nearest(to: member.key, in: FieldCatalog.allNames) : nil))
                continue
            }
            if let first = claimed[field] {
                throw .duplicateField(place: keyPlace, field: field, firstKey: first, secondKey: member.key)
            }
            claimed[field] = member.key
            if member.key != field.rawValue { warnings.append(.aliasMapped(place: keyPlace, key: member.key, field: field)) }
            try assign(
                .json(member.value.value), to: field, in: &snapshot, at: place(source, member.value.location), decimalMark: .point,
                warnings: &warnings)
        }
        return snapshot
    }

    private static func assign(
        _ raw: RawValue, to field: SnapshotField, in snapshot: inout Snapshot,
        at place: SourcePlace, decimalMark: DecimalMark, warnings: inout [InputWarning]
    ) throws(InputError) {
        let kind = field.spec.kind
        func invalid(_ shown: String, _ reason: String) -> InputError {
            .invalidValue(place: place, field: field, value: shown, reason: reason)
        }
        if kind == .idList {
            let ids: [String]
            switch raw {
            case .text(let text), .json(.string(let text)):
                ids = Self.ids(inText: text)
            case .json(.null):
                ids = []
            case .json(.array(let elements)):
                var collected: [String] = []
                for element in elements {
                    guard case .string(let id) = element.value else {
                        throw .invalidValue(
                            place: SourcePlace(file: place.file, line: element.location.line, column: element.location.column),
                            field: field, value: element.value.shortDescription,
                            reason: "expected \(kind.expectation), got \(element.value.typeNameWithArticle)")
                    }
                    collected.append(id.trimmingSpaces)
                }
                ids = collected
            case .json(let other):
                throw invalid(other.shortDescription, "expected \(kind.expectation), got \(other.typeNameWithArticle)")
            }
            checkIDs(ids, at: place, warnings: &warnings)
            snapshot.checklistDone = ids
            return
        }
        let reading: Quantity.Reading?
        do { reading = try quantity(raw, kind: kind, decimalMark: decimalMark) } catch { throw invalid(raw.shown, error.reason) }
        guard let reading else { return }
        snapshot[field] = reading.value
        snapshot.places[field] = place
        if let implausibility = reading.implausibility {
            warnings.append(.implausibleValue(place: place, field: field, value: raw.written, implausibility))
        }
    }

    /// The number a raw value holds, in the field's unit; nil when it is absent (`null` or empty).
    private static func quantity(_ raw: RawValue, kind: QuantityKind, decimalMark: DecimalMark) throws(Quantity.ParseError)
        -> Quantity.Reading?
    {
        switch raw {
        case .text(let text):
            return text.trimmingSpaces.isEmpty ? nil : try Quantity.read(text, as: kind, decimalMark: decimalMark)
        case .json(.string(let text)):
            return text.trimmingSpaces.isEmpty ? nil : try Quantity.read(text, as: kind)
        case .json(.null):
            return nil
        case .json(.number(let number)):
            return try Quantity.read(number: number.value, literal: number.literal, as: kind)
        case .json(let other):
            throw Quantity.ParseError(reason: "expected \(kind.expectation), got \(other.typeNameWithArticle)")
        }
    }

    /// At most this many distinct unknown fields are named; the rest are counted in one line.
    static let unknownFieldsNamed = 10

    private static func finish(_ series: SnapshotSeries, warnings collected: [InputWarning]) -> DecodedInput {
        let untimed = series.snapshots.filter { $0.timestamp == nil }
        let latestTime = series.latest.timestamp
        return DecodedInput(
            series: series,
            warnings: finish(
                warnings: collected, source: series.source, rows: series.snapshots.count, untimed: untimed.count,
                firstUntimedLine: untimed.first?.origin.line, latestTime: latestTime,
                sharingLatest: latestTime.map { time in series.snapshots.filter { $0.timestamp == time }.count } ?? 0))
    }

    /// The warnings of a series read as columns (by the columnar CSV and JSON readers), as `finish` gives them for
    /// the same rows as snapshots: its times counted for the untimed rows and the latest time.
    static func finish(warnings collected: [InputWarning], columns series: SeriesColumns) -> [InputWarning] {
        var untimed = 0
        var firstUntimed: Int?
        var latest: Double?
        var sharing = 0
        if !series.times.isEmpty {
            for (row, time) in series.times.enumerated() {
                if time.isNaN {
                    if untimed == 0 { firstUntimed = row }
                    untimed += 1
                } else if latest == nil || time > latest! {
                    latest = time
                    sharing = 1
                } else if time == latest {
                    sharing += 1
                }
            }
        } else {
            untimed = series.rowCount
        }
        return finish(
            warnings: collected, source: series.source, rows: series.rowCount, untimed: untimed,
            firstUntimedLine: firstUntimed.flatMap { series.lines.line(of: $0) }, latestTime: latest, sharingLatest: sharing)
    }

    /// The warnings of a series as shown: each said once, where it first appears, and the series' own (rows without a
    /// time among rows with one, several rows at the latest time).
    static func finish(
        warnings collected: [InputWarning], source: String, rows: Int, untimed: Int, firstUntimedLine: Int?, latestTime: Double?,
        sharingLatest: Int
    ) -> [InputWarning] {
        // A series repeats its keys in every snapshot: say each thing once, where it first appears.
        var seen = Set<String>()
        var warnings: [InputWarning] = []
        var unknownFields = 0
        for warning in collected {
            let key: String
            switch warning {
            case .unknownField(_, let name, _):
                key = "field:" + name
                if !seen.contains(key) { unknownFields += 1 }
                if unknownFields > unknownFieldsNamed { seen.insert(key); continue }
            case .aliasMapped(_, let name, _): key = "alias:" + name
            case .unknownChecklistID(_, let id, _): key = "id:" + id
            case .implausibleValue(_, let field, _, _): key = "implausible:" + field.rawValue
            default: key = "\(warnings.count):other"
            }
            if seen.insert(key).inserted { warnings.append(warning) }
        }
        if unknownFields > unknownFieldsNamed {
            warnings.append(.moreUnknownFields(file: source, count: unknownFields - unknownFieldsNamed))
        }
        if untimed > 0 && untimed < rows {
            warnings.append(.missingTimestamps(file: source, count: untimed, firstLine: firstUntimedLine))
        }
        if let latestTime, sharingLatest > 1 {
            warnings.append(.duplicateLatestTimestamp(file: source, timestamp: latestTime, count: sharingLatest))
        }
        return warnings
    }
}

extension SnapshotDecoder.RawValue {
    /// The value as written, without quotes, for advice that quotes it back: `0.62`.
    fileprivate var written: String {
        switch self {
        case .text(let text), .json(.string(let text)): text.trimmingSpaces
        case .json(.number(let number)): number.literal
        case .json(let value): value.shortDescription
        }
    }

    /// The value as the user wrote it, for messages.
    fileprivate var shown: String {
        switch self {
        case .text(let text): "\"\(text)\""
        case .json(let value): value.shortDescription
        }
    }
}

extension JSONValue {
    /// The value as a short literal for messages: `1.5`, `"fast"`, `[…]`, `{…}`.
    var shortDescription: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.literal
        case .string(let text): "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
        case .array: "[…]"
        case .object: "{…}"
        }
    }
}

extension JSONValue {
    /// "a number", "an array", "null", for messages.
    var typeNameWithArticle: String {
        switch self {
        case .null: "null"
        case .array, .object: "an \(typeName)"
        default: "a \(typeName)"
        }
    }
}

extension SnapshotDecoder {
    /// Reads any input: snapshots or a monitoring export, of the given format or the one its content shows.
    ///
    /// UTF-16 with a byte order mark (Excel's "Unicode Text", Grafana's "Excel" download) is transcoded to UTF-8
    /// first, so every reader sees UTF-8. A file whose name says JSON and that holds CSV, or the reverse, is an
    /// error that says what it holds and how to read it.
    public static func read(_ bytes: [UInt8], source: String, format given: InputFormat? = nil) throws(InputError) -> ReadInput {
        let bytes = TextEncoding.utf8(bytes)
        let base = given ?? InputFormat.detect(path: source, bytes: bytes)
        if given == nil, base == .csv, InputFormat.named(by: source) == .csv, TextEncoding.looksLikeJSON(bytes) {
            let sample = String(decoding: bytes.drop { $0 != UInt8(ascii: "{") && $0 != UInt8(ascii: "[") }.prefix(40), as: UTF8.self)
            throw .formatMismatch(
                file: source, named: .csv, holds: .json, sample: String(sample.prefix { $0 != "\n" && $0 != "\r" }))
        }
        if base.isJSON {
            let root: JSONNode
            do { root = try JSONReader.parse(bytes) } catch {
                if let refused = K6SummaryAdapter.refusal(bytes, source: source) { throw refused }
                if given == nil, let header = TextEncoding.csvHeader(bytes) {
                    throw .formatMismatch(file: source, named: .json, holds: .csv, sample: header)
                }
                throw .jsonSyntax(file: source, error)
            }
            let format = given ?? AdapterTable.format(of: root)
            if format == .json { return .snapshots(try decode(json: root, source: source)) }
            return .metrics(try AdapterTable.read(json: root, format: format, source: source))
        }
        if given == nil || given == .csv, let refused = K6SummaryAdapter.refusal(bytes, source: source) { throw refused }
        let format = given ?? AdapterTable.format(ofCSV: bytes)
        if format == .grafana { return .metrics(try GrafanaCSVAdapter.read(bytes, source: source)) }
        let table: CSVTable
        do { table = try CSVReader.read(bytes) } catch { throw .csvSyntax(file: source, error) }
        return .snapshots(try decode(csv: table, source: source))
    }
}
