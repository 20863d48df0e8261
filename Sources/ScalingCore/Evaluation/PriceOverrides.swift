/// Why a prices file (`--prices FILE`) cannot be used. Each case says where, and what was expected.
public enum PricesError: Error, Equatable, Sendable {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not valid JSON.
    case syntax(file: String, JSONSyntaxError)
    /// A key or amount is wrong: `key` is the JSON path (`neon-pro`, or `prices.neon-pro` in a policy).
    case invalid(place: SourcePlace, key: String, reason: String)
}

/// Monthly prices in USD that replace the guide's, by price id (as `guide --format json` lists them).
///
/// The guide's prices age; a team that pays $69 for Neon's plan writes `{"neon-pro": 69}` in a file given to `--prices`
/// or under a policy's `"prices"`. A service the guide leaves unpriced (Kubernetes, say) is priced by naming its id.
public struct PriceOverrides: Sendable, Equatable {
    /// One price given, and where: `prices.json:3`, `policy .scalectl.json:12`.
    public struct Entry: Sendable, Equatable {
        public let id: PriceItem.ID
        public let amount: Double
        public let origin: String
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The price given for an id, if any.
    public func entry(_ id: PriceItem.ID) -> Entry? { entries.last { $0.id == id } }

    /// These prices with `other`'s in place of any given twice: a `--prices` file over a policy's `prices`.
    public func overridden(by other: PriceOverrides) -> PriceOverrides {
        PriceOverrides(entries: entries.filter { other.entry($0.id) == nil } + other.entries)
    }

    /// Reads `{"neon-pro": 69, "kubernetes": 400}` from a prices file or a policy's `prices`; `origin` names the file in
    /// each entry ("policy .scalectl.json" or "prices.json"), `jsonPath` prefixes the keys in errors.
    public static func read(_ node: JSONNode, file: String, origin: String, jsonPath: String = "") throws(PricesError) -> PriceOverrides {
        func fail(_ location: JSONLocation, _ key: String, _ reason: String) -> PricesError {
            .invalid(place: SourcePlace(file: file, line: location.line, column: location.column), key: key, reason: reason)
        }
        guard case .object(let members) = node.value else {
            throw fail(
                node.location, jsonPath.isEmpty ? "(top)" : jsonPath,
                "expected an object of price ids and monthly USD amounts, such as {\"neon-pro\": 69}, got \(node.value.typeNameWithArticle)"
            )
        }
        let ids = GuideCatalog.prices.map(\.id)
        var entries: [Entry] = []
        for member in members {
            let key = jsonPath.isEmpty ? member.key : "\(jsonPath).\(member.key)"
            guard ids.contains(member.key) else {
                let hint = Suggestion.nearest(to: member.key, in: ids).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw fail(
                    member.keyLocation, key,
                    "unknown price id\(hint); the ids are those of `scalectl guide --format json`: " + ids.joined(separator: ", "))
            }
            guard !entries.contains(where: { $0.id == member.key }) else { throw fail(member.keyLocation, key, "the id appears twice") }
            guard case .number(let number) = member.value.value else {
                throw fail(
                    member.value.location, key,
                    "expected a monthly amount in USD as a number, such as 69, got \(member.value.value.shortDescription)")
            }
            guard number.value.isFinite else { throw fail(member.value.location, key, "\(number.literal) is out of range") }
            guard number.value >= 0 else {
                throw fail(member.value.location, key, "expected a monthly amount of $0 or more, got \(number.literal)")
            }
            entries.append(Entry(id: member.key, amount: number.value, origin: "\(origin):\(member.value.location.line)"))
        }
        return PriceOverrides(entries: entries)
    }

    /// Reads a prices file's bytes.
    public static func parse(_ bytes: [UInt8], path: String) throws(PricesError) -> PriceOverrides {
        let root: JSONNode
        do { root = try JSONReader.parse(bytes) } catch { throw .syntax(file: path, error) }
        return try read(root, file: path, origin: path)
    }
}

/// Where the amount of a cost line comes from.
public enum PriceSource: Sendable, Equatable {
    /// The catalog's price table: the guide's price, or scalectl's rule for it (Upstash past its free tier).
    case catalog(Attribution)
    /// A price the user gave, with its place: `prices.json:3`.
    case given(origin: String)
}
