/// A database answer that breaks an assumption of the repository code.
struct PostgresRepositoryError: Error, CustomStringConvertible {
    let description: String
    static let noRowReturned = PostgresRepositoryError(description: "the database returned no row where one was expected")
    /// A stored state or name this code does not know (a newer schema, or a broken row).
    static func unknownValue(_ column: String, _ value: String) -> PostgresRepositoryError {
        PostgresRepositoryError(description: "the database holds an unknown \(column): '\(value.prefix(40))'")
    }
}

extension RawRepresentable where RawValue == String {
    /// The value stored in `column`, or an error naming it: a state or name this code does not
    /// know is never quietly read as some other one.
    init(stored raw: String, column: String) throws {
        guard let value = Self(rawValue: raw) else { throw PostgresRepositoryError.unknownValue(column, raw) }
        self = value
    }
}
