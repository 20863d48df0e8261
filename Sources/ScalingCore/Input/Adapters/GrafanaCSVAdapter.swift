/// Reads Grafana's panel export (Inspect → Data → Download CSV), including the UTF-16LE + tab "Excel" variant.
///
/// A `Time` column (epoch milliseconds, or `YYYY-MM-DD HH:mm:ss` in the browser's local time, which has no zone and
/// is read as UTC with a warning) and one column per series. Empty cells are points with no value. With
/// "Formatted data" the values carry Grafana's units: `95 ms`, `1.02 s`, `4.2%`, `1.20 K`, `3 req/s`; durations are
/// read as seconds whatever unit each cell uses, since Grafana picks the unit per value. Values without a unit are the
/// data source's own (base units for Prometheus and CloudWatch: seconds, ratios); `FIELD:ms=PATH` says otherwise.
enum GrafanaCSVAdapter {
    /// Grafana's short-number suffixes.
    static let scales: [(suffix: String, factor: Double)] = [
        ("Tri", 1e12), ("Bil", 1e9), ("Mil", 1e6), ("K", 1e3), ("M", 1e6), ("B", 1e9), ("T", 1e12),
    ]

    /// Grafana's unit suffixes: the unit a value is read in, and the factor to it.
    static let unitSuffixes: [(suffix: String, unit: MetricUnit, factor: Double)] = [
        ("ns", .seconds, 1e-9), ("µs", .seconds, 1e-6), ("us", .seconds, 1e-6), ("ms", .seconds, 1e-3), ("s", .seconds, 1),
        ("min", .seconds, 60), ("m", .seconds, 60), ("h", .seconds, 3600), ("%", .percent, 1), ("percent", .percent, 1),
        ("req/s", .perSecond, 1), ("reqps", .perSecond, 1), ("rps", .perSecond, 1), ("ops/s", .perSecond, 1), ("/s", .perSecond, 1),
    ]

