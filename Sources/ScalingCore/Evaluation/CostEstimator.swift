/// One priced line of a cost estimate.
public struct CostLine: Sendable, Equatable {
    public let item: PriceItem
    public let low: Double
    public let high: Double
    /// How the amount was reached: "flat", or the usage arithmetic.
    public let basis: String
    /// True when the amount rests on the guide's typical figure because the snapshot lacks the usage field.
    public let assumed: Bool
    /// Where the amount comes from: the guide's price table, or a price given with `--prices` or a policy.
    public let source: PriceSource
}

/// Where the money paid today sits against the guide's band for the stage.
public enum BandPosition: String, Sendable, Equatable {
    case below, within, above
}

/// A month's cost: the guide's band for the stage and an itemized estimate from the guide's unit prices.
public struct CostEstimate: Sendable, Equatable {
    public let stage: Stage
    public let band: CostBand
    public let lines: [CostLine]
    /// Services of the stage's stack that the guide does not price.
    public let unpriced: [PriceItem]
    public var low: Double { lines.reduce(0) { $0 + $1.low } }
    public var high: Double { lines.reduce(0) { $0 + $1.high } }
    /// `monthly_cost` from the snapshot, if given.
    public let current: Double?
    /// Where `current` sits against the band.
    public var currentPosition: BandPosition? {
        current.map { $0 < band.low ? .below : ($0 > band.high ? .above : .within) }
    }
    /// Usage past what the guide's prices cover.
    public let notes: [String]

    /// The places of the prices given that this estimate uses ("prices.json:3"), in line order.
    public var givenOrigins: [String] {
        lines.compactMap { if case .given(let origin) = $0.source { origin } else { nil } }
    }
}

/// Prices a snapshot's stage from `GuideCatalog.prices`, or from the prices given in their place.
public enum CostEstimator {
    public static func estimate(
        _ snapshot: Snapshot, stage: Stage, prices: [PriceItem] = GuideCatalog.prices, given: PriceOverrides = PriceOverrides()
    ) -> CostEstimate {
        var lines: [CostLine] = []
        var unpriced: [PriceItem] = []
        for item in prices where item.applies(to: stage) {
            if let entry = given.entry(item.id) {
                lines.append(
                    CostLine(
                        item: item, low: entry.amount, high: entry.amount, basis: "your price (\(entry.origin))", assumed: false,
                        source: .given(origin: entry.origin)))
                continue
            }
            switch item.pricing {
            case .flat(let low, let high):
                lines.append(CostLine(item: item, low: low, high: high, basis: "flat", assumed: false, source: .catalog(item.provenance)))
            case .usagePerDay(let free, let unitSize, let unitPrice, let typical, let paidFrom):
                lines.append(
                    usageLine(
                        item, snapshot[free.field], field: free.field, paying: stage >= paidFrom,
                        free: free.limit, unitSize: unitSize, unitPrice: unitPrice, typical: typical))
            case .unpriced:
                unpriced.append(item)
            }
        }
        // Usage past what any priced plan of the stack includes is noted: the guide has no price for it.
        var notes = prices.compactMap { item -> String? in
            guard item.applies(to: stage), given.entry(item.id) == nil, let allowance = item.includes,
                let used = snapshot[allowance.field], used > allowance.limit
            else { return nil }
            return "\(allowance.field.rawValue) \(Quantity.format(used, as: allowance.field.spec.kind)) is past the "
                + "\(allowance.label) \(item.service) includes; the guide prices nothing beyond it"
        }
        // An estimate under the band is short by what the guide leaves unpriced, not a saving: say so.
        let band = GuideCatalog.profile(for: stage).cost
        let high = lines.map(\.high).reduce(0, +)
        if high < band.low, !unpriced.isEmpty {
            notes.append(
                "the estimate is below the band's \(Quantity.format(band.low, as: .money)) because the guide prices none of "
                    + unpriced.map(\.service).joined(separator: ", ")
                    + ": scalectl's estimate covers only what is priced (give the rest with --prices)")
        }
        return CostEstimate(
            stage: stage, band: GuideCatalog.profile(for: stage).cost, lines: lines, unpriced: unpriced,
            current: snapshot[.monthlyCost], notes: notes)
    }

    private static func usageLine(
        _ item: PriceItem, _ perDay: Double?, field: SnapshotField, paying: Bool,
        free: Double, unitSize: Double, unitPrice: Double, typical: Double
    ) -> CostLine {
        let perUnit = "~\(Quantity.format(unitPrice, as: .money)) per \(Quantity.format(unitSize, as: .count))"
        guard let perDay else {
            return CostLine(
                item: item, low: paying ? typical : 0, high: paying ? typical : 0,
                basis: paying
                    ? "no \(field.rawValue) given: the guide's typical \(perUnit)/month"
                    : "no \(field.rawValue) given: assumed within the free \(Quantity.format(free, as: .count))/day",
                assumed: true, source: .catalog(item.provenance))
        }
        guard perDay > free else {
            return CostLine(
                item: item, low: 0, high: 0,
                basis: "\(Quantity.format(perDay, as: .count))/day is within the free \(Quantity.format(free, as: .count))/day",
                assumed: false, source: .catalog(item.provenance))
        }
        // Only usage past the free allowance is priced, so the cost grows from $0 with no jump at the allowance: the
        // guide gives the free tier and a typical price, not this rule, so the line says it is scalectl's.
        let monthly = (perDay - free) * GuideCatalog.daysPerMonth
        let amount = monthly / unitSize * unitPrice
        return CostLine(
            item: item, low: amount, high: amount,
            basis:
                "(\(Quantity.format(perDay, as: .count)) − \(Quantity.format(free, as: .count)) free)/day × "
                + "\(Quantity.formatPlain(GuideCatalog.daysPerMonth)) = \(Quantity.format(monthly, as: .count))/month at \(perUnit) "
                + "(scalectl's extrapolation: only usage past the free allowance is priced)",
            assumed: false,
            source: .catalog(
                .scalectl(
                    reason: "the guide gives a free tier and a typical price; pricing only the usage past the free "
                        + "allowance is scalectl's extrapolation", borrowsFrom: GuideCatalog.growthUpgrades)))
    }
}
