import Platforms

/// Which of a person's shares the history lists: at most one platform, one outcome and one
/// origin; nil lets every value through. The database applies it (`ShareRepository.history`).
struct ShareHistoryFilter: Sendable, Equatable {
    var platform: PlatformName?
    var status: ShareStatus?
    var origin: ShareOrigin?

    init(platform: PlatformName? = nil, status: ShareStatus? = nil, origin: ShareOrigin? = nil) {
        self.platform = platform
        self.status = status
        self.origin = origin
    }

    /// Every share.
    static let none = ShareHistoryFilter()

    /// Whether anything is filtered out.
    var isActive: Bool { platform != nil || status != nil || origin != nil }

    /// Whether a share to an account of `platform` passes (what the SQL of
    /// `PostgresShareRepository.history` says, for the memory repository).
    func admits(_ share: ShareRecord, platform sharedTo: PlatformName) -> Bool {
        (platform == nil || platform == sharedTo) && (status == nil || status == share.status) && (origin == nil || origin == share.origin)
    }
}
