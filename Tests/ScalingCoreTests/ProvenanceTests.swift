import Foundation
import Testing

@testable import ScalingCore

/// The guide's text as the provenance tests compare it: the repository's copy (Fixtures/guide), Markdown markup and
/// whitespace set aside on both sides.
enum GuideText {
    static let path = TestSupport.fixture("guide/scaling-guide.md")
    static let raw: String = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    static let document = normalize(raw)

    /// One line of words: `**`, backticks, heading marks, list bullets, checkboxes, numbering and table pipes removed,
    /// every run of whitespace one space.
    static func normalize(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
                .replacingOccurrences(of: "|", with: " ").trimmingCharacters(in: .whitespaces)
            for pattern in [#"^#+\s*"#, #"^-\s+\[[ xX]\]\s+"#, #"^[-*]\s+"#, #"^\d+\.\s+"#] {
                if let range = line.range(of: pattern, options: .regularExpression) { line.removeSubrange(range) }
            }
            return line
        }
        return lines.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether the guide says `quote`, verbatim but for markup and whitespace.
    static func says(_ quote: String) -> Bool {
        let words = normalize(quote)
        return !words.isEmpty && document.contains(words)
    }

    /// Whether every heading of a section path (`A › B`) is one of the guide's.
    static func hasSection(_ path: String) -> Bool {
        path.components(separatedBy: " › ").allSatisfy(says)
    }

    /// The phrases a reason puts in double quotes: each must be the guide's.
    static func quotedPhrases(_ text: String) -> [String] {
        text.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}

/// Every claim is the guide's, quoted, or scalectl's, with its reason (issue 17).
@Suite struct ProvenanceTests {
    static let guideClaims = GuideCatalog.claims.filter(\.provenance.isGuide)
    static let scalectlClaims = GuideCatalog.claims.filter { !$0.provenance.isGuide }

    @Test func theGuideCopyIsInTheRepositoryAndCurrent() throws {
        #expect(!GuideText.raw.isEmpty, "Fixtures/guide/scaling-guide.md is missing")
        // Beside the shared guide (a developer's checkout), the copy must be the same bytes; CI has only the copy.
        if let shared = TestSupport.shared("scaling-guide.md") {
            #expect(try String(contentsOf: shared, encoding: .utf8) == GuideText.raw, "copy ../shared/scaling-guide.md to Fixtures/guide")
        }
    }

    @Test(arguments: guideClaims)
    func everyGuideQuoteIsTheGuidesOwnWords(_ claim: CatalogClaim) throws {
        guard case .guide(let section, let quote) = claim.provenance else { return }
        #expect(GuideText.says(quote), "not in the guide: \(quote)")
        #expect(GuideText.hasSection(section), "no such section in the guide: \(section)")
    }

