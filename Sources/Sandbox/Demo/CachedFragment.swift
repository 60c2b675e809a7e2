/// A fragment body kept by `FragmentCache`, with what is needed to reuse or revalidate it.
struct CachedFragment: Sendable {
    var body: String
    var etag: String?
    /// Until when the body may be used without asking the service (`Cache-Control: max-age`).
    var freshUntil: ContinuousClock.Instant

    var isFresh: Bool { ContinuousClock.now < freshUntil }
}
