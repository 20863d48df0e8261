/// Renders check verdicts as CSV for spreadsheets and scripts: one row per threshold.
public enum CSVReport {
    /// The header, then one row per threshold: `id,metric,value,limit,status,severity`.
    ///
    /// `value` and `limit` are plain numbers in the metric's unit (a rate as a fraction, `0.015`), empty when
    /// unknown; `status` is `pass`, `breach`, `pending` (breached, not yet for as long as the rule's `for`) or `unknown`; `severity` is the breach's severity, empty otherwise.
    public static func check(_ verdicts: [ThresholdVerdict]) -> String {
        var rows = [["id", "metric", "value", "limit", "status", "severity"]]
        for verdict in verdicts {
            let status: String
            switch verdict.status {
            case .pass: status = "pass"
            case .breach: status = "breach"
            case .pending: status = "pending"
            case .unknown: status = "unknown"
            }
            rows.append([
                verdict.threshold.id, verdict.threshold.metric.description,
                verdict.value.map(Quantity.formatPlain) ?? "", verdict.limit.map(Quantity.formatPlain) ?? "",
                status, verdict.severity?.rawValue ?? "",
            ])
        }
        return CSVWriter.write(rows)
    }
}
