// A strict RFC 8259 JSON reader that remembers where every value starts.
//
// The parser is a loop over the bytes with an explicit stack of open containers, so hostile
// nesting ends in a `JSONSyntaxError` rather than a stack overflow on a small thread stack.
// Line and column are tracked while scanning instead of being recomputed from the start of the
// text, which keeps location bookkeeping linear even for one very long line.

// MARK: - Public types

/// A place in a JSON text: 1-based line, and 1-based column counted in Unicode scalars from the line's start.
///
/// Lines end at LF, CR or CR LF. A tab is one column, and a leading byte order mark does not count.
public struct JSONLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in Unicode scalars from the start of the line.
    public var column: Int

    /// Creates a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The location as it reads in a message, such as "line 3, column 7".
    public var description: String { "line \(line), column \(column)" }
}

/// A parsed value and where it starts.
public struct JSONNode: Equatable, Sendable {
    /// The value itself.
    public var value: JSONValue
    /// Where the value's first character is.
    public var location: JSONLocation

    /// Creates a node from a value and its location.
    public init(value: JSONValue, location: JSONLocation) {
        self.value = value
        self.location = location
    }
}

/// A JSON value whose children keep their source locations.
public indirect enum JSONValue: Equatable, Sendable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number, with its literal text kept beside the Double.
    case number(JSONNumber)
    /// A string with its escapes decoded.
    case string(String)
    /// Elements in document order.
    case array([JSONNode])
    /// Members in document order; duplicate keys are kept as they are, so callers can reject them with a location.
    case object([JSONMember])
}

/// A number as written and its Double value (1e400 gives +infinity, the literal keeps what was written).
public struct JSONNumber: Equatable, Sendable {
    /// The number exactly as it appears in the text, such as "-0" or "1E+400".
    public var literal: String
    /// The nearest Double; out-of-range magnitudes become infinity or zero with the literal's sign.
    public var value: Double

    /// Creates a number from its literal text and value.
    public init(literal: String, value: Double) {
        self.literal = literal
        self.value = value
    }
}

/// One member of a JSON object: its key, where the key is, and the value.
public struct JSONMember: Equatable, Sendable {
    /// The decoded key.
    public var key: String
    /// Where the key's opening quote is.
    public var keyLocation: JSONLocation
    /// The member's value and its location.
    public var value: JSONNode

    /// Creates a member from its key, the key's location and its value.
    public init(key: String, keyLocation: JSONLocation, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// Why a text is not JSON, and where.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem was found.
    public var location: JSONLocation
    /// What the grammar allows at that place, such as "',' or '}' after an object member".
    public var expected: String
    /// What is there instead, such as "'x'", "end of input" or "byte 0xFF (invalid UTF-8)".
    public var found: String

    /// Creates an error from its location, what was expected and what was found.
    public init(location: JSONLocation, expected: String, found: String) {
        self.location = location
        self.expected = expected
        self.found = found
    }

    /// The whole message, such as "line 3, column 7: expected ',' or '}' after an object member, found 'x'".
    public var description: String { "\(location): expected \(expected), found \(found)" }
}

/// Reads JSON texts into `JSONNode` trees.
public enum JSONReader {
    /// The deepest nesting of arrays and objects accepted; deeper texts are rejected, never overflow the stack.
    public static let maximumDepth = 512

    /// Parses UTF-8 bytes as one JSON text, skipping a single leading byte order mark.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) -> JSONNode in
            try parseBuffer(buffer)
        }
    }

    /// Parses a string as one JSON text, skipping a single leading byte order mark.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var text = text
        // Native strings are already contiguous UTF-8; this only copies bridged or unusual ones.
        text.makeContiguousUTF8()
        let result = text.utf8.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONSyntaxError) -> JSONNode in try parseBuffer(buffer) }
        }
        if let result { return try result.get() }
        return try parse(Array(text.utf8))
    }

    /// Parses the bytes of a buffer; the buffer only has to live for the duration of the call.
    private static func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONNode {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw JSONSyntaxError(location: JSONLocation(line: 1, column: 1), expected: "a value", found: "end of input")
        }
        var parser = JSONByteParser(bytes: base, count: buffer.count)
        return try parser.parseDocument()
    }
}

