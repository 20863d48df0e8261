#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where each row's object is in a JSON file read as columns: its first byte and the column of its `{`, twelve bytes
/// a row. A snapshot made for a row reads that object again with ``JSONReader`` and ``SnapshotDecoder``, so each
/// value's line and column (a SARIF location, a carried value's place) is the row reader's, with no place kept for
/// the rows no answer reads.
public struct JSONRowIndex: Sendable {
    /// Where the objects are read again from.
    enum Storage: Sendable {
        /// A file as opened, with its size and modification time when it was read: a file that changed since is not
        /// read again.
        case file(path: String, status: [Int])
        /// Bytes already in memory (standard input), kept as they were read.
        case bytes([UInt8])
    }

    let storage: Storage
    /// The input as the user named it.
    let source: String
    /// The offset of each row's `{`.
    let starts: [Int]
    /// The 1-based column of each row's `{` on its line, in Unicode scalars.
    let columns: [UInt32]

    /// A file's size and modification time; nil when it cannot be read.
    static func status(of path: String) -> [Int]? {
        var status = stat()
        guard FileName.withCString(path, { stat($0, &status) }) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return [Int(status.st_size)] + InputFile.modificationTime(status)
    }

    /// The column of row `row`'s `{`.
    func column(of row: Int) -> Int { Int(columns[row]) }

    /// The offset just after the last row's `}`.
    let end: Int

    init(storage: Storage, source: String, starts: [Int], columns: [UInt32], end: Int) {
        self.storage = storage
        self.source = source
        self.starts = starts
        self.columns = columns
        self.end = end
    }

    /// The places of row `row`'s values, as the row reader gives them for its object starting on `line`: nil when the
    /// file changed since it was read or the object does not read again as the snapshot it was.
    func places(of row: Int, line: Int, expected: Snapshot) -> [SnapshotField: SourcePlace]? {
        guard let bytes = objectBytes(row),
            let node = try? JSONReader.parse(bytes), case .object(let members) = node.value
        else { return nil }
        var warnings: [InputWarning] = []
        var unknown = Set<String>()
        guard
            let read = try? SnapshotDecoder.snapshot(
                members: members, at: node.location, source: source, warnings: &warnings, unknownKeys: &unknown)
        else { return nil }
        let startColumn = column(of: row)
        // The values read again must be the columns' (the same file, the same rules); otherwise no place is claimed.
        guard read.timestamp == expected.timestamp, read.values == expected.values, read.checklistDone == expected.checklistDone
        else { return nil }
        return read.places.mapValues { $0.moved(toObjectAt: line, column: startColumn) }
    }

    /// The bytes of row `row`'s object: from its `{` to the last `}` before the next row's (or the file's end).
    private func objectBytes(_ row: Int) -> [UInt8]? {
        let start = starts[row]
        var bytes: [UInt8]
        switch storage {
        case .bytes(let all):
            let end = row + 1 < starts.count ? starts[row + 1] : end
            guard end > start, end <= all.count else { return nil }
            bytes = Array(all[start..<end])
        case .file(let path, let status):
            guard JSONRowIndex.status(of: path) == status else { return nil }
            guard let read = Self.read(path, from: start, to: row + 1 < starts.count ? starts[row + 1] : end) else { return nil }
            bytes = read
        }
        // Between two objects there is only space and a comma.
        guard let close = bytes.lastIndex(of: UInt8(ascii: "}")) else { return nil }
        bytes.removeSubrange((close + 1)...)
        return bytes
    }

    /// The bytes `start..<end` of the file at `path`.
    private static func read(_ path: String, from start: Int, to end: Int) -> [UInt8]? {
        guard end > start else { return nil }
        let descriptor = FileName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: end - start)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(start + done))
            }
            guard count > 0 else { return nil }
            done += count
        }
        return bytes
    }
}

extension SourcePlace {
    /// A place in an object read on its own, moved to where the object is in its file: its `{` at `line` and `column`.
    func moved(toObjectAt line: Int, column: Int) -> SourcePlace {
        var place = self
        if let placeLine = place.line {
            if placeLine == 1, let placeColumn = place.column { place.column = placeColumn + column - 1 }
            place.line = placeLine + line - 1
        }
        return place
    }
}
