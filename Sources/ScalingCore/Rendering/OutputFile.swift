#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
    private let systemUnlink = Glibc.unlink
#elseif canImport(Musl)
    import Musl
    private let systemWrite = Musl.write
    private let systemUnlink = Musl.unlink
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
    private let systemUnlink = Darwin.unlink
#endif

/// Why a report could not be written to the `--output` file (or a `--report` file, or the job summary).
public enum OutputError: Error, Equatable, Sendable {
    /// The output names the same file as an input (same device and inode, whatever the spelling of the path).
    case sameAsInput(path: String, input: String)
    /// Two outputs of one run name the same file (`r.xml` and `./r.xml`, a link to it, `$PWD/r.xml`).
    case sameFile(path: String, other: String)
    /// The file or its temporary sibling could not be created, written or renamed into place; nothing was written.
    case unwritable(path: String, reason: String)
    /// An output failed after others were already in place (a rename cannot be undone): `written` names them.
    case partlyWritten(path: String, reason: String, written: [String])
    /// A folder on the way to the output exists as a file, so the output's folder cannot be created.
    case parentIsFile(path: String, parent: String)
}

/// Writes a report to a file atomically: the I/O edge behind `--output` (one file; see ``OutputSet`` for several).
///
/// The text goes to a temporary file in the same directory (`.NAME.scalectl-XXXXXX`), is flushed to disk and then
/// renamed over `path`, so a reader of `path` sees the old file or the whole new one, never a partial one; on any
/// failure the temporary file is removed and `path` is untouched. A path that already exists and is not a regular
/// file (`/dev/stdout`, a FIFO) is written in place instead, since renaming over it would replace the device or
/// FIFO itself; a FIFO with no reader is an error, not a wait. A symbolic link is followed, so the file it points to
/// is replaced (or, when it dangles, created) and the link kept; a loop of links is an error.
public enum OutputFile {
    /// Writes `text` to `path`, refusing when `path` is the same file as one of `inputs` (`-` is standard input).
    public static func write(_ text: String, to path: String, inputs: [String]) throws(OutputError) {
        let set = OutputSet()
        set.add(text, to: path, inputs: inputs)
        try set.commit()
    }

    /// Appends `text` to `path`, creating it when absent: GitHub's `$GITHUB_STEP_SUMMARY`, which other steps also
    /// append to, so it is never replaced. One `write(2)` per chunk with `O_APPEND`, as the runner expects.
    public static func append(_ text: String, to path: String) throws(OutputError) {
        let descriptor = FileName.withCString(path) { open($0, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o666) }
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: describe(errno)) }
        let failure = writeAll(Array(text.utf8), to: descriptor)
        close(descriptor)
        if failure != 0 { throw .unwritable(path: path, reason: describe(failure)) }
    }

    /// Writes every byte; returns 0 or the errno that stopped it.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
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

    /// Removes the file at `path`, by its bytes.
    static func unlink(_ path: String) {
        _ = FileName.withCString(path) { systemUnlink($0) }
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "the folder does not exist"
        case EACCES, EPERM: "permission denied"
        case ENOSPC: "no space left on the device"
        case EROFS: "the file system is read-only"
        case ELOOP: "too many levels of symbolic links (a loop?)"
        case ENXIO: "is a FIFO with no reader (start its reader first)"
        case EISDIR: "is a directory"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}

/// The report files of one run, written whole or not at all: `--output`, every `--report` and the job summary.
///
/// ``add(_:to:inputs:)`` only records; ``commit()`` then checks every target before touching any (none is an input
/// or another target under a second name, by device and inode; each is writable as a shell's `>` would allow, and
/// its owner could be kept), writes each to its temporary file, writes devices and FIFOs in place, and renames the
/// files into place; an append (the job summary) comes last. On a failure before the renames every temporary file is removed and no target changed; the
/// error says so. SIGINT, SIGTERM and SIGHUP during a commit remove the temporary files and exit 130, 143 or 129.
///
/// A file's missing folders are created first, as `pytest --junitxml` does (`-o reports/scalectl/gate.json`); when
/// the set then fails before anything is in place, the folders it created are removed again. A folder on the way
/// that exists as a file is an error naming it.
public final class OutputSet {
    /// Writes one file (text, path, inputs): a test's stand-in for the file system; nil writes files.
    public typealias Writer = (String, String, [String]) throws(OutputError) -> Void
    /// Appends to one file (text, path): a test's stand-in for the file system; nil appends to files.
    public typealias Appender = (String, String) throws(OutputError) -> Void