extension JSONValue {
    /// The kind of value in words, for messages such as "expected a number, got a string".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

// MARK: - Parser

/// What the grammar allows at a place, phrased for `JSONSyntaxError.expected`.
private enum JSONExpectation {
    static let topLevelValue = "a value"
    static let firstElement = "a value or ']'"
    static let nextElement = "a value after ','"
    static let memberValue = "a value after ':'"
    static let afterElement = "',' or ']' after an array element"
    static let firstKey = "a string key or '}'"
    static let nextKey = "a string key after ','"
    static let colon = "':' after an object key"
    static let afterMember = "',' or '}' after an object member"
    static let endOfInput = "end of input after the top-level value"
    static let stringCharacter = "a string character (control characters must be escaped)"
    static let closingQuote = "'\"' to close the string"
    static let utf8 = "valid UTF-8"
    static let escape = "an escape character (one of \" \\ / b f n r t u)"
    static let hexDigit = "a hex digit in a \\u escape"
}

/// An array or object that has been opened but not yet closed.
private struct JSONOpenContainer {
    var isObject: Bool
    var location: JSONLocation
    /// Where this container's children begin in the parser's shared element or member stack.
    var start: Int
    /// The key whose value is being parsed; only meaningful for objects.
    var key: String
    var keyLocation: JSONLocation
}

/// The parsing state over one contiguous buffer of bytes.
private struct JSONByteParser {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var position = 0
    var line = 1
    /// The byte offset at which the current line starts.
    var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and `position`; subtracting them turns byte offsets into scalar columns.
    var continuationBytes = 0
    var containers: [JSONOpenContainer] = []
    /// Children of all open arrays, innermost last; one shared stack avoids an allocation per container while it grows.
    var elements: [JSONNode] = []
    /// Members of all open objects, innermost last.
    var members: [JSONMember] = []
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafePointer<UInt8>, count: Int) {
        self.bytes = bytes
        self.count = count
    }

