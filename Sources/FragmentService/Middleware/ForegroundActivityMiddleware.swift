import Hummingbird

/// Notes every request's start in `ForegroundActivity` (one atomic store), so the publish-event
/// resolver runs one page at a time while requests are arriving.
struct ForegroundActivityMiddleware<Context: RequestContext>: RouterMiddleware {
    let activity: ForegroundActivity

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        activity.noteRequest()
        return try await next(request, context)
    }
}
