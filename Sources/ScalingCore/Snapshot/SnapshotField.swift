/// A field of a metrics snapshot: the canonical names are both the JSON keys and the CSV headers.
public enum SnapshotField: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case timestamp
    case users
    case dailyActiveUsers = "daily_active_users"
    case payingCustomers = "paying_customers"
    case mrr
    case requestsPerMonth = "requests_per_month"
    case responseP95Ms = "response_p95_ms"
    case errorRate = "error_rate"
    case dbCPU = "db_cpu"
    case cacheHitRate = "cache_hit_rate"
    case dbConnections = "db_connections"
    case dbConnectionLimit = "db_connection_limit"
    case redisCommandsPerDay = "redis_commands_per_day"
    case dbStorageGB = "db_storage_gb"
    case monthlyCost = "monthly_cost"
    case checklistDone = "checklist_done"

    public var description: String { rawValue }

    /// What the field holds, its aliases and its wording: the row of `FieldCatalog` for this field.
    public var spec: FieldSpec { FieldCatalog.spec(for: self) }

    /// Whether the field holds a number (every field but `timestamp` and `checklist_done`): what thresholds,
    /// limits, what-ifs, bindings and diffs work on.
    public var isNumeric: Bool { spec.kind != .timestamp && spec.kind != .idList }

    /// The numeric fields' names, for suggestions.
    public static var numericNames: [String] { allCases.filter(\.isNumeric).map(\.rawValue) }
}

/// The kind of quantity a field holds, which decides the units it accepts and how it prints.
public enum QuantityKind: String, Sendable, CaseIterable {
    /// A non-negative number of things: `12400`, `"12.4k"`, `"1.2M"`, `"4,200"`.
    case count
    /// US dollars: `4200`, `"$4,200"`, `"$4.2k"`, `"4200 USD"`.
    case money
    /// A fraction from 0 to 1: `0.015` or `"1.5%"`; a bare number above 1 is ambiguous and rejected.
    case fraction
    /// Milliseconds: `620`, `"620ms"`, `"0.62s"`, `"620 µs"`.
    case milliseconds
    /// Gigabytes: `10`, `"10GB"`, `"512MB"`, `"1.5TB"`, `"8GiB"`.
    case gigabytes
    /// A point in time: ISO-8601 (`2026-11-01`, `2026-11-01T12:00:00Z`) or Unix seconds.
    case timestamp
    /// A list of checklist or step ids: a JSON array of strings, or one `;`-separated text.
    case idList

    /// What a value of this kind looks like, for error messages.
    public var expectation: String {
        switch self {
        case .count: "a non-negative count such as 12400, \"12.4k\" or \"1.2M\""
        case .money: "a non-negative amount in USD such as 4200, \"$4,200\" or \"$4.2k\""
        case .fraction: "a fraction from 0 to 1 such as 0.015, or a percentage such as \"1.5%\""
        case .milliseconds: "a duration such as 620 (milliseconds), \"620ms\" or \"0.62s\""
        case .gigabytes: "a size such as 10 (GB), \"10GB\" or \"512MB\""
        case .timestamp: "an ISO-8601 time such as \"2026-11-01T12:00:00Z\" or Unix seconds such as 1793534400"
        case .idList: "a list of checklist ids such as [\"database.indexes\", \"caching.cdn\"] (in CSV: \"database.indexes;caching.cdn\")"
        }
    }
}

/// The row of the field table: what a field holds, the names it is known by in exports, and how it reads.
public struct FieldSpec: Sendable, Equatable {
    public let field: SnapshotField
    public let kind: QuantityKind
    /// Other names exports use for the field; matching also ignores case, `_`, `-` and spaces, so camelCase forms match.
    public let aliases: [String]
    /// A short human label: "p95 response time".
    public let label: String
    /// One sentence for `--help` and the README.
    public let summary: String
}

