/// X v2 wraps results in `{"data": …}` (twitter.md §4, §5).
struct TwitterEnvelope<Value: Decodable>: Decodable {
    var data: Value
}
