import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a JSON series straight into columns: the top-level array streamed in blocks, numbers parsed in place, one
/// object at a time, with no `JSONNode` tree and no copy of the text.
///
/// It reads what scripts and exports write: an optional byte order mark, an array of snapshot objects (or one object,
/// or the array under an object's one key, `{"metrics": [...]}`, unwrapped with the row reader's note), keys with or
/// without escapes, values that are numbers, strings (escapes decoded; plain numbers and times read without a
/// `String`, the rest through `Quantity.read`, an implausible value with the row reader's warning, once per field at
/// its first place), `null`, any value under a key that names no field (checked and skipped), and for
/// `checklist_done` an array of strings or a `;`-separated string. Anything else (a syntax error, a field named
/// twice, a value its field rejects, an empty array, one object with a key that names no field, which a monitoring
/// export's probe might claim, a wrapper key a monitoring export uses) makes it return nil, and the caller reads the
/// input with ``JSONReader`` and ``SnapshotDecoder``, which word every error. So an input gives the same series,
/// warnings and errors either way; this reader only decides how fast and in how much memory.
///
/// Memory is the columns plus one block (grown only for an object longer than a block), so an input may be as large
/// as ``InputLimits/maximumCSVBytes`` here. An input it hands back that is larger than the row reader's
/// ``InputLimits/maximumJSONBytes`` is not given to the row reader: ``refusal(path:source:blockBytes:limits:)``
/// streams it again to find the error the row reader would give, and has the row reader word it on the bytes around
/// its place.
public enum ColumnarJSONReader {
    /// Bytes read per block unless a caller says otherwise.
    public static let standardBlockBytes = 1 << 20

    /// Inputs of at least this many bytes are parsed in two halves on two cores, when a second core and a place to
    /// split are found.
    public static let standardSplitAbove = 8 << 20

    /// The columns of the JSON file at `path`, and the warnings the row reader would give; nil when the file needs
    /// the row reader (or is not a regular file, or is larger than `limits.maximumCSVBytes`).
    public static func read(
        path: String, source: String, blockBytes: Int = standardBlockBytes, splitAbove: Int = standardSplitAbove,
        limits: InputLimits = .standard
    ) throws(InputError) -> (SeriesColumns, [InputWarning])? {
        try ByteInput.withFile(path, maximumBytes: limits.maximumCSVBytes) { input in
            read(input, source: source, blockBytes: blockBytes, splitAbove: splitAbove, limits: limits)
        }
    }

    /// The columns of JSON `bytes` (standard input, tests), or nil when they need the row reader.
    public static func read(
        bytes: [UInt8], source: String, blockBytes: Int = standardBlockBytes, splitAbove: Int = standardSplitAbove,
        limits: InputLimits = .standard
    ) throws(InputError) -> (SeriesColumns, [InputWarning])? {
        ByteInput.withBytes(bytes) { input in
            read(input, source: source, blockBytes: blockBytes, splitAbove: splitAbove, limits: limits)
        }
    }

    static func read(_ input: ByteInput, source: String, blockBytes: Int, splitAbove: Int, limits: InputLimits) -> (
        SeriesColumns, [InputWarning]
    )? {
        parse(input, source: source, blockBytes: blockBytes, splitAbove: splitAbove, limits: limits, recordsRows: false)?.finish()
    }

    /// The columns of the JSON file at `path`, its warnings, and where each row's object is in the file, so that a
    /// snapshot made for a row gets each value's line and column as the row reader gives them (see ``JSONRowIndex``);
    /// nil when the file needs the row reader.
    public static func readWithRows(
        path: String, source: String, blockBytes: Int = standardBlockBytes, splitAbove: Int = standardSplitAbove,
        limits: InputLimits = .standard
    ) throws(InputError) -> (SeriesColumns, [InputWarning], JSONRowIndex)? {
        guard let status = JSONRowIndex.status(of: path) else { return nil }
        return try ByteInput.withFile(path, maximumBytes: limits.maximumCSVBytes) { input in
            guard
                let (columns, warnings, parser) = readRows(
                    input, source: source, blockBytes: blockBytes, splitAbove: splitAbove, limits: limits)
            else { return nil }
            let index = JSONRowIndex(
                storage: .file(path: path, status: status), source: source, starts: parser.rowStarts, columns: parser.rowColumns,
                end: parser.rowsEnd)
            // The file read is the file indexed (`withFile` checks it did not change while read).
            guard JSONRowIndex.status(of: path) == status else { return nil }
            return (columns, warnings, index)
        }
    }

