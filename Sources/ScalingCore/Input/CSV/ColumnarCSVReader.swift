import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a CSV series straight into columns: bytes in blocks, numbers parsed in place, the file split at record
/// boundaries between the machine's cores.
///
/// It reads the files monitoring tools and scripts write, fast: one header line, `,` `;` or tab between cells,
/// LF, CRLF or CR line ends, cells that are plain numbers or times (parsed without building a `String`) or anything
/// `Quantity.parse` reads (`"$1,150"`, `2.1M`, `0.4%`, parsed through it). Whatever else a file holds (a `sep=`
/// line, blank lines, a ragged row, a bad value, invalid UTF-8) makes it return nil, and the caller reads the file
/// with ``CSVReader`` and ``SnapshotDecoder``, which accept the rest of RFC 4180 and word every error. So a file
/// gives the same series, warnings and errors either way; this reader only decides how fast.
///
/// Each core parses a byte range: the first range starts after the header, each other one after the first line
/// break at or after its nominal start, and ends where the next begins. A range is trusted only if the range before
/// it ended exactly where it began (a quoted cell holding a line break can make a guessed start fall mid-record);
/// otherwise the rest of the file is parsed again in one piece from where the trusted part ended.
/// Memory is the columns plus one block per core: the text is never held whole.
public enum ColumnarCSVReader {
    /// How the reader splits and buffers its work; tests use tiny blocks and many ranges to hit every boundary.
    public struct Settings: Sendable {
        /// Ranges parsed at once (the cores used); 1 reads the file in one piece.
        public var ranges: Int
        /// Bytes read per block; grown when one record is longer.
        public var blockBytes: Int
        /// Files smaller than this are read in one range.
        public var splitAbove: Int
        public var limits: InputLimits

        public init(ranges: Int, blockBytes: Int, splitAbove: Int, limits: InputLimits = .standard) {
            self.ranges = ranges
            self.blockBytes = blockBytes
            self.splitAbove = splitAbove
            self.limits = limits
        }

        /// One range per core (at most 8), 4 MiB blocks, files of 4 MiB or more split.
        public static var standard: Settings {
            Settings(ranges: min(ProcessorCount.online, 8), blockBytes: 4 << 20, splitAbove: 4 << 20)
        }
    }

    /// The columns of the CSV file at `path`, and the header's warnings; nil when the file needs the full reader
    /// (or is not a regular file).
    public static func read(path: String, source: String, settings: Settings = .standard) throws(InputError) -> (
        SeriesColumns, [InputWarning]
    )? {
        try ByteInput.withFile(path, maximumBytes: settings.limits.maximumCSVBytes) { input throws(InputError) in
            try read(input, source: source, settings: settings)
        }
    }

    /// The columns of CSV `bytes` (standard input, tests), or nil when they need the full reader.
    public static func read(bytes: [UInt8], source: String, settings: Settings = .standard) throws(InputError) -> (
        SeriesColumns, [InputWarning]
    )? {
        let outcome = ByteInput.withBytes(bytes) { input in
            Result { () throws(InputError) in try read(input, source: source, settings: settings) }
        }
        return try outcome.get()
    }

    // MARK: Reading

