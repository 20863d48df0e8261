#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ColumnarCSVReader {
    /// Parses the records that start in one byte range, block by block.
    struct RangeParser {
        let layout: Layout
        var result: RangeResult
        /// The current record's values, committed to the columns only when the record is complete.
        let row: UnsafeMutablePointer<Double>
        /// The columns being filled, one per value slot (moved into `result` at the end).
        let buffers: UnsafeMutablePointer<DoubleBuffer>
        let slotCount: Int
        var rowTime = Double.nan
        var rowChecklist: String?
        /// The previous row's date (the first 10 bytes of its time) and its Unix seconds at midnight.
        var hasCachedDate = false
        var cachedDate: UInt64 = 0
        var cachedDateEnd: UInt16 = 0
        var cachedDateSeconds = 0.0
        /// The layout's roles, flattened for the inner loop.
        let roles: [FlatRole]
        /// Line breaks inside the current record's quoted cells.
        var innerBreaks = 0
        /// The line (from the range's start) the previous row started on.
        var previousLine = -1

        /// A column's role as plain values.
        struct FlatRole {
            enum Code { case skip, time, value, checklist }
            let code: Code
            let slot: Int
            let kind: QuantityKind

            init(_ role: Layout.Role) {
                switch role {
                case .skip: (code, slot, kind) = (.skip, 0, .count)
                case .time: (code, slot, kind) = (.time, 0, .timestamp)
                case .value(let slot, let kind): (code, self.slot, self.kind) = (.value, slot, kind)
                case .checklist: (code, slot, kind) = (.checklist, 0, .idList)
                }
            }
        }

        enum Outcome {
            /// A record ended; the next starts here.
            case next(UnsafePointer<UInt8>)
            /// The block ended mid-record.
            case needMore
            case unsupported(String)
        }

        /// Parses the records starting in `start..<limit` (the last may run past `limit`).
        static func parse(_ input: ByteInput, layout: Layout, start: Int, limit: Int, expectedRows: Int, settings: Settings)
            -> RangeResult
        {
            let slots = layout.slotFields.count
            let row = UnsafeMutablePointer<Double>.allocate(capacity: max(slots, 1))
            row.initialize(repeating: .nan, count: max(slots, 1))
            let buffers = UnsafeMutablePointer<DoubleBuffer>.allocate(capacity: max(slots, 1))
            buffers.initialize(repeating: DoubleBuffer(), count: max(slots, 1))
            for slot in 0..<slots { buffers[slot] = DoubleBuffer(expected: expectedRows) }
            defer {
                row.deallocate()
                buffers.deallocate()
            }
            var parser = RangeParser(
                layout: layout, result: RangeResult(columns: [], times: DoubleBuffer(expected: layout.hasTime ? expectedRows : 0)),
                row: row, buffers: buffers, slotCount: slots,
                roles: layout.roles.map(FlatRole.init))
            parser.run(input, start: start, limit: limit, settings: settings)
            parser.result.columns = Array(UnsafeBufferPointer(start: buffers, count: slots))
            return parser.result
        }

        mutating func run(_ input: ByteInput, start: Int, limit: Int, settings: Settings) {
            var window = ByteWindow(start: start, blockBytes: max(settings.blockBytes, 64))
            defer { window.deallocate() }
            var position = 0  // the current record's start in the window
            result.end = start
            while window.start + position < limit && window.start + position < input.size {
                let final = window.isFinal(in: input)
                let (buffer, filled) = (window.buffer, window.filled)
                let outcome: Outcome =
                    position < filled || final ? record(buffer + position, buffer + filled, final: final) : .needMore
                switch outcome {
                case .next(let next):
                    position = next - UnsafePointer(buffer)
                    result.end = window.start + position
                case .unsupported(let reason):
                    result.unsupported = reason
                    return
                case .needMore:
                    // Keep the partial record, then read on.
                    if let problem = window.slide(from: position, input: input, maximum: settings.limits.maximumLineBytes * 2) {
                        result.unsupported = problem
                        return
                    }
                    position = 0
                }
            }
        }

        /// Bytes that end a cell within a record: the delimiter, CR and LF.
        @inline(__always)
        func isRecordByte(_ byte: UInt8) -> Bool { byte == layout.delimiter || byte == 0x0A || byte == 0x0D }

        /// A time cell read as it is scanned: the date is read by ``TimestampScanner/date(_:_:)`` only when it differs
        /// from the previous row's (the same bytes give the same seconds); the rest always by the scanner.
        @inline(__always)
        mutating func scanTime(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (value: Double?, stop: UnsafePointer<UInt8>) {
            if end - start > 10 {
                let date = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
                let dateEnd = UnsafeRawPointer(start + 8).loadUnaligned(as: UInt16.self)
                if !(hasCachedDate && date == cachedDate && dateEnd == cachedDateEnd),
                    case .seconds(let daySeconds, _) = TimestampScanner.date(start, end)
                {
                    hasCachedDate = true
                    cachedDate = date
                    cachedDateEnd = dateEnd
                    cachedDateSeconds = daySeconds
                }
                // Reading on to the block's end rather than the cell's can only refuse more (an offset without
                // minutes), never read differently: no byte that ends a cell continues a time.
                if hasCachedDate && date == cachedDate && dateEnd == cachedDateEnd,
                    case .seconds(let value, let stop) = TimestampScanner.clock(start + 10, end, daySeconds: cachedDateSeconds),
                    stop < end, isRecordByte(stop.pointee), TimestampScanner.isPlaceable(value)
                {
                    return (value, stop)
                }
            }
            var stop = start
            while stop < end && !isCellEnd(stop.pointee) { stop += 1 }
            return (PlainNumber.timestamp(start, stop), stop)
        }

        /// Bytes that end an unquoted cell: the delimiter, CR, LF and (an error there) a quote.
        @inline(__always)
        func isCellEnd(_ byte: UInt8) -> Bool {
            byte == layout.delimiter || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"")
        }

        /// Parses one record at `start`; commits its values when it is complete.
        mutating func record(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Outcome {
            if start < end, start.pointee == 0x0A || start.pointee == 0x0D {
                // A blank line: skipped, as the row reader skips it, but counted for the lines of the rows after it.
                guard let length = LineBreak.length(at: start, end, final: final) else { return .needMore }
                result.lineBreaks += 1
                return .next(start + length)
            }
            var pointer = start
            innerBreaks = 0
            rowChecklist = nil
            let columnCount = layout.roles.count
            for column in 0..<columnCount {
                let cellStart: UnsafePointer<UInt8>
                let cellEnd: UnsafePointer<UInt8>
                var quotedText: String?
                if pointer < end && pointer.pointee == UInt8(ascii: "\"") {
                    switch quoted(pointer, end, final: final) {
                    case .needMore: return .needMore
                    case .unsupported(let reason): return .unsupported(reason)
                    case .next(let after):
                        guard let text = UTF8Sequence.text(pointer + 1, max(after - 1, pointer + 1)) else {
                            return .unsupported("a cell that is not UTF-8 text")
                        }
                        quotedText = text.replacingDoubledQuotes
                        cellStart = pointer
                        cellEnd = after
                    }
                } else {
                    // The usual cell: a plain number or time, read as it is scanned.
                    let role = roles[column]
                    if role.code == .value || role.code == .time {
                        let scanned =
                            role.code == .value
                            ? PlainNumber.scanQuantity(pointer, end, kind: role.kind) : scanTime(pointer, end)
                        if let value = scanned.value, scanned.stop < end, isRecordByte(scanned.stop.pointee) {
                            if role.code == .value {
                                if let problem = noteDecimalMark(pointer, scanned.stop) { return .unsupported(problem) }
                                row[role.slot] = value
                            } else {
                                rowTime = value
                            }
                            pointer = scanned.stop
                            if column < columnCount - 1 {
                                guard pointer.pointee == layout.delimiter else { return .unsupported("a record with too few cells") }
                                pointer += 1
                            }
                            continue
                        }
                    }
                    var scan = pointer
                    while scan < end && !isCellEnd(scan.pointee) { scan += 1 }
                    if scan < end && scan.pointee == UInt8(ascii: "\"") { return .unsupported("a quote inside an unquoted cell") }
                    if scan == end && !final { return .needMore }
                    cellStart = pointer
                    cellEnd = scan
                }
                if let problem = take(column: column, cellStart, cellEnd, quoted: quotedText) { return .unsupported(problem) }
                pointer = cellEnd
                if column < columnCount - 1 {
                    guard pointer < end, pointer.pointee == layout.delimiter else {
                        return pointer == end && !final ? .needMore : .unsupported("a record with too few cells")
                    }
                    pointer += 1
                }
            }
            // The record's end: a line break (CRLF counts once) or the end of the input.
            if pointer < end {
                guard pointer.pointee == 0x0A || pointer.pointee == 0x0D else { return .unsupported("a record with too many cells") }
                guard let length = LineBreak.length(at: pointer, end, final: final) else { return .needMore }
                pointer += length
                commit(lineBreaksAfter: 1)
            } else {
                commit(lineBreaksAfter: 0)
            }
            return .next(pointer)
        }

        /// A quoted cell from its opening quote: where it ends (after the closing quote), with the line breaks inside counted.
        mutating func quoted(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Outcome {
            var pointer = start + 1
            var breaks = 0
            while pointer < end {
                let byte = pointer.pointee
                if byte == UInt8(ascii: "\"") {
                    if pointer + 1 < end && pointer[1] == UInt8(ascii: "\"") {
                        pointer += 2
                        continue
                    }
                    if pointer + 1 == end && !final { return .needMore }
                    let after = pointer + 1
                    if after < end && !(after.pointee == layout.delimiter || after.pointee == 0x0A || after.pointee == 0x0D) {
                        return .unsupported("text after a closing quote")
                    }
                    innerBreaks += breaks
                    return .next(after)
                }
                if byte == 0x0A { if pointer == start + 1 || pointer[-1] != 0x0D { breaks += 1 } } else if byte == 0x0D { breaks += 1 }
                pointer += 1
            }
            return final ? .unsupported("an unterminated quote") : .needMore
        }

        /// Reads one cell into the current row; a problem the full reader must word is returned.
        @inline(__always)
        mutating func take(column: Int, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, quoted: String?) -> String? {
            switch layout.roles[column] {
            case .skip:
                if quoted == nil, !UTF8Sequence.isText(start, end) { return "a cell that is not UTF-8 text" }
                return nil
            case .value(let slot, let kind):
                if quoted == nil, let value = PlainNumber.quantity(start, end, kind: kind) {
                    if let problem = noteDecimalMark(start, end) { return problem }
                    row[slot] = value
                    return nil
                }
                switch slowValue(column: column, start, end, quoted: quoted, kind: kind) {
                case .value(let value): row[slot] = value
                case .unsupported(let problem): return problem
                }
            case .time:
                if quoted == nil, let value = PlainNumber.timestamp(start, end) {
                    rowTime = value
                    return nil
                }
                switch slowValue(column: column, start, end, quoted: quoted, kind: .timestamp) {
                case .value(let value): rowTime = value
                case .unsupported(let problem): return problem
                }
            case .checklist:
                guard let text = quoted ?? UTF8Sequence.text(start, end) else { return "a cell that is not UTF-8 text" }
                rowChecklist = text
            }
            return nil
        }

        /// What the full parser makes of a cell.
        enum SlowValue {
            case value(Double)
            case unsupported(String)
        }

        /// A cell `Quantity.read` reads: NaN when empty or when it fails (the first failure is kept, to be reported
        /// if nothing in the file needs the row reader first); unsupported when the cell is not text or when its decimal
        /// mark is the file's to decide. An implausible value is read, and the range's first in each column kept for
        /// the warning the row reader gives once per field.
        mutating func slowValue(
            column: Int, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, quoted: String?, kind: QuantityKind
        ) -> SlowValue {
            guard let text = quoted ?? UTF8Sequence.text(start, end) else { return .unsupported("a cell that is not UTF-8 text") }
            if text.trimmingSpaces.isEmpty { return .value(.nan) }
            if kind != .timestamp, let problem = noteDecimalMark(text.utf8) { return .unsupported(problem) }
            do {
                let reading = try Quantity.read(text, as: kind)
                if let implausibility = reading.implausibility, !result.implausible.contains(where: { $0.column == column }) {
                    // The row reader warns once per field, at its first such value: the range keeps its first.
                    result.implausible.append(
                        ImplausibleCell(
                            row: result.rows, line: result.lineBreaks, column: column, written: text.trimmingSpaces,
                            implausibility: implausibility))
                }
                return .value(reading.value)
            } catch {
                if result.valueError == nil {
                    result.valueError = ValueError(
                        row: result.rows, line: result.lineBreaks, column: column, text: text, reason: error.reason)
                }
                return .value(.nan)
            }
        }

        /// In a `;`- or tab-separated file, notes a number written with a decimal point; a comma, or points that may
        /// group thousands, depend on the whole file's convention (`DecimalMark.convention`), which the row reader decides.
        @inline(__always)
        mutating func noteDecimalMark(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String? {
            guard layout.delimiter != UInt8(ascii: ",") else { return nil }
            return noteDecimalMark(UnsafeBufferPointer(start: start, count: end - start))
        }

        mutating func noteDecimalMark<Bytes: Collection<UInt8>>(_ cell: Bytes) -> String? {
            guard layout.delimiter != UInt8(ascii: ",") else { return nil }
            switch DecimalMark.evidence(in: cell) {
            case .none: return nil
            case .point:
                result.sawDecimalPoint = true
                return nil
            case .comma, .ambiguous: return "a number whose decimal mark the whole file decides"
            }
        }

        /// Appends the current row to the columns and notes its line.
        @inline(__always)
        mutating func commit(lineBreaksAfter: Int) {
            let line = result.lineBreaks
            if line != previousLine + 1 || result.rows == 0 { result.anchors.append((result.rows, line)) }
            previousLine = line
            for slot in 0..<slotCount {
                buffers[slot].append(row[slot])
                row[slot] = .nan
            }
            if layout.hasTime {
                result.times.append(rowTime)
                rowTime = .nan
            }
            if let text = rowChecklist {
                let ids = SnapshotDecoder.ids(inText: text)
                if !ids.isEmpty { result.checklist.append((result.rows, ids)) }
            }
            result.rows += 1
            result.lineBreaks += innerBreaks + lineBreaksAfter
        }
    }
}

extension String {
    /// The text of a quoted CSV cell with each `""` made one `"`.
    fileprivate var replacingDoubledQuotes: String {
        guard utf8.contains(UInt8(ascii: "\"")) else { return self }
        var bytes: [UInt8] = []
        var previousQuote = false
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") && previousQuote {
                previousQuote = false
                continue
            }
            previousQuote = byte == UInt8(ascii: "\"")
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
