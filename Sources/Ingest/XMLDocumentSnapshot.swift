/// The outcome of parsing an XML document in recovery mode.
struct XMLDocumentSnapshot: Sendable, Equatable {
    /// The root element, or `nil` when libxml2 could not recover any element at all.
    var root: XMLElementSnapshot?
    /// A description of the first well-formedness problem libxml2 reported (with its line),
    /// or `nil` when the document is well-formed. Content after that point may be missing.
    var wellFormednessError: String?
}
