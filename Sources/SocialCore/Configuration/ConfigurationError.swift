/// Every problem found in the configuration at once, each naming its variable and the fix.
package struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// One line per problem.
    package var problems: [String]

    package init(problems: [String]) { self.problems = problems }

    package var description: String {
        "configuration is not usable:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
