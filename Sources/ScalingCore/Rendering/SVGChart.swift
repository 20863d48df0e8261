#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A chart of one metric over time, as plain numbers: what `SVGChart` draws, and what tests check its geometry against.
///
/// x is Unix seconds (or the row number, from 0, when the series has no timestamps); y is the value in the field's
/// unit (rates as fractions).
public struct ChartModel: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public let x: Double
        public let y: Double
    }

    /// A horizontal reference line across the plot.
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            /// A threshold in force (the guide's, or the policy's): crossing it is a finding.
            case threshold
            /// The stage signal's next rule: reaching it moves the app up a stage.
            case nextStage = "next-stage"
            /// The top of the stage's cost band.
            case band
            /// The stage rule or "When:" trigger the latest value meets: what set the stage (users ≥ 1,000) or a
            /// trigger beside it (100 daily active users).
            case met
        }

        public let kind: Kind
        public let value: Double
        /// "response-time > 500 ms", "scale: users ≥ 50,000".
        public let label: String
    }

    /// An axis tick: where it is, in the axis's units, and what it says.
    public struct Tick: Sendable, Equatable {
        public let value: Double
        public let label: String
    }

    /// An axis: the range it maps onto the plot, its ticks and its title (with the unit).
    public struct Axis: Sendable, Equatable {
        public let low: Double
        public let high: Double
        public let ticks: [Tick]
        public let title: String
    }

    public let field: SnapshotField
    public let title: String
    /// The snapshots' values, oldest first.
    public let points: [Point]
    /// The fitted line over the snapshots' span, drawn faintly so the forecast reads as its continuation; empty
    /// without a forecast.
    public let fitted: [Point]
    /// The fitted line carried past the latest snapshot to the forecast crossing (or the horizon); empty without a crossing.
    public let forecast: [Point]
    /// Reference lines within the value axis.
    public let lines: [Line]
    /// Reference lines far beyond the data (a next stage at 10× the latest value): drawn as an arrow with its value at
    /// the plot's top (or bottom) edge, so they do not flatten the series against the axis.
    public var offscale: [Line] = []
    public let x: Axis
    public let y: Axis
    /// How many points the series has when `points` is a sample of them (see ``Downsample``); nil when drawn whole.
    public var sampledFrom: Int? = nil
}

/// Where a chart's plot sits in its SVG view box, and how values map onto it.
public struct ChartFrame: Sendable, Equatable {
    public let width: Double
    public let height: Double
    public let left: Double
    public let right: Double
    public let top: Double
    public let bottom: Double

    /// 600 × 300 user units; the SVG scales to its container through its view box.
    public static let standard = ChartFrame(width: 600, height: 300, left: 84, right: 16, top: 16, bottom: 56)

    public var plotWidth: Double { width - left - right }
    public var plotHeight: Double { height - top - bottom }

    /// The SVG x of a value on `axis`: `left` at `axis.low`, `width - right` at `axis.high`.
    public func x(_ value: Double, on axis: ChartModel.Axis) -> Double {
        left + (value - axis.low) / (axis.high - axis.low) * plotWidth
    }

    /// The SVG y of a value on `axis`: the bottom of the plot at `axis.low`, `top` at `axis.high` (SVG's y grows down).
    public func y(_ value: Double, on axis: ChartModel.Axis) -> Double {
        top + (axis.high - value) / (axis.high - axis.low) * plotHeight
    }
}

/// Builds the report's charts from advice: one per key metric with two or more points.
public enum ChartBuilder {
    /// The metrics the HTML report charts, in order.
    public static let fields: [SnapshotField] = [
        .users, .dailyActiveUsers, .mrr, .requestsPerMonth, .responseP95Ms, .errorRate, .cacheHitRate, .dbCPU, .monthlyCost,
    ]

    /// Samples along the forecast's fitted curve (a compound fit bends).
    static let forecastSamples = 16

