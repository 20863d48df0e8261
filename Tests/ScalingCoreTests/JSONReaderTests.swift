import Foundation
import ScalingCore
import Testing

/// Tests for `JSONReader`: the JSONTestSuite corpus, then values, locations and messages.
@Suite("JSONReader")
struct JSONReaderTests {

    // MARK: - Conformance corpus

    static let corpus = TestSupport.shared("conformance/json/test_parsing")
    static let corpusMissing = "JSONTestSuite corpus not found: no shared/conformance/json/test_parsing beside any parent of \(#filePath)"

    /// The corpus file names starting with `prefix`, sorted so the case list is stable.
    static func corpusFiles(_ prefix: String) -> [String] {
        guard let corpus else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
    }

    static func corpusBytes(_ name: String) throws -> [UInt8] {
        let corpus = try #require(Self.corpus)
        return [UInt8](try Data(contentsOf: corpus.appendingPathComponent(name)))
    }

    @Test("corpus holds 95 y_, 188 n_ and 35 i_ files", .enabled(if: corpus != nil, Comment(rawValue: corpusMissing)))
    func corpusCounts() {
        #expect(Self.corpusFiles("y_").count == 95)
        #expect(Self.corpusFiles("n_").count == 188)
        #expect(Self.corpusFiles("i_").count == 35)
    }

    @Test("accepts y_ file", .enabled(if: corpus != nil, Comment(rawValue: corpusMissing)), arguments: corpusFiles("y_"))
    func acceptsValid(file: String) throws {
        let bytes = try Self.corpusBytes(file)
        #expect(throws: Never.self) { try JSONReader.parse(bytes) }
    }

    @Test("rejects n_ file", .enabled(if: corpus != nil, Comment(rawValue: corpusMissing)), arguments: corpusFiles("n_"))
    func rejectsInvalid(file: String) throws {
        let bytes = try Self.corpusBytes(file)
        let error = Self.syntaxError(bytes)
        #expect(error != nil, "accepted \(file)")
        if let error {
            #expect(error.location.line >= 1 && error.location.column >= 1)
        }
    }

    /// The implementation-defined files: numbers out of Double's range are accepted (as infinity or zero,
    /// literal kept), as are 500 levels of nesting and a UTF-8 BOM; every string that is not valid UTF-8
    /// or holds a lone surrogate escape is rejected, because a Swift String cannot carry it faithfully.
    @Test(
        "i_ file gets the documented decision", .enabled(if: corpus != nil, Comment(rawValue: corpusMissing)),
        arguments: corpusFiles("i_"))
    func implementationDefined(file: String) throws {
        let bytes = try Self.corpusBytes(file)
        let accepted = Self.syntaxError(bytes) == nil
        let shouldAccept = file.hasPrefix("i_number_") || file.hasPrefix("i_structure_")
        #expect(accepted == shouldAccept, "\(file) \(accepted ? "accepted" : "rejected")")
    }

    @Test("the corpus lookup stops at the file system root")
    func corpusLookupTerminates() {
        #expect(TestSupport.shared("conformance/json/test_parsing", from: URL(fileURLWithPath: "/no/such/package")) == nil)
    }

