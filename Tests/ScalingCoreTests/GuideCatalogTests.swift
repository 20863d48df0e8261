import Foundation
import Testing

@testable import ScalingCore

/// The tables themselves: complete, consistent, and faithful to the guide's words.
@Suite struct GuideCatalogTests {
    @Test func everyFieldHasOneSpecInTheFieldsOrder() {
        #expect(FieldCatalog.specs.map(\.field) == SnapshotField.allCases)
    }

    @Test func theDecisionTreeAndTheUsersRangesAgree() {
        // The stage rule reads the stage from the decision tree; the users' range rules must draw the same lines.
        let ranges = GuideCatalog.stageSignals.first { $0.field == .users }!.rules.filter { $0.kind == .usersRange }
        #expect(ranges.map(\.value) == GuideCatalog.decisionTree.compactMap(\.usersBelow))
        #expect(ranges.map(\.stage) == Array(Stage.allCases.dropFirst()))
        #expect(GuideCatalog.decisionTree.map(\.stage) == Stage.allCases)
        for profile in GuideCatalog.stages {
            #expect(GuideCatalog.decision(forUsers: Double(profile.users.lower)).stage == profile.stage)
        }
        // Every stage but the MVP has its "When:" line as a trigger, worded as the guide words it.
        #expect(Set(GuideCatalog.stageTriggers.map(\.stage)) == Set(Stage.allCases.dropFirst()))
        for trigger in GuideCatalog.stageTriggers { #expect(trigger.rule.basis == "When: " + trigger.when) }
    }

    @Test func stagesAreTheGuidesFiveInOrder() {
        #expect(GuideCatalog.stages.map(\.stage) == Stage.allCases)
        #expect(Stage.allCases.map(\.rawValue) == ["mvp", "early-traction", "growth", "scale", "enterprise"])
        #expect(Stage.allCases.map(\.number) == [0, 1, 2, 3, 4])
        #expect(GuideCatalog.stages.map(\.name) == ["Free MVP", "Early Traction", "Growth", "Scale", "Enterprise"])
    }

    @Test func costBandsMatchTheGuide() {
        let bands = GuideCatalog.stages.map { [$0.cost.low, $0.cost.high] }
        #expect(bands == [[0, 0], [0, 20], [20, 60], [100, 300], [500, 2000]])
    }

    @Test func userRangesAreContiguous() {
        let ranges = GuideCatalog.stages.map(\.users)
        #expect(ranges.first?.lower == 0)
        for (lower, upper) in zip(ranges, ranges.dropFirst()) { #expect(lower.upper == upper.lower) }
        #expect(ranges.last?.upper == nil)
    }

    @Test func everyStageButTheMVPHasATriggerAndChanges() {
        for profile in GuideCatalog.stages.dropFirst() {
            #expect(profile.trigger != nil, "\(profile.stage)")
            #expect(!profile.steps.isEmpty, "\(profile.stage)")
        }
    }

    @Test func stepIDsAreUniqueAndPrefixedByTheirStage() {
        let steps = GuideCatalog.stages.flatMap { profile in profile.steps.map { (profile.stage, $0) } }
        #expect(Set(steps.map(\.1.id)).count == steps.count)
        for (stage, step) in steps { #expect(step.id.hasPrefix(stage.rawValue + "."), "\(step.id)") }
    }

    @Test func checklistHasTwentyItemsFivePerGroupWithWellFormedIDs() throws {
        #expect(GuideCatalog.checklist.count == 20)
        for group in ChecklistGroup.allCases {
            #expect(GuideCatalog.checklist.filter { $0.group == group }.count == 5, "\(group)")
        }
        #expect(Set(GuideCatalog.checklist.map(\.id)).count == 20)
        let pattern = try Regex("^[a-z]+\\.[a-z]+(-[a-z]+)*$")
        for item in GuideCatalog.checklist {
            #expect(item.id.wholeMatch(of: pattern) != nil, "\(item.id)")
            #expect(item.id.hasPrefix(item.group.rawValue + "."), "\(item.id)")
        }
        #expect(GuideCatalog.checklistItem("database.indexes")?.expectedFrom == .earlyTraction)
        #expect(GuideCatalog.checklistItem("caching.etags") != nil)
    }

    @Test func stepsReferOnlyToExistingChecklistItems() {
        for step in GuideCatalog.stages.flatMap(\.steps) {
            for id in step.doneWith { #expect(GuideCatalog.checklistItem(id) != nil, "\(step.id) → \(id)") }
        }
    }

    @Test func thresholdsCarryTheGuidesLimitsAndSeverities() {
        let table = Dictionary(uniqueKeysWithValues: GuideCatalog.thresholds.map { ($0.id, $0) })
        #expect(table.count == GuideCatalog.thresholds.count)
        #expect(table["response-time"]?.levels == [.init(severity: .warning, limit: .fixed(500))])
        #expect(table["database-cpu"]?.levels == [.init(severity: .warning, limit: .fixed(0.5))])
        #expect(table["error-rate"]?.levels == [.init(severity: .critical, limit: .fixed(0.01))])
        #expect(table["cache-hit-rate"]?.comparison == .atMost)  // "Cache hit rate (> 80%)": 80% misses the target
        #expect(table["cache-hit-rate"]?.levels.first?.limit == .fixed(0.8))
        #expect(table["request-count"]?.levels.first?.limit == .fixed(10_000_000))
        #expect(table["database-connections"]?.levels.first?.limit == .field(.dbConnectionLimit))
        #expect(GuideCatalog.thresholds.filter { $0.levels.contains { $0.severity == .critical } }.map(\.id) == ["error-rate"])
    }

    @Test func everyDailyCheckIsCheckedByAThreshold() {
        for check in GuideCatalog.dailyChecks {
            #expect(check.threshold.flatMap(GuideCatalog.threshold) != nil, "\(check.text)")
        }
    }

    @Test func decisionTreeCoversAllUserCountsInStageOrder() {
        #expect(GuideCatalog.decisionTree.map(\.stage) == Stage.allCases)
        #expect(GuideCatalog.decision(forUsers: 999).advice == "Stay on free tier")
        #expect(GuideCatalog.decision(forUsers: 1_000).advice == "Add Upstash Redis")
        #expect(GuideCatalog.decision(forUsers: 49_999).advice == "Upgrade to Pro tiers")
        #expect(GuideCatalog.decision(forUsers: 199_999).advice == "Multi-region + optimization")
        #expect(GuideCatalog.decision(forUsers: 250_000).advice == "Consider custom infrastructure")
    }

    @Test func migrationPathsAreTheGuidesTwo() {
        #expect(GuideCatalog.migrationPaths.map(\.title) == ["From Free to Paid", "Emergency Scaling"])
        #expect(
            GuideCatalog.migrationPath("emergency-scaling")?.steps.map(\.title) == [
                "Enable Cloudflare (immediate)", "Increase cache TTLs", "Enable rate limiting", "Scale database (if needed)",
            ])
        #expect(GuideCatalog.costTips.count == 4)
        #expect(
            GuideCatalog.weeklyReviews.map(\.text) == [
                "User growth rate", "Feature usage", "Cost per user", "Infrastructure costs", "Performance trends",
            ])
    }

    @Test func everyStageIsReachableByTheStageRule() throws {
        let reached = try [0.0, 1_000, 10_000, 50_000, 200_000].map { users in
            try StageClassifier.assess(Snapshot(values: [.users: users])).stage
        }
        #expect(reached == Stage.allCases)
    }

    @Test func stageParsingAcceptsIDsNumbersAndNames() {
        #expect(Stage(parsing: "growth") == .growth)
        #expect(Stage(parsing: "EARLY-TRACTION") == .earlyTraction)
        #expect(Stage(parsing: "Early Traction") == .earlyTraction)
        #expect(Stage(parsing: "early_traction") == .earlyTraction)
        #expect(Stage(parsing: "3") == .scale)
        #expect(Stage(parsing: "Free MVP") == .mvp)
        #expect(Stage(parsing: "huge") == nil)
    }

    /// Each encoded statement of the guide must be found in the guide itself, so the tables cannot drift from it.
    /// The repository's copy of the guide (Fixtures/guide), so the test runs in a fresh clone and in CI.
    @Test func guideWordingIsTheGuidesOwn() throws {
        let guide = GuideText.raw
        #expect(!guide.isEmpty)
        func plain(_ text: String) -> String { text.replacingOccurrences(of: "**", with: "") }
        let document = plain(guide)
        var statements: [String] = []
        for profile in GuideCatalog.stages {
            statements.append(profile.heading)
            if let trigger = profile.trigger { statements.append("When: \(trigger)") }
            for section in profile.sections { statements.append("### \(section.heading)") }
            for step in profile.steps {
                statements.append(step.title)
                statements.append(contentsOf: step.details)
                if let snippet = step.snippet {
                    statements.append(contentsOf: snippet.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) })
                }
            }
        }
        statements += GuideCatalog.checklist.map { "- [ ] \($0.text)" }
        statements += GuideCatalog.thresholds.flatMap(\.guideText).filter {
            !$0.contains("Deno Deploy Pro") && !$0.contains("connection pooling")
        }
        statements += GuideCatalog.decisionTree.map { "\($0.condition)" }
        statements += GuideCatalog.decisionTree.map { "→ \($0.advice)" }
        statements += GuideCatalog.migrationPaths.flatMap { $0.steps.map(\.title) }
        statements += GuideCatalog.costTips.flatMap { [$0.title] + $0.points }
        statements += GuideCatalog.dailyChecks.map(\.text) + GuideCatalog.weeklyReviews.map(\.text)
        statements.append(GuideCatalog.reminder)
        for statement in statements {
            #expect(document.contains(statement), "not in the guide: \(statement)")
        }
    }
}

