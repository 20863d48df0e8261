/// A monitoring tool's export format: how to recognise it from content, and how to read it.
struct MonitoringAdapter: Sendable {
    let format: InputFormat
    /// The tool, for messages and the README.
    let tool: String
    /// Whether a parsed JSON document has this tool's shape (nil for CSV formats).
    let jsonProbe: (@Sendable (JSONNode) -> Bool)?
    /// Whether CSV bytes have this tool's shape (nil for JSON formats).
    let csvProbe: (@Sendable ([UInt8]) -> Bool)?
}

/// The table of monitoring adapters, probed in order; the first whose probe accepts the content reads it.
///
/// Plain snapshot JSON and CSV are tried last: a snapshot has none of these tools' top-level keys, and a snapshot
/// CSV's columns name fields, which a Grafana export's do not.
enum AdapterTable {
    static let adapters: [MonitoringAdapter] = [
        MonitoringAdapter(format: .prometheus, tool: "Prometheus", jsonProbe: PrometheusAdapter.probe, csvProbe: nil),
        MonitoringAdapter(format: .cloudwatch, tool: "CloudWatch", jsonProbe: CloudWatchAdapter.probe, csvProbe: nil),
        MonitoringAdapter(format: .k6, tool: "k6", jsonProbe: K6SummaryAdapter.probe, csvProbe: nil),
        MonitoringAdapter(format: .datadog, tool: "Datadog", jsonProbe: DatadogAdapter.probe, csvProbe: nil),
        MonitoringAdapter(format: .grafana, tool: "Grafana", jsonProbe: nil, csvProbe: GrafanaCSVAdapter.probe),
    ]

    /// The format of a parsed JSON document: a tool's, or plain snapshot JSON.
    static func format(of root: JSONNode) -> InputFormat {
        adapters.first { $0.jsonProbe?(root) == true }?.format ?? .json
    }

    /// The format of CSV bytes: Grafana's, or a plain snapshot CSV.
    static func format(ofCSV bytes: [UInt8]) -> InputFormat {
        adapters.first { $0.csvProbe?(bytes) == true }?.format ?? .csv
    }

    /// Reads a JSON export of a tool's format.
    static func read(json root: JSONNode, format: InputFormat, source: String) throws(InputError) -> AdaptedInput {
        switch format {
        case .prometheus: try PrometheusAdapter.read(root, source: source)
        case .cloudwatch: try CloudWatchAdapter.read(root, source: source)
        case .k6: try K6SummaryAdapter.read(root, source: source)
        case .datadog: try DatadogAdapter.read(root, source: source)
        case .json, .csv, .grafana: preconditionFailure("\(format) is not a JSON export format")
        }
    }
}

/// What one input holds: snapshots, or a monitoring tool's series.
public enum ReadInput: Equatable, Sendable {
    case snapshots(DecodedInput)
    case metrics(AdaptedInput)
}

extension InputFormat {
    /// Whether the format is read as JSON (everything but CSV and Grafana's CSV).
    var isJSON: Bool { self != .csv && self != .grafana }
}
