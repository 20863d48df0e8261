#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How much of an input scalectl reads before it gives up, so a hostile file cannot exhaust memory.
public struct InputLimits: Sendable, Equatable {
    /// The most bytes read from a CSV input (a 5,000,000-row export is about 300 MB).
    public var maximumCSVBytes: Int
    /// The most bytes read from a JSON input: the parsed tree takes many times the text, so this is lower.
    public var maximumJSONBytes: Int
    /// The longest physical line of a CSV input; minified JSON is one line, so JSON has no line limit.
    public var maximumLineBytes: Int

    public init(maximumCSVBytes: Int, maximumJSONBytes: Int, maximumLineBytes: Int) {
        self.maximumCSVBytes = maximumCSVBytes
        self.maximumJSONBytes = maximumJSONBytes
        self.maximumLineBytes = maximumLineBytes
    }

    /// 2 GiB of CSV, 64 MiB of JSON, 16 MiB per CSV line.
    public static let standard = InputLimits(maximumCSVBytes: 1 << 31, maximumJSONBytes: 1 << 26, maximumLineBytes: 1 << 24)

    /// A policy or mapping file: JSON, whatever its name or first byte, so the JSON limit.
    public static let settingsFile = InputLimits(
        maximumCSVBytes: standard.maximumJSONBytes, maximumJSONBytes: standard.maximumJSONBytes,
        maximumLineBytes: standard.maximumJSONBytes)
}

/// Reads an input's bytes from a path or standard input: the I/O edge in front of the pure decoders.
///
/// Reading stops with an error at the ``InputLimits`` of the input's format (from the file name, else the first
/// bytes, as ``InputFormat/detect(path:bytes:)`` decides), so memory stays bounded whatever the input. A FIFO
/// (`<(cmd)`, `mkfifo`) is read like standard input; one with no writer at the moment it is opened gives no data
/// and an error instead of a wait. A regular file whose size or modification time changes while it is read is an
/// error, since the bytes read may be half old and half new.
public enum InputFile {
    /// The first bytes of an input, where a NUL byte means binary data: it is refused at once.
    public static let firstBlockBytes = 1 << 16
    /// The name `-` is shown as in messages.
    public static let standardInputName = "<stdin>"

    /// Reads the whole file at `path` (`-` reads standard input). Never writes anything.
    public static func bytes(at path: String) throws(InputError) -> [UInt8] {
        try bytes(at: path, limits: .standard)
    }

    /// Reads the whole file at `path` within `limits`; `progress` gets the bytes read so far after each chunk, and the
    /// total for a regular file; `afterChunk` runs after each chunk read (tests change the file there).
    static func bytes(
        at path: String, limits: InputLimits, afterChunk: () -> Void = {}, progress: (Int, Int?) -> Void = { _, _ in }
    ) throws(InputError) -> [UInt8] {
        let isStandardInput = path == "-"
        let shownPath = isStandardInput ? standardInputName : path
        if isStandardInput && isatty(STDIN_FILENO) == 1 {
            // Waiting on a terminal looks like a hang; say what `-` expects instead.
            throw .unreadable(
                path: standardInputName,
                reason: "standard input is a terminal: pipe a snapshot in (scalectl advise - < metrics.json) or name a file")
        }
        // Non-blocking, so opening a FIFO nobody writes to does not wait forever; reads block again below.
        let descriptor = isStandardInput ? STDIN_FILENO : FileName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: describe(errno)) }
        defer { if !isStandardInput { close(descriptor) } }
        if !isStandardInput {
            let flags = fcntl(descriptor, F_GETFL)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        }
        var before = stat()
        guard fstat(descriptor, &before) == 0 else { throw .unreadable(path: shownPath, reason: describe(errno)) }
        let kind = before.st_mode & S_IFMT
        if kind == S_IFDIR { throw .unreadable(path: shownPath, reason: "is a directory, not a file") }
        let isRegular = kind == S_IFREG
        // Standard input may be a file already partly read (`{ read -r first; scalectl advise -; } < file`).
        let startOffset = isRegular ? max(0, Int(lseek(descriptor, 0, SEEK_CUR))) : 0

        var bytes: [UInt8] = []
        var format: InputFormat?
        var line = 1, lineLength = 0, previousWasCR = false
        if isRegular, before.st_size > 0 { bytes.reserveCapacity(min(Int(before.st_size), limits.maximumCSVBytes) + 1) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: shownPath, reason: describe(errno))
            }
            let earlier = bytes.count
            bytes.append(contentsOf: chunk[0..<count])
            // Text never holds a NUL; UTF-16 (Grafana's "Excel" CSV) does, after its byte order mark.
            if earlier < firstBlockBytes, !TextEncoding.isUTF16(bytes),
                chunk[0..<min(count, firstBlockBytes - earlier)].contains(0)
            {
                throw .binaryData(path: shownPath)
            }
            progress(bytes.count, isRegular ? Int(before.st_size) - startOffset : nil)
            afterChunk()
            let detected = format ?? InputFormat.detect(path: path, bytes: bytes)
            format = detected
            let maximum = detected == .json ? limits.maximumJSONBytes : limits.maximumCSVBytes
            if bytes.count > maximum { throw .tooLarge(path: shownPath, limit: maximum) }
            guard detected == .csv else { continue }
            for byte in chunk[0..<count] {
                if byte == 0x0A {
                    if !previousWasCR { line += 1 }
                    lineLength = 0
                } else if byte == 0x0D {
                    line += 1
                    lineLength = 0
                } else {
                    lineLength += 1
                    if lineLength > limits.maximumLineBytes {
                        throw .lineTooLong(path: shownPath, line: line, limit: limits.maximumLineBytes)
                    }
                }
                previousWasCR = byte == 0x0D
            }
        }
        if kind == S_IFIFO && !isStandardInput && bytes.isEmpty {
            throw .unreadable(
                path: shownPath,
                reason: "is a FIFO that gave no data (start its writer first, or pipe into scalectl advise -)")
        }
        if isRegular {
            var after = stat()
            if fstat(descriptor, &after) != 0 || after.st_size != before.st_size
                || bytes.count != Int(before.st_size) - startOffset
                || modificationTime(after) != modificationTime(before)
            {
                throw .changedWhileRead(path: shownPath)
            }
        }
        return bytes
    }

    static func modificationTime(_ status: stat) -> [Int] {
        #if canImport(Darwin)
            [Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec)]
        #else
            [Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)]
        #endif
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a file"
        case ENOTDIR: "a folder in the path is not a folder"
        case ENAMETOOLONG: "the path is too long"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}

extension InputFile {
    /// The first `count` bytes of the regular file at `path` (fewer when it is shorter); nil when it cannot be read.
    static func head(of path: String, count: Int) -> [UInt8]? {
        let descriptor = FileName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(filled)) }
            if read < 0 && errno == EINTR { continue }
            if read <= 0 { break }
            filled += read
        }
        return Array(bytes[0..<filled])
    }

    /// Whether something exists at `path`: a file, a directory, or a symbolic link even when it dangles or loops (so
    /// `policy init`, which never overwrites, does not replace one, and a broken `.scalectl.json` link is an error).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return FileName.withCString(path) { lstat($0, &status) } == 0
    }
}
