import Foundation

/// `{"data": [...]}` of `/me/accounts`.
package struct FacebookPageList: Decodable, Sendable {
    package var data: [FacebookPage]
}
