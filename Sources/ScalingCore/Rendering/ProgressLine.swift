/// A status line on a terminal's standard error, redrawn in place and cleared before anything else is written.
///
/// It stays silent unless `enabled` (standard error is a terminal and `--quiet` is off) and the run has lasted longer
/// than `delay`, so a pipe, a log file or a quick run never sees it. Each drawing is `\r`, the text cut to the width,
/// then "erase to the end of the line"; clearing is `\r` and the erase.
///
/// ```
/// reading metrics.csv… 120 MB of 300 MB
/// ```
public final class ProgressLine {
    public let enabled: Bool
    let width: Int
    let delay: Duration
    let interval: Duration
    let write: (String) -> Void
    let now: () -> ContinuousClock.Instant
    let start: ContinuousClock.Instant
    var lastDrawn: ContinuousClock.Instant?
    /// Whether a line is on the screen now.
    public private(set) var isShown = false

    /// The erase-line sequence that ends each drawing and the clearing.
    static let eraseToEndOfLine = "\u{1B}[K"

    /// - Parameters:
    ///   - width: the terminal's width; the line is cut to one less, so it never wraps (80 when unknown).
    ///   - interval: the least time between two drawings, so a fast loop does not flood the terminal.
    public init(
        enabled: Bool, width: Int?, delay: Duration = .milliseconds(300), interval: Duration = .milliseconds(100),
        now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }, write: @escaping (String) -> Void
    ) {
        self.enabled = enabled
        self.width = max(10, width ?? 80)
        self.delay = delay
        self.interval = interval
        self.write = write
        self.now = now
        self.start = now()
    }

    /// Draws `text` in place of the line, once the delay has passed and at most once per interval (`force` skips the
    /// interval, for a new phase).
    public func update(_ text: @autoclosure () -> String, force: Bool = false) {
        guard enabled else { return }
        let time = now()
        guard time - start >= delay else { return }
        if !force, let lastDrawn, time - lastDrawn < interval { return }
        lastDrawn = time
        write("\r" + Self.fitted(sanitizedForTerminal(text()), width: width - 1) + Self.eraseToEndOfLine)
        isShown = true
    }

    /// Removes the line, if one is shown, leaving the cursor at the start of the line.
    public func clear() {
        guard isShown else { return }
        write("\r" + Self.eraseToEndOfLine)
        isShown = false
    }

    /// `text` cut to `width` characters, the last one `…` when cut.
    static func fitted(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    /// `reading metrics.csv… 120 MB of 300 MB`, or without the total for a pipe.
    public static func reading(_ name: String, bytes: Int, of total: Int?) -> String {
        "reading \(name)… \(byteCount(bytes))" + (total.map { " of \(byteCount($0))" } ?? "")
    }

    /// `decoding metrics.csv (300 MB)…`
    public static func decoding(_ name: String, bytes: Int) -> String { "decoding \(name) (\(byteCount(bytes)))…" }

    /// A byte count in decimal units as file managers show them: `512 bytes`, `64 KB`, `120 MB`, `1.5 GB`.
    public static func byteCount(_ bytes: Int) -> String {
        func scaled(_ unit: Int, _ name: String) -> String {
            let tenths = (bytes * 10 + unit / 2) / unit
            return tenths >= 100 ? "\((bytes + unit / 2) / unit) \(name)" : "\(tenths / 10).\(tenths % 10) \(name)"
        }
        if bytes >= 1_000_000_000 { return scaled(1_000_000_000, "GB") }
        if bytes >= 1_000_000 { return scaled(1_000_000, "MB") }
        if bytes >= 1_000 { return scaled(1_000, "KB") }
        return "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }
}
