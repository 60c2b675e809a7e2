/// A Facebook Page managed by a demo Facebook user, optionally linked to an Instagram professional account.
public struct DemoPage: Sendable, Codable, Equatable {
    /// Page id.
    public var id: String
    /// Page name.
    public var name: String
    /// Facebook user id of the person managing it.
    public var managerID: String
    /// Page category.
    public var category: String
    /// Linked Instagram professional account id, if any.
    public var instagramBusinessAccountID: String?
}
