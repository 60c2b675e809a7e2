/// One microdata property (`itemprop`) of a page that metadata extraction reads: dates and
/// authors (WHATWG HTML, "Microdata"; https://html.spec.whatwg.org/multipage/microdata.html).
struct MicrodataProperty: Sendable, Equatable {
    /// The `itemprop` names, lower-cased (`datepublished`, `author`).
    var names: [String]
    /// The value: `content`, else `datetime`, else the text; for an `author` that is an item
    /// itself (`itemscope`), the value of its `name` property.
    var value: String
}
