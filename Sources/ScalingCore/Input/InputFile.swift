#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an input's bytes from a path or standard input: the I/O edge in front of the pure decoders.
public enum InputFile {
    /// The name `-` is shown as in messages.
    public static let standardInputName = "<stdin>"

    /// Reads the whole file at `path` (`-` reads standard input). Never writes anything.
    public static func bytes(at path: String) throws(InputError) -> [UInt8] {
        let isStandardInput = path == "-"
        if isStandardInput && isatty(STDIN_FILENO) == 1 {
            // Waiting on a terminal looks like a hang; say what `-` expects instead.
            throw .unreadable(
                path: standardInputName,
                reason: "standard input is a terminal: pipe a snapshot in (scalectl advise - < metrics.json) or name a file")
        }
        let descriptor = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: describe(errno)) }
        defer { if !isStandardInput { close(descriptor) } }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "is a directory, not a file")
        }
        var bytes: [UInt8] = []
        if (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: isStandardInput ? standardInputName : path, reason: describe(errno))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
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
