import Testing

/// The test parser itself refuses what Prometheus would, so the `/metrics` tests can fail.
@Suite struct PrometheusTextTests {
    @Test func readsCountersGaugesAndHistograms() throws {
        let text = try PrometheusText(
            """
            # HELP a_total Things.
            # TYPE a_total counter
            a_total{x="1",y="q\\"uote\\\\ and \\n"} 3
            # TYPE g gauge
            g 1.5e3
            # TYPE h histogram
            h_bucket{le="0.5"} 1
            h_bucket{le="+Inf"} 2
            h_sum 0.9
            h_count 2

            """)
        #expect(text.value("a_total", ["x": "1", "y": "q\"uote\\ and \n"]) == 3)
        #expect(text.value("g", [:]) == 1500)
        #expect(text.value("h_count", [:]) == 2)
    }

    @Test(arguments: [
        "a 1\n",  // no TYPE before the sample
        "# TYPE a counter\na{x=\"1\"\n",  // unterminated labels
        "# TYPE a counter\na{x=\"\\t\"} 1\n",  // unknown escape
        "# TYPE a counter\na{1x=\"1\"} 1\n",  // bad label name
        "# TYPE a counter\na{x=\"1\",x=\"2\"} 1\n",  // label twice
        "# TYPE a counter\na one\n",  // bad value
        "# TYPE a counter\n# TYPE b gauge\na 1\n",  // sample outside its block
        "# TYPE a counter\na 1\n# TYPE a counter\n",  // second TYPE
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n",  // not cumulative
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n",  // no +Inf
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n",  // count differs
    ])
    func refusesMalformedText(_ text: String) {
        #expect(throws: PrometheusText.FormatError.self) { try PrometheusText(text) }
    }
}
