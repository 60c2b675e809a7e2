/// Token checks shared by the Meta clients.
extension MetaGraphClient {
    /// Whether `token` can still read `node`; a dead-token answer (code 190) is `false`, any
    /// other error is thrown as the platform's error.
    package func tokenWorks(reading node: String, fields: String, token: String) async throws(PlatformError) -> Bool {
        do throws(MetaGraphError) {
            _ = try await get(node, query: [("fields", fields)], token: token, as: MetaGraphResponses.Profile.self)
            return true
        } catch {
            if error.isDeadToken { return false }
            throw error.platformError
        }
    }

    /// `DELETE /me/permissions` (docs/platforms/facebook.md, "Revoking"): removes the app for the person, so
    /// their tokens die.
    package func removeAppPermissions(token: String) async throws(PlatformError) {
        do throws(MetaGraphError) {
            _ = try await delete("me/permissions", token: token, as: MetaGraphResponses.Success.self)
        } catch {
            throw error.platformError
        }
    }
}
