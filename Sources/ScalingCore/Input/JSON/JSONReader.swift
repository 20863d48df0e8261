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
    static let digitAfterMinus = "a digit after '-'"
    static let noLeadingZero = "no more digits after a leading 0"
    static let digitAfterPoint = "a digit after '.'"
    static let exponentDigit = "a digit in the exponent"
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
                switch bytes[index + 1] {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    let (scalar, length) = try parseUnicodeEscape(at: index)
                    appendUTF8(scalar)
                    index += length
                    runStart = index
                    continue
                default:
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

    /// Decodes `\uXXXX` at `start`, combining a surrogate pair; returns the scalar and the escape's length in bytes.
    private func parseUnicodeEscape(at start: Int) throws(JSONSyntaxError) -> (Unicode.Scalar, Int) {
        let first = try hexQuad(at: start + 2)
        switch first {
        case 0xD800...0xDBFF:
            let second = start + 6
            guard second + 1 < count, bytes[second] == UInt8(ascii: "\\"), bytes[second + 1] == UInt8(ascii: "u") else {
                throw JSONSyntaxError(
                    location: location(at: second),
                    expected: "a low surrogate escape (\\uDC00-\\uDFFF) after \(escapeText(at: start))",
                    found: describe(at: second))
            }
            let low = try hexQuad(at: second + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONSyntaxError(
                    location: location(at: second),
                    expected: "a low surrogate escape (\\uDC00-\\uDFFF) after \(escapeText(at: start))",
                    found: "'\(escapeText(at: second))'")
            }
            let value = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
            return (Unicode.Scalar(value)!, 12)
        case 0xDC00...0xDFFF:
            throw JSONSyntaxError(
                location: location(at: start),
                expected: "a high surrogate escape (\\uD800-\\uDBFF) before a low surrogate",
                found: "'\(escapeText(at: start))'")
        default:
            // Every value outside the surrogate range is a scalar.
            return (Unicode.Scalar(first)!, 6)
        }
    }

    /// Reads the four hex digits of a `\u` escape.
    private func hexQuad(at start: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for index in start..<start + 4 {
            guard index < count else { throw failure(JSONExpectation.hexDigit, at: index) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(JSONExpectation.hexDigit, at: index)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The six bytes of an already validated `\uXXXX` escape, as written.
    private func escapeText(at start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + start, count: 6), as: UTF8.self)
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            scratch.append(UInt8(value))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | value >> 6))
            scratch.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | value >> 12))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | value >> 18))
            scratch.append(UInt8(0x80 | value >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// Validates the multi-byte sequence at `index` inside a string and counts it as one column.
    @inline(__always)
    private mutating func scalarLength(at index: Int) throws(JSONSyntaxError) -> Int {
        let length = multibyteLength(at: index)
        guard length > 0 else { throw failure(JSONExpectation.utf8, at: index) }
        continuationBytes += length - 1
        return length
    }

    /// The length of the well-formed UTF-8 sequence led by the non-ASCII byte at `index`, or 0 if it is ill-formed.
    ///
    /// This follows the table in Unicode 15 §3.9 (D92), which excludes overlong forms, surrogates and values past U+10FFFF.
    private func multibyteLength(at index: Int) -> Int {
        @inline(__always)
        func continues(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + offset < count && (low...high).contains(bytes[index + offset])
        }
        switch bytes[index] {
        case 0xC2...0xDF:
            return continues(1) ? 2 : 0
        case 0xE0:
            return continues(1, 0xA0) && continues(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continues(1) && continues(2) ? 3 : 0
        case 0xED:
            return continues(1, 0x80, 0x9F) && continues(2) ? 3 : 0
        case 0xF0:
            return continues(1, 0x90) && continues(2) && continues(3) ? 4 : 0
        case 0xF1...0xF3:
            return continues(1) && continues(2) && continues(3) ? 4 : 0
        case 0xF4:
            return continues(1, 0x80, 0x8F) && continues(2) && continues(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Reads a number at `position`, checking the RFC grammar on the bytes before converting it once.
    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        var index = position
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }

        // Digits are also gathered into an integer so that short numbers skip the general conversion.
        var mantissa: UInt64 = 0
        var digitCount = 0
        @inline(__always) func digit(at index: Int) -> UInt8? {
            guard index < count else { return nil }
            let value = bytes[index] &- UInt8(ascii: "0")
            return value < 10 ? value : nil
        }

        guard let leading = digit(at: index) else { throw failure(JSONExpectation.digitAfterMinus, at: index) }
        if leading == 0 {
            index += 1
            digitCount = 1
            if digit(at: index) != nil { throw failure(JSONExpectation.noLeadingZero, at: index) }
        } else {
            while let value = digit(at: index) {
                mantissa = mantissa &* 10 &+ UInt64(value)
                digitCount += 1
                index += 1
            }
        }

        var fractionDigits = 0
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(at: index) != nil else { throw failure(JSONExpectation.digitAfterPoint, at: index) }
            while let value = digit(at: index) {
                mantissa = mantissa &* 10 &+ UInt64(value)
                digitCount += 1
                fractionDigits += 1
                index += 1
            }
        }

        var exponent = 0
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard digit(at: index) != nil else { throw failure(JSONExpectation.exponentDigit, at: index) }
            while let value = digit(at: index) {
                // Past this size only the general conversion applies anyway, and it must not overflow.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(value) }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }

        position = index
        let literal = String(decoding: UnsafeBufferPointer(start: bytes + start, count: index - start), as: UTF8.self)
        let scale = exponent - fractionDigits
        var value: Double
        if digitCount <= 15, (-22...22).contains(scale) {
            // Both operands are exact Doubles here, so one IEEE multiply or divide is correctly rounded.
            value = Double(mantissa)
            value = scale < 0 ? value / Self.powersOfTen[-scale] : value * Self.powersOfTen[scale]
            if negative { value = -value }
        } else {
            // The grammar is already checked, so the conversion cannot fail; it rounds overflow to infinity.
            value = Double(literal) ?? .nan
        }
        return JSONNumber(literal: literal, value: value)
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

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