    /// The charts for `advice`, in `fields` order; empty for a single snapshot.
    public static func charts(for advice: Advice) -> [ChartModel] {
        guard let trends = advice.trends else { return [] }
        return fields.compactMap { field in
            guard let trend = trends.trend(field), trend.count >= 2 else { return nil }
            return chart(trend, lines: lines(for: field, advice: advice), forecastEnd: forecastEnd(trend, trends: trends))
        }
    }

    /// The reference lines for a field: thresholds in force, the next stage's rule, the cost band's top.
    static func lines(for field: SnapshotField, advice: Advice) -> [ChartModel.Line] {
        var lines: [ChartModel.Line] = []
        // The chart is of the field: a stage line says its stage and limit, "growth trigger: ≥ 100 (met)".
        func short(_ rule: StageSignal.Rule) -> String { "\(rule.comparison.rawValue) \(Wording.value(rule.value, field))" }
        for verdict in advice.verdicts where verdict.threshold.metric.field == field {
            for level in verdict.threshold.levels {
                let value: Double?
                switch level.limit {
                case .fixed(let number): value = number
                case .field(let other): value = advice.snapshot[other]
                }
                guard let value else { continue }
                let label = "\(verdict.threshold.id) \(verdict.threshold.comparison.rawValue) \(Wording.value(value, field))"
                lines.append(ChartModel.Line(kind: .threshold, value: value, label: label))
            }
        }
        // What set the stage, and the "When:" triggers met: the line the data crossed.
        for reading in advice.assessment.deciding where reading.field == field {
            guard let rule = reading.rule else { continue }
            lines.append(ChartModel.Line(kind: .met, value: rule.value, label: "\(rule.stage.rawValue): \(short(rule)) (met)"))
        }
        for trigger in advice.assessment.triggersAbove where trigger.field == field {
            let rule = trigger.trigger.rule
            guard !lines.contains(where: { $0.kind == .met && $0.value == rule.value }) else { continue }
            lines.append(
                ChartModel.Line(kind: .met, value: rule.value, label: "\(rule.stage.rawValue) trigger: \(short(rule)) (met)"))
        }
        for distance in advice.assessment.distances where distance.field == field {
            lines.append(
                ChartModel.Line(
                    kind: .nextStage, value: distance.rule.value,
                    label: "\(distance.rule.stage.rawValue): \(short(distance.rule))"))
        }
        // Under the decision tree, a "When:" trigger still to reach is a line of its own, named as a trigger.
        for distance in advice.assessment.triggersToReach where distance.field == field {
            lines.append(
                ChartModel.Line(
                    kind: .nextStage, value: distance.rule.value,
                    label: "\(distance.rule.stage.rawValue) trigger: \(short(distance.rule))"))
        }
        if field == .monthlyCost {
            let band = advice.cost.band
            lines.append(ChartModel.Line(kind: .band, value: band.high, label: "\(advice.stage.rawValue) band top \(band.label)"))
        }
        return lines
    }

    /// When the dashed forecast stops: the soonest crossing of the metric, or the horizon if that comes first;
    /// nil when the metric crosses nothing.
    static func forecastEnd(_ trend: MetricTrend, trends: TrendAnalysis) -> Double? {
        guard let now = trends.now else { return nil }
        let crossings = trends.forecasts.compactMap { forecast -> Double? in
            guard forecast.target.field == trend.field, case .crossing(let date, _, _) = forecast.outcome else { return nil }
            return date
        }
        guard let soonest = crossings.min() else { return nil }
        let end = min(soonest, now + trends.options.horizon)
        return end > now ? end : nil
    }

