/// Finds the nearest known name to a mistyped one, for "did you mean" hints.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance (ignoring case), if close enough to be a plausible typo;
    /// else the one candidate that `word` begins (`grow` → `growth`, `--fail-on warn` → `warning`).
    ///
    /// A prefix counts from three letters (after any leading dashes), and only when one candidate has it, so `e`
    /// suggests nothing and `--re` (`--report`, `--require-all`) neither.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, target.count / 3))
        if best.distance <= allowed { return best.name }
        return uniquePrefixMatch(word, in: candidates)
    }

    /// The one candidate that begins with `word` (ignoring case), when `word` has at least three letters past its
    /// dashes; nil when none or several do.
    static func uniquePrefixMatch(_ word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        guard lowered.drop(while: { $0 == "-" }).count >= 3 else { return nil }
        let matches = candidates.filter { $0.lowercased().hasPrefix(lowered) && $0.count > word.count }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
