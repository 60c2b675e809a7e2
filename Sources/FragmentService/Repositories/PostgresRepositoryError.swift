/// A database answer that breaks an assumption of the repository code.
struct PostgresRepositoryError: Error, CustomStringConvertible {
    let description: String
    static let noRowReturned = PostgresRepositoryError(description: "the database returned no row where one was expected")
}
