/// The validated inputs of the share button: what the content app wants shared.
struct ShareButtonParameters: Sendable, Equatable {
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

    /// Reads and checks the query; throws a 400 `FragmentError` naming the first bad parameter.
    init(_ query: FragmentQuery) throws {
        guard let url = try query.value("url") else {
            throw FragmentError.badParameter("url", "is required: the absolute http or https address of the page to share")
        }
        try Self.checkWebURL(url, parameter: "url")
        self.url = url
        title = try Self.text(query, "title", maxLength: Self.maxTitleLength)
        description = try Self.text(query, "description", maxLength: Self.maxDescriptionLength)
        image = try query.value("image")
        if let image { try Self.checkWebURL(image, parameter: "image") }
        if let raw = try query.value("type") {
            guard let type = ShareContentType(rawValue: raw) else {
                let known = ShareContentType.allCases.map(\.rawValue).joined(separator: ", ")
                throw FragmentError.badParameter("type", "must be one of \(known)")
            }
            self.type = type
        } else {
            type = nil
        }
    }

    private static func text(_ query: FragmentQuery, _ name: String, maxLength: Int) throws -> String? {
        guard let value = try query.value(name) else { return nil }
        guard value.count <= maxLength else { throw FragmentError.badParameter(name, "must be at most \(maxLength) characters") }
        return value
    }

    /// Accepts only absolute `http:` or `https:` addresses with a host and no user name or
    /// password, so `javascript:`, `data:` and relative links never reach the share page.
    /// Spaces and other characters a browser would encode are allowed in the path and query:
    /// the value is passed on percent-encoded, never interpreted here.
    static func checkWebURL(_ value: String, parameter: String) throws {
        guard value.count <= maxURLLength else {
            throw FragmentError.badParameter(parameter, "must be at most \(maxURLLength) characters")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw FragmentError.badParameter(parameter, "must not contain control characters")
        }
        let lower = value.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else {
            throw FragmentError.badParameter(parameter, "must be an absolute http or https URL")
        }
        let authority = value.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.hasPrefix(":") else {
            throw FragmentError.badParameter(parameter, "must name a host")
        }
        guard !authority.contains("@") else {
            throw FragmentError.badParameter(parameter, "must not contain a user name or password")
        }
        guard !authority.contains(where: { $0.isWhitespace || $0 == "\\" }) else {
            throw FragmentError.badParameter(parameter, "has an invalid host")
        }
    }
}
