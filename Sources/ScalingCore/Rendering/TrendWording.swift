/// Shared phrasing of trends, forecasts, spikes and what-ifs, so every output format says the same thing.
extension Wording {
    /// The eight block heights of a sparkline, lowest first.
    static let sparkBlocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A Unicode sparkline of `values`, at most `width` characters: longer series are averaged into buckets.
    static func sparkline(_ values: [Double], width: Int = 24) -> String {
        guard !values.isEmpty else { return "" }
        var points = values
        if values.count > width {
            points = (0..<width).map { bucket in
                let start = bucket * values.count / width
                let end = max((bucket + 1) * values.count / width, start + 1)
                return values[start..<end].reduce(0, +) / Double(end - start)
            }
        }
        let low = points.min()!
        let high = points.max()!
        guard high > low else { return String(repeating: sparkBlocks[3], count: points.count) }
        return String(
            points.map { value in
                sparkBlocks[min(Int((value - low) / (high - low) * Double(sparkBlocks.count - 1) + 0.5), sparkBlocks.count - 1)]
            })
    }

    /// "+18.2%" for a compound rate, "+12.5 ms", "+0.1 pp", "+$5" or "+120" for a linear one.
    static func change(_ value: Double, model: GrowthModel, field: SnapshotField) -> String {
        let sign = value > 0 ? "+" : (value < 0 ? "-" : "±")
        let magnitude = abs(value)
        if model == .compound {
            // Past a million percent the figure says nothing more (and exp() soon overflows to infinity).
            guard magnitude < 10_000 else { return "over " + sign + "1,000,000%" }
            let percent = magnitude * 100
            return sign + (percent >= 1_000 ? Quantity.grouped(percent, decimals: 0) : Quantity.trimmedDecimal(percent, maxDecimals: 1))
                + "%"
        }
        switch field.spec.kind {
        case .fraction: return sign + Quantity.groupedTrimmed(magnitude * 100, maxDecimals: 2) + " pp"
        case .count: return sign + Quantity.grouped(magnitude, decimals: magnitude < 10 ? 1 : 0)
        case .milliseconds where magnitude >= 10_000: return sign + Quantity.grouped(magnitude, decimals: 0) + " ms"
        default: return sign + Quantity.format(magnitude, as: field.spec.kind)
        }
    }

    /// "+18.2%/week, +104.5%/month" or "growth per week unknown (no timestamps)".
    static func growth(_ trend: MetricTrend) -> String {
        guard let week = trend.changePerWeek, let month = trend.changePerMonth else {
            return trend.times == nil ? "per week unknown (no timestamps)" : "—"
        }
        return
            "\(change(week, model: trend.model, field: trend.field))/week, \(change(month, model: trend.model, field: trend.field))/month"
    }

    /// "log fit, 8 points, R² 0.998", "2 points: an exact line, no measure of fit".
    static func fit(_ trend: MetricTrend) -> String {
        let model = trend.model == .compound ? "log fit" : "linear fit"
        guard let fit = trend.fit else { return trend.count < 2 ? "1 point: no trend" : "no fit" }
        if fit.count == 2 { return "\(model), 2 points: an exact line, no measure of fit" }
        let points = Quantity.format(Double(fit.count), as: .count)
        guard let r2 = fit.rSquared else { return "\(model), \(points) points, constant" }
        return "\(model), \(points) points, R² \(Quantity.fixed(r2, decimals: 3))"
    }

    /// "rising (worse)", "falling (better)", "flat".
    static func direction(_ trend: MetricTrend) -> String {
        guard let improving = trend.isImproving else { return trend.direction.rawValue }
        return "\(trend.direction.rawValue) (\(improving ? "better" : "worse"))"
    }

    /// "users ≥ 50,000" for a forecast's target.
    static func target(_ forecast: Forecast) -> String {
        let field = forecast.target.field
        let limit: String
        if let number = forecast.limit {
            limit = value(number, field)
        } else if case .field(let other) = forecast.target.limit {
            limit = other.rawValue
        } else {
            limit = "—"
        }
        return "\(field.rawValue) \(forecast.target.comparison.rawValue) \(limit)"
    }