    static func read(_ input: ByteInput, source: String, settings: Settings) throws(InputError) -> (SeriesColumns, [InputWarning])? {
        // UTF-16 (transcoded first) and JSON saved as .csv (an error that says so) are the row reader's.
        let head = input.bytes(at: 0, count: 64)
        if TextEncoding.isUTF16(head) || TextEncoding.looksLikeJSON(head) { return nil }
        guard let header = Header.read(input, limit: settings.limits.maximumLineBytes) else { return nil }
        // A field named twice is an error, but a syntax error in any row comes first: the row reader decides. Units in
        // the header's brackets are applied to each cell as text: the row reader's too.
        guard let (columns, warnings, units) = try? SnapshotDecoder.resolve(header: header.names, headerLine: 1, source: source),
            units.isEmpty
        else {
            return nil
        }
        let layout = Layout(delimiter: header.delimiter, header: header.names, columns: columns)
        guard header.dataStart < input.size else { return nil }  // no rows: the full reader words it

        // Split into ranges starting at record boundaries (guessed: after a line break).
        let rangeCount = input.size - header.dataStart >= settings.splitAbove ? max(settings.ranges, 1) : 1
        var starts = [header.dataStart]
        for index in 1..<max(rangeCount, 1) {
            let nominal = header.dataStart + (input.size - header.dataStart) * index / rangeCount
            let start = nextLineStart(input, from: max(nominal - 1, starts.last!))
            if start > starts.last! && start < input.size { starts.append(start) }
        }
        let limits = Array(starts.dropFirst()) + [input.size]
        // Rows a range will hold, from the line length of the first 64 KiB, so its columns are allocated once.
        let sample = input.bytes(at: header.dataStart, count: 1 << 16)
        let sampleLines = max(sample.lazy.filter { $0 == 0x0A }.count, 1)
        let bytesPerRow = max(Double(sample.count) / Double(sampleLines), 1)
        let expectedRows = zip(starts, limits).map { Int(Double($1 - $0) / bytesPerRow * 1.05) + 1_024 }
        let rangeStarts = starts
        let results = UnsafeMutableBufferPointer<RangeResult>.allocate(capacity: starts.count)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        let parse: @Sendable (Int) -> Void = { index in
            shared.initializeElement(
                at: index,
                to: RangeParser.parse(
                    input, layout: layout, start: rangeStarts[index], limit: limits[index], expectedRows: expectedRows[index],
                    settings: settings)
            )
        }
        if starts.count == 1 { parse(0) } else { DispatchQueue.concurrentPerform(iterations: starts.count, execute: parse) }
        var parts = (0..<starts.count).map { results.moveElement(from: $0) }
        // Trust each range only if the one before ended where it began; otherwise parse the rest again in one piece.
        for index in 1..<max(parts.count, 1) where parts[index - 1].end != starts[index] {
            guard parts[index - 1].unsupported == nil else { break }
            let rest = RangeParser.parse(
                input, layout: layout, start: parts[index - 1].end, limit: input.size, expectedRows: 0, settings: settings)
            for part in parts[index...] { part.release() }
            parts.replaceSubrange(index..., with: [rest])
            break
        }
        guard parts.allSatisfy({ $0.unsupported == nil }) else {
            for part in parts { part.release() }
            return nil
        }
        guard parts.contains(where: { $0.rows > 0 }) else {
            for part in parts { part.release() }
            return nil  // blank lines only: the row reader says there are no rows
        }
        // A value the field cannot hold: the first in the file, worded as the row reader words it.
        var lineBase = 2
        for part in parts {
            if let bad = part.valueError {
                for part in parts { part.release() }
                let (index, field) = columns.first { $0.index == bad.column }!
                throw .invalidValue(
                    place: SourcePlace(file: source, line: lineBase + bad.line, columnName: header.names[index]), field: field,
                    value: "\"\(bad.text)\"", reason: bad.reason)
            }
            lineBase += part.lineBreaks
        }
        // Each column's first implausible value in the file: the first range that met one has it.
        var implausible: [(row: Int, column: Int, warning: InputWarning)] = []
        var rowBase = 0
        lineBase = 2
        for part in parts {
            for cell in part.implausible where !implausible.contains(where: { $0.column == cell.column }) {
                let field = columns.first { $0.index == cell.column }!.field
                let place = SourcePlace(file: source, line: lineBase + cell.line, columnName: header.names[cell.column])
                implausible.append(
                    (
                        rowBase + cell.row, cell.column,
                        .implausibleValue(place: place, field: field, value: cell.written, cell.implausibility)
                    ))
            }
            rowBase += part.rows
            lineBase += part.lineBreaks
        }
        let series = assemble(parts, layout: layout, source: source, firstLine: 2)
        // Numbers with a comma or grouping points were handed back above, so a point, if any, decided the convention.
        let mark: DecimalMark = header.delimiter == UInt8(ascii: ",") || parts.contains(where: \.sawDecimalPoint) ? .point : .comma
        let noted = [InputWarning.decimalConvention(file: source, delimiter: header.delimiter, mark: mark)] + warnings
        return (series, finish(series, header: header, columns: columns, warnings: noted, implausible: implausible))
    }

    /// The warnings the row reader gives for the same file: the header's, then the cells' (unknown checklist ids and
    /// implausible values, in the order of the rows and their columns), and the series'.
    static func finish(
        _ series: SeriesColumns, header: Header, columns: [(index: Int, field: SnapshotField)], warnings: [InputWarning],
        implausible: [(row: Int, column: Int, warning: InputWarning)] = []
    ) -> [InputWarning] {
        var collected = warnings
        var pending = implausible.sorted { ($0.row, $0.column) < ($1.row, $1.column) }[...]
        if let index = columns.first(where: { $0.field == .checklistDone })?.index {
            for row in series.checklist.keys.sorted() {
                while let next = pending.first, (next.row, next.column) < (row, index) {
                    collected.append(next.warning)
                    pending.removeFirst()
                }
                let place = SourcePlace(file: series.source, line: series.lines.line(of: row), columnName: header.names[index])
                SnapshotDecoder.checkIDs(series.checklist[row]!, at: place, warnings: &collected)
            }
        }
        collected += pending.map(\.warning)
        return SnapshotDecoder.finish(warnings: collected, columns: series)
    }