    /// The chart of one trend, with its reference lines and, given `forecastEnd`, the fitted line carried to it.
    public static func chart(_ trend: MetricTrend, lines: [ChartModel.Line], forecastEnd: Double?) -> ChartModel {
        let xs = trend.times ?? trend.values.indices.map(Double.init)
        let kept = Downsample.indices(xs: xs, ys: trend.values, levels: lines.map(\.value))
        let points = kept.map { ChartModel.Point(x: xs[$0], y: trend.values[$0]) }
        var fitted: [ChartModel.Point] = []
        var forecast: [ChartModel.Point] = []
        if let end = forecastEnd, let fit = trend.fit, let origin = trend.origin, let times = trend.times, end > times.last! {
            // The fit's own line: a compound fit is a straight line in the logarithm, a curve in the value.
            func curve(from start: Double, to end: Double) -> [ChartModel.Point] {
                (0...forecastSamples).map { step in
                    let time = start + (end - start) * Double(step) / Double(forecastSamples)
                    let line = fit.value(at: (time - origin) / TimelineRules.day)
                    return ChartModel.Point(x: time, y: trend.model == .compound ? exp(line) : line)
                }
            }
            fitted = curve(from: times.first!, to: times.last!)
            forecast = curve(from: times.last!, to: end)
        }
        let kind = trend.field.spec.kind
        // The sample keeps the first and the latest point and each column's lowest and highest, so its extremes are the
        // series' (whose times never decrease): found without reading millions of points again.
        let data = Extremes(points.map(\.y))!.including(fitted.map(\.y) + forecast.map(\.y))
        let near = lines.filter { isNear($0.value, data: data) }
        let ys = data.including(near.map(\.value))
        let y = valueAxis(low: ys.low, high: ys.high, kind: kind, title: axisTitle(trend.field))
        let allX = Extremes(points.map(\.x))!.including(forecast.map(\.x))
        let x = trend.times == nil ? rowAxis(count: xs.count) : timeAxis(low: allX.low, high: allX.high)
        var model = ChartModel(
            field: trend.field, title: trend.field.spec.label, points: points, fitted: fitted, forecast: forecast, lines: near, x: x,
            y: y)
        model.offscale = lines.filter { !isNear($0.value, data: data) }
        model.sampledFrom = kept.count < xs.count ? xs.count : nil
        return model
    }

    /// The least share of the value axis the data keeps: a line that would squeeze it below is drawn off the scale.
    static let dataShareOfAxis = 0.4

    /// Whether a reference line at `value` fits on an axis where `data` still takes ``dataShareOfAxis`` of the height.
    static func isNear(_ value: Double, data: Extremes) -> Bool {
        let (low, high) = (data.low, data.high)
        if value >= low && value <= high { return true }
        // The axis starts at zero when zero is near the data, as ``valueAxis`` does.
        let base = low >= 0 && low <= high / 2 ? 0 : low
        // Data all at zero (a cost of $0) has no height to squeeze: any line may share its axis.
        guard high > base || high != 0 else { return true }
        let span = max(high - base, abs(high) * 0.1)
        if value > high { return value - base <= span / dataShareOfAxis }
        return high - value <= max(high - low, abs(high) * 0.1, 1e-9) / dataShareOfAxis
    }

    // MARK: Axes

    /// "p95 response time (ms)", "MRR ($)", "error rate (%)".
    static func axisTitle(_ field: SnapshotField) -> String {
        let unit: String? =
            switch field.spec.kind {
            case .money: "$"
            case .fraction: "%"
            case .milliseconds: "ms"
            case .gigabytes: "GB"
            default: nil
            }
        return field.spec.label + (unit.map { " (\($0))" } ?? "")
    }

    /// A step of 1, 2, 2.5 or 5 times a power of ten giving about `count` intervals over `span`.
    static func niceStep(_ span: Double, intervals count: Double = 4) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / count
        let power = pow(10, (log10(raw)).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        return step
    }

    /// A value axis with round ticks; from zero when zero is near the data (counts, money), else around the data.
    static func valueAxis(low: Double, high: Double, kind: QuantityKind, title: String) -> ChartModel.Axis {
        var low = low
        var high = high
        if low >= 0 && low <= high / 2 { low = 0 }
        if high == low {
            let pad = high == 0 ? 1 : abs(high) * 0.1
            low = max(low - pad, low >= 0 ? 0 : low - pad)
            high += pad
        }
        let step = niceStep(high - low)
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        var ticks: [ChartModel.Tick] = []
        var value = first
        while value <= last + step / 1_000 {
            ticks.append(ChartModel.Tick(value: value, label: tickLabel(value, kind: kind)))
            value = first + step * Double(ticks.count)
        }
        return ChartModel.Axis(low: first, high: max(last, ticks.last!.value), ticks: ticks, title: title)
    }