    @Test("100,000 opening brackets are rejected quickly at the depth limit")
    func hostileNesting() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let start = ContinuousClock.now
        let error = Self.syntaxError(bytes)
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(error?.location == JSONLocation(line: 1, column: 513))
        #expect(error?.found == "nesting deeper than 512 levels")
    }

    // MARK: - Helpers

    static func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONReader.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    static func parse(_ text: String) throws -> JSONNode {
        try JSONReader.parse(text)
    }

    // MARK: - Values and locations

    @Test("nested values keep their lines and columns")
    func nestedLocations() throws {
        let text = """
            {
              "name": "web",
              "scale": {"min": 2, "max": [1, true, null]}
            }
            """
        let root = try Self.parse(text)
        #expect(root.location == JSONLocation(line: 1, column: 1))
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["name", "scale"])
        #expect(members[0].keyLocation == JSONLocation(line: 2, column: 3))
        #expect(members[0].value == JSONNode(value: .string("web"), location: JSONLocation(line: 2, column: 11)))

        let scale = members[1]
        #expect(scale.keyLocation == JSONLocation(line: 3, column: 3))
        #expect(scale.value.location == JSONLocation(line: 3, column: 12))
        guard case .object(let limits) = scale.value.value else { Issue.record("scale is not an object"); return }
        #expect(limits[0].keyLocation == JSONLocation(line: 3, column: 13))
        #expect(
            limits[0].value
                == JSONNode(
                    value: .number(JSONNumber(literal: "2", value: 2)),
                    location: JSONLocation(line: 3, column: 20)))
        #expect(limits[1].value.location == JSONLocation(line: 3, column: 30))
        guard case .array(let items) = limits[1].value.value else { Issue.record("max is not an array"); return }
        #expect(items.map(\.location.column) == [31, 34, 40])
        #expect(items.map(\.value) == [.number(JSONNumber(literal: "1", value: 1)), .bool(true), .null])
        #expect(items.allSatisfy { $0.location.line == 3 })
    }

    @Test("scalars are valid top-level texts, with surrounding whitespace")
    func topLevelScalars() throws {
        #expect(try Self.parse(" \t\r\n 42 \n").value == .number(JSONNumber(literal: "42", value: 42)))
        #expect(try Self.parse(" \t\r\n 42 \n").location == JSONLocation(line: 2, column: 2))
        #expect(try Self.parse("\"x\"").value == .string("x"))
        #expect(try Self.parse("null").value == .null)
        #expect(try Self.parse("false").value == .bool(false))
        #expect(try Self.parse("[]").value == .array([]))
        #expect(try Self.parse("{ }").value == .object([]))
    }

    @Test("CR, LF and CR LF each end one line")
    func lineEndings() throws {
        let root = try Self.parse("[1,\r\n2,\r3,\n\n4]")
        guard case .array(let items) = root.value else { Issue.record("not an array"); return }
        #expect(
            items.map(\.location) == [
                JSONLocation(line: 1, column: 2), JSONLocation(line: 2, column: 1),
                JSONLocation(line: 3, column: 1), JSONLocation(line: 5, column: 1),
            ])
    }

    @Test("columns count Unicode scalars, and a tab is one column")
    func nonASCIIColumns() throws {
        let root = try Self.parse("{\"日本語\": \"é\", \"n\":\t1, \"e\": [\"😀e\u{301}\", true]}")
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members[0].key == "日本語")
        #expect(members[0].value.location == JSONLocation(line: 1, column: 9))
        #expect(members[1].keyLocation == JSONLocation(line: 1, column: 14))
        #expect(members[1].value.location == JSONLocation(line: 1, column: 19))
        guard case .array(let items) = members[2].value.value else { Issue.record("e is not an array"); return }
        #expect(items[0].value == .string("😀e\u{301}"))
        // '"', 😀, e, U+0301, '"', ',', ' ' before `true`.
        #expect(items[1].location.column == items[0].location.column + 7)

        let error = Self.syntaxError(Array("[\"é😀\\q\"]".utf8))
        #expect(error?.location == JSONLocation(line: 1, column: 6))
    }

    @Test("duplicate keys are kept in document order")
    func duplicateKeys() throws {
        let root = try Self.parse(#"{"a": 1, "a": 2, "b": {}, "a": 3}"#)
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "a", "b", "a"])
        #expect(members.map(\.keyLocation.column) == [2, 10, 18, 27])
        #expect(members.compactMap { if case .number(let n) = $0.value.value { n.value } else { nil } } == [1, 2, 3])
    }

    @Test("escapes decode, and surrogate pairs combine")
    func escapes() throws {
        let root = try Self.parse(#"["\" \\ \/ \b \f \n \r \t \u0041\u00e9\uD834\uDD1E\u0000", "plain é"]"#)
        #expect(
            root.value
                == .array([
                    JSONNode(value: .string("\" \\ / \u{8} \u{C} \n \r \t Aé𝄞\u{0}"), location: JSONLocation(line: 1, column: 2)),
                    JSONNode(value: .string("plain é"), location: JSONLocation(line: 1, column: 60)),
                ]))
    }

    /// A number case: the literal, and the Double the reader must produce (bit for bit, sign included).
    struct NumberCase: Sendable, CustomTestStringConvertible {
        var literal: String
        var value: Double
        var testDescription: String { literal }
    }

    @Test(
        "numbers keep their literal and get the correctly rounded value",
        arguments: [
            NumberCase(literal: "0", value: 0),
            NumberCase(literal: "-0", value: -0.0),
            NumberCase(literal: "-0.0e5", value: -0.0),
            NumberCase(literal: "1.5", value: 1.5),
            NumberCase(literal: "-12.25E2", value: -1225),
            NumberCase(literal: "1e+2", value: 100),
            NumberCase(literal: "0.1", value: 0.1),
            NumberCase(literal: "1e-2", value: 0.01),
            NumberCase(literal: "9007199254740993", value: 9007199254740992),
            NumberCase(literal: "123456789012345678901234567890", value: 1.2345678901234568e29),
            NumberCase(literal: "2.2250738585072014e-308", value: 2.2250738585072014e-308),
            NumberCase(literal: "1e400", value: .infinity),
            NumberCase(literal: "-1e400", value: -.infinity),
            NumberCase(literal: "1e-400", value: 0),
            NumberCase(literal: "-1e-400", value: -0.0),
        ])
    func numbers(_ number: NumberCase) throws {
        let node = try Self.parse(number.literal)
        guard case .number(let parsed) = node.value else { Issue.record("not a number"); return }
        #expect(parsed.literal == number.literal)
        #expect(parsed.value.bitPattern == number.value.bitPattern, "\(parsed.value) != \(number.value)")
    }

    @Test("short decimals take the fast path and still round like Double(String)")
    func numberFastPathMatchesStandardLibrary() throws {
        // A fixed linear congruential sequence keeps the cases reproducible.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        for _ in 0..<20_000 {
            let integer = String(next(1_000_000_000))
            let fraction = next(2) == 0 ? "" : "." + String(next(1_000_000))
            let exponent = next(2) == 0 ? "" : "e" + String(Int(next(61)) - 30)
            let literal = (next(4) == 0 ? "-" : "") + integer + fraction + exponent
            let node = try Self.parse(literal)
            guard case .number(let parsed) = node.value else { Issue.record("\(literal) is not a number"); return }
            #expect(parsed.value.bitPattern == Double(literal)!.bitPattern, "\(literal)")
        }
    }

    @Test("a leading UTF-8 BOM is skipped and not counted as a column")
    func byteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let root = try JSONReader.parse(bom + Array(#"{"a": 1}"#.utf8))
        #expect(root.location == JSONLocation(line: 1, column: 1))
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members[0].keyLocation == JSONLocation(line: 1, column: 2))
        #expect(
            try Self.parse("\u{FEFF}[true]").value
                == .array([
                    JSONNode(value: .bool(true), location: JSONLocation(line: 1, column: 2))
                ]))

        #expect(Self.syntaxError(bom)?.description == "line 1, column 1: expected a value, found end of input")
        #expect(
            Self.syntaxError(bom + bom + [0x7B, 0x7D])?.description
                == "line 1, column 1: expected a value, found character U+FEFF")
        #expect(
            Self.syntaxError(Array("[1]\u{FEFF}".utf8))?.description
                == "line 1, column 4: expected end of input after the top-level value, found character U+FEFF")
    }

    @Test("512 levels of nesting are accepted, 513 are not")
    func depthLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONReader.parse(deepest) }
        let mixed = String(repeating: #"{"a":["#, count: 256) + String(repeating: "]}", count: 256)
        #expect(throws: Never.self) { try JSONReader.parse(mixed) }

        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(
            Self.syntaxError(Array(tooDeep.utf8))?.description
                == "line 1, column 513: expected at most 512 nested arrays and objects, found nesting deeper than 512 levels")
        let tooDeepObjects = String(repeating: #"{"a":"#, count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(Self.syntaxError(Array(tooDeepObjects.utf8))?.location == JSONLocation(line: 1, column: 512 * 5 + 1))
    }

    @Test("String and byte input give the same tree")
    func stringAndBytesAgree() throws {
        let text = "{\"k\": [1, \"ü\", {\"x\": null}],\n \"z\": -2.5e-3}"
        #expect(try JSONReader.parse(text) == JSONReader.parse(Array(text.utf8)))
    }

    @Test("typeName names each kind of value")
    func typeNames() {
        let values: [JSONValue] = [.null, .bool(true), .number(JSONNumber(literal: "1", value: 1)), .string(""), .array([]), .object([])]
        #expect(values.map(\.typeName) == ["null", "boolean", "number", "string", "array", "object"])
    }

    // MARK: - Errors

    /// A malformed input and the exact message the reader must give for it.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var message: String
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ message: String) {
            self.init(name, Array(input.utf8), message)
        }

        init(_ name: String, _ input: [UInt8], _ message: String) {
            self.name = name
            self.input = input
            self.message = message
        }
    }

    @Test(
        "malformed input gets an exact message and location",
        arguments: [
            ErrorCase("empty input", "", "line 1, column 1: expected a value, found end of input"),
            ErrorCase("only whitespace", " \n ", "line 2, column 2: expected a value, found end of input"),
            ErrorCase("trailing comma in array", "[1, 2,]", "line 1, column 7: expected a value after ',', found ']'"),
            ErrorCase("trailing comma in object", #"{"a": 1,}"#, "line 1, column 9: expected a string key after ',', found '}'"),
            ErrorCase("unterminated string", #"["abc"#, "line 1, column 6: expected '\"' to close the string, found end of input"),
            ErrorCase(
                "raw newline in string", "[\"abc\n\"]",
                "line 1, column 6: expected a string character (control characters must be escaped), found control character U+000A"),
            ErrorCase("bad escape", #"["a\x"]"#, "line 1, column 5: expected an escape character (one of \" \\ / b f n r t u), found 'x'"),
            ErrorCase("short unicode escape", #"["\u12"]"#, "line 1, column 7: expected a hex digit in a \\u escape, found '\"'"),
            ErrorCase(
                "lone high surrogate", #"["\uD800"]"#,
                "line 1, column 9: expected a low surrogate escape (\\uDC00-\\uDFFF) after \\uD800, found '\"'"),
            ErrorCase(
                "mismatched surrogates", #"["\ud800\u0041"]"#,
                "line 1, column 9: expected a low surrogate escape (\\uDC00-\\uDFFF) after \\ud800, found '\\u0041'"),
            ErrorCase(
                "lone low surrogate", #"["\uDC00"]"#,
                "line 1, column 3: expected a high surrogate escape (\\uD800-\\uDBFF) before a low surrogate, found '\\uDC00'"),
            ErrorCase("leading zero", "[012]", "line 1, column 3: expected no more digits after a leading 0, found '1'"),
            ErrorCase("minus without digits", "[-]", "line 1, column 3: expected a digit after '-', found ']'"),
            ErrorCase("point without digits", "[1.]", "line 1, column 4: expected a digit after '.', found ']'"),
            ErrorCase("exponent without digits", "[1e+]", "line 1, column 5: expected a digit in the exponent, found ']'"),
            ErrorCase("leading point", "[.5]", "line 1, column 2: expected a value or ']', found '.'"),
            ErrorCase("leading plus", "+1", "line 1, column 1: expected a value, found '+'"),
            ErrorCase("NaN", "[1, NaN]", "line 1, column 5: expected a value after ',', found 'NaN'"),
            ErrorCase("negative Infinity", "-Infinity", "line 1, column 2: expected a digit after '-', found 'Infinity'"),
            ErrorCase("misspelt literal", "[nul]", "line 1, column 2: expected 'null', found 'nul'"),
            ErrorCase("capitalised literal", "True", "line 1, column 1: expected a value, found 'True'"),
            ErrorCase("single quotes", "['a']", "line 1, column 2: expected a value or ']', found \"'\""),
            ErrorCase("missing colon", #"{"a" 1}"#, "line 1, column 6: expected ':' after an object key, found '1'"),
            ErrorCase("non-string key", "{1: 2}", "line 1, column 2: expected a string key or '}', found '1'"),
            ErrorCase("missing comma in array", "[1 2]", "line 1, column 4: expected ',' or ']' after an array element, found '2'"),
            ErrorCase(
                "missing comma on line 3", "{\n  \"a\": 1\n  \"b\": 2\n}",
                "line 3, column 3: expected ',' or '}' after an object member, found '\"'"),
            ErrorCase("garbage after value", "{} x", "line 1, column 4: expected end of input after the top-level value, found 'x'"),
            ErrorCase("comment", "[1] // one", "line 1, column 5: expected end of input after the top-level value, found '/'"),
            ErrorCase("unclosed array", "[1,\n 2", "line 2, column 3: expected ',' or ']' after an array element, found end of input"),
            ErrorCase("non-ASCII outside strings", "[é]", "line 1, column 2: expected a value or ']', found 'é' (U+00E9)"),
            ErrorCase("no-break space", "[1,\u{A0}2]", "line 1, column 4: expected a value after ',', found character U+00A0"),
            ErrorCase(
                "invalid UTF-8 in string", [0x5B, 0x22, 0xC3, 0xA9, 0xFF, 0x22, 0x5D],
                "line 1, column 4: expected valid UTF-8, found byte 0xFF (invalid UTF-8)"),
            ErrorCase(
                "encoded surrogate in string", [0x22, 0xED, 0xA0, 0x80, 0x22],
                "line 1, column 2: expected valid UTF-8, found byte 0xED (invalid UTF-8)"),
            ErrorCase(
                "invalid UTF-8 outside strings", [0x5B, 0x31, 0x2C, 0xC0, 0x5D],
                "line 1, column 4: expected a value after ',', found byte 0xC0 (invalid UTF-8)"),
        ])
    func errorMessages(_ testCase: ErrorCase) {
        let error = Self.syntaxError(testCase.input)
        #expect(error?.description == testCase.message)
    }
}
