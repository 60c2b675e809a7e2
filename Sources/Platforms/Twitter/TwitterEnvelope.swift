/// X v2 wraps results in `{"data": …}` (docs/platforms/twitter.md, "Identity" and "Posting").
struct TwitterEnvelope<Value: Decodable>: Decodable {
    var data: Value
}