    /// A time axis from the first snapshot to the latest (or the forecast's end), with a tick every round span: minutes
    /// or hours for a capture, days or weeks for a history, months for years of it; labels say as much as the step
    /// needs ("14:30", "Sep 7", "Sep 2026").
    static func timeAxis(low: Double, high: Double) -> ChartModel.Axis {
        let day = TimelineRules.day
        let span = max(high - low, 60)
        let pad = span * 0.03
        let steps: [Double] =
            [60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200]
            + [1, 2, 3, 4, 7, 14, 21, 28, 56, 91, 182, 364, 728].map { $0 * day }
        let step = steps.first { span / $0 <= 5 } ?? (span / day / 5).rounded(.up) * day
        let unit = step < day ? step : day
        var ticks: [ChartModel.Tick] = []
        var value = (low / unit).rounded(.down) * unit
        while value <= high + 1 {
            if value >= low - 1 { ticks.append(ChartModel.Tick(value: value, label: dateLabel(value, step: step))) }
            value += step
        }
        let firstYear = Timestamp.formatDate(low).prefix(4)
        let lastYear = Timestamp.formatDate(high).prefix(4)
        var title = "date (" + (firstYear == lastYear ? String(firstYear) : "\(firstYear)-\(lastYear)") + ", UTC)"
        if step < day {
            let firstDay = Timestamp.formatDate(low)
            let lastDay = Timestamp.formatDate(high)
            title = "time (" + (firstDay == lastDay ? firstDay : "\(firstDay) to \(lastDay)") + ", UTC)"
        }
        return ChartModel.Axis(low: low - pad, high: low + span + pad, ticks: ticks, title: title)
    }

    /// Rows in file order, for a series without timestamps.
    static func rowAxis(count: Int) -> ChartModel.Axis {
        let every = max(1, (count + 5) / 6)
        let ticks = stride(from: 0, to: count, by: every).map { ChartModel.Tick(value: Double($0), label: "#\($0 + 1)") }
        let pad = max(Double(count - 1), 1) * 0.03
        return ChartModel.Axis(
            low: -pad, high: Double(max(count - 1, 1)) + pad, ticks: ticks, title: "snapshot (file order: no timestamps)")
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A tick's label for ticks `step` seconds apart: "14:30" below a day, "Sep 7" up to a quarter, "Sep 2026" beyond.
    static func dateLabel(_ time: Double, step: Double = TimelineRules.day) -> String {
        if step < TimelineRules.day { return String(clock(time).prefix(5)) }
        let date = Timestamp.formatDate(time)
        let parts = date.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return date }
        return step > 91 * TimelineRules.day ? "\(monthNames[month - 1]) \(parts[0])" : "\(monthNames[month - 1]) \(day)"
    }

    /// When a point was taken, as precisely as the series' spacing needs: a date for daily or weekly data, the minute
    /// for a capture (never the full ISO time of a weekly row).
    static func pointTime(_ time: Double, spacing: Double?) -> String {
        guard let spacing, spacing < TimelineRules.day else { return Timestamp.formatDate(time) }
        return Timestamp.formatDate(time) + " " + String(clock(time).prefix(spacing < 60 ? 8 : 5)) + " UTC"
    }

    /// "14:30:05" of a time (empty outside the formattable range).
    static func clock(_ time: Double) -> String {
        let parts = Timestamp.format(time).split(separator: "T")
        return parts.count == 2 ? String(parts[1].dropLast()) : ""
    }

