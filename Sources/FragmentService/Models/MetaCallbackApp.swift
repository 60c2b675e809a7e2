import Platforms

/// The Meta app a deauthorize or data-deletion callback comes from (the `<app>` of
/// `/webhooks/meta/<app>/…`), and which stored connections its `user_id` names.
///
/// Facebook Pages and Instagram both sign in through the one Facebook app (docs/platforms/instagram.md,
/// "Facebook Login"), whose callbacks carry the person's Facebook app-scoped id; the service keeps
/// that id with each Page and Instagram connection (`extra_data.user_id`). Threads has its own app,
/// whose `user_id` is the Threads user id the connection is stored under (docs/platforms/threads.md,
/// "Callbacks").
enum MetaCallbackApp: String, Sendable, CaseIterable {
    case facebook, instagram, threads

    /// Which configured app's secret signs this app's callbacks (`AppConfiguration.credentials`):
    /// Instagram through Facebook Login uses the Facebook app.
    var credentialName: String { self == .threads ? "threads" : "facebook" }

    /// The platforms whose connections a callback for this app concerns. The Facebook app's
    /// callbacks cover Instagram too: removing the app removes both permissions
    /// (docs/platforms/instagram.md, "Revoking").
    var platforms: [PlatformName] {
        switch self {
        case .facebook: [.facebook, .instagram]
        case .instagram: [.instagram]
        case .threads: [.threads]
        }
    }

    /// Where the callback's `user_id` is stored on a matching connection.
    var userIDField: MetaAccountSelector.Field { self == .threads ? .platformUserID : .facebookUserID }

    /// The connections that `userID` names for this app.
    func selector(userID: String) -> MetaAccountSelector {
        MetaAccountSelector(platforms: platforms, field: userIDField, userID: userID)
    }

    /// The name shown to people.
    var displayName: String {
        switch self {
        case .facebook: "Facebook"
        case .instagram: "Instagram"
        case .threads: "Threads"
        }
    }
}

/// The connections a Meta callback names: those of `platforms` whose stored id equals `userID`.
struct MetaAccountSelector: Sendable, Equatable {
    /// Where the id is stored.
    enum Field: Sendable, Equatable {
        /// `extra_data.user_id`: the person's Facebook app-scoped id (Facebook Pages, Instagram).
        case facebookUserID
        /// `platform_user_id` (Threads).
        case platformUserID
    }

    var platforms: [PlatformName]
    var field: Field
    var userID: String

    /// Whether `connection` is one of them.
    func matches(_ connection: SocialConnection) -> Bool {
        guard platforms.contains(connection.platform) else { return false }
        switch field {
        case .facebookUserID: return connection.extraData["user_id"] == userID
        case .platformUserID: return connection.platformUserID == userID
        }
    }
}
