/// Renders a rule's message template: `{title}`, `{url}`, `{description}`, and `{hashtags}`
/// (the content's tags as `#Tags`, letters and digits only).
enum MessageTemplate {
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
}
