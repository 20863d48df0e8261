/// How one metric moved between two snapshots, and whether that is a regression the policy does not allow.
public struct MetricChange: Sendable, Equatable {
    public enum Direction: String, Sendable, Equatable {
        case better, worse, unchanged
        /// Moved, but neither way is good or bad in itself (more requests, more connections).
        case neither
    }

    public let field: SnapshotField
    public let before: Double?
    public let after: Double?
    /// (after − before) / |before|; nil when either is missing or before is 0 (a change from zero has no percentage).
    public let relative: Double?
    public let direction: Direction
    /// How much worse it may get before `diff` fails, and where that comes from.
    public let allowed: EffectivePolicy.Setting<RegressionAllowance>?

    /// after − before, in the field's unit (for a rate, a fraction: 0.008 is 0.8 percentage points).
    public var change: Double? {
        guard let before, let after else { return nil }
        return after - before
    }

    /// Whether the field is a rate, whose change is told in percentage points.
    public var isRate: Bool { field.spec.kind == .fraction }

    /// Worse by more than allowed.
    public var isRegression: Bool {
        guard direction == .worse, let allowed, let before, let after else { return false }
        return allowed.value.isExceeded(before: before, after: after)
    }
}

/// Two snapshots compared: the stage change and each metric's change with its direction.
public struct SnapshotDiff: Sendable, Equatable {
    public let base: SnapshotSeries
    public let new: SnapshotSeries
    public let stageBefore: Stage?
    public let stageAfter: Stage?
    /// Every numeric field either snapshot reports, in the field table's order.
    public let changes: [MetricChange]

    public var regressions: [MetricChange] { changes.filter(\.isRegression) }

    /// Compares the latest snapshot of `base` with the latest of `new`; regressions are judged by `policy`.
    public static func compare(base: SnapshotSeries, new: SnapshotSeries, policy: EffectivePolicy) -> SnapshotDiff {
        // Each side's latest known values, under the policy's maximum age and stage rule.
        let settings = policy.evaluation.settings
        let a = CurrentValues(base, maxAge: settings.maxAge).snapshot
        let b = CurrentValues(new, maxAge: settings.maxAge).snapshot
        let fields = SnapshotField.allCases.filter { field in
            field.isNumeric && (a[field] != nil || b[field] != nil)
        }
        let changes = fields.map { field -> MetricChange in
            let before = a[field]
            let after = b[field]
            var relative: Double?
            if let before, let after, before != 0 { relative = (after - before) / abs(before) }
            let sense = TrendCatalog.metric(for: field)?.sense ?? .neither
            var direction = MetricChange.Direction.unchanged
            if let before, let after, before != after {
                switch sense {
                case .neither: direction = .neither
                case .higherIsBetter: direction = after > before ? .better : .worse
                case .lowerIsBetter: direction = after < before ? .better : .worse
                }
            }
            return MetricChange(
                field: field, before: before, after: after, relative: relative, direction: direction,
                allowed: policy.allowedRegression(for: field))
        }
        return SnapshotDiff(
            base: base, new: new, stageBefore: (try? StageClassifier.assess(a, rule: settings.stageRule))?.stage,
            stageAfter: (try? StageClassifier.assess(b, rule: settings.stageRule))?.stage, changes: changes)
    }
}
