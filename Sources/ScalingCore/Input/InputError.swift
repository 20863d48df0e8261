/// Why an input cannot be read as snapshots. Each case says where, and what was expected.
public enum InputError: Error, Equatable, Sendable {
    /// The file could not be opened or read: missing, a directory, no permission.
    case unreadable(path: String, reason: String)
    /// The input is larger than scalectl reads for its format; reading stopped at `limit` bytes.
    case tooLarge(path: String, limit: Int)
    /// A line of the input is longer than `limit` bytes; reading stopped there.
    case lineTooLong(path: String, line: Int, limit: Int)
    /// The input's first block holds a NUL byte (and no UTF-16 byte order mark): a binary file, not text.
    case binaryData(path: String)
    /// The file's size or modification time changed while it was read, so what was read may be half old, half new.
    case changedWhileRead(path: String)
    /// The file is not valid JSON.
    case jsonSyntax(file: String, JSONSyntaxError)
    /// The file is not CSV that can be read.
    case csvSyntax(file: String, CSVSyntaxError)
    /// The input is well-formed but not a snapshot: `found` says what it holds instead.
    case notASnapshot(place: SourcePlace, found: String)
    /// The input holds no snapshot at all (an empty JSON array, a CSV header with no rows).
    case noSnapshots(file: String, detail: String)
    /// A field's value is not of the field's kind.
    case invalidValue(place: SourcePlace, field: SnapshotField, value: String, reason: String)
    /// Two keys of one snapshot name the same field, so which one holds is ambiguous.
    case duplicateField(place: SourcePlace, field: SnapshotField, firstKey: String, secondKey: String)
    /// A monitoring export that does not have its tool's shape at `place`.
    case notAnExport(place: SourcePlace, format: String, expected: String, found: String)
    /// A Prometheus (or Thanos, Mimir, VictoriaMetrics) response with `"status":"error"`: its errorType and error.
    case prometheusError(file: String, errorType: String, error: String)
    /// Another tool's export that reports an error instead of data (CloudWatch's StatusCode, Datadog's errors).
    case exportError(file: String, tool: String, detail: String)
    /// No series of a monitoring export names a snapshot field, and no binding says which field it is; `suggestion`
    /// is the binding the series' names suggest, when they suggest one.
    case unboundSeries(file: String, series: [String], suggestion: String?)
    /// A percentile field bound to an export whose statistics do not include that percentile (p99 for a p95).
    case statisticMissing(file: String, field: SnapshotField, wanted: String, present: [String], label: String)
    /// A monitoring tool's output that holds measurements, not what scalectl reads (k6's `--out csv`).
    case unsupportedExport(file: String, what: String, instead: String)
    /// A `FIELD=PATH` or `FIELD:UNIT=PATH` argument that cannot be used.
    case invalidBinding(argument: String, reason: String)
    /// A mapping file (`--map`) that cannot be used: invalid JSON, an unknown field or key, a wrong type.
    case invalidMapping(place: SourcePlace, reason: String)
    /// A file whose name says one format and whose content is the other (JSON saved as `.csv`, CSV as `.json`):
    /// `sample` is what it starts with.
    case formatMismatch(file: String, named: InputFormat, holds: InputFormat, sample: String)
    /// A CSV header's unit in brackets (`p95 (furlongs)`, `DB CPU (ms)`) that is unknown or does not fit the field.
    case invalidHeaderUnit(place: SourcePlace, field: SnapshotField, unit: String, reason: String)
    /// A JSON snapshot nested deeper than the one level read (`{"data": {"metrics": {…}}}`): `path` leads to it.
    case nestedSnapshot(place: SourcePlace, path: String)
}

/// Something in the input that is read anyway but deserves a word on stderr.
public enum InputWarning: Equatable, Sendable {
    /// A key that names no field: ignored, with the nearest field name when one is close.
    case unknownField(place: SourcePlace, key: String, suggestion: String?)
    /// More unknown fields than are worth naming one by one.
    case moreUnknownFields(file: String, count: Int)
    /// A key that is an alias of a field (shown with `--verbose`).
    case aliasMapped(place: SourcePlace, key: String, field: SnapshotField)
    /// A `checklist_done` id that is neither a checklist item nor a guide step.
    case unknownChecklistID(place: SourcePlace, id: String, suggestion: String?)
    /// Some snapshots have a timestamp and others not; the latest is chosen among the timestamped ones.
    case missingTimestamps(file: String, count: Int, firstLine: Int?)
    /// Two or more snapshots share the latest timestamp; the last of them in the file is used.
    case duplicateLatestTimestamp(file: String, timestamp: Double, count: Int)
    /// Times with no zone (Grafana's `YYYY-MM-DD HH:mm:ss`) are read as UTC, which may be hours off.
    case localTimeAsUTC(place: SourcePlace, example: String)
    /// Series that name no field and are not bound: they are left out.
    case unboundSeriesIgnored(file: String, series: [String])
    /// Series of a bound file that name other fields than the binding's: a binding binds its field alone, so they
    /// are left out.
    case outsideBinding(file: String, binding: String, field: SnapshotField, series: [String])
    /// A bound series whose values do not look like the field: accepted, but probably the wrong file or field.
    case implausibleBinding(file: String, field: SnapshotField, detail: String)
    /// A ratio field combined from several series by an unweighted mean, which is not the overall ratio when their
    /// traffic differs (no export read here carries each series' traffic beside its ratio).
    case unweightedMean(file: String, field: SnapshotField, series: [String])
    /// A unit conversion made while binding, such as a per-second rate scaled to requests per month.
    case converted(file: String, field: SnapshotField, detail: String)
    /// The unit a field's values were read in and why: a series' name, the export's unit, a binding (`--verbose`).
    case unitAssumed(file: String, field: SnapshotField, unit: String, reason: String)
    /// Which input gave a field (shown with `--verbose`).
    case fieldSource(field: SnapshotField, file: String, series: String)
    /// No point of an input is within the alignment tolerance of any time of the first input: it gave nothing.
    case unaligned(file: String, base: String, tolerance: Double)
    /// A monitoring export that reports partial data or points with no value.
    case partialData(file: String, detail: String)
    /// A value almost certainly in the wrong unit (`0.62` seconds in `response_p95_ms`): read as written, said once
    /// per field and input, where it first appears.
    case implausibleValue(place: SourcePlace, field: SnapshotField, value: String, Implausibility)
    /// Which decimal mark a CSV file's numbers were read with (shown with `--verbose`).
    case decimalConvention(file: String, delimiter: UInt8, mark: DecimalMark)
    /// A JSON file whose only key holds the snapshot (`{"metrics": {…}}`) or the series (`{"data": […]}`): read
    /// from under it.
    case unwrapped(file: String, key: String, snapshots: Int)

    /// Whether the warning is shown only with `--verbose`.
    public var isVerboseOnly: Bool {
        switch self {
        case .aliasMapped, .fieldSource, .decimalConvention, .unitAssumed: return true
        default: return false
        }
    }

    /// Whether the line is a note rather than a warning: something said for information, not a likely mistake.
    public var isNote: Bool {
        switch self {
        case .aliasMapped, .fieldSource, .converted, .decimalConvention, .outsideBinding, .unitAssumed, .unwrapped: return true
        default: return false
        }
    }
}