/// The README is for people who use scalectl; docs/ has the rest. Both must say what the code does.
@Suite struct ReadmeTests {
    static func text(_ path: String) throws -> String {
        try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }
    static var readme: String { get throws { try text("README.md") } }
    /// The README and every page under docs/.
    static var documentation: String {
        get throws {
            let docs = TestSupport.packageRoot.appendingPathComponent("docs")
            let pages = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
            return try ([readme] + pages.map { try text("docs/" + $0) }).joined(separator: "\n")
        }
    }

    @Test func readmeStatesTheStageRuleTheCodeFollows() throws {
        let readme = try Self.readme
        #expect(readme.contains(Wording.stageRuleSummary))
        for line in Wording.stageRuleLines { #expect(readme.contains("- " + line), "README lacks: \(line)") }
        for code in ExitCode.allCases { #expect(readme.contains("| \(code.rawValue) |")) }
        for field in SnapshotField.allCases { #expect(readme.contains("`\(field.rawValue)`"), "README lacks field \(field.rawValue)") }
        let documentation = try Self.documentation
        for item in GuideCatalog.checklist { #expect(documentation.contains("`\(item.id)`"), "the docs lack \(item.id)") }
    }

    @Test func theDocumentationNamesEveryCommandAndOption() throws {
        let readme = try Self.readme, documentation = try Self.documentation
        for command in CommandTable.commands where command.name != "help" {
            #expect(readme.contains("`scalectl \(command.name)"), "README lacks the command \(command.name)")
            for option in command.allOptions {
                #expect(documentation.contains("--\(option.name)"), "neither README nor docs/ name --\(option.name)")
            }
        }
    }

    /// Under 25 KB, a table of contents that lists every section, and links that lead somewhere.
    @Test func theReadmeIsShortWithContentsAndLinksThatResolve() throws {
        let readme = try Self.readme
        #expect(readme.utf8.count < 25_000, "README.md is \(readme.utf8.count) bytes: move detail into docs/")
        let headings = readme.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        for heading in headings where heading != "Contents" {
            #expect(readme.contains("- [\(heading)](#\(Self.anchor(heading)))"), "Contents lacks \(heading)")
        }
        let docs = TestSupport.packageRoot.appendingPathComponent("docs")
        let pages = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }
        for page in ["README.md"] + pages.map({ "docs/" + $0 }) {
            let text = try Self.text(page)
            let folder = (page as NSString).deletingLastPathComponent
            for link in Self.links(in: text) where !link.hasPrefix("http") {
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page : (folder.isEmpty ? parts[0] : folder + "/" + parts[0])
                let url = TestSupport.packageRoot.appendingPathComponent(target).standardized
                #expect(FileManager.default.fileExists(atPath: url.path), "\(page): \(link) leads nowhere")
                if parts.count == 2, target.hasSuffix(".md"), let linked = try? String(contentsOf: url, encoding: .utf8) {
                    let anchors = linked.split(separator: "\n").filter { $0.hasPrefix("#") }
                        .map { Self.anchor(String($0.drop { $0 == "#" }.dropFirst())) }
                    #expect(anchors.contains(parts[1]), "\(page): \(link): no such heading")
                }
            }
        }
    }

    /// The quick start's snapshot, saved and checked, prints what the README shows.
    @Test func theQuickStartPrintsWhatTheReadmeShows() throws {
        let readme = try Self.readme
        let quickStart = try #require(readme.range(of: "## Quick start")).upperBound
        let rest = readme[quickStart...]
        let json = try #require(Self.block(after: "```json\n", in: rest))
        let shown = try #require(Self.block(after: "`scalectl check metrics.json` gives (exit 1, a breach):\n\n```\n", in: rest))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scalectl-quickstart-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try json.write(to: folder.appendingPathComponent("metrics.json"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = ["check", "metrics.json"]
        process.currentDirectoryURL = folder
        process.environment = ["COLUMNS": "80", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(printed == shown, "README's quick start shows another output than `scalectl check metrics.json` at 80 columns")
    }

    /// GitHub's heading anchors: lowercased, punctuation dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : nil) })
    }

    static func links(in text: String) -> [String] {
        var links: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "](") {
            let tail = rest[open.upperBound...]
            guard let close = tail.firstIndex(of: ")") else { break }
            links.append(String(tail[..<close]))
            rest = tail[close...]
        }
        return links
    }

    static func block(after marker: String, in text: Substring) -> String? {
        guard let start = text.range(of: marker)?.upperBound, let end = text[start...].range(of: "```") else { return nil }
        return String(text[start..<end.lowerBound])
    }
}