    struct Entry {
        var text: String
        var path: String
        var appends: Bool
    }

    private(set) var entries: [Entry] = []
    private var inputs: [String] = []
    private let writer: Writer?
    private let appender: Appender?

    /// A set that writes files, or that hands each file to `writer` and `appender` (tests).
    public init(writer: Writer? = nil, appender: Appender? = nil) {
        self.writer = writer
        self.appender = appender
    }

    /// Records a file to write whole at `path`; `inputs` are files it must not be.
    public func add(_ text: String, to path: String, inputs: [String]) {
        entries.append(Entry(text: text, path: path, appends: false))
        self.inputs += inputs
    }

    /// Records text to append to `path` (the job summary), after every file is in place; `inputs` as for `add`.
    public func append(_ text: String, to path: String, inputs: [String]) {
        entries.append(Entry(text: text, path: path, appends: true))
        self.inputs += inputs
    }

    /// Whether nothing was recorded.
    public var isEmpty: Bool { entries.isEmpty }

    /// Checks every target, then writes them all; see the type's summary.
    public func commit() throws(OutputError) {
        defer { entries = [] }
        if writer != nil || appender != nil {
            for entry in entries {
                if entry.appends {
                    if let appender { try appender(entry.text, entry.path) } else { try OutputFile.append(entry.text, to: entry.path) }
                } else {
                    if let writer {
                        try writer(entry.text, entry.path, inputs)
                    } else {
                        try OutputFile.write(entry.text, to: entry.path, inputs: inputs)
                    }
                }
            }
            return
        }
        let created = try FolderMaker.create(for: entries.filter { !$0.appends }.map(\.path))
        do throws(OutputError) {
            try commitPlans()
        } catch {
            // Folders that hold a written file are not empty, so `rmdir` leaves them.
            if case .partlyWritten = error {} else { FolderMaker.remove(created) }
            throw error
        }
    }

    private func commitPlans() throws(OutputError) {
        let plans = try entries.map { entry throws(OutputError) in try Plan(entry) }
        defer { for plan in plans where plan.descriptor >= 0 { close(plan.descriptor) } }
        try checkIdentities(plans)
        let guardSignals = SignalCleanup.install()
        defer { if guardSignals { SignalCleanup.uninstall() } }
        // Every temporary file first: a failure here leaves every target as it was.
        var temporaries: [Int: String] = [:]
        do throws(OutputError) {
            for (index, plan) in plans.enumerated() where plan.kind == .replace {
                temporaries[index] = try plan.writeTemporary()
            }
        } catch {
            for path in temporaries.values { OutputFile.unlink(path); SignalCleanup.forget(path) }
            throw error
        }
        var written: [String] = []
        // Devices and FIFOs first, while every rename is still undone: a reader that is slow to drain a FIFO (or a
        // signal meanwhile) leaves no target replaced; then the renames, each instant; the job summary last.
        let order =
            plans.indices.filter { plans[$0].kind == .inPlace } + plans.indices.filter { plans[$0].kind == .replace }
            + plans.indices.filter { plans[$0].kind == .append }
        for index in order {
            let plan = plans[index]
            do throws(OutputError) {
                switch plan.kind {
                case .replace:
                    let renamed = FileName.withCString(temporaries[index]!) { from in
                        FileName.withCString(plan.destination) { rename(from, $0) }
                    }
                    if renamed != 0 {
                        throw OutputError.unwritable(path: plan.entry.path, reason: OutputFile.describe(errno))
                    }
                    SignalCleanup.forget(temporaries.removeValue(forKey: index)!)
                case .inPlace:
                    let failure = OutputFile.writeAll(Array(plan.entry.text.utf8), to: plan.descriptor)
                    if failure != 0 { throw OutputError.unwritable(path: plan.entry.path, reason: OutputFile.describe(failure)) }
                case .append:
                    try OutputFile.append(plan.entry.text, to: plan.entry.path)
                }
                written.append(plan.entry.path)
            } catch {
                // What is not yet in place stays out: its temporary file goes, and the message names what was written.
                for path in temporaries.values { OutputFile.unlink(path); SignalCleanup.forget(path) }
                if case .unwritable(let path, let reason) = error, !written.isEmpty {
                    throw .partlyWritten(path: path, reason: reason, written: written)
                }
                throw error
            }
        }
    }

