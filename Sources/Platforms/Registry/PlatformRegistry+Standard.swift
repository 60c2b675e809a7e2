import Foundation
import SocialCore

extension PlatformRegistry {
    /// The registry for this deployment: a platform is available when its app
    /// credentials are configured; Mastodon needs none. Nothing is built until first used.
    package static func standard(
        configuration: AppConfiguration, transport: any PlatformTransport, mastodonApps: any MastodonAppStore,
        images: (any ShareImageLoader)? = nil
    ) -> PlatformRegistry {
        func needs(_ platform: String) -> String {
            let names = AppConfiguration.credentialVariables.first { $0.platform == platform }.map { "\($0.id) and \($0.secret)" }
            return names ?? "credentials"
        }
        var entries: [PlatformName: Entry] = [
            .mastodon: .available {
                MastodonPlatform(
                    appStore: mastodonApps, transport: transport, clientName: configuration.appName,
                    website: configuration.publicBaseURL.absoluteString)
            }
        ]
        if let meta = configuration.credentials["facebook"] {
            let app = MetaAppCredentials(appID: meta.clientID, appSecret: meta.clientSecret)
            entries[.facebook] = .available { FacebookPagesClient(app: app, transport: transport, graphVersion: configuration.graphAPIVersion) }
            entries[.instagram] = .available { InstagramClient(app: app, transport: transport, graphVersion: configuration.graphAPIVersion) }
        } else {
            entries[.facebook] = .unavailable(needs: needs("facebook"))
            entries[.instagram] = .unavailable(needs: needs("facebook") + " (Instagram uses the Facebook app)")
        }
        if let threads = configuration.credentials["threads"] {
            let app = MetaAppCredentials(appID: threads.clientID, appSecret: threads.clientSecret)
            entries[.threads] = .available { ThreadsClient(app: app, transport: transport) }
        } else {
            entries[.threads] = .unavailable(needs: needs("threads"))
        }
        if let x = configuration.credentials["twitter"] {
            entries[.twitter] = .available { TwitterPlatform(clientID: x.clientID, clientSecret: x.clientSecret, transport: transport) }
        } else {
            entries[.twitter] = .unavailable(needs: needs("twitter"))
        }
        if let linkedIn = configuration.credentials["linkedin"] {
            entries[.linkedin] = .available {
                LinkedInPlatform(
                    clientID: linkedIn.clientID, clientSecret: linkedIn.clientSecret, transport: transport, version: configuration.linkedInVersion,
                    images: images)
            }
        } else {
            entries[.linkedin] = .unavailable(needs: needs("linkedin"))
        }
        let alerts = APIVersionCalendar.alerts(
            graphVersion: configuration.credentials["facebook"] == nil ? nil : configuration.graphAPIVersion,
            linkedInVersion: configuration.credentials["linkedin"] == nil ? nil : configuration.linkedInVersion)
        return PlatformRegistry(entries, alerts: alerts)
    }
}
