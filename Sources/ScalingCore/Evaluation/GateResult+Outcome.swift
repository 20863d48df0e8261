extension GateResult {
    /// How one verdict counts for the gate: the distinction every report of a `check` run draws.
    public enum Outcome: String, CaseIterable, Sendable {
        /// Within every limit.
        case passed
        /// Breached at or above fail-on: the gate fails.
        case failedBreach = "failed-breach"
        /// Breached below fail-on: reported, the gate passes.
        case allowedBreach = "allowed-breach"
        /// Breached, but not yet for as long as the rule's `for` asks: reported, the gate passes.
        case pending
        /// No value to judge, and not required: reported, the gate passes.
        case unknown
        /// No value to judge on a required rule (or with `--require-all`): the gate fails.
        case failedUnknown = "failed-unknown"

        /// Whether the outcome fails the gate.
        public var fails: Bool { self == .failedBreach || self == .failedUnknown }
    }

    /// The verdict's outcome under this run's fail-on and require-all; `fails` agrees with `fails(_:)`.
    public func outcome(of verdict: ThresholdVerdict) -> Outcome {
        switch verdict.status {
        case .pass: .passed
        case .breach(let severity): severity >= failOn ? .failedBreach : .allowedBreach
        case .pending: .pending
        case .unknown: requireAll || verdict.threshold.require ? .failedUnknown : .unknown
        }
    }

    /// How many verdicts have each outcome.
    public func count(_ outcome: Outcome) -> Int { verdicts.filter { self.outcome(of: $0) == outcome }.count }
}
