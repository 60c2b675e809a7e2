import Foundation

/// `GET /fragments/share-button` (plan 5a, 5b): a link to this service's share page for the
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

    func render(_ query: FragmentQuery) throws -> String {
        let parameters: ShareParameters
        do {
            parameters = try ShareParameters { try query.value($0) }
        } catch let error as ShareParameterError {
            throw FragmentError.badParameter(error.parameter, error.problem)
        }
        return try views.render(ShareButtonModel(parameters, shareEndpoint: shareEndpoint), template: "fragments/share_button")
    }
}
