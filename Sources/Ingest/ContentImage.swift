/// An image that represents a page: its absolute http(s) URL and what the page says about it.
package struct ContentImage: Codable, Sendable, Equatable {
    /// Absolute `http` or `https` URL of the image.
    package var url: String
    /// Width in pixels, when the page declares it.
    package var width: Int?
    /// Height in pixels, when the page declares it.
    package var height: Int?
    /// Alternative text, when the page gives it.
    package var alt: String?

    /// The widths and heights believed from a page; others are dropped as nonsense.
    package static let plausiblePixels: ClosedRange<Int> = 1...100_000

    /// Creates an image description.
    package init(url: String, width: Int? = nil, height: Int? = nil, alt: String? = nil) {
        self.url = url
        self.width = width
        self.height = height
        self.alt = alt
    }
}
