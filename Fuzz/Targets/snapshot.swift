// Fuzz target: snapshot decoding of arbitrary bytes in every input format, then every evaluation and every renderer
// (text, JSON, Markdown, HTML, CSV and the CI formats), so a value no formatter can print traps here first.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for format in InputFormat.allCases {
        guard let decoded = try? SnapshotDecoder.decode(bytes, source: "fuzz", format: format) else { continue }
        for warning in decoded.warnings { _ = ErrorMessage.warning(warning) }
        let series = decoded.series
        guard let policy = try? PolicyResolver.resolve(stage: nil, file: nil) else { continue }
        let result = GateResult(series: series, verdicts: ThresholdEvaluator.evaluate(series, rules: policy.rules), failOn: .warning)
        for format in CheckFormat.allCases { _ = format.render(result, policy: policy, explain: true) }
        _ = CIReport.githubSummary(result)
        guard let advice = try? Advisor.advise(series) else { continue }
        _ = TextReport(style: Style(enabled: true)).advice(advice, explain: true)
        _ = MarkdownReport.advice(advice)
        _ = JSONReport.advice(advice)
        _ = HTMLReport.advice(advice)
        if let trends = advice.trends {
            _ = TextReport(style: Style(enabled: false)).trend(trends, heading: SeriesHeading(series))
            _ = JSONReport.trend(trends, heading: SeriesHeading(series))
            _ = MarkdownReport.trend(trends, heading: SeriesHeading(series))
        }
    }
    return 0
}
