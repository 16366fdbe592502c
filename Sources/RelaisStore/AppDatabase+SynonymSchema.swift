import GRDB

/// The schema of migration `journeys-search-synonyms`: the synonyms staff curate for the search,
/// and the départements' directory pages in the search index.
///
/// Like every migration it is SQL and strings only, and once shipped it is never edited.
extension AppDatabase {
    static func createSynonymSchema(_ db: Database) throws {
        // One row per (term, expansion) pair. The keys are the folded words (`SearchSynonym`), so
        // « Burn-out » and « burn out » are one term. A pair staff remove keeps its row with
        // `removedAt` set: `relais seed` then knows not to bring a seeded pair back.
        try db.execute(sql: """
            CREATE TABLE searchSynonym (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                term TEXT NOT NULL,
                termKey TEXT NOT NULL,
                expansion TEXT NOT NULL,
                expansionKey TEXT NOT NULL,
                createdAt DATETIME NOT NULL,
                createdBy TEXT NOT NULL,
                removedAt DATETIME,
                UNIQUE (termKey, expansionKey)
            )
            """)

        // Each département's directory page is a search entry, found by its name, its number and its
        // région. Its rowid is minus the département's number (2A: 201, 2B: 202), below every rowid
        // of the other kinds (source id × 4 + kind, never negative); codes are those of
        // `departements.csv`, all numbers but the two of Corsica.
        try db.execute(sql: """
            CREATE TRIGGER departement_search_insert AFTER INSERT ON departement BEGIN
                \(departementEntry(where: "d.code = NEW.code"))
            END;
            CREATE TRIGGER departement_search_update AFTER UPDATE ON departement BEGIN
                DELETE FROM searchEntry WHERE rowid = \(departementRowid("OLD.code"));
                \(departementEntry(where: "d.code = NEW.code"))
            END;
            CREATE TRIGGER departement_search_delete AFTER DELETE ON departement BEGIN
                DELETE FROM searchEntry WHERE rowid = \(departementRowid("OLD.code"));
            END;
            CREATE TRIGGER region_search_update AFTER UPDATE ON region BEGIN
                DELETE FROM searchEntry WHERE rowid IN (SELECT \(departementRowid("code")) FROM departement WHERE regionCode = OLD.code);
                \(departementEntry(where: "d.regionCode = NEW.code"))
            END;
            """)
        try db.execute(sql: departementEntry(where: "1"))
    }

    private static func departementRowid(_ code: String) -> String {
        "-(CASE \(code) WHEN '2A' THEN 201 WHEN '2B' THEN 202 ELSE CAST(\(code) AS INTEGER) END)"
    }

    /// Inserts the entries of the départements matching `condition` (`d` is the département, `r`
    /// its région): « Gironde (33) », the région in the summary; names with typographic apostrophes.
    private static func departementEntry(where condition: String) -> String {
        """
        INSERT INTO searchEntry (rowid, kind, ref, title, summary, body)
        SELECT \(departementRowid("d.code")), 'departement', d.code,
               replace(d.name, '''', '’') || ' (' || d.code || ')',
               'Annuaire des correspondants · région ' || replace(r.name, '''', '’'),
               'Département ' || d.code
        FROM departement d JOIN region r ON r.code = d.regionCode
        WHERE \(condition);
        """
    }
}
