/// `choose_accounts.mustache`: which of the offered accounts to connect (no tokens in here).
struct ChooseAccountsModel: Sendable {
    struct Account: Sendable {
        var id: String
        var name: String
        var username: String?
    }

    var layout: LayoutModel
    var platformName: String
    var action: String
    var accounts: [Account]
}