    /// No target is an input, and no two targets are one file.
    private func checkIdentities(_ plans: [Plan]) throws(OutputError) {
        for plan in plans {
            guard let target = plan.identity.existing else { continue }
            for input in inputs {
                var source = stat()
                let found = input == "-" ? fstat(STDIN_FILENO, &source) == 0 : FileName.withCString(input, { stat($0, &source) }) == 0
                if found && source.st_dev == target.device && source.st_ino == target.inode {
                    throw .sameAsInput(path: plan.entry.path, input: input == "-" ? InputFile.standardInputName : input)
                }
            }
        }
        for (index, plan) in plans.enumerated() {
            if let other = plans[..<index].first(where: { $0.identity == plan.identity }) {
                throw .sameFile(path: plan.entry.path, other: other.entry.path)
            }
        }
    }

    /// What a commit does with one entry, found before anything is written.
    struct Plan {
        enum Kind { case replace, inPlace, append }

        /// A file by device and inode when it exists; else its folder's and its name, so two spellings of a file
        /// about to be created are still one file.
        struct Identity: Equatable {
            var existing: (device: UInt64, inode: UInt64)?
            var folder: (device: UInt64, inode: UInt64)?
            var name: String
            static func == (a: Identity, b: Identity) -> Bool {
                if let x = a.existing, let y = b.existing { return x == y }
                if a.existing != nil || b.existing != nil { return false }
                return a.folder.map { [$0.device, $0.inode] } == b.folder.map { [$0.device, $0.inode] } && a.name == b.name
            }
        }

        let entry: Entry
        let kind: Kind
        /// The path renamed onto: the file a symbolic link leads to, so the link is kept.
        let destination: String
        let identity: Identity
        /// For an in-place write, the special file opened without blocking; else -1.
        var descriptor: Int32 = -1
        /// The mode, owner and group the file has (kept), or nil for a new file.
        let existing: stat?

        init(_ entry: Entry) throws(OutputError) {
            self.entry = entry
            let path = entry.path
            var status = stat()
            var destination = path
            if FileName.withCString(path, { stat($0, &status) }) != 0 {
                let failure = errno
                if failure == ELOOP { throw .unwritable(path: path, reason: OutputFile.describe(ELOOP)) }
                guard failure == ENOENT else { throw .unwritable(path: path, reason: OutputFile.describe(failure)) }
                // Missing, or a link that dangles: create what it points to, as a shell's `>` does, keeping the link.
                destination = try Self.linkTarget(path)
                existing = nil
            } else {
                existing = status
            }
            let folder = Self.directoryName(of: destination)
            var folderStatus = stat()
            guard FileName.withCString(folder, { stat($0, &folderStatus) }) == 0, (folderStatus.st_mode & S_IFMT) == S_IFDIR else {
                throw .unwritable(path: path, reason: "the folder \(folder) does not exist")
            }
            if let existing {
                identity = Identity(existing: (UInt64(existing.st_dev), UInt64(existing.st_ino)), folder: nil, name: "")
            } else {
                identity = Identity(
                    existing: nil, folder: (UInt64(folderStatus.st_dev), UInt64(folderStatus.st_ino)), name: Self.baseName(of: destination))
            }
            if entry.appends {
                kind = .append
                if let existing, (existing.st_mode & S_IFMT) == S_IFDIR { throw .unwritable(path: path, reason: "is a directory") }
                if existing != nil, FileName.withCString(path, { access($0, W_OK) }) != 0 {
                    throw .unwritable(path: path, reason: OutputFile.describe(errno))
                }
                self.destination = destination
                return
            }
            if let existing, (existing.st_mode & S_IFMT) != S_IFREG {
                if (existing.st_mode & S_IFMT) == S_IFDIR { throw .unwritable(path: path, reason: "is a directory") }
                // A device or FIFO is written in place; opened now without blocking, so a FIFO nobody reads is an
                // error before anything is written, not a wait.
                let descriptor = FileName.withCString(path) { open($0, O_WRONLY | O_CLOEXEC | O_NONBLOCK) }
                guard descriptor >= 0 else { throw .unwritable(path: path, reason: OutputFile.describe(errno)) }
                let flags = fcntl(descriptor, F_GETFL)
                if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
                kind = .inPlace
                self.descriptor = descriptor
                self.destination = path
                return
            }
            kind = .replace
            self.destination = existing == nil ? destination : (Self.resolvedPath(path) ?? path)
            // What a shell's `>` would refuse: a file we may not write, or a folder we may not create in.
            if existing != nil, FileName.withCString(path, { access($0, W_OK) }) != 0 {
                throw .unwritable(path: path, reason: "permission denied")
            }
            if FileName.withCString(folder, { access($0, W_OK | X_OK) }) != 0 {
                throw .unwritable(path: path, reason: "permission denied (cannot create a file in \(folder))")
            }
            if let existing, existing.st_uid != geteuid(), geteuid() != 0 {
                // Renaming over another user's file would make it ours (or fail in a sticky folder such as /tmp).
                throw .unwritable(path: path, reason: "permission denied (it belongs to another user; replacing it would change its owner)")
            }
        }

