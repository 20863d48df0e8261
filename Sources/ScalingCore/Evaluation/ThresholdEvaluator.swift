/// The outcome of one threshold on the latest snapshot of a series.
public struct ThresholdVerdict: Sendable, Equatable {
    /// Why a verdict has no value to judge.
    public enum UnknownCause: Sendable, Equatable, CustomStringConvertible {
        /// A field the metric or its limit needs is absent.
        case missing(SnapshotField)
        /// The metric's arithmetic has no value (a division by zero).
        case undefined(String)
        /// The field's latest known value is older than the maximum age (`--max-age`) before the newest snapshot.
        case expired(CarriedValue, maxAge: Double)

        public var description: String {
            switch self {
            case .missing(let field): "\(field.rawValue) not reported"
            case .undefined(let reason): reason
            case .expired(let value, let maxAge):
                "\(value.field.rawValue) last reported \(value.time.map(Timestamp.format) ?? "earlier"), "
                    + "\(value.age.map(TimeSpan.format) ?? "") before the latest snapshot: older than --max-age \(TimeSpan.format(maxAge))"
            }
        }
    }

    public enum Status: Sendable, Equatable {
        case pass
        case breach(Severity)
        /// Breached now, but not yet for as long as the rule's `for` asks: not a failure.
        case pending(Severity)
        /// Never counted as a pass; a failure when the rule (or `--require-all`) requires the metric.
        case unknown(UnknownCause)
    }

    /// How a ratchet judged the latest value against the best in the history.
    public struct RatchetOutcome: Sendable, Equatable {
        public let best: Double
        /// The worst value the tolerance allows.
        public let allowed: Double
        public let failed: Bool
    }

    public let threshold: GateRule
    public let value: Double?
    /// The limit the verdict was judged against (the breached level's, or the least severe level's).
    public let limit: Double?
    public let status: Status
    /// When the current run of breaching snapshots began (nil when not breached or untimed).
    public var breachedSince: Double? = nil
    /// How many snapshots in a row, up to the latest, breach.
    public var breachedRun: Int = 0
    public var ratchet: RatchetOutcome? = nil
    /// When the value judged is not the newest snapshot's: the oldest of the latest known values it was computed from.
    public var asOf: CarriedValue? = nil

    /// The breach's severity, or nil when the threshold is not (yet) breached.
    public var severity: Severity? {
        if case .breach(let severity) = status { return severity }
        return nil
    }

    public var isUnknown: Bool { if case .unknown = status { true } else { false } }
}

/// Checks the latest snapshot of a series against rules, most severe level first; with history, it also judges
/// how long a breach has held (`for`) and ratchets against the best value seen.
public enum ThresholdEvaluator {
    /// The guide's thresholds as rules.
    public static let guideRules: [GateRule] = GuideCatalog.thresholds.map(GateRule.init(guide:))

    /// One snapshot against the rules (no history: no `for`, no ratchet).
    public static func evaluate(_ snapshot: Snapshot, rules: [GateRule] = guideRules) -> [ThresholdVerdict] {
        evaluate(SnapshotSeries(source: snapshot.origin.file, snapshots: [snapshot]), rules: rules)
    }

    /// Each field's latest known value in `series` against the rules, with the series as history; a value older
    /// than `maxAge` seconds before the newest snapshot is unknown.
    public static func evaluate(_ series: SnapshotSeries, rules: [GateRule] = guideRules, maxAge: Double? = nil) -> [ThresholdVerdict] {
        // The timeline ends at the series' latest snapshot (both take the greatest timestamp, the last of equals, or the
        // last row when untimed), so it is the history the latest is judged with.
        let timeline = Timeline(series)
        let history = timeline.snapshots(in: series)
        return evaluate(history: history, current: CurrentValues(history: history, maxAge: maxAge), rules: rules)
    }

    /// The rules on a series' snapshots in timeline order and its latest known values (built once by a caller that
    /// needs them too).
    static func evaluate(history: SnapshotHistory, current: CurrentValues, rules: [GateRule]) -> [ThresholdVerdict] {
        rules.map { evaluate($0, history: history, current: current) }
    }

