import Foundation

/// Mastodon entities as documented: the Account, CredentialAccount, Status and Application
/// entities of mastodon/documentation (docs/platforms/mastodon.md, "Identity", "Posting",
/// "App registration").
extension SandboxState {
    /// Account entity; `credential` adds `source` and `role` (CredentialAccount, verify_credentials).
    func mastodonAccountJSON(_ id: String, host: String, credential: Bool = false) -> [String: Any] {
        let account = DemoData.mastodonAccounts.first { $0.id == id } ?? DemoAccount(id: id, username: "unknown", name: "")
        let statuses = posts.filter { $0.platform == .mastodon && $0.host == host && $0.account == account.id }
        let avatar = "https://\(host)/avatars/original/missing.png"
        let header = "https://\(host)/headers/original/missing.png"
        var object: [String: Any] = [
            "id": account.id, "username": account.username, "acct": account.username, "display_name": account.name,
            "locked": false, "bot": false, "discoverable": true, "indexable": false, "group": false,
            "hide_collections": false, "noindex": false, "created_at": "2022-11-01T00:00:00.000Z", "note": "",
            "url": "https://\(host)/@\(account.username)", "uri": "https://\(host)/users/\(account.username)",
            "avatar": avatar, "avatar_static": avatar, "header": header, "header_static": header,
            "followers_count": 0, "following_count": 0, "statuses_count": statuses.count,
            "last_status_at": statuses.last.map { String(Timestamps.isoMillis($0.time).prefix(10)) } ?? NSNull(),
            "emojis": [Any](), "fields": [Any](), "roles": [Any](),
        ]
        if credential {
            object["source"] = [
                "privacy": "public", "sensitive": false, "language": "en", "note": "", "fields": [Any](),
                "follow_requests_count": 0, "indexable": false, "hide_collections": false, "discoverable": true,
                "attribution_domains": [String](),
            ]
            object["role"] = ["id": "-99", "name": "", "color": "", "permissions": "0", "highlighted": false]
        }
        return object
    }

    /// Status entity.
    func mastodonStatusJSON(_ post: SandboxPost) -> [String: Any] {
        let paragraphs = post.text.components(separatedBy: "\n\n").map { "<p>\(HTML.escape($0))</p>" }.joined()
        let tags = Self.hashtags(in: post.text).map { name -> [String: Any] in
            ["name": name.lowercased(), "url": "https://\(post.host)/tags/\(name.lowercased())", "id": name.lowercased(), "history": [Any]()]
        }
        return [
            "id": post.id, "created_at": Timestamps.isoMillis(post.time), "edited_at": NSNull(),
            "uri": "https://\(post.host)/users/\(post.accountName)/statuses/\(post.id)", "url": post.url,
            "visibility": post.visibility, "language": post.language ?? NSNull(), "content": paragraphs, "text": NSNull(),
            "card": NSNull(), "spoiler_text": post.spoiler, "sensitive": !post.spoiler.isEmpty, "poll": NSNull(),
            "media_attachments": [Any](), "mentions": [Any](), "tags": tags, "emojis": [Any](),
            "reblogs_count": 0, "favourites_count": 0, "replies_count": 0, "quotes_count": 0,
            "in_reply_to_id": NSNull(), "in_reply_to_account_id": NSNull(), "reblog": NSNull(),
            "application": ["name": post.applicationName ?? "Web", "website": NSNull()],
            "favourited": false, "reblogged": false, "muted": false, "bookmarked": false, "pinned": false,
            "account": mastodonAccountJSON(post.account, host: post.host),
        ]
    }

    /// `#tag` names in text (letters, digits, `_`), in order, without duplicates.
    static func hashtags(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"(?:^|[^\w&/])#(\w+)"#)
        var seen: [String] = []
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            let name = String(text[range])
            if !seen.contains(where: { $0.lowercased() == name.lowercased() }) { seen.append(name) }
        }
        return seen
    }
}
