import Foundation
import Testing

@testable import Sandbox

/// Record rules of the Bluesky emulator that the atproto SDK's differential check
/// (scripts/differential/atproto_bsky.py) found missing: lexicon constraints on facet features,
/// `tags`, `reply`, `labels` and `createdAt`, the PDS's per-account blob store, and deleteRecord's commit.
@Suite("Bluesky record rules")
struct BlueskyRecordTests {
    static let ada = BlueskySessionTests.ada
    static let pds = BlueskySessionTests.pds

    static func record(_ extra: [String: Any], text: String = "Kiln notes #kiln") -> String {
        var record: [String: Any] = ["$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-27T12:00:00.000Z"]
        record.merge(extra) { $1 }
        let body = (try? JSONSerialization.data(withJSONObject: ["repo": ada, "collection": "app.bsky.feed.post", "record": record])) ?? Data()
        return String(decoding: body, as: UTF8.self)
    }

    static func feature(_ feature: [String: Any]) -> [String: Any] {
        ["facets": [["index": ["byteStart": 11, "byteEnd": 16], "features": [feature]]]]
    }

    static func session(
        _ sandbox: SandboxClient, identifier: String = "ada.bsky.social", password: String = "ad4a-lv3l-c2e7-x9qa", host: String = pds
    )
        async throws -> [(String, String)]
    {
        let login = try await BlueskySessionTests.login(sandbox, host: host, identifier: identifier, password: password)
        let access = try #require(login.json["accessJwt"] as? String)
        return [("Authorization", "Bearer \(access)")]
    }

    @Test("records the lexicon calls invalid are refused: mention without a DID, tags too long or too many, a bad reply, untyped labels, -00:00")
    func lexiconRules() async throws {
        try await withSandbox { sandbox in
            let bearer = try await Self.session(sandbox)
            func create(_ body: String) async throws -> SandboxClient.Reply {
                try await sandbox.postJSON("\(Self.pds)/xrpc/com.atproto.repo.createRecord", body, headers: bearer)
            }
            let strongRef: [String: Any] = [
                "uri": "at://\(Self.ada)/app.bsky.feed.post/3k4duaz5vfs2b", "cid": "bafyreibjifzpqj6o6wcq3hejh7y4z4z2vmiklkvykc57tw3pcbx3kxifpm",
            ]
            let refused: [(String, [String: Any])] = [
                ("mention without did", Self.feature(["$type": "app.bsky.richtext.facet#mention"])),
                ("mention with a non-DID", Self.feature(["$type": "app.bsky.richtext.facet#mention", "did": "ada.bsky.social"])),
                ("tag without tag", Self.feature(["$type": "app.bsky.richtext.facet#tag"])),
                ("tag of 641 bytes", Self.feature(["$type": "app.bsky.richtext.facet#tag", "tag": String(repeating: "a", count: 641)])),
                ("tag of 65 graphemes", Self.feature(["$type": "app.bsky.richtext.facet#tag", "tag": String(repeating: "é", count: 65)])),
                ("9 tags", ["tags": Array(repeating: "kiln", count: 9)]),
                ("a tag of 65 graphemes", ["tags": [String(repeating: "é", count: 65)]]),
                ("reply without parent", ["reply": ["root": strongRef]]),
                ("reply with a string root", ["reply": ["root": "x", "parent": strongRef]]),
                ("reply with an https uri", ["reply": ["root": strongRef, "parent": ["uri": "https://bsky.app/x", "cid": strongRef["cid"] ?? ""]]]),
                ("untyped labels", ["labels": ["values": "x"]]),
                ("self-labels without val", ["labels": ["$type": "com.atproto.label.defs#selfLabels", "values": [["value": "nudity"]]]]),
                ("createdAt -00:00", ["createdAt": "2026-11-27T12:00:00-00:00"]),
            ]
            for (what, extra) in refused {
                let answer = try await create(Self.record(extra))
                #expect(answer.status == 400 && answer.json["error"] as? String == "InvalidRequest", "\(what): \(answer.status) \(answer.body)")
            }
            let accepted: [(String, [String: Any])] = [
                ("mention with a DID", Self.feature(["$type": "app.bsky.richtext.facet#mention", "did": "did:web:grace.example"])),
                ("tag of 64 graphemes", Self.feature(["$type": "app.bsky.richtext.facet#tag", "tag": String(repeating: "é", count: 64)])),
                ("8 tags", ["tags": Array(repeating: "kiln", count: 8)]),
                ("a reply", ["reply": ["root": strongRef, "parent": strongRef]]),
                ("self-labels", ["labels": ["$type": "com.atproto.label.defs#selfLabels", "values": [["val": "nudity"]]]]),
                ("createdAt +00:00 with microseconds", ["createdAt": "2026-11-27T12:00:00.123456+00:00"]),
            ]
            for (what, extra) in accepted {
                let answer = try await create(Self.record(extra))
                #expect(answer.status == 200, "\(what): \(answer.status) \(answer.body)")
            }
        }
    }

