import ScalingCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// The executable only wires the process to `Scalectl.run`: arguments, environment, terminal and exit code.
// Only the variables scalectl reads are kept (see `RunContext.readsVariable`).
// The `=` is found in the C string: `String.firstIndex(of:)` walks Characters, which cost more than the rest of the scan.
var environment: [String: String] = [:]
var entry = environ
while let pointer = entry.pointee {
    entry += 1
    guard let equals = strchr(pointer, Int32(UInt8(ascii: "="))) else { continue }
    let name = UnsafeRawBufferPointer(start: pointer, count: equals - pointer)
    let key = String(decoding: name, as: UTF8.self)
    guard RunContext.readsVariable(key[...]) else { continue }
    // A path in a variable ($GITHUB_STEP_SUMMARY) is bytes, like one in the arguments.
    environment[key] = FileName.decode(cString: equals + 1)
}

// The arguments as bytes: `CommandLine.arguments` turns a byte that is not UTF-8 into U+FFFD, and a file named so
// could then never be opened. `FileName` carries such bytes to the system calls and shows them as `\xff`.
let arguments = (1..<Int(CommandLine.argc)).compactMap { index in CommandLine.unsafeArgv[index].map { FileName.decode(cString: $0) } }

/// Writes all of `text` to a file descriptor, unbuffered, so output order and exit are simple.
func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        bytes = bytes.dropFirst(written)
    }
}

/// The terminal's width in columns, asked of stdout; nil when stdout is not a terminal.
func measuredTerminalWidth() -> Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}

let context = RunContext(
    environment: environment,
    stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
    writeOut: { writeAll($0, to: STDOUT_FILENO) },
    writeError: { writeAll($0, to: STDERR_FILENO) },
    stderrIsTerminal: isatty(STDERR_FILENO) == 1,
    terminalWidth: RunContext.terminalWidth(environment: environment, measured: measuredTerminalWidth()))
let code = Scalectl.run(arguments, context: context)
exit(code.rawValue)