    /// A short tick label: `50k`, `$2.5k`, `80%`, `500`.
    static func tickLabel(_ value: Double, kind: QuantityKind) -> String {
        func compact(_ value: Double) -> String {
            let magnitude = abs(value)
            if magnitude >= 1e9 { return Quantity.trimmedDecimal(value / 1e9, maxDecimals: 2) + "B" }
            if magnitude >= 1e6 { return Quantity.trimmedDecimal(value / 1e6, maxDecimals: 2) + "M" }
            if magnitude >= 1e4 { return Quantity.trimmedDecimal(value / 1e3, maxDecimals: 1) + "k" }
            return Quantity.grouped(value, decimals: value.rounded() == value ? 0 : 2)
        }
        switch kind {
        case .money: return (value < 0 ? "-$" : "$") + compact(abs(value))
        case .fraction: return Quantity.trimmedDecimal(value * 100, maxDecimals: 2) + "%"
        default: return compact(value)
        }
    }
}

/// Draws a `ChartModel` as an inline SVG: no script, no external reference, text escaped.
public enum SVGChart {
    static let colors: [ChartModel.Line.Kind: String] = [
        .threshold: "#c2410c", .nextStage: "#15803d", .band: "#7c3aed", .met: "#0f766e",
    ]
    static let seriesColor = "#2563eb"
    static let fitColor = "#93c5fd"

    /// Coordinates with at most two decimals.
    static func number(_ value: Double) -> String { Quantity.trimmedDecimal(value, maxDecimals: 2) }

