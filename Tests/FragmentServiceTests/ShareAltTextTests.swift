import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FragmentService

/// Issue 11, platform updates: Instagram takes alt text for an image; the share page asks for it.
@Suite struct ShareAltTextTests {
    @Test func theSharePageOffersAltTextForItsImagePrefilledFromTheLink() async throws {
        try await ConnectFlow.with { flow, _, client in
            let session = try await BrowserSession.signedIn(client)
            try await SharePageTests.connectMastodon(flow, client, session)
            let base = "/social/share/?url=https%3A%2F%2Fblog.rose-ash.example%2Fposts%2Fkiln&title=Kiln"
            let (_, withImage, _) = try await ConnectFlowTests.get(
                client, base + "&image=https%3A%2F%2Fblog.rose-ash.example%2Fkiln.jpg&image_alt=A+wood-fired+kiln", session)
            #expect(withImage.contains(#"name="image_alt""#))
            #expect(withImage.contains(#"value="A wood-fired kiln""#))
            let (_, withoutImage, _) = try await ConnectFlowTests.get(client, base, session)
            #expect(!withoutImage.contains(#"name="image_alt""#))
        }
    }
}
