import CLibXML2

/// The only place in `Ingest` that calls libxml2.
///
/// Every function parses bytes, copies what the callers need into Swift values and frees
/// the C document (with `defer`) before returning, so no libxml2 pointer leaves this file.
/// The parsers never touch the network (`NONET`), never load a DTD and never expand
/// entities (`NOENT` is not set): an entity reference to a custom entity is dropped.
enum LibXML {
    /// `xmlInitParser()` must run once before parsing from several threads; a `static let`
    /// initialiser runs exactly once, lazily and thread-safely.
    private static let initialised: Void = { xmlInitParser() }()

    /// Deepest element nesting copied into an `XMLElementSnapshot`; feeds need a handful of
    /// levels, and the limit keeps the recursive copy far from the stack's end.
    static let maximumXMLDepth = 64
    /// `<time>` elements copied into an `HTMLDocumentSnapshot`; the date is near the top.
    static let maximumTimeElements = 64
    /// Date and author microdata properties copied into an `HTMLDocumentSnapshot`.
    static let maximumMicrodataProperties = 64
    /// Characters of element text kept for a `<time>` or microdata value.
    static let maximumValueLength = 512
    /// Microdata properties read into `HTMLDocumentSnapshot.microdata`.
    private static let microdataNames: Set<String> = [
        "datepublished", "datemodified", "datecreated", "uploaddate", "author", "creator",
    ]

    private static let htmlOptions = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// `IGNORE_ENC`: callers hand over UTF-8 they decoded themselves (`CharsetResolver`), so a
    /// declaration naming another (or an unknown) encoding must not switch decoders.
    private static let xmlOptions = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

