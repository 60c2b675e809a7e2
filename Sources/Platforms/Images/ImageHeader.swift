import Foundation

/// The format and pixel size of an image, read from its first bytes. Only the formats a
/// platform upload accepts are recognised (LinkedIn: JPEG, PNG, GIF — docs/platforms/linkedin-images.md).
/// Every read is bounds-checked: the bytes come from someone else's server.
package struct ImageHeader: Sendable, Equatable {
    package enum Format: String, Sendable { case jpeg, png, gif }

    package var format: Format
    package var width: Int
    package var height: Int

    package init(format: Format, width: Int, height: Int) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// Width × height, or nil when it does not fit an `Int`.
    package var pixelCount: Int? {
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? nil : product
    }

    /// The media type to send with the bytes.
    package var mediaType: String { "image/" + format.rawValue }

    /// The header of `bytes`, or nil when they are not a JPEG, PNG or GIF with a readable size.
    package init?(_ bytes: some RandomAccessCollection<UInt8>) {
        let data = Array(bytes.prefix(Self.scanLimit))
        if let header = Self.png(data) ?? Self.gif(data) ?? Self.jpeg(data), header.width > 0, header.height > 0 {
            self = header
        } else {
            return nil
        }
    }

    /// JPEG frame headers sit before the image data; real files put them in the first few KiB,
    /// but EXIF thumbnails can push them further. Beyond this the image is refused.
    static let scanLimit = 1 << 20

    private static func bigEndian16(_ data: [UInt8], _ offset: Int) -> Int? {
        guard offset >= 0, offset + 1 < data.count else { return nil }
        return Int(data[offset]) << 8 | Int(data[offset + 1])
    }

    private static func bigEndian32(_ data: [UInt8], _ offset: Int) -> Int? {
        guard let high = bigEndian16(data, offset), let low = bigEndian16(data, offset + 2) else { return nil }
        return high << 16 | low
    }

    /// PNG: signature, then the IHDR chunk with width and height (https://www.w3.org/TR/png-3/#11IHDR).
    private static func png(_ data: [UInt8]) -> ImageHeader? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count >= 24, Array(data[0..<8]) == signature, Array(data[12..<16]) == Array("IHDR".utf8),
            let width = bigEndian32(data, 16), let height = bigEndian32(data, 20)
        else { return nil }
        return ImageHeader(format: .png, width: width, height: height)
    }

    /// GIF: `GIF87a`/`GIF89a`, then the logical screen size, little-endian
    /// (https://www.w3.org/Graphics/GIF/spec-gif89a.txt, section 18).
    private static func gif(_ data: [UInt8]) -> ImageHeader? {
        guard data.count >= 10, Array(data[0..<6]) == Array("GIF87a".utf8) || Array(data[0..<6]) == Array("GIF89a".utf8) else { return nil }
        return ImageHeader(format: .gif, width: Int(data[6]) | Int(data[7]) << 8, height: Int(data[8]) | Int(data[9]) << 8)
    }

    /// JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and
    /// DAC), whose payload holds height then width (ITU T.81, annex B.2).
    private static func jpeg(_ data: [UInt8]) -> ImageHeader? {
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 3 < data.count {
            guard data[offset] == 0xFF else { return nil }
            let marker = data[offset + 1]
            if marker == 0xFF {  // fill byte before a marker
                offset += 1
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {  // no length
                offset += 2
                continue
            }
            guard let length = bigEndian16(data, offset + 2), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard let height = bigEndian16(data, offset + 5), let width = bigEndian16(data, offset + 7) else { return nil }
                return ImageHeader(format: .jpeg, width: width, height: height)
            }
            if marker == 0xD9 || marker == 0xDA { return nil }  // end of image or scan data before any frame
            offset += 2 + length
        }
        return nil
    }
}
