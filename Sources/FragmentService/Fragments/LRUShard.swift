/// One shard of `FragmentCache`: a least-recently-used map bounded by entry count and by bytes.
/// Not thread-safe on its own; the cache keeps each shard behind its own lock.
///
/// Entries live in arrays linked by index (a doubly linked list without per-node allocations):
/// `head` is the most recently used, `tail` the next to evict. Removed slots are emptied and reused.
struct LRUShard<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Node: Sendable {
        // Optional so a freed slot holds on to nothing: the byte bound is about real memory.
        var key: Key?
        var value: Value?
        var cost: Int
        var previous: Int
        var next: Int
    }

    let maxEntries: Int
    let maxBytes: Int
    private var index: [Key: Int] = [:]
    private var nodes: [Node] = []
    private var free: [Int] = []
    private var head = -1
    private var tail = -1
    /// Entries held now.
    private(set) var count = 0
    /// Sum of the costs of the entries held now.
    private(set) var bytes = 0
    /// Entries dropped to stay within the bounds.
    private(set) var evictions = 0

    init(maxEntries: Int, maxBytes: Int) {
        self.maxEntries = max(0, maxEntries)
        self.maxBytes = max(0, maxBytes)
    }

    /// The value for `key`, which becomes the most recently used.
    mutating func value(for key: Key) -> Value? {
        guard let slot = index[key] else { return nil }
        moveToFront(slot)
        return nodes[slot].value
    }

    /// Stores `value` (replacing any value for `key`) and evicts the least recently used entries
    /// until both bounds hold. A value costing more than the whole shard is not stored.
    mutating func insert(_ value: Value, for key: Key, cost: Int) {
        if let slot = index[key] { remove(slot) }
        guard cost <= maxBytes, maxEntries > 0 else { return }
        while count >= maxEntries || bytes > maxBytes - cost, tail >= 0 {
            remove(tail)
            evictions += 1
        }
        let node = Node(key: key, value: value, cost: cost, previous: -1, next: head)
        let slot: Int
        if let reused = free.popLast() {
            nodes[reused] = node
            slot = reused
        } else {
            nodes.append(node)
            slot = nodes.count - 1
        }
        if head >= 0 { nodes[head].previous = slot }
        head = slot
        if tail < 0 { tail = slot }
        index[key] = slot
        count += 1
        bytes += cost
    }

    private mutating func moveToFront(_ slot: Int) {
        guard slot != head else { return }
        unlink(slot)
        nodes[slot].previous = -1
        nodes[slot].next = head
        if head >= 0 { nodes[head].previous = slot }
        head = slot
        if tail < 0 { tail = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let previous = nodes[slot].previous
        let next = nodes[slot].next
        if previous >= 0 { nodes[previous].next = next } else { head = next }
        if next >= 0 { nodes[next].previous = previous } else { tail = previous }
    }

    private mutating func remove(_ slot: Int) {
        unlink(slot)
        if let key = nodes[slot].key { index[key] = nil }
        count -= 1
        bytes -= nodes[slot].cost
        nodes[slot].key = nil
        nodes[slot].value = nil
        nodes[slot].cost = 0
        free.append(slot)
    }
}
