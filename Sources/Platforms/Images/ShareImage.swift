import Foundation

/// An image a platform client uploads itself (LinkedIn article thumbnails), already fetched from
/// the content's own site and checked to be a JPEG, PNG or GIF of a readable size.
package struct ShareImage: Sendable, Equatable {
    package var bytes: Data
    package var header: ImageHeader

    package init(bytes: Data, header: ImageHeader) {
        self.bytes = bytes
        self.header = header
    }
}

/// Why an image could not be used; said in the logs, never to the platform.
package struct ShareImageProblem: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}

/// Fetches a content image for upload. The service's loader goes through the content fetch
/// policy (address checks, size and time caps), never the platform sandbox.
package protocol ShareImageLoader: Sendable {
    func load(_ url: String) async throws(ShareImageProblem) -> ShareImage
}