    public static func render(_ model: ChartModel, frame: ChartFrame = .standard, id: String) -> String {
        let e = HTMLReport.escape
        let n = number
        let plotLeft = frame.left
        let plotRight = frame.width - frame.right
        let plotTop = frame.top
        let plotBottom = frame.height - frame.bottom
        var svg: [String] = []
        svg.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(frame.width)) \(n(frame.height))\" "
                + "role=\"img\" aria-labelledby=\"\(id)-title\" data-field=\"\(model.field.rawValue)\" "
                + "data-x-low=\"\(model.x.low)\" data-x-high=\"\(model.x.high)\" data-y-low=\"\(model.y.low)\" data-y-high=\"\(model.y.high)\">"
        )
        svg.append("<title id=\"\(id)-title\">\(e(model.title)) over time</title>")
        svg.append(
            "<rect class=\"plot\" x=\"\(n(plotLeft))\" y=\"\(n(plotTop))\" width=\"\(n(frame.plotWidth))\" height=\"\(n(frame.plotHeight))\" fill=\"#ffffff\" stroke=\"#cbd5e1\"/>"
        )
        // Value axis: grid lines and labels.
        svg.append("<g class=\"y-axis\" font-size=\"14\" fill=\"#475569\" text-anchor=\"end\">")
        for tick in model.y.ticks {
            let y = n(frame.y(tick.value, on: model.y))
            svg.append("<line class=\"grid\" x1=\"\(n(plotLeft))\" x2=\"\(n(plotRight))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#e2e8f0\"/>")
            svg.append("<text x=\"\(n(plotLeft - 6))\" y=\"\(y)\" dy=\"5\">\(e(tick.label))</text>")
        }
        svg.append(
            "<text class=\"axis-title\" transform=\"rotate(-90)\" x=\"\(n(-(plotTop + plotBottom) / 2))\" y=\"16\" text-anchor=\"middle\">\(e(model.y.title))</text>"
        )
        svg.append("</g>")
        // Time axis: ticks and labels.
        svg.append("<g class=\"x-axis\" font-size=\"14\" fill=\"#475569\" text-anchor=\"middle\">")
        for tick in model.x.ticks {
            let x = n(frame.x(tick.value, on: model.x))
            svg.append(
                "<line class=\"tick\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(n(plotBottom))\" y2=\"\(n(plotBottom + 5))\" stroke=\"#94a3b8\"/>")
            svg.append("<text x=\"\(x)\" y=\"\(n(plotBottom + 21))\">\(e(tick.label))</text>")
        }
        svg.append(
            "<text class=\"axis-title\" x=\"\(n((plotLeft + plotRight) / 2))\" y=\"\(n(frame.height - 8))\">\(e(model.x.title))</text>")
        svg.append("</g>")
        // Reference lines, each labelled where its label covers no point and no other label.
        var placed: [LabelBox] = []
        // What a label must not cover: every point, and the lines between them sampled finely enough that no label
        // slips between two samples.
        var obstacles: [(x: Double, y: Double)] = []
        for path in [model.points, model.fitted, model.forecast] {
            let drawn = path.map { (x: frame.x($0.x, on: model.x), y: frame.y($0.y, on: model.y)) }
            obstacles += drawn
            for (from, to) in zip(drawn, drawn.dropFirst()) {
                let samples = Int(min(200, max(1, max(abs(to.x - from.x), abs(to.y - from.y)) / 4)))
                for step in 1..<max(samples, 2) {
                    let t = Double(step) / Double(samples)
                    obstacles.append((x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t))
                }
            }
        }
        for line in model.lines {
            let lineY = frame.y(line.value, on: model.y)
            let color = colors[line.kind]!
            let dash = line.kind == .threshold ? "" : " stroke-dasharray=\"2 3\""
            svg.append(
                "<line class=\"\(line.kind.rawValue)\" x1=\"\(n(plotLeft))\" x2=\"\(n(plotRight))\" y1=\"\(n(lineY))\" y2=\"\(n(lineY))\" "
                    + "stroke=\"\(color)\" stroke-width=\"1.5\"\(dash) data-value=\"\(line.value)\"/>")
            let box = LabelBox.place(
                line.label, lineY: lineY, frame: frame, avoiding: obstacles, placed: placed)
            placed.append(box)
            svg.append(
                "<text class=\"line-label\" x=\"\(n(box.anchorX))\" y=\"\(n(box.baseline))\" font-size=\"13\" fill=\"\(color)\" "
                    + "text-anchor=\"\(box.anchor)\" data-placement=\"\(box.placement)\" stroke=\"#ffffff\" stroke-width=\"4\" "
                    + "paint-order=\"stroke\">\(e(line.label))</text>")
        }
        // Lines far beyond the data: an arrow at the plot's edge, and the line's label and value in the margin.
        let above = model.offscale.filter { $0.value > model.y.high }
        let below = model.offscale.filter { $0.value < model.y.low }
        for (edge, lines) in [("top", above), ("bottom", below)] where !lines.isEmpty {
            let atTop = edge == "top"
            let edgeY = atTop ? plotTop : plotBottom
            let tip = atTop ? edgeY - 7 : edgeY + 7
            let x = plotRight - 10
            let label = lines.map { "\($0.label) \(atTop ? "↑" : "↓")" }.joined(separator: " · ")
            let color = colors[lines[0].kind]!
            svg.append(
                "<g class=\"offscale \(edge)\" data-values=\"\(lines.map { "\($0.value)" }.joined(separator: " "))\" fill=\"\(color)\">"
                    + "<path d=\"M\(n(x - 5)),\(n(edgeY)) L\(n(x + 5)),\(n(edgeY)) L\(n(x)),\(n(tip)) Z\"/>"
                    + "<text class=\"line-label\" x=\"\(n(x - 9))\" y=\"\(n(atTop ? edgeY - 3 : edgeY + 14))\" font-size=\"12\" "
                    + "text-anchor=\"end\">\(e(label))</text></g>")
        }
        // The fit, faint, and the forecast: the fitted line carried forward, dashed.
        func path(_ points: [ChartModel.Point]) -> String {
            points.enumerated().map { index, point in
                "\(index == 0 ? "M" : "L")\(n(frame.x(point.x, on: model.x))),\(n(frame.y(point.y, on: model.y)))"
            }.joined(separator: " ")
        }
        if !model.fitted.isEmpty {
            svg.append("<path class=\"fit\" d=\"\(path(model.fitted))\" fill=\"none\" stroke=\"\(fitColor)\" stroke-width=\"1.5\"/>")
        }
        if !model.forecast.isEmpty {
            svg.append(
                "<path class=\"forecast\" d=\"\(path(model.forecast))\" fill=\"none\" stroke=\"\(seriesColor)\" stroke-width=\"2\" "
                    + "stroke-dasharray=\"6 4\"/>")
        }
        // The series: a line through the points, and a dot per snapshot with its value as a tooltip.
        let polyline = model.points.map { "\(n(frame.x($0.x, on: model.x))),\(n(frame.y($0.y, on: model.y)))" }.joined(separator: " ")
        svg.append("<polyline class=\"series\" points=\"\(polyline)\" fill=\"none\" stroke=\"\(seriesColor)\" stroke-width=\"2\"/>")
        let timed = !model.x.title.hasPrefix("snapshot")
        let gaps = zip(model.points.dropFirst(), model.points).map { $0.x - $1.x }.filter { $0 > 0 }.sorted()
        let spacing = gaps.isEmpty ? nil : gaps[gaps.count / 2]
        for point in model.points where model.sampledFrom == nil || point == model.points.first || point == model.points.last {
            let when = timed ? ChartBuilder.pointTime(point.x, spacing: spacing) : "#\(Int(point.x) + 1)"
            svg.append(
                "<circle class=\"point\" cx=\"\(n(frame.x(point.x, on: model.x)))\" cy=\"\(n(frame.y(point.y, on: model.y)))\" r=\"3.5\" "
                    + "fill=\"\(seriesColor)\" data-x=\"\(point.x)\" data-y=\"\(point.y)\"><title>\(e(when)): \(e(Wording.value(point.y, model.field)))</title></circle>"
            )
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}

