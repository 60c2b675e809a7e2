import Foundation
import Platforms
import SocialCore

extension OperatorReport {
    /// The platforms part (`credentials` answers each configured platform's credential check)
    /// and the pinned versions part, from configuration alone; the connections and queues parts
    /// come from the database.
    static func make(
        configuration: AppConfiguration, registry: PlatformRegistry, connections: [Connections], queues: [Queue], now: Date = Date(),
        credentials: (any SocialPlatform) async -> (String, Level)
    ) async -> OperatorReport {
        let base = configuration.publicBaseURL.absoluteString
        var platforms: [Platform] = []
        for name in PlatformName.allCases {
            let redirect = base + "/social/callback/\(name.rawValue)/"
            guard let platform = registry.platform(name) else {
                platforms.append(
                    Platform(
                        platform: name, name: name.displayName, configured: false, needs: registry.unavailableReason(name), redirectURI: redirect,
                        scopes: [], credentials: "not configured", level: .ok))
                continue
            }
            let (words, level) = await credentials(platform)
            platforms.append(
                Platform(
                    platform: name, name: name.displayName, configured: true, needs: nil, redirectURI: redirect, scopes: platform.requestedScopes,
                    credentials: words, level: level))
        }
        return OperatorReport(
            generatedAt: now, publicBaseURL: base, sandbox: configuration.sandboxURL != nil, platforms: platforms,
            versions: pinnedVersions(configuration: configuration, registry: registry, now: now), connections: connections, queues: queues)
    }

    /// Each pinned version of a configured platform with its retirement date
    /// (`APIVersionCalendar`, docs/platforms/api-versions.md); warned `warningDays` ahead.
    static func pinnedVersions(configuration: AppConfiguration, registry: PlatformRegistry, now: Date) -> [PinnedVersion] {
        var versions: [PinnedVersion] = []
        let warnFrom = now.addingTimeInterval(TimeInterval(APIVersionCalendar.warningDays) * 86_400)
        func level(_ retires: Date?) -> Level {
            guard let retires else { return .ok }
            return retires <= now ? .critical : retires <= warnFrom ? .warning : .ok
        }
        let meta = [PlatformName.facebook, .instagram].filter { registry.platform($0) != nil }
        if !meta.isEmpty {
            let version = configuration.graphAPIVersion
            let retires = APIVersionCalendar.graphSunset(version)
            versions.append(
                PinnedVersion(
                    platforms: meta, setting: "SOCIAL_FACEBOOK_GRAPH_VERSION", version: version, retires: retires, confirmed: true,
                    level: level(retires), message: message(version, retires: retires, confirmed: true, now: now)))
        }
        if registry.platform(.linkedin) != nil {
            let version = configuration.linkedInVersion
            let sunset = APIVersionCalendar.linkedInSunset(version)
            versions.append(
                PinnedVersion(
                    platforms: [.linkedin], setting: "SOCIAL_LINKEDIN_VERSION", version: version, retires: sunset?.date,
                    confirmed: sunset?.confirmed ?? false, level: level(sunset?.date),
                    message: message(version, retires: sunset?.date, confirmed: sunset?.confirmed ?? false, now: now)))
        }
        return versions
    }

    private static func message(_ version: String, retires: Date?, confirmed: Bool, now: Date) -> String {
        guard let retires else { return "\(version): no retirement date published" }
        let day = retires.formatted(Date.ISO8601FormatStyle().year().month().day())
        let when = confirmed ? day : "about \(day) (estimated)"
        if retires <= now { return "\(version) is retired since \(when): set a current version" }
        return "\(version) retires on \(when)"
    }
}
