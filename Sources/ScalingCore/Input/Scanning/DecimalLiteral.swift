/// A number as its source wrote it, in decimal, so a unit conversion keeps exactly the digits the source had.
///
/// A monitoring export writes `"0.6942045454545454"` seconds; times 1000 in binary floating point that is
/// 694.2045454545453 or, rounded to a fixed number of digits, 694.204545455: digits the source never had, or fewer
/// than it had. Multiplied here, in decimal, by the conversion's exact factor (1000, 60, 1024, 1e-9), it is
/// 694.2045454545454: the source's digits with the point moved.
struct DecimalLiteral: Equatable, Sendable {
    /// The significand's digits, most significant first, without leading zeros (empty for zero).
    var digits: [UInt8]
    /// The power of ten the last digit stands for: `"1.25"` is digits 1 2 5, exponent -2.
    var exponent: Int
    var negative: Bool

    /// How far, in units in the last place of the source's Double, its binary arithmetic's error can reach: a tool
    /// that interpolates (Prometheus's `histogram_quantile`) writes `"0.5124999999999991"` for 0.5125, 8 ulps off;
    /// VictoriaMetrics `"0.612499999999998"` for 0.6125, 18.
    static let noiseULPs: Double = 32

    /// The shortest run of zeros or nines that marks a binary tail (`0.09500000000000001`, `0.5124999999999991`).
    static let tailRun = 4

    /// The source's digits without the binary tail its tool's arithmetic left: a run of zeros or nines and a last
    /// digit or two, within ``noiseULPs`` of the shorter decimal it was written for. `"0.09500000000000001"` is 0.095
    /// and `"0.5124999999999991"` 0.5125; `"0.6942045454545454"` and `"91.4583840476142"` have no such tail and
    /// keep every digit.
    func withoutBinaryTail() -> DecimalLiteral {
        guard let value, value != 0 else { return self }
        let reach = Self.noiseULPs * value.ulp
        for count in 1..<max(digits.count, 1) {
            let run = digits[count...].dropLast(2)
            guard run.count >= Self.tailRun, run.allSatisfy({ $0 == 0 }) || run.allSatisfy({ $0 == 9 }) else { continue }
            let candidate = rounded(toSignificant: count)
            if let near = candidate.value, abs(near - value) <= reach { return candidate }
        }
        return self
    }

    /// Longest significand kept: far beyond a Double's 17 digits, short enough that a hostile literal costs nothing.
    static let maxDigits = 64

    /// Reads a plain decimal as JSON and Prometheus write it (`-0.25`, `1e-3`, `12`, `+5`); nil for anything else.
    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        negative = bytes.first == UInt8(ascii: "-")
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var exponent = 0
        var seenDigit = false
        var seenPoint = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard let digit = Digits.value(byte) else { return nil }
            seenDigit = true
            if seenPoint { exponent -= 1 }
            if digit == 0 && digits.isEmpty { continue }
            digits.append(digit)
        }
        guard seenDigit else { return nil }
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            guard let power = Int(String(decoding: bytes, as: UTF8.self)), abs(power) < 100_000 else { return nil }
            exponent += power
        }
        guard digits.count <= Self.maxDigits else { return nil }
        self.digits = digits
        self.exponent = exponent
        self.trim()
    }

    /// The decimal a factor from a conversion table stands for: its shortest round-trip text (`1000.0`, `1e-09`,
    /// `0.125`), which for every factor the tables hold is the exact decimal meant.
    init?(factor: Double) {
        guard factor.isFinite else { return nil }
        self.init("\(factor)")
    }

    private mutating func trim() {
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty { exponent = 0 }
    }

    /// The literal rounded half up to `count` significant digits: `0.09500000000000001` to 15 is `0.095`.
    func rounded(toSignificant count: Int) -> DecimalLiteral {
        guard digits.count > count, count > 0 else { return self }
        var result = self
        let dropped = digits.count - count
        var kept = Array(digits.prefix(count))
        if digits[count] >= 5 {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                } else {
                    kept[index] += 1
                    break
                }
            }
            if index < 0 { kept.insert(1, at: 0) }
        }
        result.digits = kept
        result.exponent = exponent + dropped
        result.trim()
        return result
    }

    /// The exact product, or nil when it would hold more digits than ``maxDigits``.
    func multiplied(by other: DecimalLiteral) -> DecimalLiteral? {
        guard digits.count + other.digits.count <= Self.maxDigits else { return nil }
        var product = [Int](repeating: 0, count: digits.count + other.digits.count)
        for (i, a) in digits.reversed().enumerated() {
            for (j, b) in other.digits.reversed().enumerated() { product[i + j] += Int(a) * Int(b) }
        }
        var carry = 0
        for index in product.indices {
            let total = product[index] + carry
            product[index] = total % 10
            carry = total / 10
        }
        var result = self
        result.digits = Array(product.reversed().drop { $0 == 0 }.map(UInt8.init))
        result.exponent = exponent + other.exponent
        result.negative = negative != other.negative
        result.trim()
        return result
    }

    /// `d…de±x`, which Swift's Double parser reads to the nearest Double.
    var text: String {
        guard !digits.isEmpty else { return negative ? "-0" : "0" }
        return (negative ? "-" : "") + String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self) + "e\(exponent)"
    }

    /// The nearest Double, or nil when it is out of a Double's range.
    var value: Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
