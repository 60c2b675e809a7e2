import Foundation
import SocialCore

/// What a platform said about this deployment's app id and secret when asked without any
/// person's token (`SocialPlatform.checkAppCredentials()`), for the operator's checks. Every
/// sentence is for the operator and never carries the secret.
package enum AppCredentialCheck: Sendable, Equatable {
    /// The platform knows the app and accepted its secret.
    case accepted
    /// The platform says the app id or the secret is wrong; the sentence names the settings to check.
    case refused(String)
    /// There is nothing to check ahead of time (Mastodon registers an app on each server at connect time).
    case notNeeded(String)
    /// No answer, or one we cannot read (a timeout, a server error, an unexpected shape): try again later.
    case unknown(String)

    /// The sentence that comes with the answer, nil for `.accepted`.
    package var message: String? {
        switch self {
        case .accepted: nil
        case .refused(let text), .notNeeded(let text), .unknown(let text): text
        }
    }

    /// "SOCIAL_X_ID and SOCIAL_X_SECRET" for `platform`'s app (Instagram uses the Facebook app), or
    /// a plain description when the configuration names no variables for it.
    package static func settings(for platform: PlatformName) -> String {
        let key = platform == .instagram ? "facebook" : platform.rawValue
        guard let names = AppConfiguration.credentialVariables.first(where: { $0.platform == key }) else { return "its app id and secret" }
        return "\(names.id) and \(names.secret)"
    }

    /// The refusal for `platform`: what it said (`detail`, already free of secrets) and what to check.
    package static func refusal(_ platform: PlatformName, _ detail: String) -> AppCredentialCheck {
        .refused("\(platform.displayName) refused the app's credentials (\(detail)); check \(settings(for: platform)).")
    }

    /// Text a platform sent back, made safe to show: control characters dropped, at most 160
    /// characters, and every occurrence of `secret` removed, since an answer from outside may
    /// echo what it was sent.
    package static func platformText(_ text: String?, hiding secret: String?) -> String? {
        guard let text else { return nil }
        // Control characters go first, so that a secret split by them cannot join up again afterwards.
        var visible = String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
        if let secret, !secret.isEmpty { visible = visible.replacingOccurrences(of: secret, with: "…") }
        visible = visible.trimmingCharacters(in: .whitespaces)
        guard !visible.isEmpty else { return nil }
        return visible.count > 160 ? String(visible.prefix(160)) + "…" : visible
    }
}
