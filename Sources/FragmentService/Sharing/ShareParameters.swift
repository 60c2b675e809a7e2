import Foundation

/// What is being shared, as a content app or a link describes it: checked the same way by the
/// share-button fragment and the share page it links to, so every button opens its page.
struct ShareParameters: Sendable, Hashable {
    /// Longest accepted `url` or `image`, in characters (the common browser and CDN limit).
    static let maxURLLength = 2048
    /// Longest accepted `title`, in characters.
    static let maxTitleLength = 300
    /// Longest accepted `description`, in characters.
    static let maxDescriptionLength = 1000

    var url: String
    var title: String?
    var description: String?
    var image: String?
    var type: ShareContentType?

    /// Values as given, already checked.
    init(url: String, title: String? = nil, description: String? = nil, image: String? = nil, type: ShareContentType? = nil) {
        self.url = url
        self.title = title
        self.description = description
        self.image = image
        self.type = type
    }

    /// Reads and checks the parameters (`value` returns nil for absent or empty ones and may
    /// throw for a malformed query); the error names the first bad parameter.
    init(_ value: (String) throws -> String?) throws {
        func text(_ name: String, maxLength: Int) throws -> String? {
            guard let raw = try value(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
            guard raw.count <= maxLength else { throw ShareParameterError(name, "must be at most \(maxLength) characters") }
            return raw
        }
        guard let url = try text("url", maxLength: Self.maxURLLength) else {
            throw ShareParameterError("url", "is required: the absolute http or https address of the page to share")
        }
        try Self.checkWebURL(url, parameter: "url")
        self.url = url
        title = try text("title", maxLength: Self.maxTitleLength)
        description = try text("description", maxLength: Self.maxDescriptionLength)
        image = try text("image", maxLength: Self.maxURLLength)
        if let image { try Self.checkWebURL(image, parameter: "image") }
        if let raw = try text("type", maxLength: 20) {
            guard let type = ShareContentType(rawValue: raw) else {
                throw ShareParameterError("type", "must be one of \(ShareContentType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.type = type
        } else {
            type = nil
        }
    }

    /// Accepts only absolute `http:` or `https:` addresses with a host and no user name or
    /// password, so `javascript:`, `data:` and relative links never reach the share page.
    /// Spaces and other characters a browser would encode are allowed in the path and query:
    /// the value is passed on percent-encoded, never interpreted here.
    static func checkWebURL(_ value: String, parameter: String) throws {
        guard value.count <= maxURLLength else { throw ShareParameterError(parameter, "must be at most \(maxURLLength) characters") }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ShareParameterError(parameter, "must not contain control characters")
        }
        let lower = value.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else {
            throw ShareParameterError(parameter, "must be an absolute http or https URL")
        }
        let authority = value.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.hasPrefix(":") else { throw ShareParameterError(parameter, "must name a host") }
        guard !authority.contains("@") else { throw ShareParameterError(parameter, "must not contain a user name or password") }
        guard !authority.contains(where: { $0.isWhitespace || $0 == "\\" }) else {
            throw ShareParameterError(parameter, "has an invalid host")
        }
    }
}

/// A share parameter that cannot be used: which one and what is wrong with it.
struct ShareParameterError: Error, CustomStringConvertible {
    let parameter: String
    let problem: String
    init(_ parameter: String, _ problem: String) {
        self.parameter = parameter
        self.problem = problem
    }

    var description: String { "Parameter \"\(parameter)\" \(problem)." }
}
