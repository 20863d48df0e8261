/// The exit codes of `scalectl`, as documented in `--help` and the README.
public enum ExitCode: Int32, CaseIterable, Sendable {
    /// Success: advice printed, or no threshold breached.
    case success = 0
    /// A check found a breach at or above `--fail-on`, or `--at-least` was not met.
    case checkFailed = 1
    /// A usage error, an unreadable file or invalid input.
    case invalidInput = 2

    public var meaning: String {
        switch self {
        case .success: "success, or no threshold breached"
        case .checkFailed: "a check or --at-least failed"
        case .invalidInput:
            "usage error, unreadable file, invalid input, nothing to check (no threshold could be evaluated) or an --output file "
                + "that cannot be written"
        }
    }
}
