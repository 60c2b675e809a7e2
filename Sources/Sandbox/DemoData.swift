/// The demo accounts every platform starts with (and returns to after `POST /_sandbox/reset`).
public enum DemoData {
    /// Facebook people: Ada manages two Pages, Grace one.
    public static let facebookUsers = [
        DemoAccount(id: "10000000000000001", username: "ada.lovelace", name: "Ada Lovelace"),
        DemoAccount(id: "10000000000000002", username: "grace.hopper", name: "Grace Hopper"),
    ]
    /// Facebook Pages.
    public static let facebookPages = [
        DemoPage(
            id: "200000000000001", name: "Analytical Engines", managerID: "10000000000000001",
            category: "Science, Technology & Engineering", instagramBusinessAccountID: "17841400000000001"),
        DemoPage(
            id: "200000000000002", name: "Ada's Notes", managerID: "10000000000000001",
            category: "Personal Blog", instagramBusinessAccountID: nil),
        DemoPage(
            id: "200000000000003", name: "Compilers Weekly", managerID: "10000000000000002",
            category: "Media/News Company", instagramBusinessAccountID: "17841400000000003"),
    ]
    /// Instagram accounts: Ada has a business account (linked to a Page) and a personal one.
    public static let instagramAccounts = [
        DemoInstagramAccount(
            id: "17841400000000001", username: "analytical.engines", name: "Analytical Engines",
            accountType: "BUSINESS", ownerID: "10000000000000001"),
        DemoInstagramAccount(
            id: "17841400000000002", username: "ada.personal", name: "Ada",
            accountType: "PERSONAL", ownerID: "10000000000000001"),
        DemoInstagramAccount(
            id: "17841400000000003", username: "compilers.weekly", name: "Compilers Weekly",
            accountType: "MEDIA_CREATOR", ownerID: "10000000000000002"),
    ]
    /// Threads profiles.
    public static let threadsUsers = [
        DemoAccount(id: "26000000000000001", username: "ada.threads", name: "Ada Lovelace"),
        DemoAccount(id: "26000000000000002", username: "grace.threads", name: "Grace Hopper"),
    ]
    /// X users.
    public static let twitterUsers = [
        DemoAccount(id: "1500000000000000001", username: "ada_x", name: "Ada Lovelace"),
        DemoAccount(id: "1500000000000000002", username: "grace_x", name: "Grace Hopper"),
    ]
    /// LinkedIn members (`id` is the OIDC `sub`).
    public static let linkedinMembers = [
        DemoAccount(id: "ada7Lv3xQ", username: "ada-lovelace", name: "Ada Lovelace"),
        DemoAccount(id: "grc9Hpr2W", username: "grace-hopper", name: "Grace Hopper"),
    ]
    /// Accounts on every emulated Mastodon instance (ids are per instance, as on real servers).
    public static let mastodonAccounts = [
        DemoAccount(id: "109000000000000001", username: "ada", name: "Ada Lovelace"),
        DemoAccount(id: "109000000000000002", username: "grace", name: ""),
    ]

    /// Bluesky accounts: Ada is hosted by Bluesky (a `*.host.bsky.network` PDS whose authorization
    /// server is the bsky.social entryway); Grace runs her own PDS, which is its own authorization
    /// server, and has a `did:web` identity (docs/platforms/bluesky.md, "Discovery").
    public static let blueskyAccounts = [
        DemoBlueskyAccount(
            did: "did:plc:adal2vela3eengine4notes5", handle: "ada.bsky.social", name: "Ada Lovelace",
            pdsHost: "morel.us-east.host.bsky.network", authorizationHost: "bsky.social", appPassword: "ad4a-lv3l-c2e7-x9qa"),
        DemoBlueskyAccount(
            did: "did:web:grace.example", handle: "grace.example", name: "",
            pdsHost: "pds.grace.example", authorizationHost: "pds.grace.example", appPassword: "gr4c-hp3r-c0b0-l7xz"),
    ]

    /// Demo accounts for a platform (Instagram lists the Facebook people who consent in the dialog).
    static func accounts(for platform: Platform) -> [DemoAccount] {
        switch platform {
        case .facebook, .instagram: facebookUsers
        case .threads: threadsUsers
        case .twitter: twitterUsers
        case .linkedin: linkedinMembers
        case .mastodon: mastodonAccounts
        case .bluesky: blueskyAccounts.map { DemoAccount(id: $0.did, username: $0.handle, name: $0.name) }
        }
    }
}
