/// An XML element copied out of a libxml2 tree into Swift values, for the feed readers.
///
/// Names are local names; the namespace is kept as its URI so readers match on the URI,
/// never on whatever prefix a publisher happened to choose.
struct XMLElementSnapshot: Sendable, Equatable {
    /// A child of an element: another element or a run of character data (text or CDATA).
    indirect enum Content: Sendable, Equatable {
        case element(XMLElementSnapshot)
        case text(String)
    }

    /// The element's local name, e.g. `encoded` for `content:encoded`.
    var name: String
    /// The namespace URI, or `nil` for an element in no namespace.
    var namespace: String?
    /// Attribute values keyed by local name; `xml:base` and `xml:lang` keep their prefix.
    /// An attribute in no namespace wins over a namespaced one with the same local name.
    var attributes: [String: String]
    /// Child elements and character data, in document order.
    var content: [Content]

    /// The child elements, in document order.
    var children: [XMLElementSnapshot] {
        content.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// All character data inside this element and its descendants, concatenated.
    var textContent: String {
        var result = ""
        appendText(to: &result)
        return result
    }

    private func appendText(to result: inout String) {
        for item in content {
            switch item {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }

    /// Child elements named `name` in namespace `namespace` (`nil` means no namespace).
    func children(named name: String, namespace: String? = nil) -> [XMLElementSnapshot] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    /// The first child element named `name` in namespace `namespace`.
    func child(named name: String, namespace: String? = nil) -> XMLElementSnapshot? {
        children.first { $0.name == name && $0.namespace == namespace }
    }

    /// Descendant elements (any depth) named `name` in namespace `namespace`, in document order.
    func descendants(named name: String, namespace: String?) -> [XMLElementSnapshot] {
        var found: [XMLElementSnapshot] = []
        for child in children {
            if child.name == name && child.namespace == namespace { found.append(child) }
            found += child.descendants(named: name, namespace: namespace)
        }
        return found
    }
}
