import Testing

@testable import Platforms

/// Languages as pages declare them, written as BCP 47 tags or dropped.
@Suite struct LanguageTagTests {
    @Test(arguments: [
        ("en_GB", "en-GB"), ("en-gb", "en-GB"), ("JA", "ja"), ("zh-hant-tw", "zh-Hant-TW"), ("pt_BR", "pt-BR"), (" de ", "de"),
        ("es-419", "es-419"), ("ast", "ast"),
    ])
    func declaredLanguagesBecomeTags(declared: String, tag: String) {
        #expect(LanguageTag.normalize(declared) == tag)
    }

    @Test(arguments: ["", "e", "english", "en GB", "en--GB", "en-", "<script>", "en-GB-" + String(repeating: "x", count: 40), "日本語", "12"])
    func anythingElseIsDropped(declared: String) {
        #expect(LanguageTag.normalize(declared) == nil)
    }
}
