@testable import RelaisStore
import Testing

@Suite("CSV reading")
struct CSVTableTests {
    @Test("reads quoted cells with commas, doubled quotes and line breaks, and remembers each row's line")
    func quotedCells() throws {
        let text = "key,text\r\na,\"un, deux\"\nb,\"il dit \"\"bonjour\"\"\"\nc,\"sur\ndeux lignes\"\nd,fin\n"

        let table = try CSVTable(text: text, file: "t.csv", requiredColumns: ["key", "text"])

        #expect(table.rows.map { $0["text"] } == ["un, deux", "il dit \"bonjour\"", "sur\ndeux lignes", "fin"])
        #expect(table.rows.map(\.line) == [2, 3, 4, 6])
    }

    @Test("a row with too many cells is reported at its line")
    func wrongCellCount() {
        #expect(throws: SeedError(file: "t.csv", line: 3, message: "3 cellules au lieu de 2 (une virgule non protégée par des guillemets ?)")) {
            try CSVTable(text: "a,b\n1,2\n1,2,3\n", file: "t.csv", requiredColumns: [])
        }
    }

    @Test("a missing column and an unclosed quote are reported")
    func structuralErrors() {
        #expect(throws: SeedError.self) { try CSVTable(text: "a,b\n", file: "t.csv", requiredColumns: ["c"]) }
        #expect(throws: SeedError.self) { try CSVTable(text: "a,b\n1,\"2\n", file: "t.csv", requiredColumns: []) }
    }

    @Test("the stable hash does not depend on the process and separates parts")
    func stableHashes() {
        #expect(stableHash(["ab", "c"]) != stableHash(["a", "bc"]))
        #expect(stableHash(["Relais"]) == stableHash(["Relais"]))
        #expect(stableHash([]).count == 16)
    }
}