    static func evaluate(_ rule: GateRule, history: SnapshotHistory, current: CurrentValues) -> ThresholdVerdict {
        let latest = current.snapshot
        var now = instant(rule, latest)
        if case .unknown(.missing(let field)) = now.status, let old = current.expired[field], let maxAge = current.maxAge {
            now.status = .unknown(.expired(old, maxAge: maxAge))
        }
        // Each part is computed into a constant and the verdict built once (mutating it in place here crashed the
        // optimizer of swiftc 6.3 with -sanitize=fuzzer,address).
        var status = now.status
        var limit = now.limit
        var run = 0
        var since: Double? = nil
        if case .breach(let severity) = now.status {
            // A level counts as sustained only by its own run (snapshots breaching at that severity or worse): with
            // `for`, a critical spike on top of a held warning is a warning breach with the critical pending.
            let levels = Severity.allCases.filter { $0 <= severity }.sorted(by: >)
            var chosen: (severity: Severity, run: Int, since: Double?)?
            for level in levels {
                let (levelRun, levelSince) = self.run(rule, history: history, latest: latest, atLeast: level)
                let held = rule.sustain.map { isSustained($0, run: levelRun, since: levelSince, now: latest.timestamp) } ?? true
                if held {
                    chosen = (level, levelRun, levelSince)
                    break
                }
            }
            if let chosen {
                status = .breach(chosen.severity)
                run = chosen.run
                since = chosen.since
            } else {
                (run, since) = self.run(rule, history: history, latest: latest, atLeast: severity)
                status = .pending(severity)
            }
        }
        let outcome = ratchetOutcome(rule, latest: now.value, history: history)
        if let outcome, let ratchet = rule.ratchet, outcome.failed {
            let breached: Severity? = if case .breach(let severity) = status { severity } else { nil }
            if breached.map({ $0 < ratchet.severity }) ?? true {
                status = .breach(ratchet.severity)
                limit = outcome.allowed
                run = 0
                since = nil
            }
        }
        let asOf: CarriedValue? = if case .unknown = status { nil } else { current.oldest(of: rule.fieldsRead) }
        return ThresholdVerdict(
            threshold: rule, value: now.value, limit: limit, status: status, breachedSince: since, breachedRun: run, ratchet: outcome,
            asOf: asOf)
    }

    /// How many snapshots in a row, up to the latest, breach at `severity` or worse, and the time of the first of them.
    ///
    /// Only snapshots that report one of the fields the rule reads count: one that reports none of them says nothing
    /// new, so it neither breaks the run nor adds to it. The newest is judged on `latest` (its latest known values);
    /// an earlier one takes what it does not report from the snapshots before it.
    static func run(_ rule: GateRule, history: SnapshotHistory, latest: Snapshot, atLeast severity: Severity) -> (count: Int, since: Double?) {
        let fields = rule.fieldsRead
        // A series kept as columns is read by position, into one snapshot refilled at each row: a run may go back
        // millions of rows. Otherwise the snapshots are read as they are.
        let reader = history.reader(of: fields)
        func value(_ slot: Int, at index: Int) -> Double? {
            if let reader { return reader.value(slot, at: index) }
            return history.value(fields[slot], at: index)
        }
        var count = 0
        var since: Double?
        // For each field, the index of the latest earlier snapshot reporting it; it only moves back as the walk does.
        var source = [Int?](repeating: nil, count: fields.count)
        func earlier(_ slot: Int, before index: Int) -> Double? {
            var row = min(source[slot] ?? index - 1, index - 1)
            while row >= 0, value(slot, at: row) == nil { row -= 1 }
            source[slot] = row
            return row >= 0 ? value(slot, at: row) : nil
        }
        var snapshot = Snapshot(timestamp: nil)
        for index in history.indices.reversed() {
            guard fields.indices.contains(where: { value($0, at: index) != nil }) else { continue }
            let status: ThresholdVerdict.Status
            if index == history.count - 1 {
                status = instant(rule, latest).status
            } else {
                if let reader {
                    // Only the fields the rule reads and the time: all `instant` looks at.
                    snapshot.timestamp = reader.time(at: index)
                    for slot in fields.indices { snapshot[fields[slot]] = reader.value(slot, at: index) }
                } else {
                    snapshot = history[index]
                }
                for slot in fields.indices where snapshot[fields[slot]] == nil { snapshot[fields[slot]] = earlier(slot, before: index) }
                status = instant(rule, snapshot).status
            }
            guard case .breach(let breached) = status, breached >= severity else { break }
            count += 1
            since = reader?.time(at: index) ?? history.value(.timestamp, at: index)
        }
        return (count, since)
    }