    /// What a target is: "next stage: scale (When: $10K+ MRR)", "plan limit: …", "threshold (warning): …".
    static func targetKind(_ target: ForecastTarget) -> String {
        switch target.kind {
        case .nextStage(let stage): "\(stage.rawValue): \(target.label)"
        case .planLimit: "plan limit: \(target.label)"
        case .threshold(let severity): "\(severity.rawValue): \(target.label)"
        }
    }

    /// "in 12 days" / "today".
    static func daysFrom(_ now: Double, to date: Double) -> String {
        // Calendar days, so "in N days" agrees with the date printed beside it.
        // In Doubles: a day count needs no Int, so no date can trap here.
        let days = (date / TimelineRules.day).rounded(.down) - (now / TimelineRules.day).rounded(.down)
        guard days.isFinite else { return "at an unknown time" }
        return days <= 0 ? "now" : "in \(Quantity.groupedTrimmed(days, maxDecimals: 0)) day\(days == 1 ? "" : "s")"
    }

    /// "2026-12-24 (in 59 days; 95% range 2026-12-18 to 2027-01-02)", "already reached", or why not.
    static func outcome(_ forecast: Forecast, now: Double?) -> String {
        switch forecast.outcome {
        case .reached: return "already reached"
        case .notAtCurrentGrowth(let reason): return "not at current growth (\(reason))"
        case .unavailable(let reason): return "no forecast: \(reason)"
        case .crossing(let date, let earliest, let latest):
            var text = Timestamp.formatDate(date)
            var details: [String] = []
            if let now { details.append(daysFrom(now, to: date)) }
            switch (earliest, latest) {
            case let (early?, late?) where Timestamp.formatDate(early) == Timestamp.formatDate(late):
                // The 95% range falls within the day: many points on a tight line, or a line through them exactly.
                details.append("95% range within the day")
            case let (early?, late?):
                details.append("95% range \(Timestamp.formatDate(early)) to \(Timestamp.formatDate(late))")
            case let (early?, nil):
                details.append("95% range from \(Timestamp.formatDate(early)) to not within \(TrendCatalog.forecastReachYears) years")
            default: break
            }
            if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
            return text
        }
    }

    /// One sentence per timeline note.
    static func note(_ note: TimelineNote) -> String {
        switch note {
        case .sorted(let rows):
            return "\(rows) row\(rows == 1 ? " was" : "s were") out of time order; the series is sorted by timestamp"
        case .duplicateTimestamp(let time, let lines):
            let where_ = lines.isEmpty ? "" : " (lines \(lines.map(String.init).joined(separator: ", ")))"
            return "\(lines.count > 0 ? lines.count : 2) rows share the timestamp \(Timestamp.format(time))\(where_); the last is used"
        case .gap(let from, let to, let usual):
            return "gap of \(TimeSpan.format(to - from)) between \(Timestamp.formatDate(from)) and \(Timestamp.formatDate(to)) "
                + "(snapshots are usually \(TimeSpan.format(usual)) apart)"
        case .untimed(let rows):
            return "none of the \(rows) snapshots has a timestamp: file order is used, and growth per week cannot be known"
        case .partlyUntimed(let rows, let line):
            return "\(rows) snapshot\(rows == 1 ? " has" : "s have") no timestamp\(line.map { " (first on line \($0))" } ?? ""); "
                + "left out of trends"
        }
    }

    /// "daily_active_users 1,800 is 4× the median 450 of the previous 7 days".
    static func spike(_ spike: Spike, rule: SpikeRule, timed: Bool) -> String {
        let window = timed ? "of the previous \(TimeSpan.format(rule.window))" : "of the previous \(spike.baselineCount) snapshots"
        return "\(spike.field.rawValue) \(value(spike.latest, spike.field)) is \(Quantity.trimmedDecimal(spike.ratio, maxDecimals: 1))× "
            + "the median \(value(spike.baseline, spike.field)) \(window) (the alarm is at \(Quantity.trimmedDecimal(rule.factor, maxDecimals: 2))×)"
    }
}
