#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    import Musl
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Why a report could not be written to the `--output` file.
public enum OutputError: Error, Equatable, Sendable {
    /// The output names the same file as an input (same device and inode, whatever the spelling of the path).
    case sameAsInput(path: String, input: String)
    /// The file or its temporary sibling could not be created, written or renamed into place.
    case unwritable(path: String, reason: String)
}

/// Writes a report to a file atomically: the I/O edge behind `--output`.
///
/// The text goes to a temporary file in the same directory (`.NAME.scalectl-XXXXXX`), is flushed to disk and then
/// renamed over `path`, so a reader of `path` sees the old file or the whole new one, never a partial one; on any
/// failure the temporary file is removed and `path` is untouched. A path that already exists and is not a regular
/// file (`/dev/stdout`, a FIFO) is written in place instead, since renaming over it would replace the device or
/// FIFO itself. A symbolic link is followed, so the file it points to is replaced and the link kept.
public enum OutputFile {
    /// Writes `text` to `path`, refusing when `path` is the same file as one of `inputs` (`-` is standard input).
    public static func write(_ text: String, to path: String, inputs: [String]) throws(OutputError) {
        var target = stat()
        let exists = stat(path, &target) == 0
        if exists {
            for input in inputs {
                var source = stat()
                let found = input == "-" ? fstat(STDIN_FILENO, &source) == 0 : stat(input, &source) == 0
                if found && source.st_dev == target.st_dev && source.st_ino == target.st_ino {
                    throw .sameAsInput(path: path, input: input == "-" ? InputFile.standardInputName : input)
                }
            }
            if (target.st_mode & S_IFMT) == S_IFDIR { throw .unwritable(path: path, reason: "is a directory") }
            if (target.st_mode & S_IFMT) != S_IFREG { return try writeInPlace(text, to: path) }
        }
        let destination = exists ? (resolvedPath(path) ?? path) : path
        let directory = directoryName(of: destination)
        var template = Array("\(directory)/.\(baseName(of: destination)).scalectl-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: describe(errno)) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
        }
        // mkstemp creates 0600; give the file the mode it had, or what a new file would get under the umask.
        let mask = umask(0)
        umask(mask)
        let mode = exists ? target.st_mode & 0o7777 : 0o666 & ~mask
        let wrote = writeAll(Array(text.utf8), to: descriptor)
        let synced = wrote == 0 ? (fchmod(descriptor, mode) == 0 && fsync(descriptor) == 0 ? 0 : errno) : wrote
        let closed = close(descriptor) == 0 ? 0 : errno
        if synced != 0 || closed != 0 { throw .unwritable(path: path, reason: describe(synced != 0 ? synced : closed)) }
        guard rename(temporary, destination) == 0 else { throw .unwritable(path: path, reason: describe(errno)) }
        renamed = true
    }

    /// Appends `text` to `path`, creating it when absent: GitHub's `$GITHUB_STEP_SUMMARY`, which other steps also
    /// append to, so it is never replaced. One `write(2)` per chunk with `O_APPEND`, as the runner expects.
    public static func append(_ text: String, to path: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: describe(errno)) }
        let failure = writeAll(Array(text.utf8), to: descriptor)
        close(descriptor)
        if failure != 0 { throw .unwritable(path: path, reason: describe(failure)) }
    }

    private static func writeInPlace(_ text: String, to path: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: describe(errno)) }
        let failure = writeAll(Array(text.utf8), to: descriptor)
        close(descriptor)
        if failure != 0 { throw .unwritable(path: path, reason: describe(failure)) }
    }

    /// Writes every byte; returns 0 or the errno that stopped it.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += count
        }
        return 0
    }

    private static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func baseName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "the folder does not exist"
        case EACCES, EPERM: "permission denied"
        case ENOSPC: "no space left on the device"
        case EROFS: "the file system is read-only"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