    /// The whole input parsed, or nil when it needs the row reader. A large array is parsed in two halves at once,
    /// split at a line that starts an element; the first half must end exactly where the second began, or the split
    /// fell inside something else (a string) and the input is parsed again in one piece. So the result is always the
    /// one-piece parse's.
    static func parse(
        _ input: ByteInput, source: String, blockBytes: Int, splitAbove: Int, limits: InputLimits, recordsRows: Bool
    ) -> Parser? {
        // UTF-16 is transcoded by the row reader first.
        if TextEncoding.isUTF16(input.bytes(at: 0, count: 2)) { return nil }
        let expectedRows = estimatedRows(in: input)
        if input.size >= splitAbove, splitAbove == 0 || ProcessorCount.online >= 2, let split = Split.find(in: input) {
            let halves = UnsafeMutableBufferPointer<Parser?>.allocate(capacity: 2)
            halves.initialize(repeating: nil)
            defer {
                _ = halves.deinitialize()
                halves.deallocate()
            }
            nonisolated(unsafe) let shared = halves
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                var parser = Parser(source: source)
                parser.recordsRows = recordsRows
                // The first half's columns take the second's rows when it is appended.
                parser.expectedRows = half == 0 ? expectedRows : expectedRows / 2
                let complete: Bool
                if half == 0 {
                    complete = parser.run(input, blockBytes: blockBytes, limits: limits, until: split.element)
                } else {
                    parser.line = 1 + LineBreak.count(in: input, before: split.lineStart)
                    complete = parser.run(input, blockBytes: blockBytes, limits: limits, from: split.lineStart)
                }
                if complete { shared[half] = parser }
            }
            if halves[0] != nil, halves[1] != nil {
                // Moved out, not copied: the first half's columns take the second's rows in place, and each of the
                // second's columns is freed as soon as it is taken.
                var first = halves[0]!
                let second = halves[1]!
                (halves[0], halves[1]) = (nil, nil)
                first.append(second)
                return first
            }
        }
        var parser = Parser(source: source)
        parser.recordsRows = recordsRows
        parser.expectedRows = expectedRows
        return parser.run(input, blockBytes: blockBytes, limits: limits) ? parser : nil
    }

    /// The rows an input may hold, from the objects in its first 64 KiB, with 5% to spare (at least 1,024): an
    /// estimate to allocate columns by, never a limit.
    static func estimatedRows(in input: ByteInput) -> Int {
        let sample = input.bytes(at: 0, count: 1 << 16)
        let objects = sample.lazy.filter { $0 == UInt8(ascii: "{") }.count
        guard objects > 1 else { return 1_024 }
        // An object takes three bytes at least (`{},`), whatever the sample says.
        return min(Int(Double(input.size) / (Double(sample.count) / Double(objects)) * 1.05), input.size / 3) + 1_024
    }

    /// Where a large array is split: a line that starts an element, after the comma that ends the one before it.
    struct Split {
        /// The offset the line starts at (after its LF).
        let lineStart: Int
        /// The offset of the element's `{` on that line.
        let element: Int

        /// How far from the middle a split is looked for.
        static let searchBytes = 1 << 20

        /// The first such line from the middle of an input that is an array; nil when there is none near it.
        static func find(in input: ByteInput) -> Split? {
            let head = input.bytes(at: 0, count: 64)
            let bom = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            guard head.dropFirst(bom).first(where: { !isSpace($0) }) == UInt8(ascii: "[") else { return nil }
            let from = input.size / 2
            let bytes = input.bytes(at: from, count: searchBytes)
            for index in bytes.indices where bytes[index] == 0x0A {
                var before = index - 1
                while before >= 0, isSpace(bytes[before]) { before -= 1 }
                guard before >= 0, bytes[before] == UInt8(ascii: ",") else { continue }
                var after = index + 1
                while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                guard after < bytes.count, bytes[after] == UInt8(ascii: "{") else { continue }
                return Split(lineStart: from + index + 1, element: from + after)
            }
            return nil
        }

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    }

    /// The columns of JSON `bytes` (standard input) with where each row's object is in them, kept for its places;
    /// nil when they need the row reader.
    public static func readWithRows(
        bytes: [UInt8], source: String, blockBytes: Int = standardBlockBytes, splitAbove: Int = standardSplitAbove,
        limits: InputLimits = .standard
    ) -> (SeriesColumns, [InputWarning], JSONRowIndex)? {
        ByteInput.withBytes(bytes) { input in
            guard
                let (columns, warnings, parser) = readRows(
                    input, source: source, blockBytes: blockBytes, splitAbove: splitAbove, limits: limits)
            else {
                return nil
            }
            let index = JSONRowIndex(
                storage: .bytes(bytes), source: source, starts: parser.rowStarts, columns: parser.rowColumns, end: parser.rowsEnd)
            return (columns, warnings, index)
        }
    }

    static func readRows(_ input: ByteInput, source: String, blockBytes: Int, splitAbove: Int, limits: InputLimits) -> (
        SeriesColumns, [InputWarning], Parser
    )? {
        guard
            let parser = parse(input, source: source, blockBytes: blockBytes, splitAbove: splitAbove, limits: limits, recordsRows: true),
            let (columns, warnings) = parser.finish()
        else { return nil }
        return (columns, warnings, parser)
    }

    // MARK: Refusals

    /// The error the row reader gives for the JSON file at `path`, found by streaming it, for a file too large for the
    /// row reader (above ``InputLimits/maximumJSONBytes``) that this reader hands back; nil when the file holds no
    /// error this reader can place (a monitoring export, UTF-16, an object longer than its window).
    ///
    /// The stream is read to its end, as the row reader would: the first syntax error is the error, wherever it is;
    /// failing that, the first element the row reader refuses. Either is worded by the row reader itself, on the
    /// bytes around it: ``JSONReader`` on the element (after a prefix that puts it in the same state), or
    /// ``SnapshotDecoder`` on the element's object, the places moved to where the element is in the file.
    public static func refusal(
        path: String, source: String, blockBytes: Int = standardBlockBytes, limits: InputLimits = .standard
    ) throws(InputError) -> InputError? {
        try ByteInput.withFile(path, maximumBytes: limits.maximumCSVBytes) { input in
            refusal(input, source: source, blockBytes: blockBytes, limits: limits)
        }
    }

    /// The error the row reader gives for JSON `bytes` (standard input), as ``refusal(path:source:blockBytes:limits:)``.
    public static func refusal(
        bytes: [UInt8], source: String, blockBytes: Int = standardBlockBytes, limits: InputLimits = .standard
    ) -> InputError? {
        ByteInput.withBytes(bytes) { input in refusal(input, source: source, blockBytes: blockBytes, limits: limits) }
    }

    static func refusal(_ input: ByteInput, source: String, blockBytes: Int, limits: InputLimits) -> InputError? {
        let head = input.bytes(at: 0, count: 4096)
        if TextEncoding.isUTF16(head) { return nil }
        if let refused = K6SummaryAdapter.refusal(head, source: source) { return refused }
        var parser = Parser(source: source)
        parser.locating = true
        _ = parser.run(input, blockBytes: blockBytes, limits: limits)
        if let stop = parser.syntaxProblem { return syntaxError(at: stop, input, source: source, parser: parser) }
        if let stop = parser.refusedValue { return refusedValue(at: stop, input, source: source) }
        return nil
    }

    /// How much of the input after a syntax error's element ``JSONReader`` is given to find it.
    static let syntaxWindow = 1 << 12

    /// The row reader's syntax error at `stop`: ``JSONReader`` on the bytes from there, after a prefix that puts it in
    /// the state the parser was in.
    static func syntaxError(at stop: Parser.Stop, _ input: ByteInput, source: String, parser: Parser) -> InputError? {
        let prefix: String
        let windows: [Int]
        switch stop.kind {
        case .tooLong: return nil
        case .object:
            // The element nested as deep as in the file, read in a small window first, whole if that cuts it short
            // (it may be as long as the parser's window).
            prefix = parser.single ? "" : (parser.wrapper == nil ? "[" : "[[")
            windows = [syntaxWindow << 4, InputLimits.standard.maximumLineBytes * 2 + syntaxWindow]
        case .structure(let phase):
            windows = [syntaxWindow, InputLimits.standard.maximumLineBytes * 2 + syntaxWindow]
            let opening = parser.wrapper == nil ? "" : "{\"\":"
            switch phase {
            case .start: prefix = ""
            case .firstElement: prefix = opening + "["
            case .nextElement: prefix = opening + "[0,"
            case .afterElement: prefix = opening + "[0"
            case .closeWrapper: prefix = "{\"\":[0]"
            case .done: prefix = "0"
            }
        }
        for window in windows {
            let count = min(window, input.size - stop.offset)
            var bytes = input.bytes(at: stop.offset, count: count)
            // A window cut short loses its last bytes that may be part of a number, a literal, an escape or a
            // character, so all the cut can add is "end of input".
            if stop.offset + count < input.size {
                while let last = bytes.last, Self.continuesToken(last) { bytes.removeLast() }
            }
            do {
                _ = try JSONReader.parse(Array(prefix.utf8) + bytes)
            } catch {
                // The end of a window cut short is not the file's: read a larger one, if any.
                if stop.offset + count < input.size && error.found == "end of input" { continue }
                let shift = prefix.unicodeScalars.count
                var location = error.location
                if location.line == 1 {
                    guard location.column > shift else { return nil }
                    location.column += stop.column - 1 - shift
                }
                location.line += stop.line - 1
                return .jsonSyntax(file: source, JSONSyntaxError(location: location, expected: error.expected, found: error.found))
            }
            return nil
        }
        return nil
    }

    /// Whether a byte may be part of a token or character cut at a window's end: a digit, a letter, `-`, `+`, `.`,
    /// a backslash, or a byte of a multi-byte character.
    static func continuesToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "\\"), 0x80...:
            true
        default: false
        }
    }

    /// The row reader's error for an element that is valid JSON: ``SnapshotDecoder`` on its object, or what it says of
    /// an empty array or an element that is not an object.
    static func refusedValue(at stop: Parser.Stop, _ input: ByteInput, source: String) -> InputError? {
        let place = SourcePlace(file: source, line: stop.line, column: stop.column)
        guard let end = stop.end else {
            // An empty array's `]`.
            return stop.opensWrapper ? nil : .noSnapshots(file: source, detail: "the JSON array is empty")
        }
        guard let node = try? JSONReader.parse(input.bytes(at: stop.offset, count: end - stop.offset)) else { return nil }
        // Under a wrapper key, the row reader reads the series only if its first element is a snapshot.
        if stop.opensWrapper && !SnapshotDecoder.holdsSnapshots(node) { return nil }
        guard case .object(let members) = node.value else {
            return .notASnapshot(
                place: place, found: "\(node.value.typeNameWithArticle) in the array where a snapshot object was expected")
        }
        var warnings: [InputWarning] = []
        var unknown = Set<String>()
        do {
            _ = try SnapshotDecoder.snapshot(
                members: members, at: node.location, source: source, warnings: &warnings, unknownKeys: &unknown)
        } catch {
            switch error {
            case .invalidValue(let at, let field, let value, let reason):
                return .invalidValue(
                    place: at.moved(toObjectAt: stop.line, column: stop.column), field: field, value: value, reason: reason)
            case .duplicateField(let at, let field, let firstKey, let secondKey):
                return .duplicateField(
                    place: at.moved(toObjectAt: stop.line, column: stop.column), field: field, firstKey: firstKey, secondKey: secondKey)
            default:
                return nil
            }
        }
        return nil
    }

    // MARK: Parsing

    /// What a step of the parser found.
    enum Outcome {
        /// Parsed up to this pointer.
        case next(UnsafePointer<UInt8>)
        /// The block ends before the step does: read on and parse it again.
        case needMore
        /// Something only the row reader handles.
        case unsupported
    }

    /// What a key of a snapshot object is, resolved once per distinct key.
    struct KeyEntry {
        let bytes: [UInt8]
        let name: String
        let field: SnapshotField?
        /// The field's index in `SnapshotField.allCases`, -1 for an unknown key.
        let slot: Int
        let kind: QuantityKind
        /// An unknown key or alias not yet warned about.
        var needsWarning: Bool
        /// Printable ASCII without a quote or a backslash: written in a file exactly as `bytes`, one column a byte.
        var isPlain: Bool { bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") } }
    }

    /// A warning a row gives, added when the row is complete (a row parsed again after a block boundary gives it once).
    enum Pending {
        case key(entry: Int, line: Int, column: Int)
        case ids([String], line: Int, column: Int)
        /// A field's first implausible value (the row reader warns once per field).
        case implausible(slot: Int, InputWarning)
    }

    /// A string value: its bytes in the block when it has no escape, else its decoded bytes.
    enum StringValue {
        case plain(UnsafePointer<UInt8>, UnsafePointer<UInt8>)
        case decoded([UInt8])

        var text: String {
            switch self {
            case .plain(let start, let end): String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            case .decoded(let bytes): String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    static let fields = SnapshotField.allCases.map { $0 }
    static let timestampSlot = fields.firstIndex(of: .timestamp)!

    struct Parser {
        let source: String
        // Where the parser is: the line, the absolute offset its line starts at, and the UTF-8 continuation bytes
        // between there and the parser, so a column counts Unicode scalars as `JSONReader`'s do.
        var line = 1
        var lineStart = 0
        var continuation = 0
        /// `Int(bitPattern: buffer) - windowStart`: a pointer's absolute offset is its address minus this.
        var origin = 0

        var keys: [KeyEntry] = []
        /// Each entry's bytes, where in `plainText` they are when they are plain (``KeyEntry/isPlain``; count -1 when
        /// not): the usual next key is matched in place, without a copy or a retain.
        var plainSpans: [(start: Int, count: Int)] = []
        var plainText: [UInt8] = []
        var keyIndex: [[UInt8]: Int] = [:]
        /// The key entry at each member position of the previous object: the usual next key.
        var lastKeys: [Int] = []

        var columns: [[Double]]
        var active: [Bool]
        var activeSlots: [Int] = []
        /// The current row's values, NaN where absent, and the slots it set.
        var row: [Double]
        var touched: [Int] = []
        /// The attempt that last claimed each field: a second claim in one object is a field named twice.
        var claimed: [Int]
        var attempt = 0
        var rowChecklist: [String]?
        var pending: [Pending] = []

        var rows = 0
        var checklist: [Int: [String]] = [:]
        var anchors: [(row: Int, line: Int?)] = []
        var previousLine = 0
        var warnings: [InputWarning] = []
        var unknownNamed = 0
        var warnedIDs = Set<String>()
        /// The fields whose implausible value was warned about, by slot.
        var warnedImplausible: [Bool]
        /// One top-level object rather than an array.
        var single = false
        /// The key of the one member the array is under (`{"metrics": [...]}`), as the row reader unwraps it.
        var wrapper: String?
        /// Whether the object being parsed has a key that makes it a snapshot (any field but the time, as
        /// `SnapshotDecoder.namesSnapshotField` says): a wrapper's first element must.
        var namesField = false
        /// Whether the parser reads on after something the row reader refuses, to find what it says first.
        var locating = false
        /// After a problem: elements are only checked as JSON.
        var validating = false
        /// The first element the row reader refuses that is valid JSON (a value its field rejects, a field named
        /// twice, an element that is not an object).
        var refusedValue: Stop?
        /// The first syntax error, which the row reader reports before anything else.
        var syntaxProblem: Stop?
        /// Whether each row's object is recorded (where it starts, and its column), to read it again for its places.
        var recordsRows = false
        var rowStarts: [Int] = []
        var rowColumns: [UInt32] = []
        /// Rows this parse and any appended to it are expected to hold: each column is allocated for them once, so a
        /// long input's columns are not copied as they grow, nor again when a second half is appended.
        var expectedRows = 0 {
            didSet {
                if recordsRows {
                    rowStarts.reserveCapacity(expectedRows)
                    rowColumns.reserveCapacity(expectedRows)
                }
            }
        }
        /// The offset just after the last row's object.
        var rowsEnd = 0

        init(source: String) {
            self.source = source
            let count = ColumnarJSONReader.fields.count
            columns = Array(repeating: [], count: count)
            active = Array(repeating: false, count: count)
            row = Array(repeating: .nan, count: count)
            claimed = Array(repeating: 0, count: count)
            warnedImplausible = Array(repeating: false, count: count)
        }

        enum Phase { case start, firstElement, afterElement, nextElement, closeWrapper, done }

        /// Reads the whole input; false when it must go to the row reader.
        ///
        /// For a split input, `from` starts the parse at the offset of a line that begins an element (`line` already
        /// set to its number), and `until` stops it at the offset of an element's `{`: true only when an element
        /// begins exactly there (false when the parse ends or goes past it: the split was inside something else).
        mutating func run(_ input: ByteInput, blockBytes: Int, limits: InputLimits, from: Int? = nil, until: Int? = nil) -> Bool {
            let start: Int
            if let from {
                start = from
            } else {
                let head = input.bytes(at: 0, count: 3)
                start = head == [0xEF, 0xBB, 0xBF] ? 3 : 0
            }
            lineStart = start
            var window = ByteWindow(start: start, blockBytes: blockBytes)
            defer { window.deallocate() }
            var position = 0
            var phase = from == nil ? Phase.start : .nextElement
            while true {
                let (buffer, filled) = (window.buffer, window.filled)
                origin = Int(bitPattern: buffer) - window.start
                let final = window.isFinal(in: input)
                let end = UnsafePointer(buffer + filled)
                var pointer = UnsafePointer(buffer + position)
                var outcome: Outcome
                if !skipSpace(&pointer, end, final: final) {
                    outcome = .needMore
                } else if pointer == end {
                    if final {
                        if locating && phase != .done {
                            note(syntax: Stop(offset: offset(pointer), line: line, column: column(pointer), kind: .structure(phase)))
                        }
                        return until == nil && phase == .done && rows > 0 && !locating
                    }
                    outcome = .needMore
                } else if let until, phase == .nextElement, offset(pointer) >= until {
                    return offset(pointer) == until
                } else {
                    let next: Phase
                    switch (phase, pointer.pointee) {
                    case (.start, UInt8(ascii: "[")):
                        outcome = .next(pointer + 1)
                        next = .firstElement
                    case (.start, UInt8(ascii: "{")):
                        switch wrapperOpening(pointer, end, final: final) {
                        case .needMore:
                            outcome = .needMore
                            next = .start
                        case .opens(let key, let after):
                            wrapper = key
                            outcome = .next(after)
                            next = .firstElement
                        case .none:
                            single = true
                            outcome = object(pointer, end, final: final)
                            next = .done
                        }
                    case (.firstElement, UInt8(ascii: "{")), (.nextElement, UInt8(ascii: "{")):
                        outcome = object(pointer, end, final: final)
                        next = .afterElement
                    case (.afterElement, UInt8(ascii: ",")):
                        outcome = .next(pointer + 1)
                        next = .nextElement
                    case (.afterElement, UInt8(ascii: "]")):
                        outcome = .next(pointer + 1)
                        next = wrapper == nil ? .done : .closeWrapper
                    case (.closeWrapper, UInt8(ascii: "}")):
                        outcome = .next(pointer + 1)
                        next = .done
                    default:
                        // An empty array, an element that is not an object, a syntax error.
                        guard locating, let (located, after) = locate(pointer, end, phase: phase, final: final) else { return false }
                        outcome = located
                        next = after
                    }
                    if case .next = outcome { phase = next }  // otherwise parsed again from the same place
                }
                switch outcome {
                case .unsupported: return false
                case .next(let next): position = next - UnsafePointer(buffer)
                case .needMore:
                    // Skipped space is kept as parsed; keep the rest of the block, then read on (an object longer
                    // than twice the line limit, or an input that ends or changes mid-object, goes to the row reader).
                    position = pointer - UnsafePointer(buffer)
                    guard window.slide(from: position, input: input, maximum: limits.maximumLineBytes * 2) == nil else {
                        if locating { note(syntax: Stop(offset: offset(pointer), line: line, column: column(pointer), kind: .tooLong)) }
                        return false
                    }
                    position = 0
                }
            }
        }

        /// Adds the rows of the parser of the input's second half after this one's, as one parse would have.
        mutating func append(_ other: consuming Parser) {
            let offset = rows
            for slot in activeSlots {
                columns[slot] += other.active[slot] ? other.columns[slot] : [Double](repeating: .nan, count: other.rows)
                other.columns[slot] = []
            }
            for slot in other.activeSlots where !active[slot] {
                active[slot] = true
                activeSlots.append(slot)
                var column = [Double](repeating: .nan, count: offset)
                column.reserveCapacity(offset + other.rows)
                column += other.columns[slot]
                other.columns[slot] = []
                columns[slot] = column
            }
            rows += other.rows
            for (row, ids) in other.checklist { checklist[offset + row] = ids }
            // The second half's first row is anchored; one parse anchors it only if its line breaks the run.
            for (index, anchor) in other.anchors.enumerated() {
                if index == 0, let last = anchors.last, let line = last.line, anchor.line == line + (offset - last.row) { continue }
                anchors.append((offset + anchor.row, anchor.line))
            }
            // A warning both halves give is said once, where it first appears, by ``SnapshotDecoder/finish``.
            warnings += other.warnings
            rowStarts += other.rowStarts
            rowColumns += other.rowColumns
            if other.rows > 0 { rowsEnd = other.rowsEnd }
        }

        /// The absolute offset of a pointer into the block.
        @inline(__always)
        func offset(_ pointer: UnsafePointer<UInt8>) -> Int { Int(bitPattern: pointer) - origin }

        /// The 1-based column of a pointer on the current line, in Unicode scalars.
        @inline(__always)
        func column(_ pointer: UnsafePointer<UInt8>) -> Int { offset(pointer) - lineStart - continuation + 1 }

        /// Skips JSON whitespace, counting lines; false when a CR ends the block (it may be half a CR LF).
        @inline(__always)
        mutating func skipSpace(_ pointer: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Bool {
            while pointer < end {
                switch pointer.pointee {
                case 0x20, 0x09: pointer += 1
                case 0x0A:
                    pointer += 1
                    newLine(pointer)
                case 0x0D:
                    guard let length = LineBreak.length(at: pointer, end, final: final) else { return false }
                    pointer += length
                    newLine(pointer)
                default: return true
                }
            }
            return true
        }

        @inline(__always)
        mutating func newLine(_ pointer: UnsafePointer<UInt8>) {
            line += 1
            lineStart = offset(pointer)
            continuation = 0
        }

        /// What opens the top-level object.
        enum WrapperOpening {
            /// `{ "key": [`, with a key that names no snapshot field: the series may be under it; parsing goes on after `[`.
            case opens(key: String, after: UnsafePointer<UInt8>)
            /// Anything else: the object is read as one snapshot.
            case none
            case needMore
        }

        /// Whether the top-level object at `start` opens as a wrapper of a series does; the parser's place is left as
        /// it was unless it does. Whether it is one (its array's first element a snapshot, nothing after the array, no
        /// monitoring export's shape) is checked as the array is read.
        mutating func wrapperOpening(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> WrapperOpening {
            let saved = (line, lineStart, continuation)
            func none(_ result: WrapperOpening) -> WrapperOpening {
                (line, lineStart, continuation) = saved
                if final, case .needMore = result { return .none }
                return result
            }
            var pointer = start + 1
            guard skipSpace(&pointer, end, final: final), pointer < end else { return none(.needMore) }
            guard pointer.pointee == UInt8(ascii: "\"") else { return none(.none) }
            let key: String
            switch string(&pointer, end, final: final, decode: true) {
            case .needMore: return none(.needMore)
            case .unsupported: return none(.none)
            case .next(let value): key = value!.text
            }
            guard !SnapshotDecoder.namesSnapshotField(key) else { return none(.none) }
            guard skipSpace(&pointer, end, final: final), pointer < end else { return none(.needMore) }
            guard pointer.pointee == UInt8(ascii: ":") else { return none(.none) }
            pointer += 1
            guard skipSpace(&pointer, end, final: final), pointer < end else { return none(.needMore) }
            guard pointer.pointee == UInt8(ascii: "[") else { return none(.none) }
            return .opens(key: key, after: pointer + 1)
        }

        /// Parses one snapshot object from its `{` and adds it as a row; state is left as it was unless it completes.
        mutating func object(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Outcome {
            let saved = (line, lineStart, continuation)
            let startOffset = offset(start)
            let startColumn = column(start)
            if validating { return checkElement(start, end, final: final, kind: .object) }
            var outcome = parseObject(start, end, final: final)
            // A wrapper's array holds the series only if its first element is a snapshot (`SnapshotDecoder.holdsSnapshots`).
            if case .next = outcome, wrapper != nil, rows == 0, !namesField { outcome = .unsupported }
            if case .next(let after) = outcome {
                if recordsRows {
                    rowStarts.append(startOffset)
                    rowColumns.append(UInt32(clamping: startColumn))
                    rowsEnd = offset(after)
                }
                commit(line: saved.0)
            } else {
                (line, lineStart, continuation) = saved
                for slot in touched { row[slot] = .nan }
                touched.removeAll(keepingCapacity: true)
                pending.removeAll(keepingCapacity: true)
                rowChecklist = nil
                if locating, case .unsupported = outcome { return checkElement(start, end, final: final, kind: .object) }
            }
            return outcome
        }

        // MARK: Locating what the row reader refuses

        /// Where the parser stopped, and in what.
        struct Stop {
            enum Kind {
                /// An element object starting here.
                case object
                /// The place between elements where `Phase` expected something else.
                case structure(Phase)
                /// An object longer than the parser's window.
                case tooLong
            }

            let offset: Int
            let line: Int
            let column: Int
            let kind: Kind
            /// Where the element ends, when it is valid JSON.
            var end: Int?
            /// Whether it is the first element under a wrapper key: the row reader unwraps the series only if this
            /// element is a snapshot (an object with a field), so nothing can be said of it otherwise.
            var opensWrapper = false
        }

        /// The nesting depth of a series' element.
        var elementDepth: Int { single ? 1 : (wrapper == nil ? 2 : 3) }

        mutating func note(syntax stop: Stop) {
            if syntaxProblem == nil { syntaxProblem = stop }
        }

        /// Checks the element at `start` as JSON only (after a problem, or to tell a problem's kind): valid JSON the row
        /// reader refuses (noted, if first) is stepped over; a syntax error is noted and stops the parser.
        mutating func checkElement(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool, kind: Stop.Kind) -> Outcome {
            let saved = (line, lineStart, continuation)
            let stop = Stop(offset: offset(start), line: line, column: column(start), kind: kind, opensWrapper: wrapper != nil && rows == 0)
            switch skipValue(start, end, depth: elementDepth, final: final) {
            case .next(let after):
                if refusedValue == nil {
                    refusedValue = stop
                    refusedValue!.end = offset(after)
                }
                validating = true
                return .next(after)
            case .needMore:
                (line, lineStart, continuation) = saved
                return .needMore
            case .unsupported:
                (line, lineStart, continuation) = saved
                note(syntax: stop)
                return .unsupported
            }
        }

        /// What to make of a byte no phase expects, when locating: an empty array's `]` or an element that is not an
        /// object (valid JSON the row reader refuses: noted and stepped over); nil after noting a syntax error.
        mutating func locate(_ pointer: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, phase: Phase, final: Bool) -> (Outcome, Phase)? {
            let here = Stop(
                offset: offset(pointer), line: line, column: column(pointer), kind: .structure(phase),
                opensWrapper: wrapper != nil && rows == 0)
            switch phase {
            case .firstElement where pointer.pointee == UInt8(ascii: "]"):
                if refusedValue == nil { refusedValue = here }
                validating = true
                return (.next(pointer + 1), wrapper == nil ? .done : .closeWrapper)
            case .firstElement, .nextElement:
                let outcome = checkElement(pointer, end, final: final, kind: .structure(phase))
                if case .unsupported = outcome { return nil }
                return (outcome, .afterElement)
            default:
                note(syntax: here)
                return nil
            }
        }

        private mutating func parseObject(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Outcome {
            let more: Outcome = final ? .unsupported : .needMore
            attempt += 1
            namesField = false
            var pointer = start + 1
            guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
            if pointer.pointee == UInt8(ascii: "}") { return .next(pointer + 1) }
            var member = 0
            while true {
                // The key.
                guard pointer.pointee == UInt8(ascii: "\"") else { return .unsupported }
                let keyLine = line
                let keyColumn = column(pointer)
                let keyStart = pointer + 1
                let keyContinuation = continuation
                // The usual next key, plain and followed by its closing quote, is that key: no byte of it to check again.
                let entryIndex: Int
                if member < lastKeys.count, case let known = plainSpans[lastKeys[member]], known.count >= 0,
                    end - keyStart > known.count, keyStart[known.count] == UInt8(ascii: "\""),
                    plainText.withUnsafeBufferPointer({ known.count == 0 || memcmp($0.baseAddress! + known.start, keyStart, known.count) == 0 })
                {
                    entryIndex = lastKeys[member]
                    pointer = keyStart + known.count + 1
                } else {
                    var scan = keyStart
                    var escaped = false
                    while true {
                        guard scan < end else { return more }
                        let byte = scan.pointee
                        if byte == UInt8(ascii: "\"") { break }
                        if byte == UInt8(ascii: "\\") {
                            escaped = true
                            break
                        }
                        if byte < 0x20 { return .unsupported }
                        switch step(&scan, end) {
                        case nil: return more
                        case false?: return .unsupported
                        case true?: break
                        }
                    }
                    if escaped {
                        // A key with an escape (`"users\u0020"`) is read again from its quote and decoded, as the row
                        // reader decodes it; its columns are counted once.
                        continuation = keyContinuation
                        switch string(&pointer, end, final: final, decode: true) {
                        case .needMore: return .needMore
                        case .unsupported: return .unsupported
                        case .next(let value):
                            guard case .decoded(let bytes)? = value else { return .unsupported }
                            entryIndex = entry(bytes: bytes, member: member)
                        }
                    } else {
                        entryIndex = entry(keyStart, scan, member: member)
                        pointer = scan + 1
                    }
                }
                guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                guard pointer.pointee == UInt8(ascii: ":") else { return .unsupported }
                pointer += 1
                guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                // The entry's plain facts, read in place: a copy of the entry would retain its name and bytes per key.
                let (slot, kind) = (keys[entryIndex].slot, keys[entryIndex].kind)
                if let field = keys[entryIndex].field, field != .timestamp { namesField = true }
                if keys[entryIndex].needsWarning { pending.append(.key(entry: entryIndex, line: keyLine, column: keyColumn)) }
                // The value.
                let outcome: Outcome
                if slot < 0 {
                    outcome = skipValue(pointer, end, depth: single ? 2 : (wrapper == nil ? 3 : 4), final: final)
                } else {
                    guard claimed[slot] != attempt else { return .unsupported }  // a field named twice
                    claimed[slot] = attempt
                    outcome = kind == .idList ? checklistValue(pointer, end, final: final) : value(pointer, end, entry: entryIndex, final: final)
                }
                guard case .next(let after) = outcome else { return outcome }
                pointer = after
                guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                switch pointer.pointee {
                case UInt8(ascii: ","):
                    pointer += 1
                    guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                    member += 1
                case UInt8(ascii: "}"): return .next(pointer + 1)
                default: return .unsupported
                }
            }
        }

        /// The entry of the key `start..<end`: the one at this position in the previous object, or found, or added.
        @inline(__always)
        mutating func entry(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, member: Int) -> Int {
            let length = end - start
            if member < lastKeys.count {
                let guess = lastKeys[member]
                let matches = keys[guess].bytes.withUnsafeBufferPointer { bytes in
                    bytes.count == length && (length == 0 || memcmp(bytes.baseAddress!, start, length) == 0)
                }
                if matches { return guess }
            }
            return entry(bytes: Array(UnsafeBufferPointer(start: start, count: length)), member: member)
        }

        /// The entry of a key's (decoded) bytes: found, or added; remembered as the usual key at this position.
        mutating func entry(bytes: [UInt8], member: Int) -> Int {
            let index: Int
            if let found = keyIndex[bytes] {
                index = found
            } else {
                let name = String(decoding: bytes, as: UTF8.self)
                let field = FieldCatalog.field(named: name)
                index = keys.count
                keys.append(
                    KeyEntry(
                        bytes: bytes, name: name, field: field, slot: field.map { ColumnarJSONReader.fields.firstIndex(of: $0)! } ?? -1,
                        kind: field?.spec.kind ?? .count, needsWarning: field == nil || name != field!.rawValue))
                keyIndex[bytes] = index
                plainSpans.append(keys[index].isPlain ? (plainText.count, bytes.count) : (0, -1))
                if keys[index].isPlain { plainText += bytes }
            }
            if member < lastKeys.count { lastKeys[member] = index } else if member == lastKeys.count { lastKeys.append(index) }
            return index
        }

        /// A value under a key that names no field, checked as `JSONReader` checks it and skipped: a string, number,
        /// `true`, `false`, `null`, or an array or object of them at nesting `depth` (handed back well before
        /// `JSONReader.maximumDepth`, which the row reader words).
        mutating func skipValue(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, depth: Int, final: Bool) -> Outcome {
            let more: Outcome = final ? .unsupported : .needMore
            switch start.pointee {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                guard depth < JSONReader.maximumDepth - 1 else { return .unsupported }
                let isObject = start.pointee == UInt8(ascii: "{")
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                var pointer = start + 1
                guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                if pointer.pointee == close { return .next(pointer + 1) }
                while true {
                    if isObject {
                        guard pointer.pointee == UInt8(ascii: "\"") else { return .unsupported }
                        switch string(&pointer, end, final: final, decode: false) {
                        case .needMore: return .needMore
                        case .unsupported: return .unsupported
                        case .next: break
                        }
                        guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                        guard pointer.pointee == UInt8(ascii: ":") else { return .unsupported }
                        pointer += 1
                        guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                    }
                    let outcome = skipValue(pointer, end, depth: depth + 1, final: final)
                    guard case .next(let after) = outcome else { return outcome }
                    pointer = after
                    guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                    if pointer.pointee == close { return .next(pointer + 1) }
                    guard pointer.pointee == UInt8(ascii: ",") else { return .unsupported }
                    pointer += 1
                    guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                }
            case UInt8(ascii: "\""):
                var pointer = start
                switch string(&pointer, end, final: final, decode: false) {
                case .needMore: return .needMore
                case .unsupported: return .unsupported
                case .next: return .next(pointer)
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                var pointer = start
                guard let result = number(&pointer, end, final: final) else { return final ? .unsupported : .needMore }
                return result == nil ? .unsupported : .next(pointer)
            case UInt8(ascii: "t"): return literal(start, end, "true", final: final)
            case UInt8(ascii: "f"): return literal(start, end, "false", final: final)
            case UInt8(ascii: "n"): return literal(start, end, "null", final: final)
            default: return .unsupported  // a syntax error
            }
        }

        func literal(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ word: StaticString, final: Bool) -> Outcome {
            let length = word.utf8CodeUnitCount
            guard end - start >= length else { return final ? .unsupported : .needMore }
            return memcmp(start, word.utf8Start, length) == 0 ? .next(start + length) : .unsupported
        }

        /// A number or string under a numeric field (or the time), read as `SnapshotDecoder` reads it into the row.
        mutating func value(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, entry: Int, final: Bool) -> Outcome {
            let (slot, kind) = (keys[entry].slot, keys[entry].kind)
            var pointer = start
            let parsed: Double?
            switch start.pointee {
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let result = number(&pointer, end, final: final) else { return final ? .unsupported : .needMore }
                // The row reader words an error.
                guard let value = result, let reading = try? Quantity.read(number: value, literal: "", as: kind) else {
                    return .unsupported
                }
                if let implausibility = reading.implausibility {
                    // Written as the literal: `1.00`, not `1`.
                    let literal = String(decoding: UnsafeBufferPointer(start: start, count: pointer - start), as: UTF8.self)
                    noteImplausible(keys[entry], implausibility, written: literal, at: start)
                }
                parsed = reading.value
            case UInt8(ascii: "\""):
                let text: StringValue
                switch string(&pointer, end, final: final, decode: true) {
                case .needMore: return .needMore
                case .unsupported: return .unsupported
                case .next(let value): text = value!
                }
                if case .plain(let textStart, let textEnd) = text {
                    if textStart == textEnd {
                        parsed = nil
                        break
                    }
                    if let value = PlainNumber.quantity(textStart, textEnd, kind: kind) {
                        parsed = value
                        break
                    }
                }
                let string = text.text
                if string.trimmingSpaces.isEmpty {
                    parsed = nil
                } else {
                    guard let reading = try? Quantity.read(string, as: kind) else { return .unsupported }
                    if let implausibility = reading.implausibility {
                        noteImplausible(keys[entry], implausibility, written: string.trimmingSpaces, at: start)
                    }
                    parsed = reading.value
                }
            case UInt8(ascii: "n"):
                return literal(start, end, "null", final: final)
            default:
                return .unsupported
            }
            if let parsed {
                row[slot] = parsed
                touched.append(slot)
            }
            return .next(pointer)
        }

        /// Notes the warning the row reader gives for a field's first implausible value, at the value's place.
        mutating func noteImplausible(_ key: KeyEntry, _ implausibility: Implausibility, written: String, at start: UnsafePointer<UInt8>) {
            guard !warnedImplausible[key.slot], let field = key.field else { return }
            let place = SourcePlace(file: source, line: line, column: column(start))
            pending.append(.implausible(slot: key.slot, .implausibleValue(place: place, field: field, value: written, implausibility)))
        }

        /// `checklist_done`: an array of strings, a `;`-separated string, or `null`.
        mutating func checklistValue(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Outcome {
            let more: Outcome = final ? .unsupported : .needMore
            let valueLine = line
            let valueColumn = column(start)
            var pointer = start
            var ids: [String] = []
            switch start.pointee {
            case UInt8(ascii: "\""):
                switch string(&pointer, end, final: final, decode: true) {
                case .needMore: return .needMore
                case .unsupported: return .unsupported
                case .next(let value): ids = SnapshotDecoder.ids(inText: value!.text)
                }
            case UInt8(ascii: "n"):
                let outcome = literal(start, end, "null", final: final)
                guard case .next(let after) = outcome else { return outcome }
                pointer = after
            case UInt8(ascii: "["):
                pointer += 1
                guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                if pointer.pointee == UInt8(ascii: "]") {
                    pointer += 1
                    break
                }
                while true {
                    guard pointer.pointee == UInt8(ascii: "\"") else { return .unsupported }
                    switch string(&pointer, end, final: final, decode: true) {
                    case .needMore: return .needMore
                    case .unsupported: return .unsupported
                    case .next(let value): ids.append(value!.text.trimmingSpaces)
                    }
                    guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                    if pointer.pointee == UInt8(ascii: "]") {
                        pointer += 1
                        break
                    }
                    guard pointer.pointee == UInt8(ascii: ",") else { return .unsupported }
                    pointer += 1
                    guard skipSpace(&pointer, end, final: final), pointer < end else { return more }
                }
            default:
                return .unsupported
            }
            if !ids.isEmpty { pending.append(.ids(ids, line: valueLine, column: valueColumn)) }
            rowChecklist = ids
            return .next(pointer)
        }

        enum StringOutcome {
            case next(StringValue?)
            case needMore
            case unsupported
        }

        /// A string from its opening quote, validated (and decoded when asked); `pointer` moves past its closing quote.
        mutating func string(_ pointer: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool, decode: Bool)
            -> StringOutcome
        {
            let more: StringOutcome = final ? .unsupported : .needMore
            let contentStart = pointer + 1
            var scan = contentStart
            var decoded: [UInt8]?
            var runStart = contentStart
            while true {
                guard scan < end else { return more }
                let byte = scan.pointee
                if byte == UInt8(ascii: "\"") {
                    pointer = scan + 1
                    guard decode else { return .next(nil) }
                    if var bytes = decoded {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: runStart, count: scan - runStart))
                        return .next(.decoded(bytes))
                    }
                    return .next(.plain(contentStart, scan))
                }
                if byte < 0x20 { return .unsupported }
                if byte == UInt8(ascii: "\\") {
                    if decoded == nil { decoded = [] }
                    decoded!.append(contentsOf: UnsafeBufferPointer(start: runStart, count: scan - runStart))
                    guard scan + 1 < end else { return more }
                    if let escaped = JSONEscape.byte(escapedBy: scan[1]) {
                        decoded!.append(escaped)
                    } else if scan[1] == UInt8(ascii: "u") {
                        guard end - scan >= 6 else { return more }
                        guard case .scalar(let scalar, let length) = JSONEscape.unicode(scan, end) else {
                            // A well-formed escape fits in 12 bytes: with fewer left, read on before refusing it.
                            return end - scan < JSONEscape.longestUnicodeEscape ? more : .unsupported
                        }
                        UTF8Sequence.append(scalar, to: &decoded!)
                        scan += length
                        runStart = scan
                        continue
                    } else {
                        return .unsupported
                    }
                    scan += 2
                    runStart = scan
                    continue
                }
                switch step(&scan, end) {
                case nil: return more
                case false?: return .unsupported
                case true?: break
                }
            }
        }

        /// Steps `scan` over one character inside a string, counting a multi-byte one as one column: true when it did,
        /// false when the bytes are not UTF-8, nil when the block ends inside the character.
        @inline(__always)
        mutating func step(_ scan: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool? {
            guard scan.pointee >= 0x80 else {
                scan += 1
                return true
            }
            guard let length = UTF8Sequence.length(at: scan, end) else { return nil }
            guard length > 0 else { return false }
            continuation += length - 1
            scan += length
            return true
        }

        /// A JSON number from `pointer` (``JSONNumberGrammar``): nil when the block ends inside it (its last digit may
        /// not be the block's last byte), `.some(nil)` when it breaks the grammar.
        @inline(__always)
        func number(_ pointer: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Double?? {
            switch JSONNumberGrammar.scan(pointer, end) {
            case .invalid(let at, _): return at == end ? nil : .some(nil)
            case .number(let stop, let value):
                guard stop < end else { return nil }
                pointer = stop
                return value
            }
        }

        /// Adds the parsed row: its values, time, checklist, line and warnings.
        mutating func commit(line objectLine: Int) {
            if rows == 0 || objectLine != previousLine + 1 { anchors.append((rows, objectLine)) }
            previousLine = objectLine
            // Columns in the order `SeriesColumns(_:)` gives: by the first row holding each, then the fields' order (sorted
            // only when a field is new: most rows name no new field, and a sort per row is an allocation per row).
            if touched.contains(where: { !active[$0] }) {
                for slot in touched.sorted() where !active[slot] {
                    active[slot] = true
                    activeSlots.append(slot)
                    columns[slot] = [Double](repeating: .nan, count: rows)
                    columns[slot].reserveCapacity(expectedRows)
                }
            }
            touched.removeAll(keepingCapacity: true)
            for slot in activeSlots {
                columns[slot].append(row[slot])
                row[slot] = .nan
            }
            if let ids = rowChecklist {
                if !ids.isEmpty { checklist[rows] = ids }
                rowChecklist = nil
            }
            for item in pending {
                switch item {
                case .key(let index, let line, let column):
                    guard keys[index].needsWarning else { continue }
                    keys[index].needsWarning = false
                    let key = keys[index]
                    let place = SourcePlace(file: source, line: line, column: column)
                    if let field = key.field {
                        warnings.append(.aliasMapped(place: place, key: key.name, field: field))
                    } else {
                        // As `SnapshotDecoder` does: only the first few unknown keys get the costly suggestion.
                        let shown = unknownNamed < SnapshotDecoder.unknownFieldsNamed
                        unknownNamed += 1
                        warnings.append(
                            .unknownField(
                                place: place, key: key.name,
                                suggestion: shown ? Suggestion.nearest(to: key.name, in: FieldCatalog.allNames) : nil))
                    }
                case .implausible(let slot, let warning):
                    warnedImplausible[slot] = true
                    warnings.append(warning)
                case .ids(let ids, let line, let column):
                    let place = SourcePlace(file: source, line: line, column: column)
                    var fresh: [String] = []
                    for id in ids where !GuideCatalog.isKnownDoneID(id) && warnedIDs.insert(id).inserted { fresh.append(id) }
                    SnapshotDecoder.checkIDs(fresh, at: place, warnings: &warnings)
                }
            }
            pending.removeAll(keepingCapacity: true)
            rows += 1
        }

        /// The series and its warnings; nil for one object with a key that names no field (an export's probe may
        /// claim it, so the row reader decides).
        func finish() -> (SeriesColumns, [InputWarning])? {
            if single && keys.contains(where: { $0.field == nil }) { return nil }
            if let wrapper, !isSnapshotWrapper(wrapper) { return nil }
            let fields = ColumnarJSONReader.fields
            let timed = active[ColumnarJSONReader.timestampSlot]
            let series = SeriesColumns(
                source: source, rowCount: rows, times: timed ? columns[ColumnarJSONReader.timestampSlot] : [],
                columns: activeSlots.filter { fields[$0].isNumeric }.map {
                    SeriesColumn(field: fields[$0], name: fields[$0].rawValue, values: columns[$0])
                },
                checklist: checklist, lines: RowLines(anchors: anchors))
            let noted = wrapper.map { [InputWarning.unwrapped(file: source, key: $0, snapshots: rows)] + warnings } ?? warnings
            return (series, SnapshotDecoder.finish(warnings: noted, columns: series))
        }

        /// Whether no monitoring export claims a file that holds the series under `key`, as `AdapterTable` decides for
        /// the row reader. Its probes look at members and their shapes, so they are asked about a stand-in: the
        /// array holding one object with every key the snapshots have.
        func isSnapshotWrapper(_ key: String) -> Bool {
            let here = JSONLocation(line: 1, column: 1)
            let object = JSONNode(
                value: .object(keys.map { JSONMember(key: $0.name, keyLocation: here, value: JSONNode(value: .null, location: here)) }),
                location: here)
            let root = JSONNode(
                value: .object([JSONMember(key: key, keyLocation: here, value: JSONNode(value: .array([object]), location: here))]),
                location: here)
            return AdapterTable.format(of: root) == .json
        }
    }
}
