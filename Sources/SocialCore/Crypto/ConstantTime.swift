/// Compares two byte strings in time that depends only on their lengths, for secrets such as
/// CSRF tokens where an early exit would leak how many leading bytes matched.
package func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(lhs, rhs) { difference |= a ^ b }
    return difference == 0
}
