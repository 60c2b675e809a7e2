import Foundation

/// The content a share page is about, validated: http(s) URLs only and sane lengths.
struct ShareParameters: Sendable, Equatable {
    static let contentTypes: Set<String> = ["blog_post", "event", "product"]

    var url: String
    var title: String?
    var description: String?
    var image: String?
    var type: String?

    /// Reads and checks the parameters; the error names the parameter and what is wrong.
    init(_ value: (String) -> String?) throws(ShareParameterError) {
        func clean(_ name: String, max: Int) throws(ShareParameterError) -> String? {
            guard let raw = value(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
            guard raw.count <= max else { throw ShareParameterError("\(name) is longer than \(max) characters.") }
            return raw
        }
        guard let url = try clean("url", max: 2048) else { throw ShareParameterError("url is required: the address of the page to share.") }
        guard Self.isWebURL(url) else { throw ShareParameterError("url must be an absolute http or https address.") }
        self.url = url
        title = try clean("title", max: 300)
        description = try clean("description", max: 1000)
        image = try clean("image", max: 2048)
        if let image, !Self.isWebURL(image) { throw ShareParameterError("image must be an absolute http or https address.") }
        type = try clean("type", max: 20)
        if let type, !Self.contentTypes.contains(type) { throw ShareParameterError("type must be blog_post, event or product.") }
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), let host = url.host, !host.isEmpty
        else { return false }
        return true
    }
}

/// A share parameter that cannot be used, with the sentence to show.
struct ShareParameterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
