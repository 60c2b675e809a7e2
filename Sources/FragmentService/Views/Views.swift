import Foundation
import Mustache

/// The Mustache templates, loaded once at start. Pages extend `layout.mustache`; user data goes
/// through escaped `{{var}}` only.
struct Views: Sendable {
    private let library: MustacheLibrary

    /// Loads every `*.mustache` in the module's `Templates` resource folder.
    static func load() async throws -> Views {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ViewError(description: "the Templates resource folder is missing from the build")
        }
        return Views(library: try await MustacheLibrary(directory: directory.path))
    }

    init(library: MustacheLibrary) { self.library = library }

    /// Renders `model` with the template `name`.
    func render(_ model: some Sendable, template name: String) throws -> String {
        guard let html = library.render(model, withTemplate: name) else {
            throw ViewError(description: "no template named \(name)")
        }
        return html
    }
}

/// A template could not be found or loaded.
struct ViewError: Error, CustomStringConvertible {
    let description: String
}
