import Platforms

/// Messages shown on `/social/` after a redirect. Only fixed codes travel in the URL, so no
/// text from a query string is ever rendered.
enum SocialNotice: String {
    case connected, reconnected, disconnected, taken, denied, state, nothing

    func text(platform: PlatformName?) -> SocialPageModel.Notice {
        let name = platform?.displayName ?? "the platform"
        switch self {
        case .connected: return .init(text: "Your \(name) account is connected.", isError: false)
        case .reconnected: return .init(text: "Your \(name) account is connected again.", isError: false)
        case .disconnected: return .init(text: "The \(name) account is disconnected. Your share history stays.", isError: false)
        case .taken:
            return .init(
                text: "That \(name) account is already connected by another Rose Ash member. It must be disconnected there first.",
                isError: true)
        case .denied: return .init(text: "Connecting to \(name) was cancelled. Nothing was stored.", isError: true)
        case .state:
            return .init(text: "That sign-in to \(name) expired or was already used. Please connect again.", isError: true)
        case .nothing: return .init(text: "No account was chosen, so nothing was connected.", isError: true)
        }
    }
}