    /// The offset just after the first LF at or after `offset` (the input's size when there is none).
    static func nextLineStart(_ input: ByteInput, from offset: Int) -> Int {
        var position = offset
        while position < input.size {
            let block = input.bytes(at: position, count: 1 << 16)
            if block.isEmpty { return input.size }
            if let newline = block.firstIndex(of: 0x0A) { return position + newline + 1 }
            position += block.count
        }
        return input.size
    }

    /// Asks for 2 MiB pages where the kernel leaves that to the program: a column of millions of numbers then takes
    /// hundreds of page faults instead of tens of thousands. Only whole 2 MiB stretches inside the block are affected.
    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
            let huge = 2 << 20
            guard bytes >= 2 * huge else { return }
            let start = (Int(bitPattern: pointer) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: pointer) + bytes) & ~(huge - 1)
            if end > start {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, Int32(MADV_HUGEPAGE))
            }
        #endif
    }

    /// One column of every range, end to end.
    static func joined(_ parts: [RangeResult], rowCount: Int, _ buffer: (RangeResult) -> DoubleBuffer) -> [Double] {
        [Double](unsafeUninitializedCapacity: rowCount) { target, initialized in
            if let base = target.baseAddress { adviseHugePages(base, bytes: rowCount * MemoryLayout<Double>.stride) }
            var at = 0
            for part in parts {
                let source = buffer(part)
                if source.count > 0 { (target.baseAddress! + at).update(from: source.pointer!, count: source.count) }
                at += source.count
            }
            initialized = at
        }
    }

    /// Joins the ranges' columns, rows and lines into one series.
    static func assemble(_ parts: [RangeResult], layout: Layout, source: String, firstLine: Int) -> SeriesColumns {
        let rowCount = parts.reduce(0) { $0 + $1.rows }
        let slotCount = layout.slotFields.count
        nonisolated(unsafe) var values = [[Double]](repeating: [], count: slotCount + 1)
        // Each column is copied by one thread and its ranges' blocks freed as soon as it is, so only as many columns as
        // there are threads exist twice at any moment (slot `slotCount` is the times).
        values.withUnsafeMutableBufferPointer { target in
            nonisolated(unsafe) let target = target
            DispatchQueue.concurrentPerform(iterations: slotCount + (layout.hasTime ? 1 : 0)) { slot in
                target[slot] = joined(parts, rowCount: rowCount) { slot < slotCount ? $0.columns[slot] : $0.times }
                for part in parts { (slot < slotCount ? part.columns[slot] : part.times).release() }
            }
        }
        var anchors: [(row: Int, line: Int?)] = []
        var checklist: [Int: [String]] = [:]
        var rowBase = 0
        var lineBase = firstLine
        for part in parts {
            for anchor in part.anchors { anchors.append((rowBase + anchor.row, lineBase + anchor.line)) }
            for entry in part.checklist { checklist[rowBase + entry.row] = entry.ids }
            rowBase += part.rows
            lineBase += part.lineBreaks
        }
        return SeriesColumns(
            source: source, rowCount: rowCount, times: layout.hasTime ? values[slotCount] : [],
            columns: (0..<slotCount).map { SeriesColumn(field: layout.slotFields[$0], name: layout.slotNames[$0], values: values[$0]) },
            checklist: checklist, lines: RowLines(anchors: anchors))
    }
}

extension ColumnarCSVReader {
    /// The header line: its names and the delimiter, detected as ``CSVReader`` detects it.
    struct Header {
        let names: [String]
        let delimiter: UInt8
        /// Offset of the first record.
        let dataStart: Int

