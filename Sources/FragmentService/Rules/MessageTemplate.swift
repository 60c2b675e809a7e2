import Platforms

/// Renders a rule's message template: `{title}`, `{url}`, `{description}`, and `{hashtags}`
/// (the content's tags as `#Tags`, letters and digits only).
enum MessageTemplate {
    /// The template of a rule saved without one (the column's default in `Migrations/`).
    static let defaultTemplate = "{title}"

    static func render(_ template: String, title: String?, url: String, description: String?, tags: [String]) -> String {
        let hashtags = tags.map { "#" + $0.filter { $0.isLetter || $0.isNumber } }.filter { $0.count > 1 }.joined(separator: " ")
        return
            template
            .replacingOccurrences(of: "{title}", with: title ?? "")
            .replacingOccurrences(of: "{url}", with: url)
            .replacingOccurrences(of: "{description}", with: description ?? "")
            .replacingOccurrences(of: "{hashtags}", with: hashtags)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What a rule with `template` would hand the platform for `event`, as the auto-share planner
    /// renders it (`AutoSharePlanner`): the message (none when it comes out empty) beside the
    /// event's title, link and image. The rules page's previews count it with the platform's `check`.
    static func content(_ template: String, for event: PublishEvent) -> ShareContent {
        let message = render(template, title: event.title, url: event.url, description: event.description, tags: event.tags)
        return ShareContent(
            url: event.url, title: event.title ?? event.url, description: event.description, imageURL: event.imageURL, imageAlt: event.imageAlt,
            message: message.isEmpty ? nil : message, idempotencyKey: "preview")
    }
}
