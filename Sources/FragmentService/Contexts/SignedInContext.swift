import Hummingbird

/// The context of routes that need a signed-in browser. `RequireSignInMiddleware` runs first and
/// redirects visitors to sign in, so building this context cannot fail for them.
struct SignedInContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let userID: String
    let session: Session

    init(context: AppRequestContext) throws {
        guard let session = context.session, let userID = session.userID else {
            throw RequestError.unauthenticated("Sign in to continue.")
        }
        self.coreContext = context.coreContext
        self.userID = userID
        self.session = session
    }

    var maxUploadSize: Int { 256 * 1024 }
}
