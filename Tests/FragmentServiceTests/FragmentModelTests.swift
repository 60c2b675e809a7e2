import Foundation
import Platforms
import Testing

@testable import FragmentService

/// The share button's view model, encoder and registry on their own, without HTTP.
@Suite struct FragmentModelTests {
    @Test func percentEncodingKeepsOnlyASCIIUnreservedCharacters() {
        #expect(FormEncoding.escape("aZ09-._~") == "aZ09-._~")
        // Non-ASCII letters are encoded too (CharacterSet.alphanumerics would let them through).
        #expect(FormEncoding.escape("a b+&=#?/é日") == "a%20b%2B%26%3D%23%3F%2F%C3%A9%E6%97%A5")
        #expect(FormEncoding.encode([("k y", "ü"), ("x", "")]) == "k%20y=%C3%BC&x=")
    }

    @Test func theModelLeavesOutAbsentParametersAndLabelsWithTheTitle() {
        let bare = ShareButtonModel(.init(url: "https://a.example/"), shareEndpoint: "https://acct.example/social/share/")
        #expect(bare.href == "https://acct.example/social/share/?url=https%3A%2F%2Fa.example%2F")
        #expect(bare.label == "Share this page")
        let full = ShareButtonModel(
            .init(url: "https://a.example/", title: "T", description: "D", image: "https://i.example/i.png", type: .event),
            shareEndpoint: "https://acct.example/social/share/")
        #expect(full.href.hasSuffix("&title=T&description=D&image=https%3A%2F%2Fi.example%2Fi.png&type=event"))
        #expect(full.label == "Share “T”")
    }

    @Test func theRegistryFindsHandlersByName() async throws {
        let views = try await Views.load()
        let registry = FragmentRegistry.standard(views: views, publicBaseURL: URL(string: "https://acct.example/")!)
        #expect(registry.names == ["share-button"])
        #expect(registry.endpoint(named: "share-button") is CachedFragment<ShareButtonFragment>)
        #expect(registry.endpoint(named: "share_button") == nil)
        let handler = ShareButtonFragment(views: views, publicBaseURL: URL(string: "https://acct.example//")!)
        #expect(handler.shareEndpoint == "https://acct.example/social/share/")
    }
}
