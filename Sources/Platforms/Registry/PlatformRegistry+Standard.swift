import Foundation
import SocialCore

extension PlatformRegistry {
    /// The registry for this deployment: a platform is available when its app
    /// credentials are configured; Mastodon needs none. Nothing is built until first used.
    /// With `metrics`, each platform's calls are timed and counted under its own name.
    package static func standard(
        configuration: AppConfiguration, transport base: any PlatformTransport, mastodonApps: any MastodonAppStore,
        images: (any ShareImageLoader)? = nil, metrics: PlatformCallMetrics? = nil
    ) -> PlatformRegistry {
        @Sendable func transport(_ platform: PlatformName) -> any PlatformTransport {
            metrics.map { MeasuredPlatformTransport(base: base, platform: platform, metrics: $0) } ?? base
        }
        func needs(_ platform: String) -> String {
            let names = AppConfiguration.credentialVariables.first { $0.platform == platform }.map { "\($0.id) and \($0.secret)" }
            return names ?? "credentials"
        }
        var entries: [PlatformName: Entry] = [
            .mastodon: .available {
                MastodonPlatform(
                    appStore: mastodonApps, transport: transport(.mastodon), clientName: configuration.appName,
                    website: configuration.publicBaseURL.absoluteString)
            }
        ]
        if let meta = configuration.credentials["facebook"] {
            let app = MetaAppCredentials(appID: meta.clientID, appSecret: meta.clientSecret)
            entries[.facebook] = .available {
                FacebookPagesClient(app: app, transport: transport(.facebook), graphVersion: configuration.graphAPIVersion)
            }
            entries[.instagram] = .available {
                InstagramClient(app: app, transport: transport(.instagram), graphVersion: configuration.graphAPIVersion)
            }
        } else {
            entries[.facebook] = .unavailable(needs: needs("facebook"))
            entries[.instagram] = .unavailable(needs: needs("facebook") + " (Instagram uses the Facebook app)")
        }
        if let threads = configuration.credentials["threads"] {
            let app = MetaAppCredentials(appID: threads.clientID, appSecret: threads.clientSecret)
            entries[.threads] = .available { ThreadsClient(app: app, transport: transport(.threads)) }
        } else {
            entries[.threads] = .unavailable(needs: needs("threads"))
        }
        if let x = configuration.credentials["twitter"] {
            entries[.twitter] = .available { TwitterPlatform(clientID: x.clientID, clientSecret: x.clientSecret, transport: transport(.twitter)) }
        } else {
            entries[.twitter] = .unavailable(needs: needs("twitter"))
        }
        if let linkedIn = configuration.credentials["linkedin"] {
            entries[.linkedin] = .available {
                LinkedInPlatform(
                    clientID: linkedIn.clientID, clientSecret: linkedIn.clientSecret, transport: transport(.linkedin),
                    version: configuration.linkedInVersion,
                    images: images)
            }
        } else {
            entries[.linkedin] = .unavailable(needs: needs("linkedin"))
        }
        entries[.bluesky] = blueskyEntry(configuration: configuration, transport: transport(.bluesky), images: images)
        let alerts = APIVersionCalendar.alerts(
            graphVersion: configuration.credentials["facebook"] == nil ? nil : configuration.graphAPIVersion,
            linkedInVersion: configuration.credentials["linkedin"] == nil ? nil : configuration.linkedInVersion)
        return PlatformRegistry(entries, alerts: alerts)
    }

    /// Bluesky is available when the deployment can be an atproto client: https with
    /// `SOCIAL_BLUESKY_CLIENT_KEY`, or a loopback http base (the localhost client for development;
    /// docs/platforms/bluesky.md, "Client key" and "Localhost clients").
    static func blueskyEntry(configuration: AppConfiguration, transport: any PlatformTransport, images: (any ShareImageLoader)?) -> Entry {
        var key: BlueskyClientKey?
        if let encoded = configuration.blueskyClientKey {
            do throws(BlueskyClientKey.Invalid) { key = try BlueskyClientKey(encoded: encoded) } catch {
                return .unavailable(needs: "a valid SOCIAL_BLUESKY_CLIENT_KEY (\(error.description)); make one with `social-service bluesky-key`")
            }
        }
        guard let client = BlueskyClient.forDeployment(publicBaseURL: configuration.publicBaseURL, key: key) else {
            return configuration.isHTTPS
                ? .unavailable(needs: "SOCIAL_BLUESKY_CLIENT_KEY (make one with `social-service bluesky-key`)")
                : .unavailable(needs: "an https PUBLIC_BASE_URL with SOCIAL_BLUESKY_CLIENT_KEY, or a loopback http PUBLIC_BASE_URL for development")
        }
        let name = configuration.appName
        return .available { BlueskyPlatform(client: client, transport: transport, clientName: name, images: images) }
    }
}
