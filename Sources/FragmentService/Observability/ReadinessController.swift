import Hummingbird

/// `GET /readyz`: 200 `{"status":"ready"}` when `Readiness` says so, else 503
/// `{"status":"unavailable","reason":"…"}`. `/healthz` stays a liveness check that only says the
/// process answers.
struct ReadinessController<Context: RequestContext>: Sendable {
    let readiness: Readiness

    struct Answer: Encodable {
        var status: String
        var reason: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.get("readyz") { _, context in
            var response: Response
            switch await readiness.check(context.logger) {
            case .ready: response = try JSONResponse.make(Answer(status: "ready"))
            case .unavailable(let reason):
                response = try JSONResponse.make(Answer(status: "unavailable", reason: reason), status: .serviceUnavailable)
            }
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
