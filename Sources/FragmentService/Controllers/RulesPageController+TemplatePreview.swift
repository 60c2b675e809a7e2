import Foundation
import Hummingbird
import SocialCore

/// `POST /social/rules/template-preview/`: what a message template produces for one of the
/// person's accounts (`TemplatePreview`), as JSON for `rules.js`, which asks as the person types.
/// A form body like the page's own (`_csrf`, `connection_id`, `message_template`), so the CSRF and
/// text checks every form gets apply; without the script, "Try it on my recent items" is the way.
extension RulesPageController {
    /// The largest body read: a template of 1000 characters, each up to four bytes sent as `%XX`,
    /// with room for the other fields.
    static var templatePreviewBodyLimit: Int { 16 * 1024 }

    @Sendable func templatePreview(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard body.readableBytes <= Self.templatePreviewBodyLimit else { throw RequestError.tooLarge(limit: Self.templatePreviewBodyLimit) }
        let (connectionID, template) = try Self.templatePreviewInput(FormFields(String(buffer: body)))
        guard let connection = try await connections.connection(id: connectionID, userID: context.userID) else {
            throw RequestError.notFound("No such account among yours.")
        }
        let newest = try await events.recent(author: context.userID, limit: 1).first
        return try JSONResponse.make(await TemplatePreview.make(template: template, event: newest, connection: connection, registry: registry))
    }

    /// The connection id and template the form sent, checked as saving checks them.
    static func templatePreviewInput(_ fields: FormFields) throws -> (connectionID: Int64, template: String) {
        guard let text = fields["connection_id"], let number = BoundedNumber.int(text, in: 1...Int(Int64.max)) else {
            throw RequestError.invalid("connection_id must be the number of one of your accounts.")
        }
        return (Int64(number), try checkedTemplate(fields["message_template"]))
    }

    /// `sent` as a rule would store it: empty is the default template, and the field rules of
    /// `ShareRuleInput.problems()` (length, known placeholders) apply.
    static func checkedTemplate(_ sent: String?) throws -> String {
        let template = (sent ?? "").isEmpty ? MessageTemplate.defaultTemplate : sent ?? ""
        let input = ShareRuleInput(connectionID: 1, mode: ShareRule.Mode.oneClick.rawValue, messageTemplate: template)
        if let problem = input.problems()["message_template"] { throw RequestError.invalid("The message \(problem).") }
        return template
    }
}