    /// A CSV whose first column is `Time` and whose other columns name no snapshot field (else it is a snapshot CSV).
    static func probe(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) { return true }
        // The header is on the first line, or the second after a `sep=;` line: three lines are enough to tell.
        var head: [UInt8] = []
        var newlines = 0
        for byte in bytes.prefix(1 << 20) {
            head.append(byte)
            if byte == 0x0A { newlines += 1; if newlines == 3 { break } }
        }
        guard let table = try? CSVReader.read(head) else { return false }
        return isGrafanaExport(table)
    }

    /// `Time` first, and either a column that names no field or a time cell as Grafana writes it (epoch
    /// milliseconds, or `YYYY-MM-DD HH:mm:ss` with a space and no zone): a snapshot CSV has neither.
    private static func isGrafanaExport(_ table: CSVTable) -> Bool {
        guard let first = table.header.first, first.trimmingSpaces == "Time", table.header.count > 1 else { return false }
        // A field's name with its unit in brackets (`Response p95 (ms)`) names the field too, as the snapshot reader reads it.
        let namesField = { (name: String) in
            FieldCatalog.field(named: name) != nil || HeaderUnit.split(name).flatMap { HeaderUnit.field(base: $0.base, unit: $0.unit) } != nil
        }
        if table.header.dropFirst().contains(where: { !namesField($0) }) { return true }
        guard let cell = table.records.first?.fields.first?.trimmingSpaces else { return false }
        let bytes = Array(cell.utf8)
        let isEpochMilliseconds = bytes.count == 13 && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
        let isLocalTime = bytes.count == 19 && bytes[10] == UInt8(ascii: " ") && bytes[4] == UInt8(ascii: "-")
        return isEpochMilliseconds || isLocalTime
    }

    static func read(_ bytes: [UInt8], source: String) throws(InputError) -> AdaptedInput {
        let text = bytes.starts(with: [0xFF, 0xFE]) ? utf8(fromUTF16LE: bytes.dropFirst(2)) : bytes
        let table: CSVTable
        do { table = try CSVReader.read(text) } catch { throw .csvSyntax(file: source, error) }
        guard let timeIndex = table.header.firstIndex(where: { $0.trimmingSpaces.lowercased() == "time" }) else {
            throw .notAnExport(
                place: SourcePlace(file: source, line: table.headerLine), format: "grafana", expected: "a \"Time\" column",
                found: "columns " + table.header.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        guard !table.records.isEmpty else { throw .noSnapshots(file: source, detail: "the CSV has a header but no rows") }
        var warnings: [InputWarning] = []
        var times: [Double] = []
        for record in table.records {
            let cell = record.fields[timeIndex].trimmingSpaces
            let place = SourcePlace(file: source, line: record.line, columnName: table.header[timeIndex])
            if !cell.isEmpty, cell.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = Double(cell) {
                // Grafana writes epoch milliseconds; ten digits or fewer are seconds.
                times.append(number >= 1e11 ? number / 1000 : number)
                continue
            }
            do { times.append(try Timestamp.parse(cell)) } catch {
                throw .notAnExport(
                    place: place, format: "grafana", expected: "epoch milliseconds or YYYY-MM-DD HH:mm:ss", found: "\"\(cell)\"")
            }
            if !hasZone(cell), !warnings.contains(where: { if case .localTimeAsUTC = $0 { true } else { false } }) {
                warnings.append(.localTimeAsUTC(place: place, example: cell))
            }
        }
        if let repeated = MetricPoint.repeatedTimes(times) {
            warnings.append(
                .partialData(
                    file: source,
                    detail: "\(repeated.count) row(s) repeat the time of another (first \(Timestamp.format(repeated.first))): "
                        + "their values are combined with the field's aggregation"))
        }
        var noValueCells: [String: Int] = [:]
        var series: [MetricSeries] = []
        for (column, name) in table.header.enumerated() where column != timeIndex {
            var unit: MetricUnit?
            var points: [MetricPoint] = []
            for (row, record) in table.records.enumerated() {
                let cell = column < record.fields.count ? record.fields[column] : ""
                let place = SourcePlace(file: source, line: record.line, columnName: name)
                guard let (value, cellUnit) = try point(cell, time: times[row], at: place) else {
                    let word = cell.trimmingSpaces.lowercased()
                    if ["nan", "null", "undefined"].contains(word) { noValueCells[word, default: 0] += 1 }
                    points.append(MetricPoint(time: times[row], value: nil))
                    continue
                }
                if let unit, unit != cellUnit {
                    throw .notAnExport(
                        place: place, format: "grafana", expected: "values in one kind of unit down the column (\(unit.rawValue))",
                        found: "\"\(cell)\"")
                }
                unit = cellUnit
                points.append(value)
            }
            series.append(
                MetricSeries(
                    name: name, field: FieldCatalog.field(named: name), unit: unit ?? .base, points: points,
                    place: SourcePlace(file: source, line: table.headerLine, columnName: name), labels: ["column": name]))
        }
        if !noValueCells.isEmpty {
            let counts = noValueCells.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key == "nan" ? "NaN" : $0.key)" }
            warnings.append(
                .partialData(file: source, detail: "\(Wording.list(counts)) cell(s) read as no value (never 0, never a pass)"))
        }
        return AdaptedInput(source: source, format: .grafana, series: series, warnings: warnings)
    }

    /// A cell's number and unit: `95 ms` is (0.095, seconds), `4.2%` (4.2, percent), `1.20 K` (1200, native); nil when empty.
    static func value(_ cell: String, at place: SourcePlace) throws(InputError) -> (Double, MetricUnit)? {
        try point(cell, time: nil, at: place).map { ($0.point.value ?? .nan, $0.unit) }
    }

    /// A cell as a point at `time`, its value scaled to `unit` in decimal (``MetricPoint/converted(by:)``); nil when empty.
    static func point(_ cell: String, time: Double?, at place: SourcePlace) throws(InputError) -> (point: MetricPoint, unit: MetricUnit)? {
        let text = cell.trimmingSpaces
        if text.isEmpty || ["nan", "null", "undefined", "-"].contains(text.lowercased()) { return nil }
        var end = text.startIndex
        for index in text.indices {
            let character = text[index]
            if character.isNumber || character == "." || character == "-" || character == "+"
                || character == "e" && index != text.startIndex
            {
                end = text.index(after: index)
            } else {
                break
            }
        }
        guard let number = Double(String(text[..<end])), number.isFinite else {
            throw .notAnExport(
                place: place, format: "grafana", expected: "a number, optionally with a unit such as 95 ms or 4.2%", found: "\"\(text)\"")
        }
        var rest = String(text[end...]).trimmingSpaces
        var factor = 1.0
        if let scale = scales.first(where: { rest.hasPrefix($0.suffix) && !unitSuffixes.contains { suffix in suffix.suffix == rest } }) {
            factor = scale.factor
            rest = String(rest.dropFirst(scale.suffix.count)).trimmingSpaces
        }
        let point = MetricPoint(time: time, value: number, literal: String(text[..<end]))
        if rest.isEmpty { return (point.converted(by: factor), .base) }
        guard let unit = unitSuffixes.first(where: { $0.suffix == rest }) else {
            throw .notAnExport(
                place: place, format: "grafana", expected: "a unit Grafana writes (ms, s, %, K, req/s)", found: "\"\(text)\"")
        }
        return (point.converted(by: factor * unit.factor), unit.unit)
    }

    private static func hasZone(_ text: String) -> Bool {
        text.hasSuffix("Z") || text.hasSuffix("z") || text.dropFirst(19).contains("+") || text.dropFirst(19).contains("-")
    }

    /// UTF-16LE (Grafana's "Excel" download) as UTF-8; an unpaired surrogate becomes U+FFFD.
    static func utf8(fromUTF16LE bytes: ArraySlice<UInt8>) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
