import Foundation

/// What a schema.org `Event` in a page's JSON-LD says about when and where it happens.
package struct EventDetails: Codable, Sendable, Equatable {
    /// When the event starts.
    package var startDate: Date?
    /// When the event ends.
    package var endDate: Date?
    /// The venue's name (`location.name`, or the location when it is plain text).
    package var locationName: String?
    /// The venue's postal address as one line (`streetAddress, locality, region, postcode, country`).
    package var address: String?

    /// Creates event details.
    package init(startDate: Date? = nil, endDate: Date? = nil, locationName: String? = nil, address: String? = nil) {
        self.startDate = startDate
        self.endDate = endDate
        self.locationName = locationName
        self.address = address
    }
}
