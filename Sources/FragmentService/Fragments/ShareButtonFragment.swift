import Foundation

/// `GET /fragments/share-button`: a link to this service's share page for the
/// content the calling app describes in the query string.
struct ShareButtonFragment: FragmentHandler {
    let name = "share-button"
    let views: Views
    /// `<public base URL>/social/share/`, computed once.
    let shareEndpoint: String

    /// A handler rendering with `views` and linking to the share page under `publicBaseURL`.
    init(views: Views, publicBaseURL: URL) {
        self.views = views
        var base = publicBaseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        shareEndpoint = base + "/social/share/"
    }

    /// The checked parameters: trimmed, empty ones absent, so `title=+Kiln+` and `title=Kiln`
    /// share one cache entry.
    func input(_ query: FragmentQuery) throws -> ShareParameters {
        do {
            return try ShareParameters { try query.value($0) }
        } catch let error as ShareParameterError {
            throw FragmentError.badParameter(error.parameter, error.problem)
        }
    }

    func render(_ parameters: ShareParameters) throws -> String {
        try views.render(ShareButtonModel(parameters, shareEndpoint: shareEndpoint), template: "fragments/share_button")
    }
}

extension ShareParameters: FragmentInput {
    var byteCount: Int {
        url.utf8.count + (title?.utf8.count ?? 0) + (description?.utf8.count ?? 0) + (image?.utf8.count ?? 0) + 96
    }
}
