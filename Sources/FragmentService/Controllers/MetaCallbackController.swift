import Foundation
import Hummingbird
import Platforms
import SocialCore

/// Meta's callbacks for the Facebook, Instagram and Threads apps (docs/platforms/facebook.md,
/// "Callbacks"): `POST /webhooks/meta/<app>/deauthorize` and `…/data-deletion`, each a form with one
/// `signed_request`, verified with that app's secret before anything is read from it; and the public
/// status page of a deletion, `GET /social/meta/deletion/<code>/`. No session and no CSRF token:
/// the signature is the authentication. An app without a configured secret has no callbacks (404).
struct MetaCallbackController<Accounts: AccountDataRepository>: Sendable {
    /// Larger bodies are refused before they are parsed; a `signed_request` is at most
    /// `MetaSignedRequest.maximumLength` characters.
    static var maximumBody: Int { 16 * 1024 }
    /// What the person sees on a connection Meta told us they removed the app from.
    static func revokedReason(_ app: MetaCallbackApp) -> String {
        "You removed Rose Ash from your \(app == .threads ? "Threads" : "Facebook") settings. Reconnect to share here again."
    }

    let accounts: Accounts
    /// The app secret for each app whose credentials are configured.
    let secrets: [MetaCallbackApp: String]
    /// `PUBLIC_BASE_URL`, for the status URL given to Meta.
    let publicBaseURL: URL
    let views: Views

    init(accounts: Accounts, configuration: AppConfiguration, views: Views) {
        self.accounts = accounts
        var secrets: [MetaCallbackApp: String] = [:]
        for app in MetaCallbackApp.allCases {
            if let credentials = configuration.credentials[app.credentialName] { secrets[app] = credentials.clientSecret }
        }
        self.secrets = secrets
        self.publicBaseURL = configuration.publicBaseURL
        self.views = views
    }

    /// Mounted on `/webhooks/meta`.
    func addCallbackRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(":app/deauthorize", use: deauthorize)
        group.post(":app/data-deletion", use: dataDeletion)
    }

    /// Mounted on `/social/meta/deletion`.
    func addStatusRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":code/", use: status)
    }

    /// The answer to a data-deletion callback (docs/platforms/facebook.md, "Callbacks").
    struct DeletionAnswer: Encodable {
        var url: String
        var confirmationCode: String
        enum CodingKeys: String, CodingKey { case url, confirmationCode = "confirmation_code" }
    }

    @Sendable func deauthorize(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (app, signed) = try await verified(request, context: context)
        let count = try await accounts.revokeMetaAuthorization(app.selector(userID: signed.userID), reason: Self.revokedReason(app))
        context.logger.notice("Meta deauthorize callback", metadata: ["app": "\(app.rawValue)", "connections_revoked": "\(count)"])
        return try JSONResponse.make(["status": "ok"])
    }

    @Sendable func dataDeletion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (app, signed) = try await verified(request, context: context)
        let code = Self.confirmationCode()
        let deletion = try await accounts.deleteMetaData(app.selector(userID: signed.userID), app: app, code: code)
        context.logger.notice(
            "Meta data-deletion callback", metadata: ["app": "\(app.rawValue)", "connections_deleted": "\(deletion.connectionsDeleted)"])
        return try JSONResponse.make(DeletionAnswer(url: Self.statusURL(base: publicBaseURL, code: code), confirmationCode: code))
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> HTMLPage {
        guard let code = context.parameters.get("code"), Self.isConfirmationCode(code),
            let deletion = try await accounts.metaDeletionRequest(code: code)
        else { throw RequestError.notFound("There is no data deletion request with this confirmation code.") }
        return HTMLPage(html: try views.render(MetaDeletionStatusModel(deletion), template: "meta_deletion_status"))
    }

    /// The app named in the path (configured, or 404) and its verified `signed_request` (or 400).
    private func verified(_ request: Request, context: AppRequestContext) async throws -> (MetaCallbackApp, MetaSignedRequest) {
        guard let name = context.parameters.get("app"), let app = MetaCallbackApp(rawValue: name), let secret = secrets[app] else {
            throw RequestError.notFound("This service has no callbacks for that app.")
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw RequestError.invalid("Send the signed_request as an application/x-www-form-urlencoded form.")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maximumBody)
        } catch {
            throw RequestError.tooLarge(limit: Self.maximumBody)
        }
        let fields = FormFields(String(buffer: body))
        do {
            return (app, try MetaSignedRequest.verify(fields["signed_request"] ?? "", appSecret: secret))
        } catch {
            context.logger.notice("Meta callback refused", metadata: ["app": "\(app.rawValue)", "reason": "\(error.code.rawValue)"])
            throw RequestError.invalid(error.description)
        }
    }

    /// 16 random bytes as 32 lowercase hex digits: alphanumeric, as Meta asks.
    static func confirmationCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// What `confirmationCode()` makes; anything else is not looked up.
    static func isConfirmationCode(_ text: String) -> Bool {
        text.utf8.count == 32
            && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// The public status page of a deletion request.
    static func statusURL(base: URL, code: String) -> String {
        base.absoluteString + "/social/meta/deletion/\(code)/"
    }
}
