extension JSONReport {
    static func date(_ seconds: Double?) -> JSONOutput { .optional(seconds.map(Timestamp.format)) }

    static func notes(_ notes: [TimelineNote]) -> JSONOutput {
        .array(
            notes.map { note in
                let kind: String
                switch note {
                case .sorted: kind = "sorted"
                case .duplicateTimestamp: kind = "duplicate_timestamp"
                case .gap: kind = "gap"
                case .untimed: kind = "untimed"
                case .partlyUntimed: kind = "partly_untimed"
                }
                return .object([("kind", .string(kind)), ("message", .string(Wording.note(note)))])
            })
    }

    static func timeline(_ timeline: Timeline) -> JSONOutput {
        .object([
            ("snapshots", .number(Double(timeline.count))),
            ("timed", .bool(timeline.isTimed)),
            ("first", date(timeline.times.first)),
            ("latest", date(timeline.times.last)),
            ("usual_interval_days", .optional(timeline.usualInterval.map { $0 / TimelineRules.day })),
            ("notes", notes(timeline.notes)),
        ])
    }

    static func metric(_ trend: MetricTrend) -> JSONOutput {
        let unit = trend.model == .compound ? "fraction per period" : "\(trend.field.spec.kind.rawValue) per period"
        return .object([
            ("field", .string(trend.field.rawValue)),
            ("model", .string(trend.model.rawValue)),
            ("model_note", .optional(trend.modelNote)),
            ("points", .number(Double(trend.count))),
            ("first", .number(trend.first)),
            ("latest", .number(trend.latest)),
            ("change_per_week", .optional(trend.changePerWeek)),
            ("change_per_month", .optional(trend.changePerMonth)),
            ("change_unit", .string(unit)),
            ("direction", .string(trend.direction.rawValue)),
            ("sense", .string(trend.metric.sense.rawValue)),
            ("improving", trend.isImproving.map(JSONOutput.bool) ?? .null),
            (
                "fit",
                trend.fit.map { fit in
                    .object([
                        ("points", .number(Double(fit.count))),
                        ("slope_per_day", .number(fit.slope)),
                        ("intercept", .number(fit.intercept)),
                        ("r_squared", .optional(fit.rSquared)),
                        ("slope_standard_error", .optional(fit.slopeStandardError)),
                    ])
                } ?? .null
            ),
            (
                "summary",
                .object([
                    ("count", .number(Double(trend.summary.count))),
                    ("min", .number(trend.summary.min)),
                    ("mean", .number(trend.summary.mean)),
                    ("p95", .number(trend.summary.p95)),
                    ("max", .number(trend.summary.max)),
                    ("latest", .number(trend.summary.latest)),
                ])
            ),
            // Every value of a long series would be megabytes of JSON: past the limit only the summary stands for them.
            ("values", trend.count <= maximumValuesListed ? .array(trend.values.map(JSONOutput.number)) : .null),
        ])
    }

    static func forecast(_ forecast: Forecast, now: Double?) -> JSONOutput {
        var outcome = ""
        var dates: (Double?, Double?, Double?) = (nil, nil, nil)
        var reason: String?
        switch forecast.outcome {
        case .reached: outcome = "reached"
        case .crossing(let date, let earliest, let latest): outcome = "crossing"; dates = (date, earliest, latest)
        case .notAtCurrentGrowth(let why): outcome = "not_at_current_growth"; reason = why
        case .unavailable(let why): outcome = "unavailable"; reason = why
        }
        var kind: [(String, JSONOutput)] = []
        switch forecast.target.kind {
        case .nextStage(let next): kind = [("kind", .string("next_stage")), ("stage", stage(next))]
        case .planLimit: kind = [("kind", .string("plan_limit"))]
        case .threshold(let severity): kind = [("kind", .string("threshold")), ("severity", .string(severity.rawValue))]
        }
        return .object(
            [("id", .string(forecast.target.id)), ("field", .string(forecast.target.field.rawValue))] + kind + [
                ("label", .string(forecast.target.label)),
                ("target", .string(Wording.target(forecast))),
                ("limit", .optional(forecast.limit)),
                ("current", .optional(forecast.current)),
                ("outcome", .string(outcome)),
                ("date", date(dates.0)),
                ("earliest", date(dates.1)),
                ("latest", date(dates.2)),
                ("days_from_latest", .optional(zip2(dates.0, now).map { ($0 - $1) / TimelineRules.day })),
                ("reason", .optional(reason)),
            ])
    }

