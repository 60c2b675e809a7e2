import Foundation

/// `/me/accounts?fields=id,name,instagram_business_account` (docs/platforms/instagram.md, "Facebook Login").
package struct InstagramPageList: Decodable, Sendable {
    /// One Page and its linked professional account, if any.
    package struct Page: Decodable, Sendable {
        package struct Linked: Decodable, Sendable { package var id: String }
        package var id: String
        package var name: String?
        package var instagramBusinessAccount: Linked?

        enum CodingKeys: String, CodingKey { case id, name, instagramBusinessAccount = "instagram_business_account" }
    }

    package var data: [Page]

    /// `(page id, ig user id)` for every Page with a linked professional account; none is an error a person
    /// can act on (only professional accounts linked to a Page can publish, docs/platforms/instagram.md,
    /// "Accounts").
    package static func linkedAccounts(in pages: [Page]) throws(PlatformError) -> [(pageID: String, igUserID: String)] {
        let linked = pages.compactMap { page in page.instagramBusinessAccount.map { (pageID: page.id, igUserID: $0.id) } }
        guard !linked.isEmpty else {
            throw PlatformError(
                .accountNotEligible, .instagram,
                "No Instagram professional account was found. Switch your Instagram account to a Business or Creator (professional) account and link it to a Facebook Page you manage, then connect again."
            )
        }
        return linked
    }
}
