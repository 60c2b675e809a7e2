import Foundation
import Testing
@testable import Sandbox

/// The sandbox's answers checked against the platforms' published schemas (copied by
/// scripts/extract_spec_schemas.py into Fixtures/specs; provenance in Fixtures/specs/README.md).
@Suite("Conformance with the Mastodon and X OpenAPI schemas")
struct ConformanceTests {
    static func expectConforms(
        _ validator: SchemaValidator, _ reply: SandboxClient.Reply, _ schema: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let problems = validator.problems(reply.body, against: schema)
        #expect(problems.isEmpty, "\(schema): \(problems.prefix(8))", sourceLocation: sourceLocation)
    }

    @Test("the validator rejects missing fields, wrong types, nulls and enum values it should")
    func validatorCatchesMistakes() throws {
        let v = try SchemaValidator.load("mastodon")
        #expect(!v.problems(#"{"error": 1}"#, against: "Error").isEmpty)
        #expect(!v.problems(#"{}"#, against: "Error").isEmpty)
        #expect(v.problems(#"{"error": "x"}"#, against: "Error").isEmpty)
        #expect(v.problems(#"{"id": "1", "text": null, "hint": ""}"#, against: "Rule").count == 1)
        #expect(!v.problems(#"{"id": "1", "created_at": "t", "visibility": "everyone"}"#, against: "Status").isEmpty)
        let rule = #"{"id": "1", "text": "t", "hint": ""}"#
        #expect(v.problems(rule, against: "Rule").isEmpty)
        #expect(!v.problems(#"{"id": "1", "text": true, "hint": ""}"#, against: "Rule").isEmpty)
    }

    @Test("Mastodon instance v1/v2, apps, accounts, statuses and errors match the schemas")
    func mastodon() async throws {
        let v = try SchemaValidator.load("mastodon")
        try await withSandbox { sandbox in
            Self.expectConforms(v, try await sandbox.get("mastodon.social/api/v2/instance"), "Instance")
            Self.expectConforms(v, try await sandbox.get("mastodon.social/api/v1/instance"), "V1Instance")
            let app = try await sandbox.postForm(
                "mastodon.social/api/v1/apps",
                [
                    ("client_name", "Rose Ash"), ("redirect_uris", MastodonTests.redirect), ("scopes", "write:statuses read:accounts"),
                ])
            Self.expectConforms(v, app, "CredentialApplication")
            let clientID = try #require(app.json["client_id"] as? String)
            let code = try await MastodonTests.code(sandbox, host: "mastodon.social", clientID: clientID)
            let token = try await MastodonTests.token(
                sandbox, host: "mastodon.social",
                app: (clientID, try #require(app.json["client_secret"] as? String)), code: code)
            let bearer = [("Authorization", "Bearer \(try #require(token.json["access_token"] as? String))")]
            Self.expectConforms(v, try await sandbox.get("mastodon.social/api/v1/apps/verify_credentials", headers: bearer), "Application")
            let me = try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: bearer)
            Self.expectConforms(v, me, "CredentialAccount")
            let status = try await sandbox.postForm(
                "mastodon.social/api/v1/statuses",
                [("status", "Hello #sandbox https://rose.example/a"), ("language", "en")], headers: bearer)
            Self.expectConforms(v, status, "Status")
            #expect((status.json["tags"] as? [[String: Any]])?.first?["name"] as? String == "sandbox")
            let bad = try await sandbox.get("mastodon.social/api/v1/accounts/verify_credentials", headers: [("Authorization", "Bearer x")])
            #expect(bad.status == 401)
            Self.expectConforms(v, bad, "Error")
            let tooLong = try await sandbox.postForm(
                "mastodon.social/api/v1/statuses",
                [("status", String(repeating: "a", count: 501))], headers: bearer)
            Self.expectConforms(v, tooLong, "Error")
            Self.expectConforms(v, try await sandbox.get("mastodon.social/api/v1/statuses/1", headers: bearer), "Error")
        }
    }

    @Test("X post create, read, delete, users/me and errors match the schemas")
    func x() async throws {
        let v = try SchemaValidator.load("x")
        try await withSandbox { sandbox in
            let minted = try await sandbox.postJSON(
                "_sandbox/tokens",
                #"{"platform": "twitter", "account": "1500000000000000001", "client_id": "c", "scopes": ["tweet.read", "tweet.write", "users.read"]}"#
            )
            let bearer = [("Authorization", "Bearer \(try #require(minted.json["access_token"] as? String))")]
            Self.expectConforms(v, try await sandbox.get("api.x.com/2/users/me", headers: bearer), "GetUsersMeResponse")
            let created = try await sandbox.postJSON("api.x.com/2/tweets", #"{"text": "conformance"}"#, headers: bearer)
            #expect(created.status == 201)
            Self.expectConforms(v, created, "CreatePostsResponse")
            let id = try #require((created.json["data"] as? [String: Any])?["id"] as? String)
            let read = try await sandbox.get("api.x.com/2/tweets/\(id)", headers: bearer)
            #expect(read.status == 200)
            Self.expectConforms(v, read, "GetPostsByIdResponse")
            let deleted = try await sandbox.send(.DELETE, "api.x.com/2/tweets/\(id)", headers: bearer)
            #expect(deleted.status == 200)
            Self.expectConforms(v, deleted, "DeletePostsResponse")
            #expect((deleted.json["data"] as? [String: Any])?["deleted"] as? Bool == true)
            let gone = try await sandbox.get("api.x.com/2/tweets/\(id)", headers: bearer)
            Self.expectConforms(v, gone, "GetPostsByIdResponse")
            #expect((gone.json["errors"] as? [[String: Any]])?.isEmpty == false)
            #expect(try await sandbox.send(.DELETE, "api.x.com/2/tweets/\(id)", headers: bearer).status == 404)
            #expect(try await sandbox.get("api.x.com/2/tweets/\(id)").status == 401)
        }
    }
}