/// Where a reference line's label goes: at the right or left end of the line, above or below it, wherever it covers
/// no point of the series, fit or forecast and no label placed before it.
struct LabelBox: Equatable {
    let left: Double
    let right: Double
    let top: Double
    let bottom: Double
    let anchorX: Double
    let baseline: Double
    let anchor: String
    let placement: String

    /// The width of a label's character, generous: the phone stylesheet draws labels at 17 units.
    static let characterWidth = 9.5
    /// A label's height above its baseline, and below it.
    static let ascent = 14.0
    static let descent = 4.0
    /// The clearance kept around a point (its radius and a little).
    static let pointClearance = 5.0

    func overlaps(_ other: LabelBox) -> Bool {
        left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }

    func covers(x: Double, y: Double) -> Bool {
        x > left - Self.pointClearance && x < right + Self.pointClearance && y > top - Self.pointClearance
            && y < bottom + Self.pointClearance
    }

    static func place(
        _ label: String, lineY: Double, frame: ChartFrame, avoiding points: [(x: Double, y: Double)], placed: [LabelBox]
    ) -> LabelBox {
        let width = Double(label.count) * characterWidth
        let plotRight = frame.width - frame.right
        let plotLeft = frame.left
        var candidates: [LabelBox] = []
        for above in [true, false] {
            let baseline = above ? lineY - 5 : lineY + ascent + 3
            for right in [true, false] {
                let anchorX = right ? plotRight - 4 : plotLeft + 4
                let left = right ? anchorX - width : anchorX
                candidates.append(
                    LabelBox(
                        left: left, right: left + width, top: baseline - ascent, bottom: baseline + descent, anchorX: anchorX,
                        baseline: baseline, anchor: right ? "end" : "start",
                        placement: (right ? "right" : "left") + (above ? "-above" : "-below")))
            }
        }
        // Inside the plot first; the first clear candidate wins, else the one covering the fewest points.
        func cost(_ box: LabelBox) -> Int {
            let inside = box.top >= frame.top && box.bottom <= frame.height - frame.bottom ? 0 : 1
            return points.filter { box.covers(x: $0.x, y: $0.y) }.count * 10 + placed.filter(box.overlaps).count * 10 + inside
        }
        return candidates.enumerated().min { (cost($0.element), $0.offset) < (cost($1.element), $1.offset) }!.element
    }
}
