/// `cost`, `trend` and `review` as Markdown, for a pull-request comment or a wiki page.
extension MarkdownReport {
    /// `scalectl cost --format markdown`.
    public static func cost(_ estimate: CostEstimate, series: SnapshotSeries, whatIf: WhatIfComparison? = nil) -> String {
        var lines = ["# Cost: \(escape(series.source))", ""] + whatIfLines(whatIf)
        lines += costLines(estimate)
        return MarkdownSink.finish(lines.joined(separator: "\n") + "\n")
    }

    /// `scalectl trend --format markdown`: the series, each metric's trend, the forecasts and any spike.
    public static func trend(_ analysis: TrendAnalysis, heading: SeriesHeading) -> String {
        var lines = ["# Trend: \(escape(heading.source))", "", escape(seriesSummary(analysis.timeline))]
        lines += trendLines(analysis)
        lines += spikeLines(analysis)
        return MarkdownSink.finish(lines.joined(separator: "\n") + "\n")
    }

    /// `scalectl review --format markdown`: the guide's Weekly Reviews, computed.
    public static func review(_ review: WeeklyReview) -> String {
        let profile = GuideCatalog.profile(for: review.stage)
        let plain = TextReport(style: Style(enabled: false))
        var lines = [
            "# Weekly review: \(escape(review.series.source))", "", escape(seriesSummary(review.trends.timeline)), "",
            "**\(Wording.stageTitle(review.stage))** (\(profile.users.label) users, \(profile.cost.label))", "",
        ]
        lines += review.trends.timeline.notes.map { "- " + escape(Wording.note($0)) }
        if !review.trends.timeline.notes.isEmpty { lines.append("") }
        for item in GuideCatalog.weeklyReviews {
            lines.append("- **\(escape(item.text))**: " + escape(plain.reviewLine(item, review)))
        }
        if !review.overEngineering.isEmpty {
            lines += ["", "## Over-engineered", "", escape(GuideCatalog.reminder), ""]
            lines += review.overEngineering.map { "- " + escape(Wording.overEngineering($0)) }
        }
        lines += spikeLines(review.trends)
        return MarkdownSink.finish(lines.joined(separator: "\n") + "\n")
    }

    /// "8 snapshots in trends, 2026-09-07 to 2026-10-26, usually 7 days apart".
    static func seriesSummary(_ timeline: Timeline) -> String {
        String(TextReport(style: Style(enabled: false)).seriesLine(timeline).drop { $0 == " " })
    }

    static func spikeLines(_ analysis: TrendAnalysis) -> [String] {
        guard !analysis.spikes.isEmpty else { return [] }
        return ["", "## Traffic spike", ""]
            + analysis.spikes.map { "- " + escape(Wording.spike($0, rule: analysis.options.spike, timed: analysis.timeline.isTimed)) }
    }
}
