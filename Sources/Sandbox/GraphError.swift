/// Meta Graph error envelope (docs/platforms/facebook.md, "Errors"), shared by Facebook, Instagram and Threads.
enum GraphError {
    /// Builds `{"error": {...}}` with the given code and optional subcode.
    static func response(
        _ status: Int = 400, code: Int, subcode: Int? = nil, message: String, type: String = "OAuthException",
        transient: Bool? = nil, userMessage: String? = nil, headers: [(String, String)] = []
    ) -> SandboxResponse {
        var error: [String: Any] = ["message": message, "type": type, "code": code, "fbtrace_id": "Sandbox\(code)Trace"]
        if let subcode { error["error_subcode"] = subcode }
        if let transient { error["is_transient"] = transient }
        if let userMessage { error["error_user_msg"] = userMessage }
        return .object(.init(code: status), ["error": error], headers: headers)
    }

    static let noToken = response(code: 2500, message: "An active access token must be used to query information about the current user.")
    static let badToken = response(code: 190, message: "Invalid OAuth access token - Cannot parse access token")
    static func expired(_ at: String) -> SandboxResponse {
        response(code: 190, subcode: 463, message: "Error validating access token: Session has expired on \(at). The current time is later.")
    }
    static func notAuthorized(_ appID: String) -> SandboxResponse {
        response(code: 190, subcode: 458, message: "Error validating access token: The user has not authorized application \(appID).")
    }
    static func permission(_ message: String) -> SandboxResponse { response(code: 200, message: "(#200) \(message)") }
    static func invalidParameter(_ message: String) -> SandboxResponse { response(code: 100, message: "(#100) \(message)") }
    static let unknownPath = response(
        code: 100,
        message: "Unsupported get request. Object does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        type: "GraphMethodException")
}