    /// The ratchet's judgement of the latest value against every earlier one in `history` (all but its last).
    static func ratchetOutcome(_ rule: GateRule, latest: Double?, history: SnapshotHistory) -> ThresholdVerdict.RatchetOutcome? {
        guard let ratchet = rule.ratchet, let latest else { return nil }
        let fields = rule.fieldsRead
        let earlier = history.indices.dropLast().compactMap { index -> Double? in
            if case .value(let number) = rule.metric.reading(in: history.partial(at: index, fields: fields)) { return number }
            return nil
        }
        return judge(ratchet, comparison: rule.comparison, latest: latest, history: earlier)
    }

    /// The verdict on one snapshot alone.
    static func instant(_ rule: GateRule, _ snapshot: Snapshot) -> (value: Double?, limit: Double?, status: ThresholdVerdict.Status) {
        let value: Double
        switch rule.metric.reading(in: snapshot) {
        case .value(let number): value = number
        case .missing(let field): return (nil, shownLimit(rule), .unknown(.missing(field)))
        case .undefined(let reason): return (nil, shownLimit(rule), .unknown(.undefined(reason)))
        }
        var leastSevereLimit: Double?
        for level in rule.levels.sorted(by: { $0.severity > $1.severity }) {
            let limit: Double
            switch level.limit {
            case .fixed(let number): limit = number
            case .field(let field):
                guard let number = snapshot[field] else { return (value, nil, .unknown(.missing(field))) }
                limit = number
            }
            if rule.comparison.isBreached(value, limit: limit) { return (value, limit, .breach(level.severity)) }
            leastSevereLimit = limit
        }
        return (value, leastSevereLimit, .pass)
    }

    /// The least severe level's fixed limit, still worth showing when the value is unknown.
    static func shownLimit(_ rule: GateRule) -> Double? {
        if case .fixed(let number) = rule.levels.min(by: { $0.severity < $1.severity })?.limit { return number }
        return nil
    }

    static func isSustained(_ sustain: Sustain, run: Int, since: Double?, now: Double?) -> Bool {
        switch sustain {
        case .snapshots(let count): return run >= count
        case .duration(let seconds):
            guard let since, let now else { return false }  // without timestamps a duration cannot be measured
            return now - since >= seconds
        }
    }

    /// The ratchet's judgement: the best earlier value (lowest when higher is worse), and whether the latest is past
    /// what the tolerance allows. Nil without history.
    static func judge(_ ratchet: Ratchet, comparison: Threshold.Comparison, latest: Double, history: [Double])
        -> ThresholdVerdict.RatchetOutcome?
    {
        guard !history.isEmpty else { return nil }
        let higherIsWorse = comparison.higherIsWorse
        let best = higherIsWorse ? history.min()! : history.max()!
        let allowed: Double
        switch ratchet.tolerance {
        // A share of the best value's size, so a negative best (`0 - users`) moves the allowance the same way.
        case .relative(let share): allowed = higherIsWorse ? best + abs(best) * share : best - abs(best) * share
        case .absolute(let amount): allowed = higherIsWorse ? best + amount : best - amount
        }
        return .init(best: best, allowed: allowed, failed: higherIsWorse ? latest > allowed : latest < allowed)
    }

    /// Whether the gate fails: a breach at or above `severity`, or an unknown on a required rule.
    public static func fails(_ verdicts: [ThresholdVerdict], at severity: Severity, requireAll: Bool = false) -> Bool {
        verdicts.contains { verdict in
            if let breached = verdict.severity { return breached >= severity }
            return verdict.isUnknown && (requireAll || verdict.threshold.require)
        }
    }
}
