extension RunContext {
    /// Whether scalectl reads the environment variable `name`: those starting `SCALECTL_`, `COLUMNS`, `NO_COLOR`,
    /// `TERM` and `GITHUB_STEP_SUMMARY`. The executable keeps only these in ``environment``, so a shell's other
    /// variables (often dozens) are not copied into a dictionary at every start.
    ///
    /// Every variable read through `environment` must be accepted here (the tests check the man page's list).
    public static func readsVariable(_ name: Substring) -> Bool {
        if name.hasPrefix("SCALECTL_") { return true }
        switch name {
        case "COLUMNS", "NO_COLOR", "TERM", "GITHUB_STEP_SUMMARY": return true
        default: return false
        }
    }
}