        /// Writes the text to a new temporary file beside the destination, with the mode, owner and group the file
        /// has (or what a new file gets under the umask), flushed; returns its path.
        func writeTemporary() throws(OutputError) -> String {
            var template =
                FileName.bytes("\(Self.directoryName(of: destination))/.\(Self.baseName(of: destination)).scalectl-XXXXXX")
                .map { CChar(bitPattern: $0) } + [0]
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { throw .unwritable(path: entry.path, reason: OutputFile.describe(errno)) }
            let temporary = FileName.decode(template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
            SignalCleanup.remember(temporary)
            let mask = umask(0)
            umask(mask)
            let mode = existing.map { $0.st_mode & 0o7777 } ?? (0o666 & ~mask)
            var failure = OutputFile.writeAll(Array(entry.text.utf8), to: descriptor)
            if failure == 0, let existing, existing.st_uid != geteuid() || existing.st_gid != getegid() {
                // Root replacing another user's file keeps its owner, as writing into it would.
                if fchown(descriptor, existing.st_uid, existing.st_gid) != 0 { failure = errno }
            }
            if failure == 0, fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 { failure = errno }
            if close(descriptor) != 0, failure == 0 { failure = errno }
            if failure != 0 {
                OutputFile.unlink(temporary)
                SignalCleanup.forget(temporary)
                throw .unwritable(path: entry.path, reason: OutputFile.describe(failure))
            }
            return temporary
        }

        /// Where a missing path will be created: itself, or what its chain of symbolic links ends at.
        static func linkTarget(_ path: String) throws(OutputError) -> String {
            var current = path
            for _ in 0..<40 {
                var status = stat()
                guard FileName.withCString(current, { lstat($0, &status) }) == 0, (status.st_mode & S_IFMT) == S_IFLNK else {
                    return current
                }
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = FileName.withCString(current) { readlink($0, &buffer, buffer.count - 1) }
                guard count >= 0 else { throw .unwritable(path: path, reason: OutputFile.describe(errno)) }
                let target = FileName.decode(buffer[0..<count].map { UInt8(bitPattern: $0) })
                current = target.hasPrefix("/") ? target : directoryName(of: current) + "/" + target
            }
            throw .unwritable(path: path, reason: OutputFile.describe(ELOOP))
        }

        static func resolvedPath(_ path: String) -> String? {
            guard let resolved = FileName.withCString(path, { realpath($0, nil) }) else { return nil }
            defer { free(resolved) }
            return FileName.decode(cString: resolved)
        }

        static func directoryName(of path: String) -> String {
            guard let slash = path.lastIndex(of: "/") else { return "." }
            return slash == path.startIndex ? "/" : String(path[..<slash])
        }

        static func baseName(of path: String) -> String {
            path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        }
    }
}

/// Creates the missing folders of a set's outputs (`mkdir -p`), after checking that none of them is in the way as a
/// file, and removes them again when the set fails.
enum FolderMaker {
    /// Creates every missing folder on the way to each of `paths`; returns the folders created, outermost first.
    static func create(for paths: [String]) throws(OutputError) -> [String] {
        // Every path checked before any folder is made, so a bad path leaves nothing behind.
        var missing: [String] = []
        for path in paths {
            for folder in try missingFolders(of: path) where !missing.contains(folder) { missing.append(folder) }
        }
        var created: [String] = []
        for folder in missing {
            if FileName.withCString(folder, { mkdir($0, 0o777) }) == 0 {
                created.append(folder)
            } else if errno != EEXIST {
                let failure = errno
                remove(created)
                let path = paths.first { $0.hasPrefix(folder + "/") } ?? folder
                throw .unwritable(path: path, reason: "cannot create the folder \(folder): \(OutputFile.describe(failure))")
            }
        }
        return created
    }

