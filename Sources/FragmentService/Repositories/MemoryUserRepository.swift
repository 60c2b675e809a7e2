/// `UserRepository` in memory, for router tests.
actor MemoryUserRepository: UserRepository {
    private var users: [String: User] = [:]

    func upsert(id: String, displayName: String?) async throws -> User {
        var user = users[id] ?? User(id: id, displayName: nil)
        if let displayName { user.displayName = displayName }
        users[id] = user
        return user
    }

    /// Deletes the user row.
    func remove(id: String) { users[id] = nil }

    func find(id: String) async throws -> User? { users[id] }
}
