import Foundation

/// When and where a demo event happens.
struct DemoEventDetails: Sendable {
    var startDate: Date
    var endDate: Date
    var venueName: String
    var venueAddress: String
}
