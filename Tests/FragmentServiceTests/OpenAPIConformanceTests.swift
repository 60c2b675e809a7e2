import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// Checks real responses against `openapi/social-api.json`: the status must be documented for
/// the operation and the body must match its schema (type, required, properties, items, enum,
/// $ref — the subset the document uses).
struct OpenAPIDocument: @unchecked Sendable {  // read-only after load
    let root: [String: Any]

    static func load() throws -> OpenAPIDocument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi/social-api.json")
        return OpenAPIDocument(root: try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]))
    }

    /// Problems with `body` for `method` on `path` answered with `status`; empty when it conforms.
    func problems(path: String, method: String, status: Int, body: String) -> [String] {
        guard let paths = root["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
            let operation = item[method] as? [String: Any], let responses = operation["responses"] as? [String: Any]
        else { return ["\(method.uppercased()) \(path) is not documented"] }
        guard let response = responses[String(status)] as? [String: Any] else {
            return ["status \(status) is not documented for \(method.uppercased()) \(path)"]
        }
        guard let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] else {
            return body.isEmpty ? [] : ["\(status) is documented without a body"]
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else { return ["body is not JSON"] }
        return check(value, against: schema, at: "$")
    }

    private func check(_ value: Any, against schema: Any, at path: String) -> [String] {
        guard var schema = schema as? [String: Any] else { return [] }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            schema = (((root["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
        }
        var problems: [String] = []
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path) is not an object"] }
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { problems.append("\(path).\(key) is missing") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let childSchema = properties[key] {
                    problems += check(child, against: childSchema, at: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] {
                    problems += check(child, against: extra, at: "\(path).\(key)")
                } else if !properties.isEmpty {
                    problems.append("\(path).\(key) is not documented")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path) is not an array"] }
            for (i, item) in array.enumerated() { problems += check(item, against: schema["items"] ?? [:], at: "\(path)[\(i)]") }
        case "string":
            guard let text = value as? String else { return ["\(path) is not a string"] }
            if let options = schema["enum"] as? [String], !options.contains(text) { problems.append("\(path) '\(text)' is not one of \(options)") }
        case "integer":
            // JSONSerialization hands numbers over as NSNumber on Linux.
            let number = value as? NSNumber
            if Self.isBoolean(value) || number == nil || number!.doubleValue.rounded() != number!.doubleValue {
                problems.append("\(path) is not an integer")
            }
        case "boolean":
            if !Self.isBoolean(value) { problems.append("\(path) is not a boolean") }
        default: break
        }
        return problems
    }

    /// JSON `true`/`false`: a Swift `Bool`, or an NSNumber made from one (`objCType` "c"/"B").
    private static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        let code = String(cString: number.objCType)
        return code == "c" || code == "B"
    }
}

@Suite struct OpenAPIConformanceTests {
    @Test func realResponsesMatchTheDocument() async throws {
        let document = try OpenAPIDocument.load()
        try await ConnectFlow.with(apps: [PublishWebhookTests.blog]) { flow, deps, client in
            let session = try await BrowserSession.signedIn(client, as: "user-1")
            try await SharePageTests.connectMastodon(flow, client, session)
            let connection = try #require(try await deps.connections.connections(userID: "user-1").first?.id)
            let token = try await TestEnvironment.token(sub: "user-1")
            var seen: [(String, String, HTTPResponse.Status, String)] = []
            func call(_ method: HTTPRequest.Method, _ uri: String, _ path: String, json: String? = nil) async throws -> String {
                let (status, body) = try await AutoShareTests.api(client, method, "/api/v1" + uri, token: token, json: json)
                seen.append((path, method.rawValue.lowercased(), status, body))
                return body
            }
            _ = try await call(.get, "/me", "/me")
            let created = try await call(.post, "/rules", "/rules", json: #"{"connection_id":\#(connection),"mode":"auto","tags":["pottery"]}"#)
            _ = try await call(.post, "/rules", "/rules", json: #"{"mode":"never"}"#)
            _ = try await call(.post, "/rules", "/rules", json: "{nope")
            let id = try JSONDecoder.api.decode(ShareRule.self, from: Data(created.utf8)).id
            _ = try await call(.get, "/rules", "/rules")
            _ = try await call(.get, "/rules/\(id)", "/rules/{id}")
            _ = try await call(.put, "/rules/\(id)", "/rules/{id}", json: #"{"connection_id":\#(connection),"mode":"one_click"}"#)
            _ = try await call(.put, "/rules/\(id)", "/rules/{id}", json: #"{"connection_id":\#(connection),"mode":"x"}"#)
            _ = try await call(.get, "/rules/999999", "/rules/{id}")
            let body = PublishWebhookTests.body()
            _ = try await client.execute(
                uri: "/webhooks/publish", method: .post, headers: PublishWebhookTests.headers(body), body: ByteBuffer(string: body)
            ) { $0.status }
            _ = try await call(.put, "/rules/\(id)", "/rules/{id}", json: #"{"connection_id":\#(connection),"mode":"auto"}"#)
            try await AutoShareTests.runWorkers(deps)
            _ = try await call(.get, "/events", "/events")
            _ = try await call(.get, "/events?limit=0", "/events")
            _ = try await call(.get, "/auto-shares", "/auto-shares")
            _ = try await call(.delete, "/rules/\(id)", "/rules/{id}")
            #expect(seen.count == 14)
            for (path, method, status, body) in seen {
                let problems = document.problems(path: path, method: method, status: Int(status.code), body: body)
                #expect(problems.isEmpty, "\(method.uppercased()) \(path) \(status.code): \(problems)")
            }
            #expect(seen.contains { $0.0 == "/auto-shares" && $0.3.contains("published") })
        }
    }

    @Test func theCheckerRejectsABodyThatDoesNotMatch() throws {
        let document = try OpenAPIDocument.load()
        #expect(!document.problems(path: "/rules", method: "get", status: 200, body: #"{"rules":[{"id":"x"}]}"#).isEmpty)
        #expect(!document.problems(path: "/rules", method: "get", status: 418, body: "{}").isEmpty)
        #expect(!document.problems(path: "/nowhere", method: "get", status: 200, body: "{}").isEmpty)
    }
}
