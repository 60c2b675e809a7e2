import Foundation

/// Which links a platform's answer may name as "the post". A status `url` comes from a server we
/// do not control (any Mastodon-API server), and it is stored and rendered as a link, so only an
/// `https` URL (plain `http` too in sandbox mode) on the platform's own host — for Mastodon, the
/// connection's instance or a subdomain of it — is kept; anything else (`javascript:`, another
/// site) is dropped by the caller, which logs it.
package enum PostLink {
    /// Hosts (and their subdomains) each platform's post links live on.
    package static func hosts(of platform: PlatformName) -> [String] {
        switch platform {
        case .facebook: ["facebook.com"]
        case .instagram: ["instagram.com"]
        case .threads: ["threads.com", "threads.net"]
        case .twitter: ["x.com", "twitter.com"]
        case .linkedin: ["linkedin.com"]
        case .mastodon: []
        case .bluesky: ["bsky.app"]
        }
    }

    /// The link when it may be stored and shown for this account, else nil.
    /// - Parameter allowHTTP: sandbox mode, where an emulated platform may answer over plain HTTP.
    package static func trusted(_ text: String, platform: PlatformName, credentials: StoredCredentials, allowHTTP: Bool) -> String? {
        guard text.utf8.count <= 2048, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || (allowHTTP && scheme == "http"), url.user == nil, url.password == nil,
            let host = url.host?.lowercased(), !host.isEmpty
        else { return nil }
        var allowed = hosts(of: platform)
        if platform == .mastodon, let instance = credentials.extraData["instance_url"].flatMap(URL.init(string:))?.host?.lowercased() {
            allowed.append(instance)
        }
        guard allowed.contains(where: { host == $0 || host.hasSuffix("." + $0) }) else { return nil }
        return url.absoluteString
    }
}
