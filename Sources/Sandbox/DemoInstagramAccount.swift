/// An Instagram account belonging to a demo Facebook user.
public struct DemoInstagramAccount: Sendable, Codable, Equatable {
    /// IG user id.
    public var id: String
    /// Username.
    public var username: String
    /// Display name.
    public var name: String
    /// `BUSINESS`, `MEDIA_CREATOR` or `PERSONAL` (personal accounts cannot publish —
    /// docs/platforms/instagram.md, "Accounts").
    public var accountType: String
    /// Facebook user who owns it.
    public var ownerID: String
}
