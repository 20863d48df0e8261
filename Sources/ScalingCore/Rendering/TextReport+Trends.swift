extension TextReport {
    // MARK: trend

    /// `scalectl trend`: the series, each metric's trend, the forecasts and any spike.
    public func trend(_ analysis: TrendAnalysis, heading: SeriesHeading) -> String {
        var sections = [header(heading) + "\n" + seriesLine(analysis.timeline)]
        if !analysis.timeline.notes.isEmpty { sections.append(notesSection(analysis.timeline.notes)) }
        sections.append(trendSection(analysis))
        sections.append(forecastSection(analysis))
        if !analysis.spikes.isEmpty { sections.append(spikeSection(analysis)) }
        return TerminalSink.finish(sections.joined(separator: "\n\n") + "\n")
    }

    /// "8 snapshots, 2026-09-07 to 2026-10-26, usually 7 days apart".
    func seriesLine(_ timeline: Timeline) -> String {
        let count = timeline.count
        var line = "  \(Quantity.format(Double(count), as: .count)) snapshot\(count == 1 ? "" : "s") in trends"
        if timeline.isTimed, count > 1, let first = timeline.times.first, let last = timeline.times.last {
            line += ", \(Timestamp.formatDate(first)) to \(Timestamp.formatDate(last))"
            if let usual = timeline.usualInterval, usual > 0 { line += ", usually \(TimeSpan.format(usual)) apart" }
        }
        return style.dim(line)
    }

    func notesSection(_ notes: [TimelineNote]) -> String {
        ([style.bold("Series notes")] + notes.map { "  " + style.yellow("! ") + Wording.note($0) }).joined(separator: "\n")
    }

    /// The per-metric table: sparkline, first and latest value, growth, direction and fit.
    func trendSection(_ analysis: TrendAnalysis) -> String {
        let trended = analysis.metrics.filter { $0.count >= 2 }
        guard !trended.isEmpty else {
            let count = analysis.timeline.count
            let has =
                count < 2 ? "this input has \(count == 1 ? "one snapshot" : "none")" : "no metric appears in two of its \(count) snapshots"
            return style.bold("Trend") + "\n  A trend needs two or more snapshots of a metric; \(has)."
        }
        var table = TextColumns()
        for trend in trended {
            let span = "\(Wording.value(trend.first, trend.field)) → \(Wording.value(trend.latest, trend.field))"
            var direction = Wording.direction(trend)
            if let improving = trend.isImproving {
                direction = improving ? style.green(direction) : style.yellow(direction)
            }
            table.add(
                trend.field.rawValue, Wording.sparkline(trend.values), span, Wording.growth(trend), direction, style.dim(Wording.fit(trend))
            )
        }
        var lines = [style.bold("Trend") + " (counts grow compound: fitted on the logarithm; latencies, rates and cost linearly)"]
        lines.append(table.render(width: style.width))
        for trend in trended { if let note = trend.modelNote { lines.append("  " + style.dim("\(trend.field.rawValue): \(note)")) } }
        return lines.joined(separator: "\n")
    }

    /// When each next-stage signal and plan limit is reached at current growth.
    func forecastSection(_ analysis: TrendAnalysis) -> String {
        var lines = [style.bold("Forecast") + " (at current growth)"]
        if let reason = analysis.forecastUnavailable {
            lines.append("  No forecast is possible: \(reason).")
            return lines.joined(separator: "\n")
        }
        var table = TextColumns()
        let shown = analysis.forecasts.filter { if case .unavailable = $0.outcome { false } else { true } }
        for forecast in shown {
            let now = analysis.now
            var outcome = Wording.outcome(forecast, now: now)
            if let now, forecast.crosses(within: analysis.options.horizon, after: now) { outcome = style.yellow(outcome) }
            if forecast.outcome == .reached { outcome = style.yellow(outcome) }
            table.add(Wording.target(forecast), outcome, style.dim(Wording.targetKind(forecast.target)))
        }
        if !shown.isEmpty { lines.append(table.render(width: style.width)) }
        // Group the fields that cannot be forecast by the reason, each field once.
        var reasons: [(reason: String, fields: [String])] = []
        for forecast in analysis.forecasts {
            guard case .unavailable(let reason) = forecast.outcome else { continue }
            let field = forecast.target.field.rawValue
            if let index = reasons.firstIndex(where: { $0.reason == reason }) {
                if !reasons[index].fields.contains(field) { reasons[index].fields.append(field) }
            } else {
                reasons.append((reason, [field]))
            }
        }
        for (reason, fields) in reasons {
            lines.append("  " + style.dim("Not forecast: \(fields.joined(separator: ", ")) (\(reason))"))
        }
        return lines.joined(separator: "\n")
    }

    func spikeSection(_ analysis: TrendAnalysis) -> String {
        ([style.bold(style.red("Traffic spike"))]
            + analysis.spikes.map { "  " + Wording.spike($0, rule: analysis.options.spike, timed: analysis.timeline.isTimed) })
            .joined(separator: "\n")
    }

    // MARK: advise additions

    /// The Emergency Scaling playbook, in the guide's order, with the reason.
    func emergencySection(_ emergency: EmergencyAdvice, timed: Bool) -> String {
        var lines = [style.bold(style.red("EMERGENCY SCALING")) + " — " + (emergency.playbook.purpose ?? emergency.playbook.title)]
        lines += emergency.spikes.map { "  Why: " + Wording.spike($0, rule: emergency.rule, timed: timed) }
        for (index, step) in emergency.playbook.steps.enumerated() {
            lines.append("  \(index + 1). \(step.title)")
            lines += step.lines.map { "     " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Guide changes to make before a forecast crossing within the horizon.
    func preparationSection(_ items: [PreparationItem], horizon: Double, now: Double?) -> String {
        var lines = [style.bold("Prepare now") + " (forecast to happen within \(TimeSpan.format(horizon)))"]
        for item in items {
            lines.append("  " + style.yellow(Wording.target(item.forecast)) + " " + Wording.outcome(item.forecast, now: now))
            lines.append("    " + style.dim(Wording.targetKind(item.forecast.target)))
            if let stage = item.stage, case .stageChanges = item.forecast.target.preparation {
                lines.append("    The guide's changes for \(GuideCatalog.profile(for: stage).heading):")
            }
            for step in item.steps { lines.append("    - \(step.title)  " + style.dim("[\(step.id)]")) }
            if let action = item.action { lines.append("    → \(sanitizedForTerminal(action))") }
        }
        return lines.joined(separator: "\n")
    }

    /// What a `--what-if` changed against the real snapshot.
    public func whatIfSection(_ comparison: WhatIfComparison) -> String {
        var lines = [style.bold("What if") + " (everything below is about the changed snapshot)"]
        for change in comparison.fields {
            let before = change.before.map { Wording.value($0, change.field) } ?? "not reported"
            lines.append(
                "  \(change.field.rawValue): \(before) → \(Wording.value(change.after, change.field))  " + style.dim("(\(change.text))"))
        }
        let stageBefore = comparison.stageBefore?.rawValue ?? "no stage signal"
        lines.append(
            "  Stage: "
                + (comparison.stageChanged
                    ? "\(stageBefore) → " + style.bold(comparison.stageAfterName) : "\(comparison.stageAfterName) (unchanged)"))
        if comparison.newBreaches.isEmpty && comparison.clearedBreaches.isEmpty {
            lines.append("  Breaches: unchanged")
        }
        for verdict in comparison.newBreaches {
            lines.append(
                "  " + style.red("+ breach") + " \(verdict.threshold.id) (\(verdict.severity!.rawValue)): \(Wording.value(of: verdict))")
        }
        for verdict in comparison.clearedBreaches {
            lines.append("  " + style.green("- cleared") + " \(verdict.threshold.id): was \(Wording.value(of: verdict))")
        }
        let after = comparison.costAfter.map { Wording.moneyRange($0.low, $0.high) + "/month" } ?? "no estimate (no stage signal)"
        if let before = comparison.costBefore {
            let beforeText = Wording.moneyRange(before.low, before.high) + "/month"
            lines.append("  Cost estimate: " + (beforeText == after ? "\(after) (unchanged)" : "\(beforeText) → \(after)"))
        } else {
            lines.append("  Cost estimate: \(after)")
        }
        return TerminalSink.finish(lines.joined(separator: "\n"))
    }

    // MARK: review

    /// `scalectl review`: the guide's Weekly Reviews, computed.
    public func review(_ review: WeeklyReview) -> String {
        let profile = GuideCatalog.profile(for: review.stage)
        var sections = [header(review.series) + "\n" + seriesLine(review.trends.timeline)]
        if !review.trends.timeline.notes.isEmpty { sections.append(notesSection(review.trends.timeline.notes)) }
        var lines = [
            style.bold("Weekly review") + " · " + Wording.stageTitle(review.stage)
                + style.dim(" (\(profile.users.label) users · \(profile.cost.label))")
        ]
        for item in GuideCatalog.weeklyReviews {
            lines.append("  " + style.cyan(item.text + ":") + " " + reviewLine(item, review))
        }
        sections.append(lines.joined(separator: "\n"))
        if !review.overEngineering.isEmpty {
            var warning = [style.bold(style.yellow("Over-engineered")) + " — " + GuideCatalog.reminder]
            warning += review.overEngineering.map { "  " + Wording.overEngineering($0) }
            sections.append(warning.joined(separator: "\n"))
        }
        if !review.trends.spikes.isEmpty { sections.append(spikeSection(review.trends)) }
        return TerminalSink.finish(sections.joined(separator: "\n\n") + "\n")
    }

    func reviewLine(_ item: ReviewItem, _ review: WeeklyReview) -> String {
        switch item.measure {
        case .userGrowth:
            guard let trend = review.userGrowth else { return style.dim("users not reported") }
            guard trend.count >= 2 else { return "\(Wording.value(trend.latest, .users)) users; one snapshot, no growth rate yet" }
            return "\(Wording.value(trend.first, .users)) → \(Wording.value(trend.latest, .users)) users, \(Wording.growth(trend))"
        case .costPerUser:
            var parts: [String] = []
            if let perUser = review.costPerUser { parts.append("\(Wording.money(perUser)) per user") }
            if let perCustomer = review.costPerPayingCustomer { parts.append("\(Wording.money(perCustomer)) per paying customer") }
            guard parts.isEmpty else { return parts.joined(separator: ", ") }
            let latest = review.series.latest
            if latest[.monthlyCost] != nil, latest[.users] == 0 || latest[.payingCustomers] == 0 {
                return style.dim("no users or paying customers to divide monthly_cost by")
            }
            return style.dim("needs monthly_cost with users or paying_customers")
        case .infrastructureCosts:
            guard let current = review.cost.current, let position = review.cost.currentPosition else {
                return "scalectl's estimate from \(Wording.priceSource(review.cost)) is "
                    + "\(Wording.moneyRange(review.cost.low, review.cost.high))/month; "
                    + style.dim("add monthly_cost to compare")
            }
            var text = "\(Quantity.format(current, as: .money))/month, \(position.rawValue) the band \(review.cost.band.label)"
            if let share = review.costShareOfMRR { text += "; \(Quantity.format(share, as: .fraction)) of MRR" }
            if let trend = review.trends.trend(.monthlyCost), trend.count >= 2 { text += "; \(Wording.direction(trend))" }
            return text
        case .performanceTrends:
            guard !review.performance.isEmpty else { return style.dim("response_p95_ms and error_rate not reported") }
            return review.performance.map { trend in
                trend.count < 2
                    ? "\(trend.field.rawValue) \(Wording.value(trend.latest, trend.field)) (one snapshot)"
                    : "\(trend.field.rawValue) \(Wording.value(trend.latest, trend.field)) \(Wording.direction(trend)), \(Wording.growth(trend))"
            }.joined(separator: "; ")
        case .featureUsage, nil:
            return style.dim("not measured by scalectl (no field carries it)")
        }
    }
}

extension Wording {
    /// Money with cents below $10, for per-user figures: "$0.0021", "$0.48", "$12".
    static func money(_ amount: Double) -> String {
        amount >= 10 ? Quantity.format(amount, as: .money) : "$" + Quantity.trimmedDecimal(amount, maxDecimals: amount < 0.01 ? 4 : 2)
    }

    /// One over-engineering finding with its saving.
    static func overEngineering(_ finding: OverEngineering) -> String {
        switch finding {
        case .costAboveBand(let current, let band, let saving):
            return "monthly_cost \(Quantity.format(current, as: .money)) is above the stage's band \(band.label): "
                + "about \(Quantity.format(saving, as: .money))/month to save"
        case .stepAhead(let step, let stage, let services, let saving):
            let cost = saving.map { "saves \(moneyRange($0.lowerBound, $0.upperBound))/month" } ?? "the guide names no price"
            return "\(step.title) [\(step.id)] is a \(GuideCatalog.profile(for: stage).heading) change, reported done early "
                + "(\(services.map(\.service).joined(separator: ", ")): \(cost))"
        }
    }
}