    private static func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
        guard let a, let b else { return nil }
        return (a, b)
    }

    static func spike(_ spike: Spike) -> JSONOutput {
        .object([
            ("field", .string(spike.field.rawValue)), ("latest", .number(spike.latest)), ("baseline_median", .number(spike.baseline)),
            ("baseline_points", .number(Double(spike.baselineCount))), ("ratio", .number(spike.ratio)),
        ])
    }

    /// The trend analysis as an object, shared by `trend` and `advise`.
    static func trends(_ analysis: TrendAnalysis) -> JSONOutput {
        .object([
            ("series", timeline(analysis.timeline)),
            ("metrics", .array(analysis.metrics.map(metric))),
            ("forecast_unavailable", .optional(analysis.forecastUnavailable)),
            ("horizon_days", .number(analysis.options.horizon / TimelineRules.day)),
            ("forecasts", .array(analysis.forecasts.map { forecast($0, now: analysis.now) })),
            (
                "spike_rule",
                .object([
                    ("factor", .number(analysis.options.spike.factor)),
                    ("window_days", .number(analysis.options.spike.window / TimelineRules.day)),
                    ("fields", .array(analysis.options.spike.fields.map { .string($0.rawValue) })),
                ])
            ),
            ("spikes", .array(analysis.spikes.map(spike))),
        ])
    }

    /// `scalectl trend --format json`.
    public static func trend(_ analysis: TrendAnalysis, heading: SeriesHeading) -> String {
        JSONOutput.object([("schema_version", .number(Double(schemaVersion))), ("source", source(heading)), ("trend", trends(analysis))])
            .serialized()
    }

    static func preparations(_ items: [PreparationItem], now: Double?) -> JSONOutput {
        .array(
            items.map { item in
                .object([
                    ("forecast", forecast(item.forecast, now: now)),
                    ("stage", item.stage.map(stage) ?? .null),
                    (
                        "steps",
                        .array(item.steps.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })
                    ),
                    ("action", .optional(item.action)),
                ])
            })
    }

    static func emergency(_ emergency: EmergencyAdvice?) -> JSONOutput {
        guard let emergency else { return .null }
        return .object([
            ("playbook", .string(emergency.playbook.id)),
            ("title", .string(emergency.playbook.title)),
            ("purpose", .optional(emergency.playbook.purpose)),
            ("spikes", .array(emergency.spikes.map(spike))),
            ("steps", .array(emergency.playbook.steps.map { .string($0.title) })),
        ])
    }

    /// A what-if comparison, or null.
    static func whatIf(_ comparison: WhatIfComparison?) -> JSONOutput {
        guard let comparison else { return .null }
        func breach(_ verdict: ThresholdVerdict) -> JSONOutput {
            .object([
                ("id", .string(verdict.threshold.id)), ("severity", .optional(verdict.severity?.rawValue)),
                ("value", .optional(verdict.value)),
            ])
        }
        func estimate(_ cost: CostEstimate?) -> JSONOutput {
            cost.map { .object([("low", .number($0.low)), ("high", .number($0.high))]) } ?? .null
        }
        return .object([
            (
                "changes",
                .array(
                    comparison.fields.map { change in
                        .object([
                            ("field", .string(change.field.rawValue)), ("before", .optional(change.before)),
                            ("after", .number(change.after)),
                            ("written", .string(change.text)),
                        ])
                    })
            ),
            ("stage_before", comparison.stageBefore.map(stage) ?? .null),
            ("stage_after", comparison.stageAfter.map(stage) ?? .null),
            ("new_breaches", .array(comparison.newBreaches.map(breach))),
            ("cleared_breaches", .array(comparison.clearedBreaches.map(breach))),
            ("cost_before", estimate(comparison.costBefore)),
            ("cost_after", estimate(comparison.costAfter)),
        ])
    }

    /// `scalectl review --format json`.
    public static func review(_ review: WeeklyReview) -> String {
        JSONOutput.object([
            ("schema_version", .number(Double(schemaVersion))),
            ("source", source(review.series)),
            ("stage", stage(review.stage)),
            ("user_growth", review.userGrowth.map(metric) ?? .null),
            ("cost_per_user", .optional(review.costPerUser)),
            ("cost_per_paying_customer", .optional(review.costPerPayingCustomer)),
            ("cost_share_of_mrr", .optional(review.costShareOfMRR)),
            ("cost", cost(review.cost)),
            ("performance", .array(review.performance.map(metric))),
            (
                "over_engineering",
                .array(
                    review.overEngineering.map { finding in
                        switch finding {
                        case .costAboveBand(let current, let band, let saving):
                            .object([
                                ("kind", .string("cost_above_band")), ("monthly_cost", .number(current)), ("band", .string(band.label)),
                                ("saving_low", .number(saving)), ("saving_high", .number(saving)),
                                ("message", .string(Wording.overEngineering(finding))),
                            ])
                        case .stepAhead(let step, let stage, let services, let saving):
                            .object([
                                ("kind", .string("step_ahead")), ("step", .string(step.id)), ("stage", self.stage(stage)),
                                ("services", .array(services.map { .string($0.id) })),
                                ("saving_low", .optional(saving?.lowerBound)), ("saving_high", .optional(saving?.upperBound)),
                                ("message", .string(Wording.overEngineering(finding))),
                            ])
                        }
                    })
            ),
            ("not_measured", .array(GuideCatalog.weeklyReviews.filter { $0.field == nil }.map { .string($0.text) })),
            ("trend", trends(review.trends)),
        ]).serialized()
    }
}
