/// What a page says about a product offer: price, currency and availability.
package struct ProductDetails: Codable, Sendable, Equatable {
    /// The price as the page wrote it (`"24.50"`, `"24.5"` for a JSON number), never rounded
    /// through a binary floating-point type the caller might format differently.
    package var price: String?
    /// ISO 4217 currency code, e.g. `GBP`.
    package var currency: String?
    /// Availability without the schema.org prefix, e.g. `InStock`, `OutOfStock`, `PreOrder`.
    package var availability: String?

    /// Creates product details.
    package init(price: String? = nil, currency: String? = nil, availability: String? = nil) {
        self.price = price
        self.currency = currency
        self.availability = availability
    }
}
