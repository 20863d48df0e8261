#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random access to an input's bytes, for the streaming readers: `read(buffer, count, offset)` fills up to `count`
/// bytes from `offset` (`pread` on a file, a copy from memory), returning how many.
struct ByteInput: @unchecked Sendable {
    let size: Int
    let read: (UnsafeMutableRawPointer, Int, Int) -> Int

    /// `body` given an input reading the regular file at `path` with `pread`; nil without calling it when the path is
    /// not a regular file of at most `maximumBytes`, and nil when the file changed while `body` read it (a size or a
    /// modification time that moved): the row readers then read it, and say so.
    static func withFile<Result>(
        _ path: String, maximumBytes: Int, _ body: (ByteInput) throws(InputError) -> Result?
    ) throws(InputError) -> Result? {
        // Not blocking: opening a FIFO without a writer would wait for one (it is read by the row reader instead).
        let descriptor = FileName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0, before.st_mode & S_IFMT == S_IFREG, Int(before.st_size) <= maximumBytes else {
            return nil
        }
        let result = try body(
            ByteInput(size: Int(before.st_size)) { buffer, count, offset in pread(descriptor, buffer, count, off_t(offset)) })
        var after = stat()
        guard fstat(descriptor, &after) == 0, after.st_size == before.st_size,
            InputFile.modificationTime(after) == InputFile.modificationTime(before)
        else { return nil }
        return result
    }

    /// `body` given an input over bytes in memory (standard input, tests).
    static func withBytes<Result>(_ bytes: [UInt8], _ body: (ByteInput) -> Result) -> Result {
        bytes.withUnsafeBytes { raw in
            nonisolated(unsafe) let base = raw.baseAddress
            let size = raw.count
            return body(
                ByteInput(size: size) { buffer, count, offset in
                    let available = min(count, size - offset)
                    if available > 0 { memcpy(buffer, base! + offset, available) }
                    return max(available, 0)
                })
        }
    }

    /// Up to `count` bytes from `offset`, fewer at the end (or on a read error).
    func bytes(at offset: Int, count: Int) -> [UInt8] {
        let wanted = max(0, min(count, size - offset))
        var result = [UInt8](repeating: 0, count: wanted)
        let got = result.withUnsafeMutableBytes { wanted == 0 ? 0 : read($0.baseAddress!, wanted, offset) }
        result.removeLast(wanted - max(got, 0))
        return result
    }
}

/// The part of an input a streaming reader looks at: one block, read from `start`. When a record or an object runs
/// past the block's end, the unread part moves to the front and more is read after it; when one is longer than the
/// whole block, the block doubles. So memory is a block per reader, whatever the input's size.
struct ByteWindow {
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// The input offset of `buffer[0]`.
    private(set) var start: Int
    /// How many bytes of the buffer hold input.
    private(set) var filled = 0

    init(start: Int, blockBytes: Int) {
        capacity = max(blockBytes, 1)
        buffer = ByteWindow.allocate(capacity)
        self.start = start
    }

    /// A block of `bytes`, on 2 MiB pages when it is large (one fault per 2 MiB on its first fill, not one per 4 KiB).
    static func allocate(_ bytes: Int) -> UnsafeMutablePointer<UInt8> {
        var block: UnsafeMutableRawPointer?
        if bytes >= 4 << 20, posix_memalign(&block, 2 << 20, bytes) == 0, let block {
            ColumnarCSVReader.adviseHugePages(block, bytes: bytes)
            return block.assumingMemoryBound(to: UInt8.self)
        }
        return UnsafeMutablePointer<UInt8>.allocate(capacity: bytes)
    }

    func deallocate() { free(buffer) }

    /// Whether the window reaches the end of the input.
    func isFinal(in input: ByteInput) -> Bool { start + filled == input.size }

    /// Drops the bytes before `position` and reads more after the rest (growing the block when nothing could be
    /// dropped); the caller's position is then 0. Returns why it cannot: the block would outgrow `maximum`, or the
    /// input gave nothing more (it ended, or it changed while read).
    mutating func slide(from position: Int, input: ByteInput, maximum: Int) -> String? {
        let kept = filled - position
        if position > 0 {
            buffer.update(from: buffer + position, count: kept)
            start += position
            filled = kept
        } else if filled == capacity {
            guard capacity < maximum else { return "a record longer than the line limit" }
            let grown = ByteWindow.allocate(capacity * 2)
            grown.update(from: buffer, count: filled)
            free(buffer)
            buffer = grown
            capacity *= 2
        }
        guard start + filled < input.size else { return "the input ended mid-record" }
        let got = input.read(buffer + filled, capacity - filled, start + filled)
        guard got > 0 else { return "the file ended early (it changed while read)" }
        filled += got
        return nil
    }
}

/// The cores a reader may split its work across.
enum ProcessorCount {
    static let online = max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
}

/// Line breaks as the readers count them: LF, CRLF and a lone CR each end one line.
enum LineBreak {
    /// The line breaks in the first `count` bytes of `input`, which must not end inside a CRLF: where a parse that
    /// starts at `count` is, in lines, without parsing what comes before.
    static func count(in input: ByteInput, before count: Int) -> Int {
        let blockBytes = 4 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: blockBytes + 1)
        defer { buffer.deallocate() }
        var breaks = 0
        var offset = 0
        while offset < count {
            // One byte more than the block, so a CR at its end sees whether an LF follows.
            let wanted = min(blockBytes, count - offset)
            let got = input.read(buffer, min(wanted + 1, input.size - offset), offset)
            guard got > 0 else { break }
            let block = min(got, wanted)
            let end = UnsafePointer(buffer + block)
            var scan = UnsafePointer(buffer)
            while let found = memchr(scan, 0x0A, end - scan) {
                breaks += 1
                scan = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            // A lone CR (not followed by LF) is a break too; most inputs have no CR at all.
            scan = UnsafePointer(buffer)
            while let found = memchr(scan, 0x0D, end - scan) {
                let at = found.assumingMemoryBound(to: UInt8.self)
                if at + 1 == buffer + got || at[1] != 0x0A { breaks += 1 }
                scan = UnsafePointer(at) + 1
            }
            offset += block
        }
        return breaks
    }

    /// The length of the line break at `pointer` (1 for LF or a lone CR, 2 for CRLF); nil when a CR is the last byte
    /// read and more input follows, since it may be half a CRLF.
    @inline(__always)
    static func length(at pointer: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, final: Bool) -> Int? {
        guard pointer.pointee == 0x0D else { return 1 }
        if pointer + 1 < end { return pointer[1] == 0x0A ? 2 : 1 }
        return final ? 1 : nil
    }
}
