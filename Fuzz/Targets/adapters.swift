// Fuzz target: the monitoring-export readers (Prometheus, Grafana, CloudWatch, k6, Datadog) through content detection
// and each named format, the --map mapping reader, and FIELD[:UNIT]=PATH bindings, on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAdapters(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for format in [nil] + InputFormat.allCases.map(Optional.some) {
        _ = try? SnapshotDecoder.read(bytes, source: "fuzz.json", format: format)
    }
    _ = try? FieldMapping.parse(bytes, source: "map.json")
    if let text = String(validating: bytes, as: UTF8.self) {
        _ = try? InputBinding.parse(text)
        _ = try? Aggregation.parseOverride(text)
    }
    return 0
}
