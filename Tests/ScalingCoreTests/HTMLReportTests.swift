import Foundation
import Testing

@testable import ScalingCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element of a parsed page: its name, attributes and the text directly inside it.
struct XMLElementRecord {
    let name: String
    let attributes: [String: String]
    /// Index of the enclosing element in the record list, or nil at the root.
    let parent: Int?
    var text = ""

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    var classes: [String] { attributes["class"]?.split(separator: " ").map(String.init) ?? [] }
}

/// Reads a page with Foundation's XMLParser into a flat list of elements; nil when it is not well-formed.
final class XMLRecorder: NSObject, XMLParserDelegate {
    var elements: [XMLElementRecord] = []
    private var stack: [Int] = []
    var error: Error?

    static func parse(_ text: String) -> (elements: [XMLElementRecord], error: Error?) {
        let recorder = XMLRecorder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = recorder
        let ok = parser.parse()
        return (recorder.elements, ok ? nil : (parser.parserError ?? recorder.error))
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(XMLElementRecord(name: name, attributes: attributes, parent: stack.last))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let top = stack.last { elements[top].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

extension [XMLElementRecord] {
    /// The elements inside the element at `index`, at any depth.
    func descendants(of index: Int) -> [XMLElementRecord] {
        var inside: Set<Int> = [index]
        var found: [XMLElementRecord] = []
        for (position, element) in enumerated() where position > index {
            guard let parent = element.parent, inside.contains(parent) else { continue }
            inside.insert(position)
            found.append(element)
        }
        return found
    }
}

@Suite struct HTMLReportTests {
    static func advice(_ fixture: String, options: TrendOptions = .standard) throws -> Advice {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture(fixture))))
        let series = try SnapshotDecoder.decode(bytes, source: "Fixtures/\(fixture)").series
        return try Advisor.advise(series, trendOptions: options)
    }

    // MARK: Escaping

    struct EscapeCase: CustomTestStringConvertible, Sendable {
        let input: String
        let expected: String
        var testDescription: String { "escapes \(input.debugDescription)" }
    }

