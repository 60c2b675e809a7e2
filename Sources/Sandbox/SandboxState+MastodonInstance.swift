import Foundation

/// `/api/v1/instance`, `/api/v2/instance` and NodeInfo per server profile
/// (docs/platforms/mastodon.md, "Text limits", "API versions"; docs/platforms/mastodon-servers.md,
/// "Detecting the software"). Shapes follow the Mastodon Instance and V1Instance entities; other
/// software changes only what the contract says it changes.
extension SandboxState {
    func mastodonMaxCharacters(_ host: String) -> Int {
        mastodonMaxCharacters[host] ?? mastodonProfile(host).defaultMaxCharacters
    }

    private func mastodonLimits(_ host: String, profile: MastodonProfile) -> [String: Any] {
        [
            "statuses": [
                "max_characters": mastodonMaxCharacters(host), "max_media_attachments": 4,
                "characters_reserved_per_url": profile.reportedURLWeight,
            ],
            "media_attachments": [
                "supported_mime_types": ["image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4"],
                "image_size_limit": 16_777_216, "image_matrix_limit": 33_177_600,
                "video_size_limit": 103_809_024, "video_frame_rate_limit": 120, "video_matrix_limit": 8_294_400,
            ],
            "polls": ["max_options": 4, "max_characters_per_option": 50, "min_expiration": 300, "max_expiration": 2_629_746],
        ]
    }

    private var mastodonLocalPosts: (String) -> Int {
        { host in self.posts.filter { $0.platform == .mastodon && $0.host == host }.count }
    }

    /// `GET /api/v2/instance` (Instance entity); 404 where the software has no such route.
    func mastodonInstanceV2(_ host: String) -> SandboxResponse {
        let profile = mastodonProfile(host)
        guard profile.servesInstanceV2 else { return .object(.notFound, ["error": "Not found"]) }
        var configuration = mastodonLimits(host, profile: profile)
        configuration["urls"] = [
            "streaming": "wss://\(host)", "status": NSNull(), "about": "https://\(host)/about",
            "privacy_policy": "https://\(host)/privacy-policy", "terms_of_service": NSNull(),
        ]
        configuration["accounts"] = ["max_featured_tags": 10, "max_pinned_statuses": 5]
        configuration["translation"] = ["enabled": false]
        configuration["vapid"] = ["public_key": "BCkMmVdKDnKYwzVCDC99Iuc9GvId-x7-kKtuHnLgfF98ENiZp_aj-UNthbCdI70DqN1zUVis-x0Wrot2sBagkMc="]
        var object: [String: Any] = [
            "domain": host, "title": "\(host) (sandbox)", "version": profile.instanceVersion,
            "source_url": Self.sourceURL(profile.software), "description": "An emulated \(profile.nodeInfoName) server.",
            "usage": ["users": ["active_month": DemoData.mastodonAccounts.count]],
            "thumbnail": ["url": "https://\(host)/packs/media/images/preview.png", "blurhash": NSNull(), "versions": [String: Any]()],
            "icon": [[String: Any]](), "languages": ["en"], "configuration": configuration,
            "registrations": [
                "enabled": false, "approval_required": false, "message": NSNull(), "url": NSNull(),
                "min_age": NSNull(), "reason_required": NSNull(),
            ],
            "contact": ["email": "admin@\(host)", "account": NSNull()],
            "rules": [["id": "1", "text": "Be kind.", "hint": ""]],
        ]
        // `api_versions` arrived with Mastodon 4.3; other software does not send it
        // (docs/platforms/mastodon.md, "API versions").
        if let level = profile.apiVersion { object["api_versions"] = ["mastodon": level] }
        return .object(object)
    }

    /// `GET /api/v1/instance` in the v1 shape (V1Instance entity).
    func mastodonInstanceV1(_ host: String) -> SandboxResponse {
        let profile = mastodonProfile(host)
        var configuration = mastodonLimits(host, profile: profile)
        configuration["accounts"] = ["max_featured_tags": 10]
        var object: [String: Any] = [
            "uri": host, "title": "\(host) (sandbox)", "short_description": "An emulated \(profile.nodeInfoName) server.",
            "description": "", "email": "admin@\(host)", "version": profile.instanceVersion,
            "urls": ["streaming_api": "wss://\(host)"],
            "stats": ["user_count": DemoData.mastodonAccounts.count, "status_count": mastodonLocalPosts(host), "domain_count": 1],
            "thumbnail": "https://\(host)/packs/media/images/preview.png", "languages": ["en"],
            "registrations": false, "approval_required": false, "invites_enabled": false,
            "configuration": configuration, "contact_account": NSNull(),
            "rules": [["id": "1", "text": "Be kind.", "hint": ""]],
        ]
        switch profile.software {
        case .mastodon, .takahe: break
        case .gotosocial, .pleroma: object["max_toot_chars"] = mastodonMaxCharacters(host)
        case .akkoma:
            // Akkoma reports the limit only as v1 `max_toot_chars`
            // (docs/platforms/mastodon-servers.md, "Detecting the software").
            object["max_toot_chars"] = mastodonMaxCharacters(host)
            configuration["statuses"] = nil
            object["configuration"] = configuration
        }
        return .object(object)
    }

    /// `GET /.well-known/nodeinfo`: links to the NodeInfo documents, sandbox-addressed (NOTES.md
    /// "Discovery documents").
    func mastodonNodeInfoLinks(_ request: SandboxRequest) -> SandboxResponse {
        let links = mastodonProfile(request.host).nodeInfoDocuments.map { document -> [String: Any] in
            [
                "rel": "http://nodeinfo.diaspora.software/ns/schema/\(document.schema)",
                "href": request.sandboxAddress(document.path),
            ]
        }
        return .object(["links": links])
    }

    /// The NodeInfo document at `path`, or `nil` when the profile serves none there.
    func mastodonNodeInfo(_ host: String, path: String) -> SandboxResponse? {
        let profile = mastodonProfile(host)
        let trimmed = { (p: String) in p.hasSuffix("/") ? String(p.dropLast()) : p }
        guard let document = profile.nodeInfoDocuments.first(where: { trimmed($0.path) == trimmed(path) }) else { return nil }
        var software: [String: Any] = ["name": profile.nodeInfoName, "version": profile.nodeInfoVersion]
        if document.schema == "2.1" { software["repository"] = Self.sourceURL(profile.software) }
        let users = DemoData.mastodonAccounts.count
        return .object([
            "version": document.schema, "software": software, "protocols": ["activitypub"],
            "services": ["outbound": [String](), "inbound": [String]()],
            "usage": [
                "users": ["total": users, "activeMonth": users, "activeHalfyear": users],
                "localPosts": mastodonLocalPosts(host),
            ],
            "openRegistrations": false, "metadata": [String: Any](),
        ])
    }

    static func sourceURL(_ software: MastodonSoftware) -> String {
        switch software {
        case .mastodon: "https://github.com/mastodon/mastodon"
        case .takahe: "https://github.com/jointakahe/takahe"
        case .gotosocial: "https://github.com/superseriousbusiness/gotosocial"
        case .pleroma: "https://git.pleroma.social/pleroma/pleroma"
        case .akkoma: "https://akkoma.dev/AkkomaGang/akkoma"
        }
    }
}
