@testable import RelaisCore
import Testing

@Suite("French typography of the calendar's lines")
struct FrenchTypographyTests {
    /// The rule as first written, over Characters: the byte-level version must give the same text.
    static func reference(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'": result.append("’")
            case " " where next == ":" || next == "»" || previous == "«" || previous == "°": result.append("\u{00A0}")
            case " " where next == ";" || next == "!" || next == "?": result.append("\u{202F}")
            default: result.append(character)
            }
        }
        return result
    }

    @Test("apostrophes, spaces before : ; ! ? and inside « », after n°, accents kept", arguments: [
        "L'arrêté de fin de fonctions : à notifier ; vite ! Pourquoi ?",
        "« Décharge de fonctions » prévue au n° 3 de l'article L. 1234-5",
        "", " ", "'", " :", ": ", "« ", " »", "° 12", "n° ", "Déjà vu l'été ; été'", "a  : b", "?!;: «»°'",
        "Recours : deux mois à compter de la notification (article R. 421-1 du code de justice administrative).",
    ])
    func sameAsCharacters(_ text: String) {
        #expect(FrenchTypography.apply(text) == Self.reference(text))
    }
}
