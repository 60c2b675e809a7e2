import Foundation

/// Pieces shared by the Meta Graph emulations (Facebook, Instagram via Facebook Login, Threads).
extension SandboxState {
    /// Path segments without the leading `vNN.0` (docs/platforms/facebook.md, "Graph API version": any
    /// version accepted).
    static func unversioned(_ segments: [String]) -> [String]? {
        guard let first = segments.first else { return segments }
        if first.range(of: #"^v[0-9]+\.0$"#, options: .regularExpression) != nil { return Array(segments.dropFirst()) }
        if first.hasPrefix("v"), first.dropFirst().first?.isNumber == true { return nil }  // malformed version
        return segments
    }

    /// Token from `access_token` (query/form) or `Authorization: Bearer`.
    func graphToken(_ request: SandboxRequest, platform: Platform) -> Result<IssuedToken, GraphFailure> {
        guard let value = request.param("access_token") ?? request.bearerToken, !value.isEmpty else {
            return .failure(GraphFailure(GraphError.noToken))
        }
        guard let token = tokens[value], token.platform == platform, token.kind != .refresh else {
            return .failure(GraphFailure(GraphError.badToken))
        }
        if token.revoked { return .failure(GraphFailure(GraphError.notAuthorized(token.clientID))) }
        if let expiry = token.expiresAt, now >= expiry {
            return .failure(GraphFailure(GraphError.expired(expiry.formatted(.iso8601))))
        }
        return .success(token)
    }

    /// Requested `fields`, or `nil` when the parameter is absent.
    static func fields(_ request: SandboxRequest) -> Set<String>? {
        request.param("fields").map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
    }

    /// `X-App-Usage` (user/app tokens) or `X-Business-Use-Case-Usage` (Page tokens) —
    /// docs/platforms/facebook.md, "Usage headers".
    func usageHeaders(_ token: IssuedToken, percent: Int = 1) -> [(String, String)] {
        if let page = token.pageID {
            return [
                (
                    "X-Business-Use-Case-Usage",
                    #"{"\#(page)":[{"type":"pages","call_count":\#(percent),"total_cputime":\#(percent),"total_time":\#(percent),"estimated_time_to_regain_access":0}]}"#
                )
            ]
        }
        return [("X-App-Usage", #"{"call_count":\#(percent),"total_time":\#(percent),"total_cputime":\#(percent)}"#)]
    }

    /// Failure-mode answers in the Graph envelope.
    func graphFailure(_ mode: FailureRule.Mode, platform: Platform, request: SandboxRequest) -> SandboxResponse {
        switch mode {
        case .expiredToken: return GraphError.expired(now.formatted(.iso8601))
        case .revokedToken: return GraphError.notAuthorized(platform == .threads ? "threads-app" : "facebook-app")
        case .rateLimit:
            let page = request.segments.first { $0.allSatisfy(\.isNumber) } ?? "0"
            return GraphError.response(
                code: 4, message: "(#4) Application request limit reached", transient: true,
                headers: [
                    ("X-App-Usage", #"{"call_count":100,"total_time":100,"total_cputime":100}"#),
                    (
                        "X-Business-Use-Case-Usage",
                        #"{"\#(page)":[{"type":"pages","call_count":100,"total_cputime":100,"total_time":100,"estimated_time_to_regain_access":15}]}"#
                    ),
                ])
        case .duplicate:
            return GraphError.response(
                code: 506, message: "(#506) Duplicate status message",
                userMessage:
                    "This status update is identical to the last one you posted. Try posting something different, or delete your previous update.")
        default:
            return GraphError.response(500, code: 2, message: "An unexpected error has occurred. Please retry your request later.", transient: true)
        }
    }
}
