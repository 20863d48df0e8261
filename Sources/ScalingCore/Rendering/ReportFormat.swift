/// A command's output formats. Each command renders every case in a `switch` with no `default`, so a format that is
/// offered but not rendered does not compile; `--format`'s allowed values and default are generated from the enum.
public protocol ReportFormat: RawRepresentable, CaseIterable, Sendable where RawValue == String, AllCases == [Self] {
    /// The format when `--format` is not given.
    static var standard: Self { get }
}

/// `advise`: the advice for a terminal, for programs, or for a pull request or wiki page.
public enum AdviseFormat: String, ReportFormat {
    case text, json, markdown
    public static let standard = AdviseFormat.text
}

/// `stage`: one word for scripts (`growth`), the stage's number (`2`), or JSON with the reasons.
public enum StageFormat: String, ReportFormat {
    case name, number, json
    public static let standard = StageFormat.name
}

/// `check`, on stdout or with `--report FORMAT=PATH`: every format a CI system reads.
public enum CheckFormat: String, ReportFormat {
    /// The table for a terminal or a CI log.
    case text
    /// scalectl's own JSON (`JSONReport.check`), with `schema_version`.
    case json
    /// One row per threshold, formula cells neutralized.
    case csv
    /// A Markdown table for a pull-request comment.
    case markdown
    /// JUnit XML (testsuites > testsuite > testcase), read by GitLab, Jenkins and GitHub test reporters.
    case junit
    /// SARIF 2.1.0, for code scanning.
    case sarif
    /// GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per verdict worth showing.
    case github
    public static let standard = CheckFormat.text
}

/// `cost`.
public enum CostFormat: String, ReportFormat {
    case text, json, markdown
    public static let standard = CostFormat.text
}

/// `trend`.
public enum TrendFormat: String, ReportFormat {
    case text, json, markdown
    public static let standard = TrendFormat.text
}

/// `review`.
public enum ReviewFormat: String, ReportFormat {
    case text, json, markdown
    public static let standard = ReviewFormat.text
}

/// `diff`.
public enum DiffFormat: String, ReportFormat {
    case text, json, markdown
    public static let standard = DiffFormat.text
}

/// `policy show`.
public enum PolicyFormat: String, ReportFormat {
    case text, json
    public static let standard = PolicyFormat.text
}

/// `guide`.
public enum GuideFormat: String, ReportFormat {
    case text, json
    public static let standard = GuideFormat.text
}
