import Foundation
import PropertyBased
import Testing

@testable import Platforms

@Suite struct ImageHeaderTests {
    @Test func readsTheSizeOfEachAcceptedFormat() {
        #expect(ImageHeader(LinkedInThumbnailTests.png) == ImageHeader(format: .png, width: 3, height: 2))
        let gif = Array("GIF89a".utf8) + [0x58, 0x02, 0x3B, 0x01, 0, 0, 0]
        #expect(ImageHeader(gif) == ImageHeader(format: .gif, width: 600, height: 315))
        // SOI, an APP0 segment of 16 bytes, then SOF0 with precision 8, height 630, width 1200.
        let jpeg: [UInt8] =
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array(repeating: 0, count: 14)
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x76, 0x04, 0xB0, 0x03]
        #expect(ImageHeader(jpeg) == ImageHeader(format: .jpeg, width: 1200, height: 630))
    }

    @Test func refusesOtherFormatsTruncatedHeadersAndEmptyImages() {
        #expect(ImageHeader(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == nil)
        #expect(ImageHeader(Array(LinkedInThumbnailTests.png.prefix(20))) == nil)
        #expect(ImageHeader([0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF]) == nil)
        #expect(ImageHeader(Array("GIF89a".utf8) + [0, 0, 0, 0]) == nil)
        #expect(throws: ShareImageProblem.self) { try OutboundShareImageLoader.check(Data()) }
    }

    @Test func tooManyPixelsIsRefused() {
        let huge = Array("GIF89a".utf8) + [0xFF, 0xFF, 0xFF, 0xFF]  // 65535 × 65535
        #expect(ImageHeader(huge)?.pixelCount == 65535 * 65535)
        #expect(throws: ShareImageProblem.self) { try OutboundShareImageLoader.check(Data(huge)) }
    }

    /// Any bytes after any signature: never a trap, and any size read is positive.
    @Test func arbitraryBytesNeverTrap() async {
        let signatures: [[UInt8]] = [[], [0xFF, 0xD8], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array("GIF89a".utf8)]
        await propertyCheck(count: 1000, input: Gen.int(in: 0...3), Gen.uint8().array(of: 0...300)) { which, tail in
            if let header = ImageHeader(signatures[which] + tail) {
                #expect(header.width > 0 && header.height > 0)
            }
        }
    }
}
