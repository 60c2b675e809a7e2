/// Price and stock of a demo product.
struct DemoProductDetails: Sendable {
    /// Decimal price as text, e.g. `"38.00"` (schema.org wants a plain number string).
    var price: String
    /// ISO 4217 code.
    var currency: String
    var inStock: Bool

    /// schema.org availability URL.
    var availability: String {
        inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock"
    }
}
