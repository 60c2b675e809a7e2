import Foundation

/// App registration per instance (docs/platforms/mastodon.md, "App registration"): registered once,
/// reused for every person on that server, re-registered when the redirect URI or scopes changed or
/// the server forgot it.
extension MastodonPlatform {
    /// The stored app for `instance` if it matches `redirectURI`, else a newly registered one.
    func registeredApp(for instance: URL, redirectURI: String, scopes: [String] = scopes) async throws(PlatformError) -> MastodonAppCredentials {
        let wanted = scopes.joined(separator: " ")
        if let app = try await storedApp(for: instance), app.redirectURI == redirectURI, app.scopes == wanted {
            if await isStillKnown(app) { return app }
            // The server forgot the app (pre-4.3 servers delete unused apps,
            // docs/platforms/mastodon.md, "App registration"): the consent page would only show an
            // error, so register again now.
            try await forgetApp(for: instance)
        }
        var fields = [("client_name", clientName), ("redirect_uris", redirectURI), ("scopes", wanted)]
        if let website { fields.append(("website", website)) }
        let response = try await send(.form(.POST, instance.appending(path: "api/v1/apps"), fields, destination: .untrusted))
        guard (200..<300).contains(response.status) else { throw Self.error(for: response, doing: "registering this app on the server") }
        guard let registered = response.decode(MastodonRegisteredApp.self) else {
            throw PlatformError(
                .invalidInstance, .mastodon, "\(instance.host ?? "That server") did not answer like a Mastodon server when registering the app.")
        }
        let app = MastodonAppCredentials(
            instanceURL: instance, clientID: registered.clientID, clientSecret: registered.clientSecret, redirectURI: redirectURI, scopes: wanted)
        do { try await appStore.save(app) } catch {
            throw PlatformError(.transient, .mastodon, "Could not save the app registration for \(instance.host ?? "the server"); try again.")
        }
        return app
    }

    /// Asks the server for an app token (`client_credentials`, docs/platforms/mastodon.md,
    /// "Token"): `invalid_client` means the stored app is gone. Any other answer, or no answer,
    /// keeps the stored app.
    private func isStillKnown(_ app: MastodonAppCredentials) async -> Bool {
        let fields = [
            ("grant_type", "client_credentials"), ("client_id", app.clientID), ("client_secret", app.clientSecret), ("scope", "read:accounts"),
        ]
        guard let response = try? await send(.form(.POST, app.instanceURL.appending(path: "oauth/token"), fields, destination: .untrusted)) else {
            return true
        }
        return !(response.status == 401 && String(decoding: response.body, as: UTF8.self).contains("invalid_client"))
    }

    func storedApp(for instance: URL) async throws(PlatformError) -> MastodonAppCredentials? {
        do { return try await appStore.app(for: instance) } catch {
            throw PlatformError(.transient, .mastodon, "Could not read the app registration for \(instance.host ?? "the server"); try again.")
        }
    }

    func forgetApp(for instance: URL) async throws(PlatformError) {
        do { try await appStore.remove(instanceURL: instance) } catch {
            throw PlatformError(.transient, .mastodon, "Could not forget the stale app registration; try again.")
        }
    }
}
