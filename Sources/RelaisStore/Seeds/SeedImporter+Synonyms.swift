import GRDB
import RelaisCore

extension ImportContext {
    /// `recherche/synonymes.csv`: the starting list of the search's synonyms. A pair already in the
    /// database is left as it is, and so is one staff removed (its row stays, marked removed): the
    /// file only ever adds pairs the association has not seen yet.
    mutating func importSynonyms(_ file: SeedFiles.File) throws {
        let table: CSVTable
        do {
            table = try CSVTable(text: file.text, file: file.name, requiredColumns: ["term", "expansion"])
        } catch { errors.append(error); return }
        var counts = SeedReport.Counts()
        for row in table.rows {
            let term = row["term"], expansion = row["expansion"]
            if let problem = SearchSynonym.problems(term: term, expansion: expansion).first {
                fail(file.name, row.line, "« \(problem.field == .term ? term : expansion) » : \(problem.message)")
                continue
            }
            try db.execute(sql: """
                INSERT INTO searchSynonym (term, termKey, expansion, expansionKey, createdAt, createdBy)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (termKey, expansionKey) DO NOTHING
                """, arguments: [term, SearchSynonym.termKey(term), expansion, SearchSynonym.expansionKey(expansion), now, SeedImporter.author])
            if db.changesCount > 0 { counts.inserted += 1 } else { counts.unchanged += 1 }
        }
        record("synonymes", counts)
    }
}