    static let escapeCases: [EscapeCase] = [
        EscapeCase(input: "<script>alert(1)</script>", expected: "&lt;script&gt;alert(1)&lt;/script&gt;"),
        EscapeCase(input: "\"><img src=x onerror=alert(1)>", expected: "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        EscapeCase(input: "it's", expected: "it&#39;s"),
        EscapeCase(input: "AT&T &amp;", expected: "AT&amp;T &amp;amp;"),
        EscapeCase(input: "red\u{1B}[31m", expected: "red\\u{1b}[31m"),
        EscapeCase(input: "a\u{0}b\u{7F}c\u{85}", expected: "a\\u{0}b\\u{7f}c\\u{85}"),
        EscapeCase(input: "line\nbreak\ttab", expected: "line\\nbreak\\ttab"),
        EscapeCase(input: "evil\u{202E}txt.csv", expected: "evil\\u{202e}txt.csv"),
        EscapeCase(input: "]]><!-- -->", expected: "]]&gt;&lt;!-- --&gt;"),
        EscapeCase(
            input: "bad" + String(Character(Unicode.Scalar(0xFFFE)!)) + String(Character(Unicode.Scalar(0xFDD0)!)),
            expected: "bad\\u{fffe}\\u{fdd0}"),
        EscapeCase(input: "café 12,400 ≥ $4.2k", expected: "café 12,400 ≥ $4.2k"),
    ]

    @Test(arguments: escapeCases)
    func escapeNeutralizesHostileText(_ item: EscapeCase) {
        let escaped = HTMLReport.escape(item.input)
        #expect(escaped == item.expected)
        for character in ["<", ">", "\"", "'"] { #expect(!escaped.contains(character)) }
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        // In an attribute and in content, it stays one attribute and one text: no element, no broken document.
        let (elements, error) = XMLRecorder.parse("<p title=\"\(escaped)\">\(escaped)</p>")
        #expect(error == nil)
        #expect(elements.map(\.name) == ["p"] && elements[0].attributes.count == 1)
    }

    // MARK: The page

    @Test func theReportIsOneSelfContainedWellFormedPageWithAStrictPolicy() throws {
        let html = HTMLReport.advice(try Self.advice("series.csv"))
        let (elements, error) = XMLRecorder.parse(html)
        #expect(error == nil, "not well-formed: \(String(describing: error))")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!elements.contains { ["script", "link", "iframe", "object", "embed", "img", "form"].contains($0.name) })
        let policy = try #require(elements.first { $0.attributes["http-equiv"] == "Content-Security-Policy" })
        let directives = policy.attributes["content"]!.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(directives.contains("default-src 'none'"))
        #expect(directives.contains("style-src 'unsafe-inline'"))
        #expect(directives.contains("img-src data:"))
        // Nothing is fetched: no attribute points anywhere but within the page (an action's link to its step), and no
        // style imports or loads a URL.
        let ids = Set(elements.compactMap { $0.attributes["id"] })
        for element in elements {
            for name in ["src", "href", "srcset", "action", "data", "poster"] {
                if name == "href", element.name == "a", let target = element.attributes[name], target.hasPrefix("#") {
                    #expect(ids.contains(String(target.dropFirst())), "a link to a missing \(target)")
                    continue
                }
                #expect(element.attributes[name] == nil, "\(element.name) has \(name)")
            }
        }
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(!elements.contains { $0.attributes.keys.contains { $0.lowercased().hasPrefix("on") } }, "no event handler")
        // The print and phone layouts are there.
        #expect(html.contains("@page { size: A4"))
        #expect(html.contains("@media print"))
        #expect(html.contains("@media (max-width: 640px)"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
    }

    @Test func theReportShowsLadderFindingsStepsChecklistAndCost() throws {
        let advice = try Self.advice("stages/growth.json")
        let html = HTMLReport.advice(advice)
        let (elements, error) = XMLRecorder.parse(html)
        #expect(error == nil)
        // The ladder: five stages, the current one marked.
        let ladder = try #require(elements.firstIndex { $0.classes.contains("ladder") })
        let steps = elements.descendants(of: ladder).filter { $0.name == "li" }
        #expect(steps.count == Stage.allCases.count)
        #expect(steps.filter { $0.attributes["aria-current"] == "step" }.count == 1)
        #expect(steps[advice.stage.number].classes == ["current"])
        // Distances, findings with the guide's action, next steps, checklist groups, the cost lines.
        for distance in advice.assessment.distances { #expect(html.contains(HTMLReport.escape(Wording.distance(distance)))) }
        for breach in advice.breaches { #expect(html.contains(HTMLReport.escape(breach.threshold.action))) }
        for step in advice.nextSteps { #expect(html.contains(HTMLReport.escape(step.step.title))) }
        for group in ChecklistGroup.allCases { #expect(elements.contains { $0.attributes["id"] == "checklist-\(group.rawValue)" }) }
        for line in advice.cost.lines { #expect(html.contains(HTMLReport.escape(line.item.service))) }
        #expect(html.contains(HTMLReport.escape(advice.cost.band.label)))
    }

    @Test func aSingleSnapshotStillMakesAReportAndSaysWhyThereAreNoCharts() throws {
        let html = HTMLReport.advice(try Self.advice("stages/growth.json"))
        let (elements, error) = XMLRecorder.parse(html)
        #expect(error == nil)
        #expect(!elements.contains { $0.name == "svg" && $0.classes.contains("chart") })
        #expect(html.contains("No charts: the input holds one snapshot; a chart needs two or more snapshots of a metric."))
        #expect(elements.contains { $0.attributes["id"] == "cost" })
    }

    @Test func aTrafficSpikePutsTheEmergencyPlaybookFirst() throws {
        let advice = try Self.advice("trends/viral.csv")
        let emergency = try #require(advice.emergency)
        let html = HTMLReport.advice(advice)
        let (elements, error) = XMLRecorder.parse(html)
        #expect(error == nil)
        let sections = elements.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
        #expect(sections.first == "emergency")
        for step in emergency.playbook.steps { #expect(html.contains(HTMLReport.escape(step.title))) }
    }

    @Test func anUntimedSeriesIsChartedInFileOrder() throws {
        let advice = try Self.advice("trends/untimed.csv")
        let charts = ChartBuilder.charts(for: advice)
        #expect(!charts.isEmpty)
        for chart in charts {
            #expect(chart.points.map(\.x) == chart.points.indices.map(Double.init))
            #expect(chart.forecast.isEmpty, "no timestamps, no forecast")
            #expect(chart.x.title == "snapshot (file order: no timestamps)")
        }
        #expect(XMLRecorder.parse(HTMLReport.advice(advice)).error == nil)
    }

    // MARK: Chart geometry, read back from the SVG

    /// Every chart of the shipped series: each dot sits where its timestamp and value say, on the axis mapping the
    /// SVG itself declares (its plot rectangle and its axis ranges).
    @Test func eachPlottedPointLiesWhereItsTimeAndValueSay() throws {
        let advice = try Self.advice("series.csv")
        let (elements, error) = XMLRecorder.parse(HTMLReport.advice(advice))
        #expect(error == nil)
        let svgs = elements.indices.filter { elements[$0].name == "svg" && elements[$0].classes.contains("chart") }
        #expect(svgs.map { elements[$0].attributes["data-field"]! } == ChartBuilder.fields.map(\.rawValue))
        let timeline = try #require(advice.trends?.timeline)
        for index in svgs {
            let svg = elements[index]
            let field = try #require(SnapshotField(rawValue: svg.attributes["data-field"]!))
            let inside = elements.descendants(of: index)
            let plot = try #require(inside.first { $0.classes.contains("plot") })
            let (left, top) = (plot.number("x")!, plot.number("y")!)
            let (width, height) = (plot.number("width")!, plot.number("height")!)
            let (xLow, xHigh) = (svg.number("data-x-low")!, svg.number("data-x-high")!)
            let (yLow, yHigh) = (svg.number("data-y-low")!, svg.number("data-y-high")!)
            func x(_ time: Double) -> Double { left + (time - xLow) / (xHigh - xLow) * width }
            func y(_ value: Double) -> Double { top + height - (value - yLow) / (yHigh - yLow) * height }
            // The expected points come from the snapshots, not from the chart model.
            let expected = timeline.snapshots(in: advice.series).compactMap { snapshot in snapshot[field].map { (snapshot.timestamp!, $0) }
            }
            let dots = inside.filter { $0.classes.contains("point") }
            #expect(dots.count == expected.count, "\(field)")
            for ((time, value), dot) in zip(expected, dots) {
                #expect(abs(dot.number("cx")! - x(time)) < 0.01, "\(field) at \(Timestamp.formatDate(time))")
                #expect(abs(dot.number("cy")! - y(value)) < 0.01, "\(field) \(value)")
                #expect(dot.number("cy")! >= top - 0.01 && dot.number("cy")! <= top + height + 0.01, "inside the plot")
            }
            // Every tick label sits on its tick's value: the y axis' first tick is the plot's bottom.
            let yTicks = inside.filter { $0.name == "line" && $0.classes.contains("grid") }
            #expect(abs(yTicks.first!.number("y1")! - (top + height)) < 0.01)
        }
    }

    struct LineCase: CustomTestStringConvertible, Sendable {
        let field: SnapshotField
        let kind: String
        let value: Double
        var testDescription: String { "\(field.rawValue) has its \(kind) line at \(value)" }
    }

    static let lineCases: [LineCase] = [
        LineCase(field: .responseP95Ms, kind: "threshold", value: 500),
        LineCase(field: .errorRate, kind: "threshold", value: 0.01),
        LineCase(field: .cacheHitRate, kind: "threshold", value: 0.8),
        LineCase(field: .dbCPU, kind: "threshold", value: 0.5),
        LineCase(field: .requestsPerMonth, kind: "threshold", value: 10_000_000),
        LineCase(field: .users, kind: "next-stage", value: 50_000),
        LineCase(field: .mrr, kind: "next-stage", value: 10_000),
        LineCase(field: .monthlyCost, kind: "band", value: 60),
    ]

    @Test(arguments: lineCases)
    func referenceLinesSitAtTheirValue(_ item: LineCase) throws {
        let chart = try #require(ChartBuilder.charts(for: try Self.advice("series.csv")).first { $0.field == item.field })
        let (elements, error) = XMLRecorder.parse(SVGChart.render(chart, id: "c"))
        #expect(error == nil)
        let plot = try #require(elements.first { $0.classes.contains("plot") })
        let lines = elements.filter { $0.name == "line" && $0.classes.contains(item.kind) }
        let line = try #require(lines.first { $0.number("data-value") == item.value })
        let expected = plot.number("y")! + plot.number("height")! * (chart.y.high - item.value) / (chart.y.high - chart.y.low)
        #expect(abs(line.number("y1")! - expected) < 0.01)
        #expect(line.number("y1") == line.number("y2"), "horizontal")
        #expect(line.number("x1") == plot.number("x") && abs(line.number("x2")! - plot.number("x")! - plot.number("width")!) < 0.01)
        #expect(item.value >= chart.y.low && item.value <= chart.y.high, "the line is inside the plot")
    }

    /// The dashed forecast is drawn exactly for the metrics with a forecast crossing, from the latest snapshot to the
    /// soonest crossing or the horizon, along the fitted line.
    @Test func theDashedForecastFollowsTheFitToTheCrossingOrTheHorizon() throws {
        let advice = try Self.advice("series.csv")
        let trends = try #require(advice.trends)
        let now = try #require(trends.now)
        var drawn = 0
        for chart in ChartBuilder.charts(for: advice) {
            let crossings = trends.forecasts.compactMap { forecast -> Double? in
                guard forecast.target.field == chart.field, case .crossing(let date, _, _) = forecast.outcome else { return nil }
                return date
            }
            let (elements, _) = XMLRecorder.parse(SVGChart.render(chart, id: "c"))
            let path = elements.first { $0.name == "path" && $0.classes.contains("forecast") }
            guard let soonest = crossings.min() else {
                #expect(path == nil, "\(chart.field) crosses nothing, so no forecast is drawn")
                continue
            }
            drawn += 1
            let dashed = try #require(path, "\(chart.field) has a crossing on \(Timestamp.formatDate(soonest))")
            #expect(dashed.attributes["stroke-dasharray"] != nil)
            let trend = try #require(trends.trend(chart.field))
            // The faint fit spans the snapshots and meets the dashed line where it starts.
            #expect(elements.contains { $0.name == "path" && $0.classes.contains("fit") })
            #expect(chart.fitted.first?.x == trend.times?.first && chart.fitted.last == chart.forecast.first)
            let end = min(soonest, now + trends.options.horizon)
            #expect(chart.forecast.first?.x == now)
            #expect(abs(chart.forecast.last!.x - end) < 1e-6)
            for point in chart.forecast {
                let x = (point.x - trend.origin!) / TimelineRules.day
                let fitted = trend.model == .compound ? exp(trend.fit!.value(at: x)) : trend.fit!.value(at: x)
                #expect(abs(point.y - fitted) <= 1e-9 * max(1, abs(fitted)))
            }
            // The path's ends are the model's first and last forecast points, mapped like the dots.
            let frame = ChartFrame.standard
            let numbers = dashed.attributes["d"]!.split { "ML ,".contains($0) }.compactMap { Double($0) }
            #expect(abs(numbers[0] - frame.x(now, on: chart.x)) < 0.01)
            #expect(abs(numbers[numbers.count - 2] - frame.x(end, on: chart.x)) < 0.01)
            #expect(abs(numbers[numbers.count - 1] - frame.y(chart.forecast.last!.y, on: chart.y)) < 0.01)
        }
        #expect(drawn >= 5, "users, MRR, requests, p95, error rate, CPU and cache hit rate cross something")
    }

    struct TickCase: CustomTestStringConvertible, Sendable {
        let value: Double
        let kind: QuantityKind
        let label: String
        var testDescription: String { "\(value) as \(kind) is \(label)" }
    }

    @Test(arguments: [
        TickCase(value: 50_000, kind: .count, label: "50k"), TickCase(value: 2_500_000, kind: .count, label: "2.5M"),
        TickCase(value: 7_500, kind: .money, label: "$7,500"), TickCase(value: 0.0075, kind: .fraction, label: "0.75%"),
        TickCase(value: 500, kind: .milliseconds, label: "500"), TickCase(value: 0, kind: .money, label: "$0"),
    ])
    func tickLabelsAreShortAndCarryTheirUnit(_ item: TickCase) {
        #expect(ChartBuilder.tickLabel(item.value, kind: item.kind) == item.label)
    }

    @Test func axesHaveRoundTicksDatesAndUnits() throws {
        let chart = try #require(ChartBuilder.charts(for: try Self.advice("series.csv")).first { $0.field == .responseP95Ms })
        #expect(chart.y.title == "p95 response time (ms)")
        #expect(chart.y.ticks.map(\.label) == ["200", "300", "400", "500"])
        #expect(chart.x.title == "date (2026, UTC)")
        #expect(chart.x.ticks.first?.label == "Sep 7")
        #expect(chart.x.ticks.allSatisfy { $0.value >= chart.x.low && $0.value <= chart.x.high })
    }

    struct TimeAxisCase: CustomTestStringConvertible, Sendable {
        let days: Double
        let labels: [String]
        var testDescription: String { "\(Int(days)) days get ticks \(labels)" }
    }

    /// Ticks every round number of days, at most five intervals, from the first snapshot (2026-11-01).
    @Test(arguments: [
        TimeAxisCase(days: 6, labels: ["Nov 1", "Nov 3", "Nov 5", "Nov 7"]),
        TimeAxisCase(days: 13, labels: ["Nov 1", "Nov 4", "Nov 7", "Nov 10", "Nov 13"]),
        TimeAxisCase(days: 35, labels: ["Nov 1", "Nov 8", "Nov 15", "Nov 22", "Nov 29", "Dec 6"]),
        TimeAxisCase(days: 400, labels: ["Nov 1", "Jan 31", "May 2", "Aug 1", "Oct 31"]),
    ])
    func timeAxesTickEveryRoundNumberOfDays(_ item: TimeAxisCase) throws {
        let start = try Timestamp.parse("2026-11-01")
        let axis = ChartBuilder.timeAxis(low: start, high: start + item.days * TimelineRules.day)
        #expect(axis.ticks.map(\.label) == item.labels)
        #expect(axis.low < start && axis.high > start + item.days * TimelineRules.day, "a margin so end dots are not cut")
    }

    // MARK: The command

    @Test func reportRefusesATerminalAndSuggestsOutputOrARedirect() {
        let run = TestSupport.run(["report", TestSupport.fixture("series.csv")], terminal: true)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("--output report.html"))
        #expect(run.stderr.contains("> report.html"))
    }

    @Test func reportWritesHTMLToAPipeAndAtomicallyToOutput() throws {
        let run = try TestSupport.runBinary(["report", "Fixtures/series.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(run.stdout.contains("Forecast to happen within 4 weeks"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.html").path
        let written = try TestSupport.runBinary(["report", "Fixtures/series.csv", "--output", target])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == run.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"], "no temporary file left")
        // A terminal on stdout does not matter when the report goes to a file; --horizon reaches the page.
        let longer = TestSupport.run(["report", TestSupport.fixture("series.csv"), "-o", target, "--horizon", "8w"], terminal: true)
        #expect(longer.status == 0, "\(longer.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("Forecast to happen within 8 weeks"))
    }

    @Test func everythingFromTheInputIsEscaped() throws {
        let name = "<script>alert('x')</script>\u{1B}[31m.csv"
        let csv = "timestamp,users,mrr\n2026-01-01,900,$10\n2026-01-08,1200,$20\n"
        let run = TestSupport.run(
            ["report", name, "--what-if", "users=x2", "--input-format", "csv"], files: [name: csv])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("<script"))
        #expect(!run.stdout.contains("\u{1B}"))
        #expect(run.stdout.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\u{1b}[31m.csv"))
        #expect(run.stdout.contains("<section id=\"what-if\""), "the what-if is said first")
        #expect(run.stdout.contains("users: 1,200 → 2,400 (<code>users=x2</code>)"))
        #expect(XMLRecorder.parse(run.stdout).error == nil)
    }

    // MARK: In a real browser

    /// The first executable named `name` on PATH.
    static func onPath(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(onPath).first
    static let canRender = chromium != nil && onPath("python3") != nil
    static let cannotRender =
        "skipped: Scripts/render-report needs Chromium and python3 (apt-get install chromium); found chromium: "
        + "\(chromium ?? "no"), python3: \(onPath("python3") ?? "no")"

    /// Renders the report in headless Chromium at desktop and phone widths; checks the pages are not blank and the
    /// charts cover the area they should (Scripts/render-report).
    @Test(.enabled(if: canRender, Comment(rawValue: cannotRender)), .timeLimit(.minutes(3)))
    func theReportRendersInABrowserAtDesktopAndPhoneWidths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-render-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try TestSupport.runBinary(
            ["--binary", TestSupport.binary.path, folder.path],
            executable: TestSupport.packageRoot.appendingPathComponent("Scripts/render-report").path)
        print("render-report:\n\(run.stdout)\(run.stderr)")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("DOM: 9 charts, 0 script elements"))
        #expect(run.stdout.contains("A4 ok"), "prints on A4")
        // Charts that show the data, measured by Chromium's layout on the weekly history: labels clear of the series,
        // the data at least 40% of each value axis, the trigger line, no full ISO time on weekly data.
        for size in ["1280x2000", "390x2400"] { #expect(run.stdout.contains("weekly charts at \(size): CHARTS OK")) }
        let checked = run.stdout.split(separator: "\n").filter { $0.contains(".png: ") && $0.hasSuffix(": ok") }
        #expect(checked.count == 3, "three screenshots pass their checks")
    }

    /// Says why the browser test did not run, where it cannot.
    @Test(.enabled(if: !canRender)) func browserTestSkipReason() {
        print(Self.cannotRender)
    }
}
