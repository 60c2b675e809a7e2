/// Generated 1200×630 SVG cards, one per item, so every item has an absolute image URL on its
/// own app without any files on disk.
enum DemoImage {
    static func svg(title: String, siteName: String, hue: Int) -> String {
        let e = DemoEncoding.html
        let hue = ((hue % 360) + 360) % 360
        let shortTitle = title.count > 48 ? String(title.prefix(47)) + "…" : title
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
            <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stop-color="hsl(\(hue),45%,38%)"/><stop offset="1" stop-color="hsl(\((hue + 40) % 360),35%,18%)"/>
            </linearGradient></defs>
            <rect width="1200" height="630" fill="url(#g)"/>
            <ellipse cx="960" cy="330" rx="150" ry="190" fill="hsl(\(hue),30%,80%)" opacity="0.85"/>
            <ellipse cx="960" cy="170" rx="95" ry="26" fill="hsl(\(hue),25%,30%)"/>
            <text x="70" y="300" font-family="Georgia, serif" font-size="56" fill="#fff">\(e(shortTitle))</text>
            <text x="70" y="370" font-family="Georgia, serif" font-size="30" fill="#f2e8dc">\(e(siteName))</text>
            </svg>
            """
    }
}
