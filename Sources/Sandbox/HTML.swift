import Foundation

/// Minimal HTML rendering for consent pages, post pages and error pages. All user data is escaped.
enum HTML {
    /// Escapes text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Wraps a body in the page layout.
    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title></head>
        <body>
        \(body)
        </body></html>
        """
    }

    /// A consent form posting back to `action` with the original parameters as hidden fields.
    static func consentPage(
        platformName: String, appName: String, scopes: [String], accounts: [DemoAccount],
        action: String, hidden: [(String, String)]
    ) -> String {
        let options = accounts.map {
            "<option value=\"\(escape($0.id))\">\(escape($0.name.isEmpty ? $0.username : $0.name)) (@\(escape($0.username)))</option>"
        }.joined(separator: "\n")
        let fields = hidden.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">" }
            .joined(separator: "\n")
        let scopeList = scopes.map { "<li>\(escape($0))</li>" }.joined()
        return page(
            title: "\(platformName) — authorize \(appName)",
            body: """
                <h1>\(escape(platformName)) (sandbox)</h1>
                <p><strong>\(escape(appName))</strong> asks for access:</p>
                <ul id="scopes">\(scopeList)</ul>
                <form method="post" action="\(escape(action))">
                \(fields)
                <label for="account">Continue as</label>
                <select id="account" name="account">
                \(options)
                </select>
                <button type="submit" name="decision" value="allow">Allow</button>
                <button type="submit" name="decision" value="deny">Deny</button>
                </form>
                """)
    }

    /// A public post page.
    static func postPage(platformName: String, post: SandboxPost) -> String {
        let link = post.link.map { "<p class=\"link\"><a href=\"\(escape($0))\">\(escape($0))</a></p>" } ?? ""
        let image = post.imageURL.map { "<img src=\"\(escape($0))\" alt=\"\">" } ?? ""
        return page(
            title: "\(post.accountName) on \(platformName)",
            body: """
                <article id="post-\(escape(post.id))">
                <h1>\(escape(post.accountName))</h1>
                \(image)
                <p class="text">\(escape(post.text))</p>
                \(link)
                <time>\(escape(post.time.formatted(.iso8601)))</time>
                </article>
                """)
    }

    /// An error page (the dialog refuses to redirect to an unverified redirect URI).
    static func errorPage(platformName: String, message: String) -> String {
        page(title: "\(platformName) — error", body: "<h1>\(escape(platformName))</h1><p class=\"error\">\(escape(message))</p>")
    }
}
