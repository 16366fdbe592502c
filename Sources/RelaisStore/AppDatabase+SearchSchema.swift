import GRDB

/// The schema of migration `v7-search`: the full-text index of the public content, kept in sync by
/// triggers, the theme of a fact sheet, and the content generation the page cache keys on.
///
/// Like every migration it is SQL and strings only (the labels below are copies, not the app's
/// enums), so it replays identically whatever the code becomes. Once shipped, it is never edited: a
/// change to what is indexed is a new migration that drops and recreates the triggers.
extension AppDatabase {
    static func createSearchSchema(_ db: Database) throws {
        // The theme under which `/vademecum` lists a sheet inside its axis.
        try db.alter(table: "factSheet") { t in t.add(column: "theme", .text).notNull().defaults(to: "") }
        try db.alter(table: "factSheetVersion") { t in t.add(column: "theme", .text).notNull().defaults(to: "") }

        // One row per findable thing. `rowid` is the source id times 4 plus the kind's number, so a
        // trigger finds the row to replace by rowid (a lookup, not a scan of the UNINDEXED columns).
        // Accents and case are folded by the tokenizer; prefix indexes of 2 and 3 characters make
        // the "word start" queries the search page sends cheap.
        try db.execute(sql: """
            CREATE VIRTUAL TABLE searchEntry USING fts5(
                kind UNINDEXED, ref UNINDEXED, title, summary, body,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
            )
            """)
        for source in SearchSource.all {
            try db.execute(sql: source.triggers)
            try db.execute(sql: source.insert(where: "1"))
        }

        // Bumped by every change to a table the public pages show: the page cache compares it (with
        // the day) to decide whether a stored page is still right. Triggers rather than bumps in
        // Swift, so `relais seed` run beside a live server, or any future write path, is seen too.
        try db.execute(sql: """
            CREATE TABLE contentGeneration (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
            INSERT INTO contentGeneration (id, value) VALUES (1, 0);
            """)
        for table in contentTables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_generation_\(event.lowercased()) AFTER \(event) ON \(table)
                    BEGIN UPDATE contentGeneration SET value = value + 1; END
                    """)
            }
        }
    }

    /// Tables whose rows appear on pages that do not depend on the visitor. A later migration adding
    /// such a table adds the same three triggers.
    static let contentTables = [
        "region", "departement", "collectivite",
        "factSheet", "factSheetLink",
        "situation", "situationStep", "situationStepFactSheet", "situationStepPartnerKind",
        "correspondent", "correspondentDepartement", "correspondentAxis",
        "partner", "partnerRegion", "partnerAxis",
        "network", "networkAxis", "atelier",
    ]
}

/// One kind of search entry: how to build its rows from the source tables, and the triggers that
/// rebuild an entry whenever one of those tables changes.
private struct SearchSource {
    /// Stored in the `kind` column; the search page groups by it.
    let kind: String
    /// The rowid of an entry is `id * 4 + number`.
    let number: Int
    /// The source table and its alias in `select`.
    let table: String
    let alias: String
    /// `SELECT`s `(rowid, kind, ref, title, summary, body)` from `table` aliased `alias`; only rows
    /// readers may see (published, not archived, active).
    let select: String
    let visible: String
    /// Child tables whose rows change the entry of `parentColumn`'s row.
    let children: [(table: String, parentColumn: String)]

    func insert(where condition: String) -> String {
        """
        INSERT INTO searchEntry (rowid, kind, ref, title, summary, body)
        \(select) WHERE (\(visible)) AND (\(condition));
        """
    }

    /// Rebuilds the entry of source row `id` (an SQL expression).
    func rebuild(_ id: String) -> String {
        """
        DELETE FROM searchEntry WHERE rowid = (\(id)) * 4 + \(number);
        \(insert(where: "\(alias).id = \(id)"))
        """
    }

    var triggers: String {
        var sql = """
            CREATE TRIGGER \(table)_search_insert AFTER INSERT ON \(table) BEGIN \(rebuild("NEW.id")) END;
            CREATE TRIGGER \(table)_search_update AFTER UPDATE ON \(table) BEGIN
                DELETE FROM searchEntry WHERE rowid = OLD.id * 4 + \(number);
                \(rebuild("NEW.id"))
            END;
            CREATE TRIGGER \(table)_search_delete AFTER DELETE ON \(table) BEGIN
                DELETE FROM searchEntry WHERE rowid = OLD.id * 4 + \(number);
            END;

            """
        for child in children {
            sql += """
                CREATE TRIGGER \(child.table)_search_insert AFTER INSERT ON \(child.table) BEGIN \(rebuild("NEW.\(child.parentColumn)")) END;
                CREATE TRIGGER \(child.table)_search_update AFTER UPDATE ON \(child.table) BEGIN
                    \(rebuild("OLD.\(child.parentColumn)"))
                    \(rebuild("NEW.\(child.parentColumn)"))
                END;
                CREATE TRIGGER \(child.table)_search_delete AFTER DELETE ON \(child.table) BEGIN \(rebuild("OLD.\(child.parentColumn)")) END;

                """
        }
        return sql
    }

    static let axisLabel = """
        CASE axis WHEN 'solidarite' THEN 'Solidarités professionnelles' WHEN 'juridique' THEN 'Conseil juridique et contentieux'
        WHEN 'trajectoires' THEN 'Trajectoires professionnelles' WHEN 'reseaux' THEN 'Réseaux' ELSE '' END
        """

    static let all = [
        // Published fact sheets: the Markdown's emphasis and heading marks are dropped so excerpts
        // read as text; tags, theme and legal references are findable too.
        SearchSource(
            kind: "fiche", number: 0, table: "factSheet", alias: "f",
            select: """
                SELECT f.id * 4 + 0, 'fiche', f.slug, f.title, f.summary,
                       replace(replace(replace(replace(replace(f.bodyMarkdown, '**', ''), '*', ''), '#', ''), '`', ''), char(10) || '- ', char(10))
                       || char(10) || f.theme || char(10) || replace(f.tags, char(10), ' · ')
                       || char(10) || replace(f.legalReferences, char(10), ' · ')
                FROM factSheet f
                """,
            visible: "f.status = 'publiee'",
            children: []
        ),
        SearchSource(
            kind: "situation", number: 1, table: "situation", alias: "s",
            select: """
                SELECT s.id * 4 + 1, 'situation', s.slug, s.title, s.summary,
                       coalesce((SELECT group_concat(st.title || ' : ' || st.body, char(10))
                                 FROM (SELECT * FROM situationStep WHERE situationId = s.id ORDER BY position) st), '')
                FROM situation s
                """,
            visible: "1",
            children: [("situationStep", "situationId")]
        ),
        // Partners: what they offer, never their contact person, address or phone.
        SearchSource(
            kind: "partenaire", number: 2, table: "partner", alias: "p",
            select: """
                SELECT p.id * 4 + 2, 'partenaire', p.key, p.name, p.description,
                       CASE p.kind WHEN 'coach' THEN 'Coach' WHEN 'recrutement' THEN 'Cabinet de recrutement'
                       WHEN 'outplacement' THEN 'Outplacement' WHEN 'avocat' THEN 'Avocat en droit public'
                       WHEN 'psychologue' THEN 'Psychologue du travail' WHEN 'formation' THEN 'Organisme de formation'
                       WHEN 'association_elus' THEN 'Association d’élus' WHEN 'reseau_professionnel' THEN 'Réseau professionnel'
                       ELSE '' END
                       || char(10) || p.offer
                       || char(10) || coalesce((SELECT group_concat(\(axisLabel), ' · ') FROM partnerAxis WHERE partnerId = p.id), '')
                       || char(10) || CASE WHEN p.national THEN 'National' ELSE coalesce((SELECT group_concat(r.name, ' · ')
                          FROM partnerRegion pr JOIN region r ON r.code = pr.regionCode WHERE pr.partnerId = p.id), '') END
                FROM partner p
                """,
            visible: "NOT p.archived",
            children: [("partnerAxis", "partnerId"), ("partnerRegion", "partnerId")]
        ),
        // Correspondents as directors see them: first name, position, presentation, axes and the
        // départements they cover. Never their last name, address or phone.
        SearchSource(
            kind: "correspondant", number: 3, table: "correspondent", alias: "c",
            select: """
                SELECT c.id * 4 + 3, 'correspondant', c.mainDepartementCode, c.firstName || ' — ' || c.position, c.presentation,
                       coalesce((SELECT group_concat(\(axisLabel), ' · ') FROM correspondentAxis WHERE correspondentId = c.id), '')
                       || char(10) || coalesce((SELECT group_concat(d.name || ' (' || d.code || ')', ' · ')
                          FROM correspondentDepartement cd JOIN departement d ON d.code = cd.departementCode
                          WHERE cd.correspondentId = c.id), '')
                FROM correspondent c
                """,
            visible: "c.active",
            children: [("correspondentAxis", "correspondentId"), ("correspondentDepartement", "correspondentId")]
        ),
    ]
}
