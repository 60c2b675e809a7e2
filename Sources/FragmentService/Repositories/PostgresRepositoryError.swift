/// A database answer that breaks an assumption of the repository code.
struct PostgresRepositoryError: Error, CustomStringConvertible {
    let description: String
    static let noRowReturned = PostgresRepositoryError(description: "the database returned no row where one was expected")
    /// A stored state or name this code does not know (a newer schema, or a broken row).
    static func unknownValue(_ column: String, _ value: String) -> PostgresRepositoryError {
        PostgresRepositoryError(description: "the database holds an unknown \(column): '\(value.prefix(40))'")
    }
}
