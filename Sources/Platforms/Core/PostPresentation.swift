import Foundation

/// How a platform shows a shared link, so the share page's preview matches the real post: where
/// the link goes, who builds the card and from what, whether the image's alt text is sent, and
/// what posting costs or is capped at. Sentences are for the person; the facts behind each are in
/// docs/platforms/<platform>.md as cited.
package struct PostPresentation: Sendable, Equatable {
    /// Where the post's link card comes from.
    package enum Card: Sendable, Equatable {
        /// The platform fetches the page and builds the card from its Open Graph (or X card)
        /// tags; our metadata is what the page says, so the preview shows it as the likely card.
        case fromPage
        /// The card shows exactly the title, description and image we send (LinkedIn).
        case fromWhatWeSend
        /// No card: the post is the image, and the text is its caption (Instagram).
        case imagePost
    }

    /// Where the card comes from.
    package var card: Card
    /// How the link appears in the post and how it counts.
    package var link: String
    /// Who builds the card, and from what.
    package var cardNote: String
    /// Whether the image's alt text reaches the platform (`ShareContent.imageAlt`).
    package var takesImageAlt: Bool
    /// What every post here costs or risks, as the platform documents it, shown before posting;
    /// nil when nothing. Quotas that can be read per account come from `PublishingQuotaReading`.
    package var notice: String?
}

extension PlatformName {
    /// How this platform shows a shared link (see `PostPresentation`).
    package var presentation: PostPresentation {
        switch self {
        case .facebook:
            // docs/platforms/facebook.md, "Posting" and "Link-post cap (test since December 2025)".
            PostPresentation(
                card: .fromPage, link: "The link goes with the post, not in its text.",
                cardNote: "Facebook builds the card itself from the page's Open Graph tags.", takesImageAlt: false,
                notice: "Meta is testing a cap on link posts (two a month in the reported notice) for some Pages without Meta Verified;"
                    + " a capped Page's post may be refused.")
        case .instagram:
            // docs/platforms/instagram.md, "Captions" and "Posting" (alt_text on image posts).
            PostPresentation(
                card: .imagePost, link: "The link is plain text in the caption: Instagram does not make it clickable.",
                cardNote: "No link card: the post is the image, with this text as its caption.", takesImageAlt: true, notice: nil)
        case .threads:
            // docs/platforms/threads.md, "Posting" (link_attachment) and "Text and links".
            PostPresentation(
                card: .fromPage, link: "The link is attached to the post, not repeated in its text.",
                cardNote: "Threads builds the card itself from the page's tags.", takesImageAlt: false, notice: nil)
        case .twitter:
            // docs/platforms/twitter.md, "Counting text", "Link cards" and "Billing".
            PostPresentation(
                card: .fromPage, link: "X shortens the link (t.co): it counts as 23 characters, however long it is.",
                cardNote: "X builds the card itself from the page's card or Open Graph tags.", takesImageAlt: false,
                notice: "X charges this service $0.20 for every post that contains a link (its pay-per-use API pricing).")
        case .linkedin:
            // docs/platforms/linkedin.md, "Posting": LinkedIn does not read the page for an article post.
            PostPresentation(
                card: .fromWhatWeSend, link: "The link is the card below the text, not part of the text.",
                cardNote: "LinkedIn does not read the page: the card shows exactly this title, description and image.",
                takesImageAlt: false, notice: nil)
        case .mastodon:
            // docs/platforms/mastodon.md, "Posting" (link cards) and docs/platforms/mastodon-servers.md, "Behaviour".
            PostPresentation(
                card: .fromPage,
                link: "The link ends the text; Mastodon counts it as 23 characters, other servers may count it in full.",
                cardNote: "The server builds the card from the page's Open Graph tags, usually a moment after posting.",
                takesImageAlt: false, notice: nil)
        case .bluesky:
            // docs/platforms/bluesky.md, "Posting" and "Limits": the server never fetches the page.
            PostPresentation(
                card: .fromWhatWeSend, link: "The link is part of the text and counts in full; the card below it is built by this service.",
                cardNote: "Bluesky does not read the page: the card shows exactly this title, description and image.",
                takesImageAlt: false, notice: nil)
        }
    }
}
