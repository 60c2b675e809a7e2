/// Users as this service knows them: created on first sign-in, never with a password.
protocol UserRepository: Sendable {
    /// Creates the user if new; updates the display name when one is given.
    func upsert(id: String, displayName: String?) async throws -> User
    /// The user with this id, if known.
    func find(id: String) async throws -> User?
}
