import Foundation

/// A small JSON Schema checker for the subset the Mastodon and X OpenAPI documents use:
/// `type` (one name or a list, `"null"` included), `nullable`, `required`, `properties`, `items`,
/// `enum`, `$ref` into `#/components/schemas/`, `allOf`, `oneOf` and `anyOf`. Formats and
/// `additionalProperties` are not checked (the documents allow extra fields).
struct SchemaValidator: @unchecked Sendable {  // read-only after load
    let schemas: [String: Any]

    /// Loads `Fixtures/specs/<platform>/schemas.json` (written by scripts/extract_spec_schemas.py).
    static func load(_ platform: String) throws -> SchemaValidator {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/specs/\(platform)/schemas.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return SchemaValidator(schemas: ((root?["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:])
    }

    /// Problems with the JSON text `body` against the named component schema; empty when it conforms.
    func problems(_ body: String, against name: String) -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else {
            return ["body is not JSON"]
        }
        return problems(value, schema: ["$ref": "#/components/schemas/\(name)"], at: "$")
    }

    func problems(_ value: Any, schema: Any, at path: String) -> [String] {
        guard let schema = schema as? [String: Any] else { return [] }
        var found: [String] = []
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = schemas[name] else { return ["\(path): unresolved \(ref)"] }
            found += problems(value, schema: target, at: path)
        }
        for part in schema["allOf"] as? [Any] ?? [] { found += problems(value, schema: part, at: path) }
        if let options = schema["oneOf"] as? [Any] ?? schema["anyOf"] as? [Any] {
            let matches = options.filter { problems(value, schema: $0, at: path).isEmpty }.count
            let exact = schema["oneOf"] != nil
            if matches == 0 || (exact && matches > 1 && !Self.isNull(value)) {
                found.append("\(path) matches \(matches) of the \(exact ? "oneOf" : "anyOf") alternatives")
            }
        }
        let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if Self.isNull(value) {
            if !types.isEmpty, !types.contains("null"), schema["nullable"] as? Bool != true { found.append("\(path) is null") }
            return found
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { ($0 as? NSObject)?.isEqual(value) == true }) {
            found.append("\(path) \(value) is not one of \(options)")
        }
        guard !types.isEmpty else { return found + objectProblems(value, schema: schema, at: path) }
        let matching = types.filter { Self.has(value, type: $0) }
        guard !matching.isEmpty else { return found + ["\(path) is not \(types.joined(separator: " or "))"] }
        if matching.contains("object") { found += objectProblems(value, schema: schema, at: path) }
        if matching.contains("array"), let array = value as? [Any], let items = schema["items"] {
            for (index, item) in array.enumerated() { found += problems(item, schema: items, at: "\(path)[\(index)]") }
        }
        return found
    }

    private func objectProblems(_ value: Any, schema: [String: Any], at path: String) -> [String] {
        guard let object = value as? [String: Any] else { return [] }
        var found: [String] = []
        for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path).\(key) is missing") }
        let properties = schema["properties"] as? [String: Any] ?? [:]
        for (key, child) in object { if let sub = properties[key] { found += problems(child, schema: sub, at: "\(path).\(key)") } }
        return found
    }

    static func isNull(_ value: Any) -> Bool { value is NSNull }

    static func has(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBoolean(value)
        case "integer":
            guard !isBoolean(value), let number = value as? NSNumber else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return !isBoolean(value) && value is NSNumber
        case "null": return isNull(value)
        default: return true
        }
    }

    /// JSON `true`/`false`: a Swift `Bool`, or an NSNumber made from one (`objCType` "c"/"B") on Linux.
    static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        let code = String(cString: number.objCType)
        return code == "c" || code == "B"
    }
}