    /// Removes `folders` (as returned by `create`) innermost first; a folder that is not empty stays.
    static func remove(_ folders: [String]) {
        for folder in folders.reversed() { _ = FileName.withCString(folder) { rmdir($0) } }
    }

    /// The folders on the way to `path` that do not exist, outermost first; a file in their place is an error.
    static func missingFolders(of path: String) throws(OutputError) -> [String] {
        var missing: [String] = []
        var folder = OutputSet.Plan.directoryName(of: path)
        while folder != "." && folder != "/" && !folder.isEmpty {
            let name = OutputSet.Plan.baseName(of: folder)
            if name == "." || name == ".." || name.isEmpty {
                folder = OutputSet.Plan.directoryName(of: folder)
                continue
            }
            var status = stat()
            if FileName.withCString(folder, { stat($0, &status) }) == 0 {
                if (status.st_mode & S_IFMT) != S_IFDIR { throw .parentIsFile(path: path, parent: folder) }
                break
            }
            if errno == ENOTDIR {
                // Something further up is a file: find it to name it.
                folder = OutputSet.Plan.directoryName(of: folder)
                continue
            }
            guard errno == ENOENT else { break }  // Plan reports what else is wrong (permission denied).
            // A dangling symbolic link is not a folder to create: Plan reports it.
            if FileName.withCString(folder, { lstat($0, &status) }) == 0 { break }
            missing.insert(folder, at: 0)
            folder = OutputSet.Plan.directoryName(of: folder)
        }
        return missing
    }
}

/// Removes the temporary files of a commit when SIGINT, SIGTERM or SIGHUP arrives, then exits 128 + the signal.
///
/// The handler may only make async-signal-safe calls, so the paths live in a fixed table of C strings allocated
/// before any handler is installed; `unlink` and `_exit` are all it calls.
enum SignalCleanup {
    static let capacity = 64
    nonisolated(unsafe) private static var table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]
    nonisolated(unsafe) private static var installed = false
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handlers; false when they already are (a nested commit).
    static func install() -> Bool {
        guard !installed else { return false }
        installed = true
        _ = table
        for signal in signals {
            // A signal the caller ignores (nohup's SIGHUP, SIGINT in a background job) stays ignored.
            var current = sigaction()
            sigaction(signal, nil, &current)
            #if canImport(Darwin)
                let ignored = unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #else
                let ignored = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
            #endif
            if ignored { continue }
            var action = sigaction()
            #if canImport(Darwin)
                action.__sigaction_u.__sa_handler = handle
            #else
                action.__sigaction_handler.sa_handler = handle
            #endif
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
        return true
    }

    static func uninstall() {
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
        previous = [:]
        installed = false
    }

    static func remember(_ path: String) {
        for slot in 0..<capacity where table[slot] == nil {
            table[slot] = FileName.withCString(path) { strdup($0) }
            return
        }
    }

    static func forget(_ path: String) {
        for slot in 0..<capacity {
            if let stored = table[slot], FileName.decode(cString: stored) == path {
                table[slot] = nil
                free(stored)
            }
        }
    }

    private static let handle: @convention(c) (Int32) -> Void = { signal in
        for slot in 0..<SignalCleanup.capacity {
            if let stored = SignalCleanup.table[slot] { unlink(stored) }
        }
        _exit(128 + signal)
    }
}