        /// The header, or nil for anything the simple reader leaves to the full one (quotes, `sep=`, blank lines,
        /// a NUL, invalid UTF-8, an empty name).
        static func read(_ input: ByteInput, limit: Int) -> Header? {
            var bytes: [UInt8] = []
            var lineEnd: Int?
            while lineEnd == nil, bytes.count < min(limit, input.size) {
                let block = input.bytes(at: bytes.count, count: 1 << 16)
                if block.isEmpty { break }
                let searchFrom = bytes.count
                bytes += block
                lineEnd = bytes[searchFrom...].firstIndex { $0 == 0x0A || $0 == 0x0D }
            }
            guard let lineEnd else { return nil }  // a header alone, or a line too long: the full reader words it
            if lineEnd + 1 >= bytes.count { bytes += input.bytes(at: bytes.count, count: 2) }
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            guard lineEnd > bom, lineEnd <= limit else { return nil }
            let line = bytes[bom..<lineEnd]
            guard !line.contains(UInt8(ascii: "\"")), !line.contains(0),
                String(decoding: line.prefix(4), as: UTF8.self).lowercased() != "sep="
            else { return nil }
            let counts = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].map { delimiter in line.lazy.filter { $0 == delimiter }.count }
            let best = counts.max()!
            guard best == counts[0] || counts.filter({ $0 == best }).count == 1 else { return nil }
            let delimiter = best == counts[0] ? UInt8(ascii: ",") : (best == counts[1] ? UInt8(ascii: ";") : 0x09)
            var names: [String] = []
            for part in line.split(separator: delimiter, omittingEmptySubsequences: false) {
                // An empty name has no bytes to point at; it is refused below as blank.
                let name = part.withUnsafeBufferPointer { cell in cell.baseAddress.map { UTF8Sequence.text($0, $0 + cell.count) } ?? "" }
                guard let name, !name.allSatisfy(\.isWhitespace) else { return nil }
                names.append(name)
            }
            var dataStart = lineEnd + 1
            if bytes[lineEnd] == 0x0D, dataStart < bytes.count, bytes[dataStart] == 0x0A { dataStart += 1 }
            return Header(names: names, delimiter: delimiter, dataStart: dataStart)
        }
    }

    /// What each column of the file becomes.
    struct Layout: Sendable {
        enum Role: Sendable {
            case skip
            case time
            case value(slot: Int, kind: QuantityKind)
            case checklist
        }

        let delimiter: UInt8
        let roles: [Role]
        let slotFields: [SnapshotField]
        let slotNames: [String]
        let hasTime: Bool

        init(delimiter: UInt8, header: [String], columns: [(index: Int, field: SnapshotField)]) {
            self.delimiter = delimiter
            var roles = [Role](repeating: .skip, count: header.count)
            var fields: [SnapshotField] = []
            var names: [String] = []
            for (index, field) in columns {
                switch field.spec.kind {
                case .timestamp: roles[index] = .time
                case .idList: roles[index] = .checklist
                case let kind:
                    roles[index] = .value(slot: fields.count, kind: kind)
                    fields.append(field)
                    names.append(header[index])
                }
            }
            self.roles = roles
            hasTime = roles.contains { if case .time = $0 { true } else { false } }
            slotFields = fields
            slotNames = names
        }
    }

    /// Doubles appended in place, in memory this reader owns (grown with `realloc`, which moves no bytes for large blocks).
    struct DoubleBuffer {
        var pointer: UnsafeMutablePointer<Double>?
        var count = 0
        var capacity = 0

        init() {}

        /// A buffer for about `expected` values, allocated at once.
        init(expected: Int) {
            if expected > 0 { reallocate(to: expected) }
        }

        @inline(__always)
        mutating func append(_ value: Double) {
            if count == capacity { reallocate(to: max(capacity * 2, 1 << 12)) }
            pointer![count] = value
            count += 1
        }

        /// Moves the values to a block of `newCapacity`, aligned to 2 MiB and advised for huge pages when it is large,
        /// so filling it faults once per 2 MiB instead of once per 4 KiB.
        mutating func reallocate(to newCapacity: Int) {
            let bytes = newCapacity * MemoryLayout<Double>.stride
            var block: UnsafeMutableRawPointer?
            if bytes >= 4 << 20 {
                guard posix_memalign(&block, 2 << 20, bytes) == 0 else { fatalError("out of memory") }
                ColumnarCSVReader.adviseHugePages(block!, bytes: bytes)
            } else {
                block = malloc(bytes)
            }
            guard let block else { fatalError("out of memory") }
            let grown = block.assumingMemoryBound(to: Double.self)
            if let pointer, count > 0 { grown.update(from: pointer, count: count) }
            free(pointer)
            pointer = grown
            capacity = newCapacity
        }

        func release() { free(pointer) }
    }

    /// A cell its field cannot hold: where (row and line from the range's start, column) and why.
    struct ValueError {
        let row: Int
        let line: Int
        let column: Int
        let text: String
        let reason: String
    }

    /// A value read although it is probably in the wrong unit (``Implausibility``): where (row and line from the
    /// range's start, column), as written, and why.
    struct ImplausibleCell {
        let row: Int
        let line: Int
        let column: Int
        let written: String
        let implausibility: Implausibility
    }

    /// What one range gave.
    struct RangeResult: @unchecked Sendable {
        var columns: [DoubleBuffer]
        var times = DoubleBuffer()
        var rows = 0
        /// Line breaks consumed, so the next range knows its first line.
        var lineBreaks = 0
        /// (row, line) where a row does not start on the line after the previous row's; lines from 0 at the range's start.
        var anchors: [(row: Int, line: Int)] = []
        var checklist: [(row: Int, ids: [String])] = []
        /// The offset after the last record read.
        var end = 0
        /// Why the range needs the full reader, if it does.
        var unsupported: String?
        /// The first value in the range that its field cannot hold.
        var valueError: ValueError?
        /// The range's first implausible value in each column, in the order met.
        var implausible: [ImplausibleCell] = []
        /// Whether a number in a `;`- or tab-separated file was written with a decimal point.
        var sawDecimalPoint = false

        func release() {
            for column in columns { column.release() }
            times.release()
        }
    }
}