    /// Element names whose boundaries separate words when HTML is flattened to text.
    private static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "font",
    ]

    /// Parses `bytes` as HTML in `encoding` (a name `CharsetDecoder` knows), recovering from
    /// broken markup, and copies out the elements metadata extraction reads. The bytes are
    /// decoded to UTF-8 by `CharsetResolver.utf8(from:encoding:)` first, because iconv inside
    /// libxml2 gives up on the rest of the page at the first byte the charset does not define.
    static func parseHTML(_ bytes: [UInt8], encoding: String) -> HTMLDocumentSnapshot {
        prepareThread()
        var snapshot = HTMLDocumentSnapshot()
        let utf8 = CharsetResolver.utf8(from: bytes, encoding: encoding).utf8
        guard !utf8.isEmpty, let size = Int32(exactly: utf8.count) else { return snapshot }
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, size, nil, "UTF-8", htmlOptions)
            }
        }
        guard let document else { return snapshot }
        defer { xmlFreeDoc(document) }

        var stack: [xmlNodePtr] = []
        if let first = document.pointee.children { stack.append(first) }
        while let node = stack.popLast() {
            if let next = node.pointee.next { stack.append(next) }
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = elementName(node).lowercased()
            var descend = true
            if snapshot.microdata.count < maximumMicrodataProperties, xmlHasProp(node, "itemprop") != nil,
                let property = microdataProperty(node, name: name)
            {
                snapshot.microdata.append(property)
            }
            switch name {
            case "html":
                if snapshot.language == nil { snapshot.language = attributes(of: node)["lang"] }
            case "base":
                if snapshot.baseHref == nil { snapshot.baseHref = attributes(of: node)["href"] }
            case "title":
                if snapshot.title == nil { snapshot.title = textContent(of: node) }
                descend = false
            case "meta":
                snapshot.metaTags.append(HTMLTag(attributes: attributes(of: node)))
            case "link":
                snapshot.linkTags.append(HTMLTag(attributes: attributes(of: node)))
            case "script":
                let type = attributes(of: node)["type"]?.lowercased() ?? ""
                if type.split(separator: ";").first?.trimmingWhitespace() == "application/ld+json" {
                    snapshot.jsonLDScripts.append(textContent(of: node))
                }
                descend = false
            case "time" where snapshot.timeElements.count < maximumTimeElements:
                let attributes = attributes(of: node)
                let value = attributes["datetime"] ?? textContent(of: node, limit: maximumValueLength)
                snapshot.timeElements.append(
                    HTMLTimeElement(
                        value: value, hasPubdate: attributes["pubdate"] != nil, isInArticle: hasAncestor(node, named: "article"),
                        hasItemprop: attributes["itemprop"] != nil))
            case "svg", "style", "template", "noscript":
                descend = false
            default:
                break
            }
            if descend, let child = node.pointee.children { stack.append(child) }
        }
        return snapshot
    }

    /// Parses `utf8`, an XML document already decoded to UTF-8 (without a BOM), in recovery
    /// mode; the encoding its XML declaration names is ignored.
    static func parseXML(utf8 bytes: [UInt8]) -> XMLDocumentSnapshot {
        prepareThread()
        guard !bytes.isEmpty, let size = Int32(exactly: bytes.count) else {
            return XMLDocumentSnapshot(root: nil, wellFormednessError: "the document is empty")
        }
        guard let context = xmlNewParserCtxt() else {
            return XMLDocumentSnapshot(root: nil, wellFormednessError: "libxml2 could not allocate a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        // libxml2 keeps only the last error on the context; the first one is what a publisher
        // needs, so a structured-error callback records it in an object reached via `_private`.
        let firstError = FirstError()
        context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
        context.pointee.sax.pointee.serror = recordFirstError
        let document = withExtendedLifetime(firstError) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlCtxtReadMemory(context, $0.baseAddress, size, nil, "UTF-8", xmlOptions)
                }
            }
        }
        context.pointee._private = nil
        defer { if let document { xmlFreeDoc(document) } }

        var problem: String?
        if context.pointee.wellFormed == 0 {
            problem = firstError.description ?? describe(context.pointee.lastError)
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            return XMLDocumentSnapshot(root: nil, wellFormednessError: problem ?? "no root element")
        }
        return XMLDocumentSnapshot(root: snapshot(of: root, depth: 0), wellFormednessError: problem)
    }

    /// The text a reader would see in an HTML fragment: entities decoded, tags removed,
    /// script and style dropped, block boundaries turned into spaces. Not whitespace-normalised.
    static func plainText(fromHTML html: String) -> String {
        prepareThread()
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty, let size = Int32(exactly: bytes.count) else { return "" }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, size, nil, "UTF-8", htmlOptions)
            }
        }
        guard let document else { return "" }
        defer { xmlFreeDoc(document) }
        var result = ""
        var stack: [xmlNodePtr] = []
        if let first = document.pointee.children { stack.append(first) }
        while let node = stack.popLast() {
            if let next = node.pointee.next { stack.append(next) }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { result += String(cString: content) }
            case XML_ELEMENT_NODE:
                let name = elementName(node).lowercased()
                if name == "script" || name == "style" { continue }
                if !inlineElements.contains(name) { result += " " }
                if let child = node.pointee.children { stack.append(child) }
            default:
                continue
            }
        }
        return result
    }

    // MARK: - Errors

    /// Runs before every parse on the calling thread. libxml2 keeps its global error handler
    /// per thread, and its default prints errors that have no parser context (iconv's
    /// "encoding error : input conversion failed…") on standard error although every parse
    /// asks for silence (`NOERROR`); a structured handler that ignores them replaces it.
    /// Per-context handlers (`parseXML`'s first-error record) still take precedence.
    private static func prepareThread() {
        _ = initialised
        xmlSetStructuredErrorFunc(nil, ignoreError)
    }

    private static let ignoreError: xmlStructuredErrorFunc = { _, _ in }

    /// Holds the first error libxml2 reports while one document is parsed.
    private final class FirstError {
        var description: String?
    }

    /// Structured-error callback: `userData` is the parser context, whose `_private` points at
    /// the `FirstError` of the parse in progress. Warnings are ignored.
    private static let recordFirstError: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let holder = context.pointee._private else { return }
        let firstError = Unmanaged<FirstError>.fromOpaque(holder).takeUnretainedValue()
        if firstError.description == nil { firstError.description = describe(error.pointee) }
    }

    private static func describe(_ error: xmlError) -> String {
        let message = error.message.map { String(cString: $0) }?.trimmingWhitespace() ?? "unknown error"
        return "line \(error.line): \(message)"
    }

    // MARK: - Copying out of the tree

    private static func elementName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Character data of `node` and its descendants, skipping entity references; once it has
    /// more than `limit` UTF-8 bytes, the rest is left out.
    private static func textContent(of node: xmlNodePtr, limit: Int = Int.max) -> String {
        var result = ""
        var stack: [xmlNodePtr] = []
        if let first = node.pointee.children { stack.append(first) }
        while let current = stack.popLast(), result.utf8.count <= limit {
            if let next = current.pointee.next { stack.append(next) }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { result += String(cString: content) }
            case XML_ELEMENT_NODE:
                if let child = current.pointee.children { stack.append(child) }
            default:
                continue
            }
        }
        return result
    }

    /// Whether an element named `name` (lower-case) contains `node`.
    private static func hasAncestor(_ node: xmlNodePtr, named name: String) -> Bool {
        var current = node.pointee.parent
        while let ancestor = current {
            if ancestor.pointee.type == XML_ELEMENT_NODE, elementName(ancestor).lowercased() == name { return true }
            current = ancestor.pointee.parent
        }
        return false
    }

    /// The date or author property `node` (named `name`) carries, if its `itemprop` names one.
    private static func microdataProperty(_ node: xmlNodePtr, name: String) -> MicrodataProperty? {
        let attributes = attributes(of: node)
        let names = (attributes["itemprop"] ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard names.contains(where: microdataNames.contains) else { return nil }
        if attributes["itemscope"] != nil, names.contains("author") || names.contains("creator") {
            // The author is an item (a Person): its own `name` property is the value.
            guard let nameNode = descendant(of: node, withProperty: "name") else { return nil }
            let nameAttributes = Self.attributes(of: nameNode)
            let value = nameAttributes["content"] ?? textContent(of: nameNode, limit: maximumValueLength)
            return MicrodataProperty(names: names, value: value)
        }
        let value = attributes["content"] ?? attributes["datetime"] ?? textContent(of: node, limit: maximumValueLength)
        return MicrodataProperty(names: names, value: value)
    }

    /// The first descendant of `node` whose `itemprop` contains `property`, searching at most
    /// a few hundred elements.
    private static func descendant(of node: xmlNodePtr, withProperty property: String) -> xmlNodePtr? {
        var stack: [xmlNodePtr] = []
        if let first = node.pointee.children { stack.append(first) }
        var visited = 0
        while let current = stack.popLast(), visited < 512 {
            visited += 1
            if let next = current.pointee.next { stack.append(next) }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            if xmlHasProp(current, "itemprop") != nil,
                (attributes(of: current)["itemprop"] ?? "").lowercased().split(whereSeparator: \.isWhitespace).contains(Substring(property))
            {
                return current
            }
            if let child = current.pointee.children { stack.append(child) }
        }
        return nil
    }

    /// Attribute values keyed by lower-cased local name (`xml:` attributes keep the prefix).
    /// The first un-namespaced attribute with a name wins over any namespaced one.
    private static func attributes(of node: xmlNodePtr, lowercaseNames: Bool = true) -> [String: String] {
        var result: [String: String] = [:]
        var namespaced: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let rawName = current.pointee.name else { continue }
            var name = String(cString: rawName)
            if lowercaseNames { name = name.lowercased() }
            var value = ""
            var child = current.pointee.children
            while let text = child {
                child = text.pointee.next
                if text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                    value += String(cString: content)
                }
            }
            if let namespace = current.pointee.ns, let prefix = namespace.pointee.prefix,
                String(cString: prefix) == "xml"
            {
                name = "xml:" + name
            } else if current.pointee.ns != nil {
                if namespaced[name] == nil { namespaced[name] = value }
                continue
            }
            if result[name] == nil { result[name] = value }
        }
        return result.merging(namespaced) { plain, _ in plain }
    }

    private static func snapshot(of node: xmlNodePtr, depth: Int) -> XMLElementSnapshot {
        var content: [XMLElementSnapshot.Content] = []
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if depth < maximumXMLDepth {
                    content.append(.element(snapshot(of: current, depth: depth + 1)))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let text = current.pointee.content { content.append(.text(String(cString: text))) }
            default:
                continue
            }
        }
        return XMLElementSnapshot(
            name: elementName(node),
            namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            attributes: attributes(of: node, lowercaseNames: false),
            content: content)
    }
}
