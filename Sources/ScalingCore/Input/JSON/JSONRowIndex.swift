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
    /// The file as opened, and as the user named it.
    let path: String
    let source: String
    /// The file's size and modification time when it was read: a file that changed since is not read again.
    let status: [Int]
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

    /// The places of row `row`'s values, as the row reader gives them for its object starting on `line`: nil when the
    /// file changed since it was read or the object does not read again as the snapshot it was.
    func places(of row: Int, line: Int, expected: Snapshot) -> [SnapshotField: SourcePlace]? {
        guard JSONRowIndex.status(of: path) == status, let bytes = objectBytes(row),
            let node = try? JSONReader.parse(bytes), case .object(let members) = node.value
        else { return nil }
        var warnings: [InputWarning] = []
        var unknown = Set<String>()
        guard
            let read = try? SnapshotDecoder.snapshot(
                members: members, at: node.location, source: source, warnings: &warnings, unknownKeys: &unknown)
        else { return nil }
        let startColumn = column(of: row)
        func moved(_ place: SourcePlace) -> SourcePlace {
            var place = place
            if let placeLine = place.line {
                if placeLine == 1, let column = place.column { place.column = column + startColumn - 1 }
                place.line = placeLine + line - 1
            }
            return place
        }
        // The values read again must be the columns' (the same file, the same rules); otherwise no place is claimed.
        guard read.timestamp == expected.timestamp, read.values == expected.values, read.checklistDone == expected.checklistDone
        else { return nil }
        return read.places.mapValues(moved)
    }

    /// The bytes of row `row`'s object: from its `{` to the last `}` before the next row's (or the file's end).
    private func objectBytes(_ row: Int) -> [UInt8]? {
        let start = starts[row]
        let end = row + 1 < starts.count ? starts[row + 1] : status[0]
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
        // Between two objects there is only space and a comma; after the last, space and the closing bracket.
        guard let close = bytes.lastIndex(of: UInt8(ascii: "}")) else { return nil }
        bytes.removeSubrange((close + 1)...)
        return bytes
    }
}