    @Test(arguments: scalectlClaims)
    func scalectlsReasonsQuoteOnlyTheGuideAndBorrowRealSections(_ claim: CatalogClaim) throws {
        guard case .scalectl(let reason, let section) = claim.provenance else { return }
        #expect(!reason.isEmpty)
        for phrase in GuideText.quotedPhrases(reason) { #expect(GuideText.says(phrase), "\(claim): cites \"\(phrase)\"") }
        if let section { #expect(GuideText.hasSection(section), "\(claim): no such section \(section)") }
    }

    struct Alteration: Sendable, CustomTestStringConvertible {
        let quote: String
        let altered: String
        var testDescription: String { altered }
    }

    /// The check fails on a quote that is not the guide's: a number, a word or a comparison changed.
    @Test(arguments: [
        Alteration(quote: "Error rate > 1% → Fix bugs", altered: "Error rate > 2% → Fix bugs"),
        Alteration(quote: "Cache hit rate (> 80%)", altered: "Cache hit rate (>= 80%)"),
        Alteration(quote: "Deno Deploy Pro ($20/month)", altered: "Deno Deploy Pro ($25/month)"),
        Alteration(quote: "10,000 commands/day free", altered: "100,000 commands/day free"),
        Alteration(quote: "Implement virtual scrolling", altered: "Stage 3: large lists at 50K+ users"),
        Alteration(quote: "Add Upstash Redis (Still free tier)", altered: "Add Upstash Redis (Always free tier)"),
    ])
    func anAlteredQuoteFailsTheCheck(_ alteration: Alteration) {
        #expect(GuideText.says(alteration.quote))
        #expect(!GuideText.says(alteration.altered))
        // The same check over the catalog: a claim carrying the altered quote would be refused.
        let claim = CatalogClaim(subject: "altered", provenance: .guide(section: GuideSection.checklist, quote: alteration.altered))
        if case .guide(_, let quote) = claim.provenance { #expect(!GuideText.says(quote)) }
    }

    @Test func theChecklistsStagesAreScalectlsAndCiteNothingTheGuideLacks() {
        for item in GuideCatalog.checklist {
            #expect(item.provenance.isGuide)
            #expect(!item.expectation.isGuide, "\(item.id): the guide gives no stage for a checklist item")
        }
        // The three the audit found citing text the guide does not contain borrow no section at all.
        for id in ["code.virtual-scrolling", "code.websockets", "code.lazy-loading"] {
            let item = GuideCatalog.checklistItem(id)!
            #expect(item.expectation.section == nil, "\(id)")
            guard case .scalectl(let reason, _) = item.expectation else { continue }
            #expect(reason.contains("the guide says nothing of when"), "\(id)")
        }
    }

    @Test func severitiesComposedActionsTheConnectionRuleAndDerivedStacksAreScalectls() {
        for threshold in GuideCatalog.thresholds { #expect(!threshold.sources.severity.isGuide, "\(threshold.id)") }
        let table = Dictionary(uniqueKeysWithValues: GuideCatalog.thresholds.map { ($0.id, $0.sources) })
        #expect(table["request-count"]?.action.isGuide == false)
        #expect(table["cache-hit-rate"]?.action.isGuide == false)
        #expect(table["database-connections"]?.definition.isGuide == false)
        #expect(table["response-time"]?.action.isGuide == true)
        #expect(GuideCatalog.profile(for: .mvp).stackProvenance.isGuide)
        for stage in Stage.allCases.dropFirst() { #expect(!GuideCatalog.profile(for: stage).stackProvenance.isGuide, "\(stage)") }
    }

    /// Every provenance object anywhere in a JSON document, with the path to it.
    static func provenances(in value: Any, path: String = "$") -> [(String, [String: Any])] {
        var found: [(String, [String: Any])] = []
        if let object = value as? [String: Any] {
            if let source = object["source"] as? String, source == "guide" || source == "scalectl" { found.append((path, object)) }
            for (key, member) in object { found += provenances(in: member, path: "\(path).\(key)") }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() { found += provenances(in: element, path: "\(path)[\(index)]") }
        }
        return found
    }

    struct CommandCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// Through the binary: every guide quote the JSON of `guide`, `advise`, `check` and `policy show` carries is in the
    /// guide, and every scalectl claim has a reason.
    @Test(arguments: [
        CommandCase(arguments: ["guide", "--format", "json"]),
        CommandCase(arguments: ["advise", TestSupport.fixture("breaches.json"), "--format", "json"]),
        CommandCase(arguments: ["check", TestSupport.fixture("breaches.json"), "--format", "json"]),
        CommandCase(arguments: ["policy", "show", "--stage", "growth", "--format", "json", "--no-policy"]),
        CommandCase(arguments: ["cost", TestSupport.fixture("stages/scale.json"), "--format", "json"]),
    ])
    func everyProvenanceInTheJSONIsTrue(_ testCase: CommandCase) throws {
        let result = try TestSupport.runBinary(testCase.arguments)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let found = Self.provenances(in: object)
        #expect(found.count >= 5, "\(testCase): \(found.count) provenances")
        for (path, provenance) in found {
            if provenance["source"] as? String == "guide" {
                let quote = provenance["quote"] as? String ?? ""
                #expect(GuideText.says(quote), "\(path): \(quote)")
            } else {
                #expect(!(provenance["reason"] as? String ?? "").isEmpty, "\(path)")
            }
        }
    }

    @Test func guideJSONLabelsTheChecklistStagesAndStacksAsScalectls() throws {
        let object = try TrustedVerdictTests.json(try TestSupport.runBinary(["guide", "--format", "json"]).stdout)
        let checklist = try #require(object["checklist"] as? [[String: Any]])
        #expect(checklist.count == 20)
        for item in checklist {
            #expect((item["provenance"] as? [String: Any])?["source"] as? String == "guide")
            #expect((item["expected_from_provenance"] as? [String: Any])?["source"] as? String == "scalectl")
            #expect(item["basis"] == nil, "no citation-like basis")
        }
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(
            stages.map { ($0["stack_provenance"] as? [String: Any])?["source"] as? String } == ["guide"]
                + Array(repeating: "scalectl", count: 4))
        let thresholds = try #require(object["thresholds"] as? [[String: Any]])
        let connections = try #require(thresholds.first { $0["id"] as? String == "database-connections" })
        #expect(((connections["sources"] as? [String: Any])?["definition"] as? [String: Any])?["source"] as? String == "scalectl")
        let text = try TestSupport.runBinary(["guide"]).stdout
        #expect(text.contains(Wording.scalectlLegend))
        #expect(text.components(separatedBy: Wording.scalectlLegend).count == 2, "the legend once")
        #expect(text.contains("from enterprise (scalectl)"))
    }

    @Test func policyShowNeverSaysDefinedByGuideForScalectlsChoices() throws {
        let text = try TestSupport.runBinary(["policy", "show", "--stage", "growth", "--no-policy"]).stdout
        let lines = text.split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("database-connections") })
        #expect(!lines[index + 1].contains("defined by guide"), "\(lines[index + 1])")
        #expect(lines[index + 1].contains("(scalectl)"))
        for (offset, line) in lines.enumerated() where line.contains("defined by guide") {
            #expect(line.contains("severity (scalectl)"), "line \(offset): \(line)")
        }
        #expect(text.contains(Wording.scalectlLegend))
        let json = try TrustedVerdictTests.json(
            try TestSupport.runBinary(["policy", "show", "--stage", "growth", "--no-policy", "--format", "json"]).stdout)
        let rules = try #require(json["thresholds"] as? [[String: Any]])
        for rule in rules {
            let sources = try #require(rule["sources"] as? [String: Any])
            #expect((sources["severity"] as? [String: Any])?["source"] as? String == "scalectl", "\(rule["id"] ?? "")")
        }
        let requests = try #require(rules.first { $0["id"] as? String == "request-count" })
        #expect((((requests["sources"] as? [String: Any])?["action"]) as? [String: Any])?["source"] as? String == "scalectl")
    }

    /// On an 80-column terminal, every line that marks a judgement as scalectl's, and the legend, fit.
    @Test(arguments: [
        CommandCase(arguments: ["guide"]), CommandCase(arguments: ["policy", "show", "--stage", "growth", "--no-policy"]),
        CommandCase(arguments: ["check", TestSupport.fixture("breaches.json"), "--explain", "--no-policy"]),
        CommandCase(arguments: ["advise", TestSupport.fixture("breaches.json"), "--no-policy"]),
    ])
    func marksFitTheWidth(_ testCase: CommandCase) throws {
        let result = TestSupport.run(testCase.arguments, environment: ["NO_COLOR": "1"], terminal: true, width: 80)
        let marked = result.stdout.split(separator: "\n").filter { $0.contains(Wording.scalectlMark) }
        #expect(!marked.isEmpty)
        for line in marked { #expect(line.count <= 80, "\(line.count): \(line)") }
    }

    @Test func checkExplainAndAdviseMarkScalectlsJudgements() throws {
        let check = try TestSupport.runBinary(["check", TestSupport.fixture("breaches.json"), "--explain"]).stdout
        #expect(check.contains("severity (scalectl)"))
        #expect(check.contains(Wording.scalectlLegend))
        let advise = try TestSupport.runBinary(["advise", TestSupport.fixture("breaches.json")]).stdout
        #expect(advise.contains("raise cache TTLs (scalectl)"), "the request-count action is scalectl's")
        #expect(advise.contains(Wording.scalectlLegend))
        let markdown = try TestSupport.runBinary(["advise", TestSupport.fixture("breaches.json"), "--format", "markdown"]).stdout
        #expect(markdown.contains("raise cache TTLs (scalectl)"))
        #expect(markdown.contains("the guide's checklist has no stages"))
        let json = try TrustedVerdictTests.json(
            try TestSupport.runBinary(["advise", TestSupport.fixture("breaches.json"), "--format", "json"]).stdout)
        let open = try #require((json["checklist"] as? [String: Any])?["open"] as? [[String: Any]])
        #expect(!open.isEmpty)
        for item in open { #expect((item["expected_from_provenance"] as? [String: Any])?["source"] as? String == "scalectl") }
    }
}
