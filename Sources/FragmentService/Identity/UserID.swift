/// Host platform user ids: 1–128 printable characters without spaces.
enum UserID {
    static func isValid(_ id: String) -> Bool {
        (1...128).contains(id.count) && id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }
}
