import Foundation

/// Checks JSON against the ATProto lexicons exported beside this repository (`root`; read in place,
/// never copied). Covers what the emulated answers use: `object` (`required`, `properties`),
/// `string` (`maxLength` in UTF-8 bytes, `maxGraphemes`, formats `did`, `handle`, `at-uri`, `cid`,
/// `datetime`), `integer`, `boolean`, `array`, `ref` (local `#name` and `nsid#name`), `blob`, `unknown`.
struct LexiconValidator: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/platforms/specs/bluesky/bluesky-social-atproto/lexicons")

    /// Whether the lexicons are beside this clone. Without them the answer checks have nothing to
    /// check against and report no problem; the checker's own test is then skipped, visibly.
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// The lexicon document of an NSID, e.g. `com.atproto.repo.createRecord`.
    static func document(_ nsid: String) throws -> [String: Any] {
        let url = root.appendingPathComponent(nsid.split(separator: ".").joined(separator: "/") + ".json")
        return try (JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
    }

    /// Problems of a JSON text against the `output` schema of a query or procedure.
    static func outputProblems(_ body: String, nsid: String) throws -> [String] {
        guard isAvailable else { return [] }
        let main = try definition(nsid, "main")
        let schema = ((main["output"] as? [String: Any])?["schema"] as? [String: Any]) ?? [:]
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8)) else { return ["body is not JSON"] }
        return try problems(value, schema: schema, nsid: nsid, at: "$")
    }

    /// Problems of a record against a record lexicon (e.g. `app.bsky.feed.post`).
    static func recordProblems(_ value: Any, nsid: String) throws -> [String] {
        guard isAvailable else { return [] }
        let main = try definition(nsid, "main")
        return try problems(value, schema: (main["record"] as? [String: Any]) ?? [:], nsid: nsid, at: "$")
    }

    static func definition(_ nsid: String, _ name: String) throws -> [String: Any] {
        guard let found = (try document(nsid)["defs"] as? [String: Any])?[name] as? [String: Any] else {
            throw LexiconMissing(reference: "\(nsid)#\(name)")
        }
        return found
    }

    struct LexiconMissing: Error { var reference: String }

    static func problems(_ value: Any, schema: [String: Any], nsid: String, at path: String) throws -> [String] {
        switch schema["type"] as? String {
        case "ref":
            let ref = schema["ref"] as? String ?? ""
            let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let target = parts[0].isEmpty ? nsid : parts[0]
            return try problems(value, schema: definition(target, parts.count > 1 ? parts[1] : "main"), nsid: target, at: path)
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path) is not an object"] }
            var found: [String] = []
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path).\(key) is missing") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let sub = properties[key] as? [String: Any] { found += try problems(child, schema: sub, nsid: nsid, at: "\(path).\(key)") }
            }
            return found
        case "string":
            guard let text = value as? String else { return ["\(path) is not a string"] }
            var found: [String] = []
            if let max = schema["maxLength"] as? Int, text.utf8.count > max { found.append("\(path) is longer than \(max) bytes") }
            if let max = schema["maxGraphemes"] as? Int, text.count > max { found.append("\(path) is longer than \(max) graphemes") }
            if let format = schema["format"] as? String, !Self.matches(text, format: format) { found.append("\(path) is not a \(format): \(text)") }
            return found
        case "integer":
            guard let number = value as? NSNumber, !SchemaValidator.isBoolean(value), number.doubleValue.rounded() == number.doubleValue else {
                return ["\(path) is not an integer"]
            }
            return []
        case "boolean":
            return SchemaValidator.isBoolean(value) ? [] : ["\(path) is not a boolean"]
        case "array":
            guard let list = value as? [Any] else { return ["\(path) is not an array"] }
            var found: [String] = []
            if let max = schema["maxLength"] as? Int, list.count > max { found.append("\(path) has more than \(max) items") }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in list.enumerated() { found += try problems(item, schema: items, nsid: nsid, at: "\(path)[\(index)]") }
            }
            return found
        case "blob":
            guard let blob = value as? [String: Any], blob["$type"] as? String == "blob", (blob["ref"] as? [String: Any])?["$link"] is String,
                blob["mimeType"] is String, blob["size"] is NSNumber
            else { return ["\(path) is not a blob"] }
            return []
        case "union":
            guard let object = value as? [String: Any], let type = object["$type"] as? String else { return ["\(path) has no $type"] }
            let refs = schema["refs"] as? [String] ?? []
            let full = refs.map { $0.hasPrefix("#") ? nsid + $0 : $0 }
            guard full.contains(type) || full.contains(type + "#main") else { return ["\(path) $type \(type) is not in the union"] }
            let target = type.split(separator: "#").first.map(String.init) ?? type
            guard (try? document(target)) != nil else { return [] }  // a member not exported: only the $type is checked
            return try problems(value, schema: ["type": "ref", "ref": type], nsid: nsid, at: path)
        default:
            return []
        }
    }

    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "did": return text.range(of: #"^did:[a-z]+:[A-Za-z0-9._:%-]+$"#, options: .regularExpression) != nil
        case "handle": return text.range(of: #"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]([a-z0-9-]*[a-z0-9])?$"#, options: .regularExpression) != nil
        case "at-uri": return text.hasPrefix("at://")
        case "cid": return text.range(of: #"^b[a-z2-7]{50,}$"#, options: .regularExpression) != nil
        case "datetime": return text.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$"#, options: .regularExpression) != nil
        default: return true
        }
    }
}
