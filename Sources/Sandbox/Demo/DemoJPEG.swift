import Foundation

/// A 600×315 sharing card as a baseline JPEG — the one format every platform takes (Instagram
/// publishes only JPEG; LinkedIn uploads take JPEG, PNG or GIF) — drawn without an image library:
/// a diagonal gradient and a light oval. Each 8×8 block is one flat colour, so only DC
/// coefficients are coded (ITU T.81 baseline: https://www.w3.org/Graphics/JPEG/itu-t81.pdf,
/// JFIF: https://www.w3.org/Graphics/JPEG/jfif3.pdf).
enum DemoJPEG {
    static let width = 600
    static let height = 315

    static func card(hue: Int) -> Data {
        let hue = Double(((hue % 360) + 360) % 360)
        let light = rgb(hue: hue, saturation: 0.3, lightness: 0.8)
        var writer = BitWriter()
        var previous = [0, 0, 0]
        for blockY in 0..<((height + 7) / 8) {
            for blockX in 0..<((width + 7) / 8) {
                let x = blockX * 8 + 4, y = blockY * 8 + 4
                let dx = Double(x - 480) / 75, dy = Double(y - 165) / 95
                let t = Double(x + y) / Double(width + height)
                let colour = dx * dx + dy * dy <= 1 ? light : rgb(hue: hue + 40 * t, saturation: 0.45 - 0.1 * t, lightness: 0.38 - 0.2 * t)
                for (component, value) in ycbcr(colour).enumerated() {
                    // A flat block's DC coefficient is 8 × (value − 128); the quantiser is 1.
                    let dc = 8 * (value - 128)
                    writer.dc(dc - previous[component])
                    previous[component] = dc
                    writer.write(code: 0, length: 1)  // AC: end of block at once
                }
            }
        }
        writer.flush()

        var out: [UInt8] = [0xFF, 0xD8]
        out += segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
        out += segment(0xDB, [0x00] + Array(repeating: 1, count: 64))
        out += segment(0xC0, [8] + bigEndian(height) + bigEndian(width) + [3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])
        out += segment(0xC4, [0x00] + dcCounts + Array(0...11))  // DC table 0
        out += segment(0xC4, [0x10, 1] + Array(repeating: 0, count: 15) + [0x00])  // AC table 0: only end-of-block, code "0"
        out += segment(0xDA, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
        out += writer.bytes + [0xFF, 0xD9]
        return Data(out)
    }

    /// Code lengths of the DC differences' categories 0…11: the luminance DC table of T.81 K.3.
    private static let dcCounts: [UInt8] = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]

    /// Canonical Huffman codes for `dcCounts` (T.81 C.2): category → (code, length).
    private static let dcCodes: [(code: Int, length: Int)] = {
        var codes: [(Int, Int)] = []
        var code = 0
        for (index, count) in dcCounts.enumerated() {
            for _ in 0..<Int(count) {
                codes.append((code, index + 1))
                code += 1
            }
            code <<= 1
        }
        return codes
    }()

    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer = 0
        var count = 0

        mutating func write(code: Int, length: Int) {
            for shift in stride(from: length - 1, through: 0, by: -1) {
                buffer = buffer << 1 | (code >> shift & 1)
                count += 1
                if count == 8 { emit() }
            }
        }

        /// A DC difference: its category's code, then the value's low bits (negative values as
        /// value − 1, T.81 F.1.2.1).
        mutating func dc(_ difference: Int) {
            let magnitude = abs(difference)
            let category = magnitude == 0 ? 0 : Int.bitWidth - magnitude.leadingZeroBitCount
            let (code, length) = DemoJPEG.dcCodes[category]
            write(code: code, length: length)
            if category > 0 {
                let bits = difference < 0 ? difference - 1 : difference
                write(code: bits & ((1 << category) - 1), length: category)
            }
        }

        mutating func emit() {
            bytes.append(UInt8(buffer & 0xFF))
            if buffer & 0xFF == 0xFF { bytes.append(0) }  // byte stuffing
            buffer = 0
            count = 0
        }

        /// Pads the last byte with one bits.
        mutating func flush() {
            if count > 0 { write(code: (1 << (8 - count)) - 1, length: 8 - count) }
        }
    }

    private static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian(payload.count + 2) + payload
    }

    private static func bigEndian(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    private static func ycbcr(_ rgb: (Double, Double, Double)) -> [Int] {
        let (r, g, b) = rgb
        let y = 0.299 * r + 0.587 * g + 0.114 * b
        let cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
        let cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
        return [y, cb, cr].map { Int(max(0, min(255, $0.rounded()))) }
    }

    private static func rgb(hue: Double, saturation s: Double, lightness l: Double) -> (Double, Double, Double) {
        let c = (1 - abs(2 * l - 1)) * s
        let h = hue.truncatingRemainder(dividingBy: 360) / 60
        let x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) =
            switch Int(h) {
            case 0: (c, x, 0)
            case 1: (x, c, 0)
            case 2: (0, c, x)
            case 3: (0, x, c)
            case 4: (x, 0, c)
            default: (c, 0, x)
            }
        let m = l - c / 2
        return ((r + m) * 255, (g + m) * 255, (b + m) * 255)
    }
}
