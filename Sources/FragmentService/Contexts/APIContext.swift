import Hummingbird

/// The context of JSON routes after `BearerAuthMiddleware` verified the caller.
struct APIContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let userID: String

    init(context: AppRequestContext) throws {
        guard let userID = context.apiUserID else {
            throw RequestError.unauthenticated("A Bearer token from the Rose Ash account service is required.")
        }
        self.coreContext = context.coreContext
        self.userID = userID
    }

    var maxUploadSize: Int { 256 * 1024 }
}