    /// Parses the whole buffer as one JSON text.
    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            // The mark is invisible in editors, so columns start after it.
            position = 3
            lineStart = 3
        }
        var expected = JSONExpectation.topLevelValue
        var node: JSONNode
        parsing: while true {
            skipWhitespace()
            guard position < count else { throw failure(expected, at: position) }
            let location = self.location(at: position)
            switch bytes[position] {
            case UInt8(ascii: "["):
                try open(isObject: false, at: location)
                skipWhitespace()
                if position < count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    containers.removeLast()
                    node = JSONNode(value: .array([]), location: location)
                } else {
                    expected = JSONExpectation.firstElement
                    continue parsing
                }
            case UInt8(ascii: "{"):
                try open(isObject: true, at: location)
                skipWhitespace()
                if position < count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    containers.removeLast()
                    node = JSONNode(value: .object([]), location: location)
                } else {
                    try parseKey(expected: JSONExpectation.firstKey)
                    expected = JSONExpectation.memberValue
                    continue parsing
                }
            case UInt8(ascii: "\""):
                node = JSONNode(value: .string(try parseString()), location: location)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                node = JSONNode(value: .number(try parseNumber()), location: location)
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                node = JSONNode(value: .bool(true), location: location)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                node = JSONNode(value: .bool(false), location: location)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                node = JSONNode(value: .null, location: location)
            default:
                throw failure(expected, at: position)
            }

            // A value is complete: hand it to its container, and keep closing containers that end right after it.
            while let top = containers.indices.last {
                if containers[top].isObject {
                    members.append(JSONMember(key: containers[top].key, keyLocation: containers[top].keyLocation, value: node))
                    skipWhitespace()
                    guard position < count else { throw failure(JSONExpectation.afterMember, at: position) }
                    switch bytes[position] {
                    case UInt8(ascii: ","):
                        position += 1
                        skipWhitespace()
                        try parseKey(expected: JSONExpectation.nextKey)
                        expected = JSONExpectation.memberValue
                        continue parsing
                    case UInt8(ascii: "}"):
                        position += 1
                        let container = containers.removeLast()
                        let children = Array(members[container.start...])
                        members.removeSubrange(container.start...)
                        node = JSONNode(value: .object(children), location: container.location)
                    default:
                        throw failure(JSONExpectation.afterMember, at: position)
                    }
                } else {
                    elements.append(node)
                    skipWhitespace()
                    guard position < count else { throw failure(JSONExpectation.afterElement, at: position) }
                    switch bytes[position] {
                    case UInt8(ascii: ","):
                        position += 1
                        expected = JSONExpectation.nextElement
                        continue parsing
                    case UInt8(ascii: "]"):
                        position += 1
                        let container = containers.removeLast()
                        let children = Array(elements[container.start...])
                        elements.removeSubrange(container.start...)
                        node = JSONNode(value: .array(children), location: container.location)
                    default:
                        throw failure(JSONExpectation.afterElement, at: position)
                    }
                }
            }
            break parsing
        }
        skipWhitespace()
        guard position == count else { throw failure(JSONExpectation.endOfInput, at: position) }
        return node
    }

    // MARK: Structure

    /// Pushes a container for the bracket at `position`, refusing to go deeper than the limit.
    private mutating func open(isObject: Bool, at location: JSONLocation) throws(JSONSyntaxError) {
        let limit = JSONReader.maximumDepth
        guard containers.count < limit else {
            throw JSONSyntaxError(
                location: location, expected: "at most \(limit) nested arrays and objects",
                found: "nesting deeper than \(limit) levels")
        }
        containers.append(
            JSONOpenContainer(
                isObject: isObject, location: location,
                start: isObject ? members.count : elements.count,
                key: "", keyLocation: location))
        position += 1
    }

    /// Reads `"key" :` into the innermost object, leaving `position` just after the colon.
    private mutating func parseKey(expected: String) throws(JSONSyntaxError) {
        guard position < count, bytes[position] == UInt8(ascii: "\"") else { throw failure(expected, at: position) }
        let keyLocation = location(at: position)
        let key = try parseString()
        skipWhitespace()
        guard position < count, bytes[position] == UInt8(ascii: ":") else {
            throw failure(JSONExpectation.colon, at: position)
        }
        position += 1
        let top = containers.count - 1
        containers[top].key = key
        containers[top].keyLocation = keyLocation
    }

    /// Skips the four whitespace bytes RFC 8259 allows, counting lines as it goes.
    @inline(__always)
    private mutating func skipWhitespace() {
        while position < count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                startLine()
            case UInt8(ascii: "\r"):
                position += 1
                // CR LF is one line break, as is a lone CR.
                if position < count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                startLine()
            default:
                return
            }
        }
    }

    @inline(__always)
    private mutating func startLine() {
        line += 1
        lineStart = position
        continuationBytes = 0
    }

    // MARK: Scalars

    /// Reads the literal `word` at `position`, reporting the whole mistyped word if it differs.
    private mutating func parseLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        let expectedBytes = word.utf8Start
        var index = 0
        while index < length, position + index < count, bytes[position + index] == expectedBytes[index] {
            index += 1
        }
        guard index == length else { throw failure("'\(word)'", at: position) }
        position += length
    }

    /// Reads a string starting at the opening quote at `position`.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        var index = position + 1
        let contentStart = index
        while index < count {
            let byte = bytes[index]
            // One unsigned comparison accepts 0x20...0x7F, the common case.
            if byte &- 0x20 < 0x60 {
                if byte == UInt8(ascii: "\"") {
                    position = index + 1
                    return String(
                        decoding: UnsafeBufferPointer(start: bytes + contentStart, count: index - contentStart),
                        as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    position = index
                    return try parseEscapedString(contentStart: contentStart)
                }
                index += 1
            } else if byte < 0x20 {
                throw failure(JSONExpectation.stringCharacter, at: index)
            } else {
                index += try scalarLength(at: index)
            }
        }
        throw failure(JSONExpectation.closingQuote, at: index)
    }

    /// Finishes a string that contains escapes, starting at the first backslash at `position`.
    private mutating func parseEscapedString(contentStart: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        // Unescaped runs are copied in one piece, not byte by byte.
        var runStart = contentStart
        var index = position
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: index - runStart))
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: index - runStart))
                guard index + 1 < count else { throw failure(JSONExpectation.escape, at: index + 1) }
                if let escaped = JSONEscape.byte(escapedBy: bytes[index + 1]) {
                    scratch.append(escaped)
                } else if bytes[index + 1] == UInt8(ascii: "u") {
                    let (scalar, length) = try parseUnicodeEscape(at: index)
                    UTF8Sequence.append(scalar, to: &scratch)
                    index += length
                    runStart = index
                    continue
                } else {
                    throw failure(JSONExpectation.escape, at: index + 1)
                }
                index += 2
                runStart = index
            case 0x20..<0x80:
                index += 1
            case ..<0x20:
                throw failure(JSONExpectation.stringCharacter, at: index)
            default:
                index += try scalarLength(at: index)
            }
        }
        throw failure(JSONExpectation.closingQuote, at: index)
    }

    /// Decodes `\uXXXX` at `start` (``JSONEscape``), combining a surrogate pair; returns the scalar and the escape's
    /// length in bytes.
    private func parseUnicodeEscape(at start: Int) throws(JSONSyntaxError) -> (Unicode.Scalar, Int) {
        let second = start + 6
        switch JSONEscape.unicode(bytes + start, bytes + count) {
        case .scalar(let scalar, let length): return (scalar, length)
        case .badHexDigit(let offset): throw failure(JSONExpectation.hexDigit, at: start + offset)
        case .missingLowSurrogate:
            throw JSONSyntaxError(
                location: location(at: second),
                expected: "a low surrogate escape (\\uDC00-\\uDFFF) after \(escapeText(at: start))",
                found: describe(at: second))
        case .notLowSurrogate:
            throw JSONSyntaxError(
                location: location(at: second),
                expected: "a low surrogate escape (\\uDC00-\\uDFFF) after \(escapeText(at: start))",
                found: "'\(escapeText(at: second))'")
        case .loneLowSurrogate:
            throw JSONSyntaxError(
                location: location(at: start),
                expected: "a high surrogate escape (\\uD800-\\uDBFF) before a low surrogate",
                found: "'\(escapeText(at: start))'")
        }
    }

    /// The six bytes of an already validated `\uXXXX` escape, as written.
    private func escapeText(at start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + start, count: 6), as: UTF8.self)
    }

    /// Validates the multi-byte sequence at `index` inside a string and counts it as one column.
    @inline(__always)
    private mutating func scalarLength(at index: Int) throws(JSONSyntaxError) -> Int {
        let length = multibyteLength(at: index)
        guard length > 0 else { throw failure(JSONExpectation.utf8, at: index) }
        continuationBytes += length - 1
        return length
    }

    /// The length of the well-formed UTF-8 sequence led by the non-ASCII byte at `index` (``UTF8Sequence``), or 0
    /// if it is ill-formed or cut short by the end of the input.
    @inline(__always)
    private func multibyteLength(at index: Int) -> Int {
        UTF8Sequence.completeLength(at: bytes + index, bytes + count) ?? 0
    }

    /// Reads a number at `position` (``JSONNumberGrammar``), keeping its literal beside the value.
    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        switch JSONNumberGrammar.scan(bytes + start, bytes + count) {
        case .invalid(let at, let expected): throw failure(expected.rawValue, at: at - bytes)
        case .number(let stop, let value):
            position = stop - bytes
            let literal = String(decoding: UnsafeBufferPointer(start: bytes + start, count: position - start), as: UTF8.self)
            return JSONNumber(literal: literal, value: value)
        }
    }

    // MARK: Locations and messages

    /// The location of a byte on the current line at or after the last counted multi-byte sequence.
    @inline(__always)
    private func location(at index: Int) -> JSONLocation {
        JSONLocation(line: line, column: index - lineStart - continuationBytes + 1)
    }

    /// An error at `index` saying what was expected there and describing what is there.
    @inline(never)
    private func failure(_ expected: String, at index: Int) -> JSONSyntaxError {
        JSONSyntaxError(location: location(at: index), expected: expected, found: describe(at: index))
    }

    /// Names what is at `index` for `JSONSyntaxError.found`.
    private func describe(at index: Int) -> String {
        guard index < count else { return "end of input" }
        let byte = bytes[index]
        switch byte {
        case ..<0x20, 0x7F:
            return "control character \(Self.codePoint(UInt32(byte)))"
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            // A whole word reads better than its first letter: "found 'NaN'", "found 'nul'".
            var end = index
            while end < count, end - index < 20, Self.isWordByte(bytes[end]) { end += 1 }
            let word = String(decoding: UnsafeBufferPointer(start: bytes + index, count: end - index), as: UTF8.self)
            let truncated = end < count && Self.isWordByte(bytes[end])
            return "'\(word)\(truncated ? "…" : "")'"
        case UInt8(ascii: "'"):
            return "\"'\""
        case ..<0x80:
            return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            let length = multibyteLength(at: index)
            guard length > 0 else { return "byte \(Self.hexByte(byte)) (invalid UTF-8)" }
            let text = String(decoding: UnsafeBufferPointer(start: bytes + index, count: length), as: UTF8.self)
            let scalar = text.unicodeScalars.first!
            switch scalar.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned:
                // Invisible or unprintable: the code point alone is clearer.
                return "character \(Self.codePoint(scalar.value))"
            default:
                return "'\(text)' (\(Self.codePoint(scalar.value)))"
            }
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            false
        }
    }

    private static func codePoint(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}
