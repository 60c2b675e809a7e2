import CLibXML2
import Foundation
import Ingest

// Metadata extraction against libxml2's HTML parse alone, over the same bytes in the same
// run. `IngestBench DIR...` reads every *.html file of the folders, adds a generated set of
// larger pages, and prints one line per set with both times and their ratio.

/// libxml2 alone: parse with recovery and no network, then free — nothing copied out.
func parseOnly(_ bytes: [UInt8]) {
    let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
    guard let size = Int32(exactly: bytes.count) else { return }
    let document = bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, size, nil, "UTF-8", options) }
    }
    if let document { xmlFreeDoc(document) }
}

func extract(_ bytes: [UInt8]) {
    _ = try? HTMLMetadataExtractor.extract(
        html: bytes, documentURL: URL(string: "https://blog.example/posts/1")!, contentType: "text/html; charset=utf-8")
}

/// Best of `rounds` passes over all pages, in seconds (the minimum is the least disturbed).
func time(_ pages: [[UInt8]], rounds: Int, _ work: ([UInt8]) -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        for page in pages { work(page) }
        let elapsed = ContinuousClock.now - start
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return best
}

/// A page like a long blog post: full sharing metadata and JSON-LD in the head, `paragraphs`
/// paragraphs of marked-up text, a comment list and a footer of links in the body.
func generatedPage(_ n: Int, paragraphs: Int) -> [UInt8] {
    var html = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated post \(n) | Bench Blog</title>
        <meta name="description" content="A generated page for the extraction benchmark, number \(n).">
        <link rel="canonical" href="https://blog.example/posts/\(n)">
        <meta property="og:title" content="Generated post \(n)"><meta property="og:type" content="article">
        <meta property="og:image" content="https://blog.example/images/\(n).jpg"><meta property="og:image:alt" content="Card \(n)">
        <meta property="article:published_time" content="2026-11-\(10 + n % 18)T10:00:00Z">
        <meta name="author" content="Ada Lovelace"><meta name="keywords" content="kilns, glazes, bench">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Generated post \(n)",
        "datePublished":"2026-11-10T10:00:00Z","author":{"@type":"Person","name":"Ada Lovelace"},"image":"https://blog.example/images/\(n).jpg",
        "publisher":{"@type":"Organization","name":"Bench Blog"}}</script>
        <style>body{font-family:serif}.c{color:#333}</style></head><body><header><nav>
        """
    for link in 0..<30 { html += "<a href=\"/section/\(link)\">Section \(link)</a> " }
    html += "</nav></header><main><article>"
    for p in 0..<paragraphs {
        html += "<p class=\"c\">Paragraph \(p) of post \(n): <em>wood ash</em> glazes &amp; <strong>reduction</strong> firing, "
        html += "with <a href=\"https://example.org/\(p)\">a link</a> and some more words to make a realistic line of text.</p>\n"
        if p % 20 == 0 {
            html += "<figure><img src=\"/i/\(p).jpg\" alt=\"Figure \(p)\" width=\"600\" height=\"400\"><figcaption>Figure \(p)</figcaption></figure>"
        }
    }
    html += "</article><section id=\"comments\">"
    for c in 0..<(paragraphs / 4) { html += "<div class=\"comment\"><span>Reader \(c)</span><p>Comment \(c) on post \(n).</p></div>" }
    html += "</section></main><footer>"
    for link in 0..<60 { html += "<a href=\"/archive/\(link)\">Archive \(link)</a> " }
    html += "</footer></body></html>"
    return Array(html.utf8)
}

let folders = CommandLine.arguments.dropFirst()
var fixtures: [[UInt8]] = []
for folder in folders {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names.sorted() where name.hasSuffix(".html") {
        if let data = FileManager.default.contents(atPath: folder + "/" + name) { fixtures.append(Array(data)) }
    }
}
let generated = (0..<60).map { generatedPage($0, paragraphs: 200 + ($0 % 6) * 150) }

print("set\tpages\tbytes\tparse_ms\textract_ms\textract/parse")
for (name, pages, rounds) in [("fixtures", fixtures, 200), ("generated", generated, 5)] where !pages.isEmpty {
    let bytes = pages.reduce(0) { $0 + $1.count }
    let parse = time(pages, rounds: rounds, parseOnly)
    let full = time(pages, rounds: rounds, extract)
    print(String(format: "%@\t%d\t%d\t%.2f\t%.2f\t%.2f", name, pages.count, bytes, parse * 1000, full * 1000, full / parse))
}