    @Test("a thumb from another account's blob store is BlobNotFound; a size mismatch says 'Referenced Size'")
    func blobStore() async throws {
        try await withSandbox { sandbox in
            let ada = try await Self.session(sandbox)
            let grace = try await Self.session(sandbox, identifier: "grace.example", password: "gr4c-hp3r-c0b0-l7xz", host: "pds.grace.example")
            // Bytes no format sniffer knows: the PDS keeps the declared type.
            let image = "thumbnail bytes of the card"
            let upload = try await sandbox.send(
                .POST, "pds.grace.example/xrpc/com.atproto.repo.uploadBlob", headers: grace + [("Content-Type", "image/png")],
                body: image)
            #expect(upload.status == 200, "\(upload.body)")
            let blob = try #require(upload.json["blob"] as? [String: Any])
            let ref = try #require((blob["ref"] as? [String: Any])?["$link"] as? String)
            let card: [String: Any] = [
                "$type": "app.bsky.embed.external", "external": ["uri": "https://rose.example/p/1", "title": "", "description": "", "thumb": blob],
            ]
            let foreign = try await sandbox.postJSON("\(Self.pds)/xrpc/com.atproto.repo.createRecord", Self.record(["embed": card]), headers: ada)
            #expect(foreign.status == 400 && foreign.json["error"] as? String == "BlobNotFound", "\(foreign.body)")
            #expect(foreign.json["message"] as? String == "Could not find blob: \(ref)")

            let own = try await sandbox.send(
                .POST, "\(Self.pds)/xrpc/com.atproto.repo.uploadBlob", headers: ada + [("Content-Type", "image/png")],
                body: image)
            var lying = try #require(own.json["blob"] as? [String: Any])
            lying["size"] = 3
            let mismatch = try await sandbox.postJSON(
                "\(Self.pds)/xrpc/com.atproto.repo.createRecord",
                Self.record([
                    "embed": [
                        "$type": "app.bsky.embed.external",
                        "external": ["uri": "https://rose.example/p/1", "title": "", "description": "", "thumb": lying],
                    ]
                ]),
                headers: ada)
            #expect(mismatch.json["error"] as? String == "InvalidSize")
            #expect((mismatch.json["message"] as? String)?.hasPrefix("Referenced Size does not match stored blob.") == true, "\(mismatch.body)")
        }
    }

    @Test("deleteRecord answers the commit when it deleted a record, and nothing for a record that is not there")
    func deleteCommit() async throws {
        try await withSandbox { sandbox in
            let bearer = try await Self.session(sandbox)
            let created = try await sandbox.postJSON("\(Self.pds)/xrpc/com.atproto.repo.createRecord", Self.record([:]), headers: bearer)
            let uri = try #require(created.json["uri"] as? String)
            let rkey = try #require(uri.split(separator: "/").last.map(String.init))
            let body = #"{"repo": "\#(Self.ada)", "collection": "app.bsky.feed.post", "rkey": "\#(rkey)"}"#
            let deleted = try await sandbox.postJSON("\(Self.pds)/xrpc/com.atproto.repo.deleteRecord", body, headers: bearer)
            #expect(deleted.status == 200)
            try BlueskyOAuthTests.expectLexicon(deleted, "com.atproto.repo.deleteRecord")
            let commit = try #require(deleted.json["commit"] as? [String: Any])
            #expect((commit["cid"] as? String)?.hasPrefix("bafyrei") == true && (commit["rev"] as? String)?.count == 13)
            let again = try await sandbox.postJSON("\(Self.pds)/xrpc/com.atproto.repo.deleteRecord", body, headers: bearer)
            #expect(again.status == 200 && again.json["commit"] == nil)
            #expect(try await sandbox.posts("bluesky").allSatisfy { $0["id"] as? String != uri })
        }
    }
}
