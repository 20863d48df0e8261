// Fuzz target: the policy reader on arbitrary bytes, the resolver at every stage on what it accepts, and the metric
// expression parser on the same bytes read as text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let file = try? PolicyFile.parse(bytes, path: "fuzz.json") {
        for stage in [nil] + Stage.allCases.map(Optional.some) {
            guard let policy = try? PolicyResolver.resolve(stage: stage, file: file) else { continue }
            // What the resolver promises: ids unique, every rule with a level or a ratchet, nothing both on and off.
            let ids = policy.rules.map(\.id)
            precondition(Set(ids).count == ids.count)
            precondition(policy.rules.allSatisfy { !$0.levels.isEmpty || $0.ratchet != nil })
            precondition(Set(policy.disabled.map(\.rule.id)).isDisjoint(with: ids))
            _ = ThresholdEvaluator.evaluate(Snapshot(values: [.users: 1, .monthlyCost: 2, .mrr: 0]), rules: policy.rules)
        }
    }
    if let text = String(validating: bytes, as: UTF8.self), let expression = try? MetricExpression.parse(text) {
        // Written back, an expression reads as itself.
        precondition((try? MetricExpression.parse(expression.description)) == expression)
    }
    return 0
}
