/// A mistake on the command line. Each case names what was written and, where it helps, what was meant.
public enum UsageError: Error, Equatable, Sendable {
    case missingCommand
    case unknownCommand(String, suggestion: String?)
    case unknownOption(String, command: String?, suggestion: String?)
    case missingValue(option: String, valueName: String)
    case unexpectedValue(option: String)
    case invalidValue(option: String, value: String, allowed: [String], suggestion: String?)
    /// A positional argument outside its allowed values: `scalectl completions bsh`.
    case invalidArgument(command: String, argument: String, value: String, allowed: [String], suggestion: String?)
    case missingArgument(command: String, argument: String)
    case extraArgument(command: String, argument: String)
    case unknownStage(String, suggestion: String?)
    /// A value the option cannot use, and why: `--what-if users=x`, `--horizon soon`.
    case unusableValue(option: String, value: String, reason: String)
    /// A command whose output is a file format (`report`'s HTML) asked to print to a terminal.
    case terminalOutput(command: String, format: String)
}
