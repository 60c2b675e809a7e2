import Foundation

/// Everything the service reads from its environment, validated once at start.
/// `README.md` lists each variable; tests build this from an in-memory dictionary.
package struct AppConfiguration: Sendable {
    /// `DATABASE_URL`: `postgres://user:password@host:port/database`.
    package var databaseURL: String?
    /// `PUBLIC_BASE_URL`: the service's external origin, without a trailing slash.
    package var publicBaseURL: URL
    /// `SOCIAL_HOST` / `SOCIAL_PORT`: where the HTTP server listens.
    package var host: String
    package var port: Int
    /// `SOCIAL_ENCRYPTION_KEY`: the Fernet keys (first encrypts, all decrypt).
    package var fernet: Fernet
    /// `SOCIAL_SESSION_SECRET`: signs session cookies.
    package var sessionSecret: String
    /// `SOCIAL_IDENTITY_SECRET`: HS256 key shared with the account service for handoff tokens.
    package var identitySecret: String
    /// `SOCIAL_IDENTITY_ISSUER` / `SOCIAL_IDENTITY_AUDIENCE`: expected `iss` and `aud` claims.
    package var identityIssuer: String
    package var identityAudience: String
    /// `SOCIAL_ACCOUNT_SERVICE_TOKEN`: the account service's Bearer token for the lifecycle API
    /// (`/api/v1/users/…`); unset = that API is off (404).
    package var accountServiceToken: String?
    /// `SOCIAL_DEV_LOGIN=1`: a page to sign in as a demo user (refused with an https base URL).
    package var devLogin: Bool
    /// `SOCIAL_SANDBOX_URL`: every platform host is reached through this emulator instead.
    package var sandboxURL: URL?
    /// `SOCIAL_ALLOW_PRIVATE_HOSTS=1`: development only; lets outbound calls reach internal addresses.
    package var allowPrivateHosts: Bool
    /// Platform apps by platform name (`facebook`, `threads`, `twitter`, `linkedin`).
    package var credentials: [String: PlatformCredentials]
    /// `SOCIAL_FACEBOOK_GRAPH_VERSION` (default `v26.0`), also used by Instagram.
    package var graphAPIVersion: String
    /// `SOCIAL_LINKEDIN_VERSION` (default `202603`): the `LinkedIn-Version` header.
    package var linkedInVersion: String
    /// `SOCIAL_APP_NAME`: the name shown on consent pages (Mastodon app registration).
    package var appName: String
    /// `SOCIAL_BLUESKY_CLIENT_KEY` (optional, a secret): the Bluesky client's ES256 signing key, one
    /// line of base64url holding the 32-byte private scalar (`social-service bluesky-key` makes one).
    /// Only its shape is checked here; the Bluesky client parses it (docs/platforms/bluesky.md, "Client key").
    package var blueskyClientKey: String?
    /// `SOCIAL_FEED_POLL_SECONDS` (default 300): how often registered content feeds are polled.
    package var feedPollSeconds: Int
    /// `SOCIAL_SHARE_LEASE_SECONDS` (default 600): a share attempt still pending after this long
    /// belongs to a process that died and becomes unconfirmed.
    package var shareLeaseSeconds: Int
    /// `SOCIAL_WORKER_LEASE_SECONDS` (default 300): how long a claimed publish event or
    /// auto-share job stays with one worker before another may take it.
    package var workerLeaseSeconds: Int
    /// `SOCIAL_IDLE_TIMEOUT_SECONDS` (default 30): a connection that sends nothing for this long —
    /// before its request head is complete, between body parts or between requests — is closed.
    package var idleTimeoutSeconds: Int
    /// `SOCIAL_AUTOSHARE_CONCURRENCY` (default 64): how many auto-share jobs one instance runs at once.
    package var autoShareConcurrency: Int
    /// `SOCIAL_AUTOSHARE_PER_PLATFORM` (default 16): how many of those may be for one platform's
    /// API (each Mastodon server counts on its own), so one slow platform never takes every slot.
    package var autoSharePerPlatform: Int
    /// `SOCIAL_RESOLVE_CONCURRENCY` (default 8): how many publish events one instance resolves
    /// (each one page fetch) at once.
    package var resolveConcurrency: Int
    /// `METRICS_PORT`: serve `/metrics` on this port (same host) instead of the main one.
    package var metricsPort: Int?
    /// `METRICS_TOKEN`: when set, `/metrics` answers only `Authorization: Bearer <token>`.
    package var metricsToken: String?
    /// `LOG_FORMAT` (default `text`): `json` writes one JSON object per log line.
    package var logFormat: LogFormat

    /// How log lines are written.
    package enum LogFormat: String, Sendable { case text, json }

    /// `SOCIAL_OPERATORS`: the Rose Ash user ids (comma-separated) who may open the operator page.
    package var operators: Set<String>

    /// True when cookies must be `Secure`.
    package var isHTTPS: Bool { publicBaseURL.scheme == "https" }

    /// Whether the main port answers `/metrics`: not when a metrics port is set, and on an https
    /// deployment (the public internet) only with a token — metrics are for operators.
    package var servesMetricsOnMainPort: Bool { metricsPort == nil && (metricsToken != nil || !isHTTPS) }

    /// Whether `text` has the shape of `SOCIAL_BLUESKY_CLIENT_KEY`: unpadded base64url of exactly 32 bytes.
    package static func isBlueskyClientKeyShape(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
            }
            && Data(base64URLEncoded: text)?.count == 32
    }

    /// Which variables hold each platform's app credentials.
    package static let credentialVariables: [(platform: String, id: String, secret: String)] = [
        ("facebook", "SOCIAL_FACEBOOK_APP_ID", "SOCIAL_FACEBOOK_APP_SECRET"),
        ("threads", "SOCIAL_THREADS_APP_ID", "SOCIAL_THREADS_APP_SECRET"),
        ("twitter", "SOCIAL_TWITTER_CLIENT_ID", "SOCIAL_TWITTER_CLIENT_SECRET"),
        ("linkedin", "SOCIAL_LINKEDIN_CLIENT_ID", "SOCIAL_LINKEDIN_CLIENT_SECRET"),
    ]

    /// Validates `environment`, reporting every problem together.
    /// - Parameter requireDatabase: `serve` and `migrate` need `DATABASE_URL`; `generate-key` does not.
    package init(environment env: [String: String], requireDatabase: Bool) throws(ConfigurationError) {
        try self.init(environment: env, needs: requireDatabase ? .all : ConfigurationNeeds.all.subtracting(.database))
    }

    /// Validates the settings in `needs`, reporting every problem with them together. Settings a
    /// command does not need are read if they are valid and otherwise left at their defaults
    /// (`migrate` needs only the database, so a missing session secret does not stop it).
    package init(environment env: [String: String], needs: ConfigurationNeeds = .all) throws(ConfigurationError) {
        var problems: [String] = []
        func problem(_ need: ConfigurationNeeds, _ message: String) {
            if needs.contains(need) { problems.append(message) }
        }
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func flag(_ name: String) -> Bool {
            guard let v = value(name)?.lowercased() else { return false }
            if ["1", "true", "yes", "on"].contains(v) { return true }
            if !["0", "false", "no", "off"].contains(v) { problem(.serviceSettings, "\(name) must be 1 or 0, not '\(v)'") }
            return false
        }

        databaseURL = value("DATABASE_URL")
        if let url = databaseURL {
            if !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) || URL(string: url)?.host == nil {
                problem(.database, "DATABASE_URL must look like postgres://user:password@host:5432/database")
            }
        } else {
            problem(.database, "DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/social); `make run` sets one up")
        }

        let base = value("PUBLIC_BASE_URL") ?? "http://127.0.0.1:8080"
        if let url = URL(string: base.hasSuffix("/") ? String(base.dropLast()) : base),
            ["http", "https"].contains(url.scheme ?? ""), url.host != nil, url.path.isEmpty || url.path == "/", url.query == nil
        {
            publicBaseURL = url
        } else {
            problem(.serviceSettings, "PUBLIC_BASE_URL must be an http(s) origin such as https://social.rose-ash.com, not '\(base)'")
            publicBaseURL = URL(string: "http://127.0.0.1:8080")!
        }

        host = value("SOCIAL_HOST") ?? "127.0.0.1"
        if let p = value("SOCIAL_PORT") {
            if let n = Int(p), (0...65535).contains(n) {
                port = n
            } else {
                problem(.serviceSettings, "SOCIAL_PORT must be a port number, not '\(p)'")
                port = 8080
            }
        } else {
            port = 8080
        }

        if let keys = value("SOCIAL_ENCRYPTION_KEY") {
            do { fernet = try Fernet(keyList: keys) } catch {
                problem(.encryptionKey, error.description)
                fernet = Fernet(keys: [try! FernetKey(base64URL: FernetKey.generate())])
            }
        } else {
            problem(.encryptionKey, FernetError.missingKey.description)
            fernet = Fernet(keys: [try! FernetKey(base64URL: FernetKey.generate())])
        }

        sessionSecret = value("SOCIAL_SESSION_SECRET") ?? ""
        if sessionSecret.utf8.count < 32 {
            problem(.identitySecrets, "SOCIAL_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)")
        }
        identitySecret = value("SOCIAL_IDENTITY_SECRET") ?? ""
        if identitySecret.utf8.count < 32 {
            problem(.identitySecrets, "SOCIAL_IDENTITY_SECRET must be at least 32 characters and match the account service's signing key")
        }
        identityIssuer = value("SOCIAL_IDENTITY_ISSUER") ?? "rose-ash-account"
        identityAudience = value("SOCIAL_IDENTITY_AUDIENCE") ?? "rose-ash-social"
        accountServiceToken = value("SOCIAL_ACCOUNT_SERVICE_TOKEN")
        if let token = accountServiceToken, token.utf8.count < 32 {
            problem(.identitySecrets, "SOCIAL_ACCOUNT_SERVICE_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 32`), or unset")
        }

        devLogin = flag("SOCIAL_DEV_LOGIN")
        operators = []
        for id in (value("SOCIAL_OPERATORS") ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !id.isEmpty {
            if id.count <= 128, !id.contains(where: { $0.isWhitespace || $0.isNewline }) {
                operators.insert(id)
            } else {
                problem(.serviceSettings, "SOCIAL_OPERATORS holds user ids of 1–128 characters without spaces, separated by commas")
            }
        }
        allowPrivateHosts = flag("SOCIAL_ALLOW_PRIVATE_HOSTS")
        if publicBaseURL.scheme == "https" {
            if devLogin { problem(.serviceSettings, "SOCIAL_DEV_LOGIN=1 is for development and is refused when PUBLIC_BASE_URL is https") }
            if allowPrivateHosts {
                problem(.serviceSettings, "SOCIAL_ALLOW_PRIVATE_HOSTS=1 is for development and is refused when PUBLIC_BASE_URL is https")
            }
        }

        if let s = value("SOCIAL_SANDBOX_URL") {
            if let url = URL(string: s.hasSuffix("/") ? String(s.dropLast()) : s), url.scheme == "http" || url.scheme == "https", url.host != nil {
                sandboxURL = url
            } else {
                problem(.serviceSettings, "SOCIAL_SANDBOX_URL must be an http(s) URL such as http://127.0.0.1:8100, not '\(s)'")
            }
        }

        credentials = [:]
        for (platform, idName, secretName) in Self.credentialVariables {
            switch (value(idName), value(secretName)) {
            case let (id?, secret?): credentials[platform] = PlatformCredentials(clientID: id, clientSecret: secret)
            case (nil, nil): break
            case (nil, _?): problem(.platformApps, "\(secretName) is set but \(idName) is not; set both or neither")
            case (_?, nil): problem(.platformApps, "\(idName) is set but \(secretName) is not; set both or neither")
            }
        }

        graphAPIVersion = value("SOCIAL_FACEBOOK_GRAPH_VERSION") ?? "v26.0"
        if graphAPIVersion.range(of: #"^v\d+\.\d+$"#, options: .regularExpression) == nil {
            problem(.platformApps, "SOCIAL_FACEBOOK_GRAPH_VERSION must look like v26.0, not '\(graphAPIVersion)'")
        }
        linkedInVersion = value("SOCIAL_LINKEDIN_VERSION") ?? "202603"
        if linkedInVersion.range(of: #"^\d{6}$"#, options: .regularExpression) == nil {
            problem(.platformApps, "SOCIAL_LINKEDIN_VERSION must be YYYYMM such as 202601, not '\(linkedInVersion)'")
        }
        appName = value("SOCIAL_APP_NAME") ?? "Rose Ash"
        blueskyClientKey = nil
        if let key = value("SOCIAL_BLUESKY_CLIENT_KEY") {
            // Never echo the value: it is a private key.
            if Self.isBlueskyClientKeyShape(key) {
                blueskyClientKey = key
            } else {
                problem(
                    .platformApps,
                    "SOCIAL_BLUESKY_CLIENT_KEY must be one line of base64url holding 32 bytes (43 characters); `social-service bluesky-key` makes one"
                )
            }
        }
        feedPollSeconds = 300
        if let text = value("SOCIAL_FEED_POLL_SECONDS") {
            if let seconds = Int(text), (30...86_400).contains(seconds) {
                feedPollSeconds = seconds
            } else {
                problem(.serviceSettings, "SOCIAL_FEED_POLL_SECONDS must be a number of seconds from 30 to 86400, not '\(text)'")
            }
        }

        func seconds(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
            guard let text = value(name) else { return fallback }
            if let n = Int(text), range.contains(n) { return n }
            problem(.serviceSettings, "\(name) must be a number of seconds from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            return fallback
        }
        // Short leases are for the crash drills; in production keep the defaults.
        shareLeaseSeconds = seconds("SOCIAL_SHARE_LEASE_SECONDS", default: 600, range: 2...86_400)
        workerLeaseSeconds = seconds("SOCIAL_WORKER_LEASE_SECONDS", default: 300, range: 2...86_400)
        idleTimeoutSeconds = seconds("SOCIAL_IDLE_TIMEOUT_SECONDS", default: 30, range: 1...3600)

        func count(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
            guard let text = value(name) else { return fallback }
            if let n = Int(text), range.contains(n) { return n }
            problem(.serviceSettings, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            return fallback
        }
        autoShareConcurrency = count("SOCIAL_AUTOSHARE_CONCURRENCY", default: 64, range: 1...256)
        autoSharePerPlatform = count("SOCIAL_AUTOSHARE_PER_PLATFORM", default: 16, range: 1...256)
        resolveConcurrency = count("SOCIAL_RESOLVE_CONCURRENCY", default: 8, range: 1...256)

        if let text = value("METRICS_PORT") {
            if let n = Int(text), (1...65535).contains(n), n != port {
                metricsPort = n
            } else {
                problem(.serviceSettings, "METRICS_PORT must be a port number from 1 to 65535 other than SOCIAL_PORT, not '\(text)'")
            }
        }
        metricsToken = value("METRICS_TOKEN")
        if let token = metricsToken, token.utf8.count < 32 {
            // Never echo a secret back, even a bad one.
            problem(.serviceSettings, "METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 32`)")
        }
        if let text = value("LOG_FORMAT") {
            if let format = LogFormat(rawValue: text.lowercased()) {
                logFormat = format
            } else {
                problem(.serviceSettings, "LOG_FORMAT must be text or json, not '\(text)'")
                logFormat = .text
            }
        } else {
            logFormat = .text
        }

        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}