/// The table of snapshot fields.
public enum FieldCatalog {
    public static let specs: [FieldSpec] = [
        FieldSpec(
            field: .timestamp, kind: .timestamp, aliases: ["time", "date", "datetime", "ts", "at", "recorded_at"],
            label: "timestamp", summary: "When the snapshot was taken: ISO-8601 or Unix seconds."),
        FieldSpec(
            field: .users, kind: .count, aliases: ["user_count", "total_users", "registered_users"],
            label: "users", summary: "Total registered users."),
        FieldSpec(
            field: .dailyActiveUsers, kind: .count, aliases: ["dau", "daily_users", "active_users_daily", "daily_active"],
            label: "daily active users", summary: "Users active in the last day."),
        FieldSpec(
            field: .payingCustomers, kind: .count, aliases: ["customers", "paying_users", "paid_users", "subscribers"],
            label: "paying customers", summary: "Customers who pay."),
        FieldSpec(
            field: .mrr, kind: .money, aliases: ["mrr_usd", "monthly_recurring_revenue", "revenue_monthly"],
            label: "MRR", summary: "Monthly recurring revenue in USD."),
        FieldSpec(
            field: .requestsPerMonth, kind: .count, aliases: ["monthly_requests", "requests_month"],
            label: "requests/month", summary: "Requests served per month (Deno Deploy Pro includes 10 million)."),
        FieldSpec(
            field: .responseP95Ms, kind: .milliseconds,
            aliases: ["p95_ms", "latency_p95_ms", "p95", "p95_latency_ms", "response_time_p95_ms", "response_time_ms", "latency_p95"],
            label: "p95 response time", summary: "95th-percentile response time in milliseconds."),
        FieldSpec(
            field: .errorRate, kind: .fraction, aliases: ["error_ratio", "errorrate_ratio"],
            label: "error rate", summary: "Share of requests that fail, 0-1 or a percentage."),
        FieldSpec(
            field: .dbCPU, kind: .fraction, aliases: ["database_cpu", "db_cpu_utilization", "db_cpu_usage", "neon_cpu"],
            label: "database CPU", summary: "Database CPU utilisation, 0-1 or a percentage."),
        FieldSpec(
            field: .cacheHitRate, kind: .fraction, aliases: ["cache_hit_ratio", "hit_rate"],
            label: "cache hit rate", summary: "Share of cache lookups that hit, 0-1 or a percentage."),
        FieldSpec(
            field: .dbConnections, kind: .count, aliases: ["database_connections", "connections", "active_connections"],
            label: "database connections", summary: "Open database connections at peak."),
        FieldSpec(
            field: .dbConnectionLimit, kind: .count, aliases: ["max_connections", "connection_limit", "database_connection_limit"],
            label: "database connection limit", summary: "The most connections the database plan allows."),
        FieldSpec(
            field: .redisCommandsPerDay, kind: .count, aliases: ["redis_commands", "upstash_commands_per_day", "cache_commands_per_day"],
            label: "Redis commands/day", summary: "Redis commands per day (Upstash is free up to 10,000)."),
        FieldSpec(
            field: .dbStorageGB, kind: .gigabytes, aliases: ["storage_gb", "database_storage_gb", "db_size_gb", "db_storage"],
            label: "database storage", summary: "Database size in GB (Neon Pro includes 10 GB)."),
        FieldSpec(
            field: .monthlyCost, kind: .money, aliases: ["cost", "infra_cost", "monthly_cost_usd", "infrastructure_cost"],
            label: "monthly cost", summary: "What the infrastructure costs per month today, in USD."),
        FieldSpec(
            field: .checklistDone, kind: .idList, aliases: ["done", "completed", "checklist"],
            label: "checklist done", summary: "Checklist (or guide step) ids already done."),
    ]

    /// The row for one field.
    public static func spec(for field: SnapshotField) -> FieldSpec {
        specs[SnapshotField.allCases.firstIndex(of: field)!]
    }

    /// The field a key names, canonical or alias, ignoring case, `_`, `-`, `.` and spaces.
    ///
    /// `dailyActiveUsers`, `Daily Active Users` and `DAU` all name `daily_active_users`.
    public static func field(named key: String) -> SnapshotField? {
        byNormalizedName[normalize(key)]
    }

    /// Every name a field answers to, canonical first, for "did you mean" suggestions and docs.
    public static var allNames: [String] { specs.flatMap { [$0.field.rawValue] + $0.aliases } }

    static func normalize(_ key: String) -> String {
        // ASCII names (all of the table's and nearly every key) skip `lowercased()`'s Unicode machinery: building the
        // table and looking up a snapshot's keys took about 0.5 M instructions at start-up that way.
        let utf8 = key.utf8
        if let ascii = utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var count = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "\t"): continue
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): buffer[count] = byte + 0x20
                    default: buffer[count] = byte
                    }
                    count += 1
                }
                return count
            }
        }), let ascii {
            return ascii
        }
        return String(
            key.unicodeScalars.compactMap { scalar -> Character? in
                switch scalar {
                case "_", "-", " ", ".", "\t": nil
                default: Character(scalar)
                }
            }
        ).lowercased()
    }

    private static let byNormalizedName: [String: SnapshotField] = {
        var table: [String: SnapshotField] = [:]
        table.reserveCapacity(specs.reduce(0) { $0 + 1 + $1.aliases.count })
        for spec in specs {
            for name in [spec.field.rawValue] + spec.aliases {
                let key = normalize(name)
                precondition(table[key] == nil || table[key] == spec.field, "field name \(name) is claimed twice")
                table[key] = spec.field
            }
        }
        return table
    }()
}
