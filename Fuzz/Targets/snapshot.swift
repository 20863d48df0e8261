// Fuzz target: snapshot decoding of arbitrary bytes as JSON and as CSV, then every evaluation and report.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for format in InputFormat.allCases {
        guard let decoded = try? SnapshotDecoder.decode(bytes, source: "fuzz", format: format) else { continue }
        for warning in decoded.warnings { _ = ErrorMessage.warning(warning) }
        let latest = decoded.series.latest
        let verdicts = ThresholdEvaluator.evaluate(latest)
        _ = TextReport(style: Style(enabled: false)).check(decoded.series, verdicts: verdicts, failOn: .warning, failed: false)
        _ = JSONReport.check(decoded.series, verdicts: verdicts, failOn: .warning, failed: false)
        guard let advice = try? Advisor.advise(decoded.series) else { continue }
        _ = TextReport(style: Style(enabled: true)).advice(advice, explain: true)
        _ = MarkdownReport.advice(advice)
        _ = JSONReport.advice(advice)
    }
    return 0
}
