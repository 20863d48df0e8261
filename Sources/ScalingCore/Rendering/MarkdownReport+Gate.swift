/// The gate's Markdown reports: `diff`.
extension MarkdownReport {
    /// `scalectl diff --format markdown`: a table for a pull-request comment.
    public static func diff(_ diff: SnapshotDiff) -> String {
        let reportOnly = Wording.diffIsReportOnly(diff)
        let verdict = !diff.regressions.isEmpty ? "FAIL" : reportOnly ? "report only" : "PASS"
        var lines = ["## scalectl diff: \(verdict)", "", "`\(escape(diff.base.source))` → `\(escape(diff.new.source))`", ""]
        let before = diff.stageBefore?.rawValue ?? "no stage"
        let after = diff.stageAfter?.rawValue ?? "no stage"
        lines += ["Stage: " + (before == after ? "\(after) (unchanged)" : "\(before) → **\(after)**"), ""]
        lines += ["| Metric | Base | New | Change | Direction |", "|---|---|---|---|---|"]
        for change in diff.changes {
            let metric = Metric(change.field)
            let a = change.before.map { Wording.value($0, metric) } ?? "—"
            let b = change.after.map { Wording.value($0, metric) } ?? "—"
            var direction = change.direction == .unchanged ? "" : change.direction.rawValue
            if change.isRegression { direction = "**regression**" }
            lines.append(
                "| \(change.field.rawValue) | \(cell(a)) | \(cell(b)) | \(cell(Wording.change(change))) | \(direction) |"
            )
        }
        if reportOnly { lines += ["", escape(Wording.diffReportOnlyLine)] }
        return MarkdownSink.finish(lines.joined(separator: "\n") + "\n")
    }
}
