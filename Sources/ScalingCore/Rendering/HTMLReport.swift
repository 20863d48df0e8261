/// Renders advice as one self-contained HTML page: no script, no font or image fetched, a strict Content-Security-Policy,
/// charts as inline SVG, and every piece of text from the input escaped.
///
/// The page is well-formed XML as well as HTML (void elements closed, only XML's own entities), so tests can read it
/// with an XML parser. Phrasing comes from `Wording`, as in the text and Markdown reports.
public enum HTMLReport {
    /// The page's Content-Security-Policy: nothing may load; inline styles and `data:` images only.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// Escapes text for HTML element content and quoted attribute values.
    ///
    /// `&`, `<`, `>`, `"` and `'` become references; control, bidi-format and noncharacter code points become
    /// visible escapes (`\u{1b}`), as in the terminal reports, so nothing from the input can open a tag, end an attribute or
    /// reorder what is shown.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in sanitizedForTerminal(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // U+FFFE, U+FFFF and the other noncharacters are not allowed in XML, which the page also is.
            case _ where scalar.properties.isNoncharacterCodePoint: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The whole page for `advice`.
    public static func advice(_ advice: Advice) -> String {
        let e = escape
        let source = advice.series.source
        var body: [String] = []
        var subtitle = ["\(advice.series.count) snapshot\(advice.series.count == 1 ? "" : "s")"]
        if let time = advice.snapshot.timestamp { subtitle.append("latest " + moment(time, advice)) }
        subtitle.append("scalectl \(CommandTable.version)")
        body.append("<header><h1>Scaling report: <span class=\"source\">\(e(source))</span></h1>")
        body.append("<p class=\"meta\">\(e(subtitle.joined(separator: " · ")))</p></header>")
        body += whatIfSection(advice.whatIf)
        body += emergencySection(advice)
        body += actionSection(advice)
        body += stageSection(advice)
        body += findingsSection(advice)
        body += chartsSection(advice)
        body += preparationSection(advice)
        body += nextStepsSection(advice)
        body += checklistSection(advice)
        body += costSection(advice.cost)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="generator" content="scalectl \(CommandTable.version)"/>
            <title>Scaling report: \(e(source))</title>
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    // MARK: Sections

    static func whatIfSection(_ comparison: WhatIfComparison?) -> [String] {
        guard let comparison else { return [] }
        let e = escape
        var lines = ["<section id=\"what-if\" class=\"callout\"><h2>What if</h2><p>Everything below is about the changed snapshot.</p><ul>"]
        for change in comparison.fields {
            let before = change.before.map { Wording.value($0, change.field) } ?? "not reported"
            lines.append(
                "<li>\(change.field.rawValue): \(e(before)) → \(e(Wording.value(change.after, change.field))) (<code>\(e(change.text))</code>)</li>"
            )
        }
        let stage =
            comparison.stageChanged
            ? "\(comparison.stageBefore?.rawValue ?? "no stage signal") → <strong>\(comparison.stageAfterName)</strong>"
            : "\(comparison.stageAfterName) (unchanged)"
        lines.append("<li>Stage: \(stage)</li>")
        for verdict in comparison.newBreaches { lines.append("<li>New breach: \(e(verdict.threshold.id))</li>") }
        for verdict in comparison.clearedBreaches { lines.append("<li>Cleared: \(e(verdict.threshold.id))</li>") }
        lines.append("</ul></section>")
        return lines
    }

    static func emergencySection(_ advice: Advice) -> [String] {
        guard let emergency = advice.emergency else { return [] }
        let timed = advice.trends?.timeline.isTimed ?? false
        var lines = ["<section id=\"emergency\" class=\"callout critical\"><h2>Emergency scaling</h2>"]
        lines += emergency.spikes.map { "<p><strong>Why:</strong> \(escape(Wording.spike($0, rule: emergency.rule, timed: timed))).</p>" }
        lines.append("<ol>" + emergency.playbook.steps.map { "<li>\(escape($0.title))</li>" }.joined() + "</ol></section>")
        return lines
    }

    static func stageSection(_ advice: Advice) -> [String] {
        let e = escape
        let assessment = advice.assessment
        let profile = GuideCatalog.profile(for: advice.stage)
        var lines = ["<section id=\"stage\"><h2>\(e(Wording.stageTitle(advice.stage)))</h2>"]
        lines.append("<p class=\"meta\">\(e(profile.users.label)) users · \(e(profile.cost.label))</p>")
        lines.append("<ol class=\"ladder\">")
        for stage in Stage.allCases {
            let other = GuideCatalog.profile(for: stage)
            let state = stage == advice.stage ? "current" : (stage < advice.stage ? "past" : "ahead")
            let here = stage == advice.stage ? " aria-current=\"step\"" : ""
            lines.append(
                "<li class=\"\(state)\"\(here)><span class=\"number\">\(stage.number)</span> <strong>\(e(other.name))</strong>"
                    + "<small>\(e(other.users.label)) users · \(e(other.cost.label))</small></li>")
        }
        lines.append("</ol>")
        lines.append("<p><strong>Why:</strong> \(e(Wording.why(assessment)))</p>")
        for line in Wording.carriedSignals(assessment, current: advice.current) {
            lines.append("<p><strong>Not the newest:</strong> \(e(line))</p>")
        }
        for trigger in assessment.triggersAbove {
            lines.append("<p><strong>Trigger:</strong> \(e(Wording.trigger(trigger, stage: advice.stage, decision: advice.decision)))</p>")
        }
        if assessment.beyondGuide {
            lines.append("<p class=\"warning\">\(e(Wording.beyondGuide))</p>")
        }
        if let decision = advice.decision {
            lines.append("<p><strong>Decision tree:</strong> \(e(decision.condition)) → \(e(decision.advice))</p>")
        }
        if let next = advice.stage.next, !assessment.distances.isEmpty {
            lines.append("<h3>Distance to \(e(next.name))</h3>")
            lines.append(
                "<div class=\"table\"><table class=\"distances\"><thead><tr><th>Signal</th><th>Now</th><th>Rule</th><th>Still needed</th><th>Progress</th></tr></thead><tbody>"
            )
            for distance in assessment.distances {
                let field = distance.field
                let share = distance.rule.value > 0 ? min(max(distance.current / distance.rule.value, 0), 1) : 0
                let reaches = distance.rule.stage > next ? " (reaches \(distance.rule.stage.rawValue))" : ""
                lines.append(
                    "<tr><td>\(field.rawValue)</td><td>\(e(Wording.value(distance.current, field)))</td>"
                        + "<td>\(e(Wording.rule(distance.rule, field)))\(e(reaches))</td><td>\(e(Wording.distance(distance)))</td>"
                        + "<td><meter min=\"0\" max=\"1\" value=\"\(Quantity.trimmedDecimal(share, maxDecimals: 4))\">"
                        + "\(Quantity.trimmedDecimal(share * 100, maxDecimals: 0))%</meter></td></tr>")
            }
            lines.append("</tbody></table></div>")
        } else if advice.stage.next == nil {
            lines.append("<p>Enterprise is the guide's last stage.</p>")
        }
        lines.append("</section>")
        return lines
    }

    /// The action plan, first: what each action answers and the step that fixes it.
    static func actionSection(_ advice: Advice) -> [String] {
        let e = escape
        let plan = advice.actionPlan
        var lines = ["<section id=\"actions\"><h2>\(e(Wording.actionsHeading(plan)))</h2>"]
        guard !plan.actions.isEmpty else { return lines + ["</section>"] }
        lines.append("<ol class=\"actions\">")
        for action in plan.actions {
            let kind = action.kind.rawValue
            var item = "<li class=\"\(kind)\" data-kind=\"\(kind)\">"
            item += e(Wording.answers(action, now: advice.trends?.now)) + "<br/>→ "
            if let step = action.step {
                // A link to the step under Next steps, where it is listed with its details.
                let title = "<strong>\(e(step.title))</strong>"
                item += advice.nextSteps.contains { $0.step.id == step.id } ? "<a href=\"#step-\(e(step.id))\">\(title)</a>" : title
                item += " <code>\(e(step.id))</code>"
                if Wording.saysMore(action) { item += ": " + e(action.why) }
            } else {
                item += e(action.why)
            }
            lines.append(item + "</li>")
        }
        lines.append("</ol></section>")
        return lines
    }

    /// A time as precisely as the series' spacing needs: the date for daily or weekly snapshots, the full time for a
    /// single snapshot or a capture seconds apart.
    static func moment(_ time: Double, _ advice: Advice) -> String {
        guard let spacing = advice.trends?.timeline.usualInterval, spacing >= TimelineRules.day else { return Timestamp.format(time) }
        return Timestamp.formatDate(time)
    }

    static func findingsSection(_ advice: Advice) -> [String] {
        let e = escape
        let breaches = advice.verdictsByUrgency.filter { $0.severity != nil }
        var lines = ["<section id=\"findings\"><h2>Findings</h2>"]
        if advice.verdicts.allSatisfy(\.isUnknown) {
            lines.append("<p class=\"warning\">\(e(Wording.nothingChecked)).</p>")
        } else if breaches.isEmpty {
            lines.append("<p class=\"ok\">No threshold is breached.</p>")
        } else {
            lines.append("<ul class=\"findings\">")
            for verdict in breaches {
                let severity = verdict.severity!.rawValue
                var item =
                    "<li class=\"\(severity)\"><span class=\"badge\">\(severity)</span> <strong>\(e(verdict.threshold.id))</strong>: "
                item += "\(e(Wording.value(of: verdict))), limit \(e(Wording.limit(verdict)))"
                if let history = Wording.history(of: verdict, time: { moment($0, advice) }) { item += " (\(e(history)))" }
                item += "<br/>→ \(e(verdict.threshold.action))</li>"
                lines.append(item)
            }
            lines.append("</ul>")
        }
        lines.append(
            "<h3>Every threshold</h3><div class=\"table\"><table class=\"thresholds\"><thead><tr><th>Threshold</th><th>Value</th>"
                + "<th>Limit</th><th>Verdict</th></tr></thead><tbody>")
        for verdict in advice.verdictsByUrgency {
            let status = Wording.status(verdict.status)
            lines.append(
                "<tr><td>\(e(verdict.threshold.id))</td><td>\(e(Wording.value(of: verdict)))</td>"
                    + "<td>\(e(Wording.limit(verdict)))</td><td class=\"verdict \(status)\">\(e(status))</td></tr>")
        }
        lines.append("</tbody></table></div></section>")
        return lines
    }

    /// Why a report has no charts, or nil when it has some.
    static func noChartsReason(_ advice: Advice, charts: [ChartModel]) -> String? {
        guard charts.isEmpty else { return nil }
        guard advice.trends != nil else {
            return "the input holds one snapshot; a chart needs two or more snapshots of a metric"
        }
        return "none of the charted metrics ("
            + ChartBuilder.fields.map(\.rawValue).joined(separator: ", ") + ") has two or more values in the input"
    }

    static func chartsSection(_ advice: Advice) -> [String] {
        let e = escape
        let charts = ChartBuilder.charts(for: advice)
        var lines = ["<section id=\"charts\"><h2>Metrics over time</h2>"]
        if let reason = noChartsReason(advice, charts: charts) {
            lines.append("<p class=\"no-charts\">No charts: \(e(reason)).</p></section>")
            return lines
        }
        if let trends = advice.trends {
            for note in trends.timeline.notes { lines.append("<p class=\"note\">\(e(Wording.note(note)))</p>") }
        }
        lines.append(
            "<p class=\"legend\"><span class=\"key series\">values</span> <span class=\"key fit\">fitted trend</span> "
                + "<span class=\"key forecast\">forecast</span> "
                + "<span class=\"key threshold\">threshold</span> <span class=\"key next-stage\">next stage</span></p>")
        lines.append("<div class=\"charts\">")
        for (index, chart) in charts.enumerated() {
            lines.append("<figure class=\"chart-figure\" id=\"chart-\(chart.field.rawValue)\">")
            lines.append(SVGChart.render(chart, id: "chart-\(index)"))
            lines.append("<figcaption>\(caption(chart, advice: advice))</figcaption></figure>")
        }
        lines.append("</div></section>")
        return lines
    }

    /// "users: 6,100 → 14,100, +12.7%/week, …; forecast: users ≥ 50,000 2027-…".
    static func caption(_ chart: ChartModel, advice: Advice) -> String {
        let e = escape
        guard let trends = advice.trends, let trend = trends.trend(chart.field) else { return e(chart.title) }
        var text = "<strong>\(e(chart.title))</strong>: \(e(Wording.value(trend.first, trend.field))) → "
        text += "\(e(Wording.value(trend.latest, trend.field))), \(e(Wording.growth(trend))), \(e(Wording.direction(trend)))"
        text += " <span class=\"fit\">(\(e(Wording.fit(trend))))</span>"
        if let count = chart.sampledFrom {
            text += "<br/><span class=\"sampled\">Downsampled from \(e(Quantity.format(Double(count), as: .count))) points: "
                + "the lowest and highest of each column, the first and latest, and every crossing of a line.</span>"
        }
        for forecast in trends.forecasts where forecast.target.field == chart.field {
            if case .crossing = forecast.outcome {
                text += "<br/>Forecast: \(e(Wording.target(forecast))) \(e(Wording.outcome(forecast, now: trends.now)))"
            } else if case .reached = forecast.outcome {
                text += "<br/>\(e(Wording.target(forecast))): already reached"
            }
        }
        return text
    }

    static func preparationSection(_ advice: Advice) -> [String] {
        guard let trends = advice.trends, !advice.preparations.isEmpty else { return [] }
        let e = escape
        var lines = [
            "<section id=\"prepare\"><h2>Prepare now</h2><p>\(e(Wording.forecastWithin(trends.options.horizon))):</p><ul>"
        ]
        for item in advice.preparations {
            let what = item.steps.map { "<strong>\(e($0.title))</strong> <code>\(e($0.id))</code>" } + (item.action.map { [e($0)] } ?? [])
            lines.append(
                "<li>\(e(Wording.target(item.forecast))) \(e(Wording.outcome(item.forecast, now: trends.now))): "
                    + what.joined(separator: "; ") + "</li>")
        }
        lines.append("</ul></section>")
        return lines
    }

    static func nextStepsSection(_ advice: Advice) -> [String] {
        let e = escape
        var lines = ["<section id=\"next-steps\"><h2>Next steps</h2>"]
        guard !advice.nextSteps.isEmpty else {
            return lines + ["<p>\(e(Wording.everyStepDone(advice.stage)))</p></section>"]
        }
        var group: String?
        for item in advice.nextSteps {
            let heading = Wording.stepGroup(item)
            if heading != group {
                if group != nil { lines.append("</ol>") }
                lines.append("<h3>\(e(heading))</h3><ol class=\"steps\">")
                group = heading
            }
            var line = "<li id=\"step-\(e(item.step.id))\"><strong>\(e(item.step.title))</strong> <code>\(e(item.step.id))</code>"
            if !item.step.details.isEmpty { line += "<br/><small>\(e(item.step.details.joined(separator: "; ")))</small>" }
            lines.append(line + "</li>")
        }
        lines.append("</ol></section>")
        return lines
    }

    static func checklistSection(_ advice: Advice) -> [String] {
        let e = escape
        let open = Set(advice.openChecklist.map(\.id))
        let progress = Wording.checklistProgress(
            open: advice.openChecklist.count, expected: advice.expectedChecklist.count, stage: advice.stage)
        var lines = [
            "<section id=\"checklist\"><h2>Checklist</h2>",
            "<p>\(e(progress))</p>",
            "<div class=\"groups\">",
        ]
        for group in ChecklistGroup.allCases {
            let items = advice.expectedChecklist.filter { $0.group == group }
            let groupDone = items.filter { !open.contains($0.id) }.count
            lines.append(
                "<div class=\"group\" id=\"checklist-\(group.rawValue)\"><h3>\(e(group.heading)) <small>\(groupDone) of \(items.count)</small></h3>"
            )
            if items.isEmpty {
                lines.append("<p><small>Nothing expected yet at \(e(advice.stage.name)).</small></p></div>")
                continue
            }
            lines.append(
                "<meter min=\"0\" max=\"\(items.count)\" value=\"\(groupDone)\">\(groupDone) of \(items.count)</meter><ul class=\"items\">")
            for item in items {
                let isDone = !open.contains(item.id)
                lines.append(
                    "<li class=\"\(isDone ? "done" : "open")\"><span class=\"mark\">\(isDone ? "✓" : "☐")</span> \(e(item.text)) <code>\(e(item.id))</code></li>"
                )
            }
            lines.append("</ul></div>")
        }
        lines.append("</div></section>")
        return lines
    }

    static func costSection(_ cost: CostEstimate) -> [String] {
        let e = escape
        var lines = [
            "<section id=\"cost\"><h2>Cost</h2>",
            "<p>The guide's band for \(e(cost.stage.name)): <strong>\(e(cost.band.label))</strong>.</p>",
            costBar(cost),
            "<div class=\"table\"><table class=\"cost\"><thead><tr><th>Service</th><th>Monthly</th><th>Basis</th></tr></thead><tbody>",
        ]
        for line in cost.lines {
            lines.append(
                "<tr><td>\(e(line.item.service))</td><td class=\"number\">\(e(Wording.moneyRange(line.low, line.high)))</td>"
                    + "<td>\(e(Wording.basis(line)))</td></tr>"
            )
        }
        lines.append(
            "<tr class=\"total\"><td>Estimate</td><td class=\"number\">\(e(Wording.moneyRange(cost.low, cost.high)))</td><td></td></tr></tbody></table></div>"
        )
        lines.append("<p>Prices: \(e(Wording.priceSource(cost))).</p>")
        if !cost.unpriced.isEmpty {
            lines.append("<p>Not priced by the guide: \(e(cost.unpriced.map(\.service).joined(separator: ", "))).</p>")
        }
        for note in cost.notes { lines.append("<p class=\"note\">Note: \(e(note))</p>") }
        if let current = cost.current, let position = cost.currentPosition, let verdict = Wording.bandPosition(cost) {
            lines.append("<p class=\"\(position.rawValue)\">You pay \(e(Quantity.format(current, as: .money)))/month: \(e(verdict)).</p>")
        } else {
            lines.append("<p><small>\(e(Wording.addMonthlyCost))</small></p>")
        }
        lines.append("</section>")
        return lines
    }

    /// The band, the estimate and what is paid on one dollar scale.
    static func costBar(_ cost: CostEstimate) -> String {
        let n = SVGChart.number
        let top = max(cost.band.high, cost.high, cost.current ?? 0, 1) * 1.15
        let width = 600.0
        let left = 8.0
        let right = width - 8
        func x(_ amount: Double) -> Double { left + amount / top * (right - left) }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cost-bar\" viewBox=\"0 0 600 92\" role=\"img\" aria-label=\"cost against the band\" font-size=\"12\">",
            "<rect class=\"band\" x=\"\(n(x(cost.band.low)))\" y=\"8\" width=\"\(n(max(x(cost.band.high) - x(cost.band.low), 2)))\" height=\"28\" fill=\"#ede9fe\" stroke=\"#7c3aed\"/>",
            "<text x=\"\(n(x(cost.band.low) + 4))\" y=\"27\" fill=\"#5b21b6\">band \(escape(cost.band.label))</text>",
            "<rect class=\"estimate\" x=\"\(n(x(cost.low)))\" y=\"44\" width=\"\(n(max(x(cost.high) - x(cost.low), 3)))\" height=\"14\" fill=\"#2563eb\"/>",
            "<text x=\"\(n(x(cost.high) + 6))\" y=\"56\" fill=\"#1e3a8a\">estimate \(escape(Wording.moneyRange(cost.low, cost.high)))</text>",
        ]
        if let current = cost.current {
            svg.append(
                "<line class=\"current\" x1=\"\(n(x(current)))\" x2=\"\(n(x(current)))\" y1=\"4\" y2=\"66\" stroke=\"#0f172a\" stroke-width=\"2\"/>"
            )
            svg.append(
                "<text x=\"\(n(x(current)))\" y=\"84\" text-anchor=\"middle\" fill=\"#0f172a\">paid \(escape(Quantity.format(current, as: .money)))</text>"
            )
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    // MARK: Style

    /// Readable from a phone to a desktop, and on A4 paper.
    static let stylesheet = """
        :root { color-scheme: light; --ink: #0f172a; --muted: #475569; --line: #e2e8f0; --accent: #1e40af; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f8fafc; }
        main { max-width: 1040px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 0; overflow-wrap: anywhere; }
        h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
        h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
        .meta, small, .note, .fit { color: var(--muted); }
        code { font-size: 0.85em; background: #f1f5f9; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
        .callout { border-left: 4px solid #d97706; }
        .callout.critical { border-left-color: #dc2626; background: #fef2f2; }
        .ladder { list-style: none; display: flex; gap: 6px; padding: 0; margin: 8px 0 12px; }
        .ladder li { flex: 1 1 0; min-width: 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; background: #f8fafc; }
        .ladder li small { display: block; }
        .ladder li.past { background: #f0fdf4; }
        .ladder li.current { background: #dbeafe; border: 2px solid var(--accent); }
        .ladder .number { display: inline-block; min-width: 1.4em; text-align: center; border-radius: 50%; background: var(--ink); color: #fff; font-size: 0.8em; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        td.number { white-space: nowrap; }
        tr.total td { font-weight: 600; }
        meter { width: 100%; min-width: 60px; }
        .findings { list-style: none; padding: 0; }
        .findings li { border-left: 4px solid #d97706; padding: 4px 10px; margin: 6px 0; background: #fffbeb; }
        .findings li.critical { border-left-color: #dc2626; background: #fef2f2; }
        .badge { text-transform: uppercase; font-size: 0.7rem; font-weight: 700; letter-spacing: 0.05em; }
        .ok, .within { color: #15803d; }
        .above, .warning { color: #b45309; }
        td.critical { color: #b91c1c; font-weight: 600; }
        td.pending, td.unknown { color: var(--muted); }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 12px; }
        figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; break-inside: avoid; }
        figcaption { font-size: 0.85rem; margin-top: 4px; }
        svg.chart, svg.cost-bar { display: block; width: 100%; height: auto; }
        .legend .key { margin-right: 12px; font-size: 0.85rem; white-space: nowrap; }
        .legend .key::before { content: ""; display: inline-block; width: 22px; height: 0; margin-right: 4px; vertical-align: middle; border-top: 2px solid #2563eb; }
        .legend .forecast::before { border-top-style: dashed; }
        .legend .fit::before { border-top-color: #93c5fd; }
        .legend .threshold::before { border-top-color: #c2410c; }
        .legend .next-stage::before { border-top: 2px dotted #15803d; }
        .groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
        .items { list-style: none; padding: 0; margin: 4px 0; }
        .items li.done { color: var(--muted); }
        .items .mark { display: inline-block; width: 1.2em; }
        @media (max-width: 640px) {
          main { padding: 8px; }
          section { padding: 10px; }
          .ladder { flex-direction: column; }
          .charts { grid-template-columns: 1fr; }
          /* A chart drawn 600 units wide shows at about 350 pixels: larger type keeps its labels readable. */
          svg.chart .y-axis text, svg.chart .x-axis text { font-size: 19px; }
          svg.chart .axis-title, svg.chart .line-label { font-size: 17px; }
          th, td { padding: 3px 4px; }
        }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { background: #fff; font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          section { border: none; padding: 0; margin: 0 0 10pt; break-inside: auto; }
          .charts { grid-template-columns: 1fr 1fr; }
          figure, tr, .ladder { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
        }
        """
}
