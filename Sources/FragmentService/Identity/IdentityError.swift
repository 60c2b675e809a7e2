/// Why a handoff or Bearer token was refused; messages say what to do and quote nothing secret.
struct IdentityError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case missing, badSignature, wrongAlgorithm, expired, notYetValid, wrongIssuer, wrongAudience, tooLong, replayed, badSubject, badText
    }
    private let code: Code

    static let missing = IdentityError(code: .missing)
    static let badSignature = IdentityError(code: .badSignature)
    static let wrongAlgorithm = IdentityError(code: .wrongAlgorithm)
    static let expired = IdentityError(code: .expired)
    static let notYetValid = IdentityError(code: .notYetValid)
    static let wrongIssuer = IdentityError(code: .wrongIssuer)
    static let wrongAudience = IdentityError(code: .wrongAudience)
    static let tooLong = IdentityError(code: .tooLong)
    static let replayed = IdentityError(code: .replayed)
    static let badSubject = IdentityError(code: .badSubject)
    static let badText = IdentityError(code: .badText)

    /// True when the token itself is malformed input (a 400), not a failed credential (a 401).
    var isMalformedInput: Bool { code == .badText }

    var description: String {
        switch code {
        case .missing: "No sign-in token was given. Open this page from your Rose Ash account."
        case .badSignature: "The sign-in token is not valid. Open this page again from your Rose Ash account."
        case .wrongAlgorithm: "The sign-in token must be signed with HS256."
        case .notYetValid: "The sign-in link is not valid yet; check the clocks of the account service and this service."
        case .expired: "The sign-in link has expired. Open this page again from your Rose Ash account."
        case .wrongIssuer: "The sign-in token was not issued by the Rose Ash account service."
        case .wrongAudience: "The sign-in token was issued for another service."
        case .tooLong: "The sign-in token lives too long to be accepted (at most 15 minutes)."
        case .replayed: "This sign-in link has already been used. Open this page again from your Rose Ash account."
        case .badSubject: "The sign-in token does not name a valid user."
        case .badText: "The sign-in token contains characters that are not allowed (NUL or other control characters)."
        }
    }
}
