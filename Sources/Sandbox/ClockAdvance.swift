/// `POST /_sandbox/clock` body.
struct ClockAdvance: Codable { var advance: Double }
