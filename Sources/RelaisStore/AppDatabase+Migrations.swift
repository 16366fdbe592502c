import GRDB

extension AppDatabase {
    /// The schema's history. It only grows: a migration that has shipped is never edited, and
    /// migrations use SQL and strings, never the app's record types, so they replay identically.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-territory") { db in
            try db.create(table: "region") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
            }
            try db.create(table: "departement") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("regionCode", .text).notNull().indexed().references("region", onDelete: .restrict)
            }
            try db.create(table: "collectivite") { t in
                t.primaryKey("code", .text)
                t.column("kind", .text).notNull()
                t.column("name", .text).notNull()
                // Lower-case, accent-free name for searches typed by people.
                t.column("searchName", .text).notNull().indexed()
                t.column("departementCode", .text).notNull().indexed().references("departement", onDelete: .restrict)
                t.column("population", .integer)
            }
        }

        migrator.registerMigration("v2-vademecum") { db in
            try db.create(table: "factSheet") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("axis", .text).notNull().indexed()
                t.column("tags", .text).notNull().defaults(to: "")
                t.column("legalReferences", .text).notNull().defaults(to: "")
                t.column("bodyMarkdown", .text).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("needsCheck", .boolean).notNull().defaults(to: false)
                t.column("lastReviewed", .text)
                t.column("nextReview", .text)
                t.column("currentVersion", .integer).notNull().defaults(to: 1)
                t.column("updatedAt", .datetime).notNull()
                t.column("seedHash", .text)
            }
            // Every saved state of a sheet, never updated nor deleted.
            try db.create(table: "factSheetVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("factSheetId", .integer).notNull().references("factSheet", onDelete: .cascade)
                t.column("version", .integer).notNull()
                t.column("title", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("axis", .text).notNull()
                t.column("tags", .text).notNull()
                t.column("legalReferences", .text).notNull()
                t.column("bodyMarkdown", .text).notNull()
                t.column("status", .text).notNull()
                t.column("author", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["factSheetId", "version"])
            }
            try db.create(table: "factSheetLink") { t in
                t.column("factSheetId", .integer).notNull().references("factSheet", onDelete: .cascade)
                t.column("relatedId", .integer).notNull().references("factSheet", onDelete: .cascade)
                t.primaryKey(["factSheetId", "relatedId"])
            }
            try db.execute(sql: """
                CREATE TRIGGER factSheetVersion_immutable_update BEFORE UPDATE ON factSheetVersion
                BEGIN SELECT RAISE(ABORT, 'fact sheet versions are immutable'); END;
                """)
        }

        migrator.registerMigration("v3-parcours") { db in
            try db.create(table: "situation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("urgency", .text).notNull()
                t.column("endOfFunctions", .boolean).notNull().defaults(to: false)
                t.column("position", .integer).notNull()
                t.column("seedHash", .text)
            }
            try db.create(table: "situationStep") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("situationId", .integer).notNull().indexed().references("situation", onDelete: .cascade)
                t.column("axis", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("title", .text).notNull()
                t.column("body", .text).notNull()
                t.uniqueKey(["situationId", "position"])
            }
            try db.create(table: "situationStepFactSheet") { t in
                t.column("stepId", .integer).notNull().references("situationStep", onDelete: .cascade)
                t.column("factSheetId", .integer).notNull().indexed().references("factSheet", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.primaryKey(["stepId", "factSheetId"])
            }
            try db.create(table: "situationStepPartnerKind") { t in
                t.column("stepId", .integer).notNull().references("situationStep", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.primaryKey(["stepId", "kind"])
            }
        }

        migrator.registerMigration("v4-network") { db in
            try db.create(table: "correspondent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("firstName", .text).notNull()
                t.column("lastName", .text).notNull()
                t.column("email", .text).notNull()
                t.column("position", .text).notNull()
                t.column("mainDepartementCode", .text).notNull().indexed().references("departement", onDelete: .restrict)
                t.column("capacity", .integer).notNull()
                t.column("absentUntil", .text)
                t.column("presentation", .text).notNull()
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("seedHash", .text)
            }
            // The départements a correspondent covers, the main one included.
            try db.create(table: "correspondentDepartement") { t in
                t.column("correspondentId", .integer).notNull().references("correspondent", onDelete: .cascade)
                t.column("departementCode", .text).notNull().indexed().references("departement", onDelete: .restrict)
                t.primaryKey(["correspondentId", "departementCode"])
            }
            try db.create(table: "correspondentAxis") { t in
                t.column("correspondentId", .integer).notNull().references("correspondent", onDelete: .cascade)
                t.column("axis", .text).notNull()
                t.primaryKey(["correspondentId", "axis"])
            }

            try db.create(table: "partner") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull().indexed()
                t.column("national", .boolean).notNull()
                t.column("contactName", .text).notNull().defaults(to: "")
                t.column("email", .text).notNull().defaults(to: "")
                t.column("phone", .text).notNull().defaults(to: "")
                t.column("website", .text).notNull().defaults(to: "")
                t.column("offer", .text).notNull().defaults(to: "")
                t.column("description", .text).notNull().defaults(to: "")
                t.column("archived", .boolean).notNull().defaults(to: false)
                t.column("seedHash", .text)
            }
            try db.create(table: "partnerRegion") { t in
                t.column("partnerId", .integer).notNull().references("partner", onDelete: .cascade)
                t.column("regionCode", .text).notNull().indexed().references("region", onDelete: .restrict)
                t.primaryKey(["partnerId", "regionCode"])
            }
            try db.create(table: "partnerAxis") { t in
                t.column("partnerId", .integer).notNull().references("partner", onDelete: .cascade)
                t.column("axis", .text).notNull()
                t.primaryKey(["partnerId", "axis"])
            }

            try db.create(table: "network") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("slug", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("acronym", .text).notNull().defaults(to: "")
                t.column("kind", .text).notNull()
                t.column("website", .text).notNull().defaults(to: "")
                t.column("description", .text).notNull()
                t.column("role", .text).notNull().defaults(to: "")
                t.column("archived", .boolean).notNull().defaults(to: false)
                t.column("seedHash", .text)
            }
            try db.create(table: "networkAxis") { t in
                t.column("networkId", .integer).notNull().references("network", onDelete: .cascade)
                t.column("axis", .text).notNull()
                t.primaryKey(["networkId", "axis"])
            }

            try db.create(table: "atelier") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("axis", .text).notNull().indexed()
                // Paris local time, as typed: "2026-12-03T14:00".
                t.column("startsAt", .text).notNull().indexed()
                t.column("endsAt", .text).notNull()
                t.column("place", .text).notNull().defaults(to: "")
                t.column("online", .boolean).notNull()
                t.column("regionCode", .text).references("region", onDelete: .restrict)
                t.column("networkId", .integer).references("network", onDelete: .setNull)
                t.column("description", .text).notNull()
                t.column("archived", .boolean).notNull().defaults(to: false)
                t.column("seedHash", .text)
            }
        }

        migrator.registerMigration("v5-outbox") { db in
            // Mail waiting to be sent, written in the same transaction as the change that causes it.
            try db.create(table: "outboxMessage") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("messageId", .text).notNull().unique()
                t.column("kind", .text).notNull()
                t.column("sender", .text).notNull()
                t.column("recipient", .text).notNull()
                // Neutral by construction (no case content); shown to staff.
                t.column("subject", .text).notNull()
                // The message exactly as it goes on the wire, built once so retries send the same bytes.
                t.column("raw", .text).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("giveUpAt", .datetime).notNull()
                t.column("leaseOwner", .text)
                t.column("leaseUntil", .datetime)
                t.column("lastError", .text)
                t.column("lastCurlCode", .integer)
                t.column("lastSMTPCode", .integer)
                t.column("createdAt", .datetime).notNull()
                t.column("deliveredAt", .datetime)
            }
            try db.create(index: "outboxMessage_due", on: "outboxMessage", columns: ["status", "nextAttemptAt"])
            try db.create(table: "outboxAttempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("outboxMessageId", .integer).notNull().indexed().references("outboxMessage", onDelete: .cascade)
                t.column("worker", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("finishedAt", .datetime).notNull()
                t.column("outcome", .text).notNull()
                t.column("curlCode", .integer).notNull()
                t.column("smtpCode", .integer).notNull()
                t.column("detail", .text).notNull()
            }
        }

        migrator.registerMigration("v6-accounts") { db in
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("email", .text).notNull().unique().collate(.nocase)
                t.column("name", .text).notNull()
                t.column("role", .text).notNull()
                t.column("position", .text)
                // A seeded employer, or a name typed by the person when theirs is not listed.
                t.column("employerCode", .text).references("collectivite", onDelete: .setNull)
                t.column("employerName", .text).notNull().defaults(to: "")
                t.column("departementCode", .text).references("departement", onDelete: .setNull)
                t.column("notificationEmail", .text).notNull()
                t.column("phone", .text).notNull().defaults(to: "")
                // Null until the person chose one (invited and not yet arrived).
                t.column("passwordHash", .text)
                t.column("emailConfirmedAt", .datetime)
                t.column("correspondentId", .integer).references("correspondent", onDelete: .setNull)
                t.column("demo", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            // The browser's cookie holds a secret; the table holds its SHA-256 only.
            try db.create(table: "session") { t in
                t.primaryKey("idHash", .text)
                t.column("userId", .integer).indexed().references("user", onDelete: .cascade)
                t.column("csrfToken", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
            }
            // One-time links: address confirmation, password reset, invitation.
            try db.create(table: "userToken") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
                t.column("purpose", .text).notNull()
                t.column("tokenHash", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("usedAt", .datetime)
            }
            try db.create(table: "authFailure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("email", .text).notNull().indexed()
                t.column("address", .text).notNull().indexed()
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "auditEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull().indexed()
                t.column("actorUserId", .integer)
                t.column("actorEmail", .text).notNull().defaults(to: "")
                t.column("action", .text).notNull().indexed()
                t.column("target", .text).notNull().defaults(to: "")
                t.column("address", .text).notNull().defaults(to: "")
                t.column("detail", .text).notNull().defaults(to: "")
            }
        }

        // Full-text search, the theme of a fact sheet and the content generation of the page cache.
        migrator.registerMigration("v7-search") { db in try createSearchSchema(db) }
        // Named v8 so the search index (v7-search) can land before it without renaming either.
        migrator.registerMigration("v8-cases") { db in
            try db.create(table: "caseFile") { t in
                t.autoIncrementedPrimaryKey("id")
                // Null until the case is opened (a case typed by a visitor waits for their address).
                t.column("year", .integer)
                t.column("sequence", .integer)
                t.column("reference", .text).unique()
                t.column("directorId", .integer).indexed().references("user", onDelete: .setNull)
                t.column("situationSlug", .text).notNull()
                t.column("departementCode", .text).notNull().indexed().references("departement", onDelete: .restrict)
                t.column("employerCode", .text).references("collectivite", onDelete: .setNull)
                t.column("employerName", .text).notNull().defaults(to: "")
                t.column("narrative", .text).notNull()
                t.column("urgency", .text).notNull()
                t.column("notificationEmail", .text).notNull()
                t.column("phone", .text).notNull().defaults(to: "")
                t.column("callTimes", .text).notNull().defaults(to: "")
                t.column("outsideDepartement", .boolean).notNull().defaults(to: false)
                t.column("status", .text).notNull().indexed()
                t.column("outcome", .text)
                t.column("assigneeId", .integer).indexed().references("correspondent", onDelete: .setNull)
                // The random token of the form that created it: a second submission finds this case.
                t.column("submissionToken", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("openedAt", .datetime)
                // When it entered its present wait for a correspondent (queue or assignment).
                t.column("assignedAt", .datetime)
                t.column("acceptedAt", .datetime)
                t.column("waitingSince", .datetime)
                t.column("reminderSentAt", .datetime)
                t.column("escalatedAt", .datetime)
                t.column("closedAt", .datetime)
                t.column("lastActivityAt", .datetime).notNull()
                t.column("anonymisedAt", .datetime)
                t.uniqueKey(["year", "sequence"])
            }
            try db.create(table: "caseAxis") { t in
                t.column("caseId", .integer).notNull().references("caseFile", onDelete: .cascade)
                t.column("axis", .text).notNull()
                t.primaryKey(["caseId", "axis"])
            }
            // The timeline: every transition, who, when, from, to, why.
            try db.create(table: "caseEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("caseId", .integer).notNull().indexed().references("caseFile", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("actorUserId", .integer).references("user", onDelete: .setNull)
                t.column("actorRole", .text).notNull()
                t.column("fromStatus", .text)
                t.column("toStatus", .text)
                t.column("correspondentId", .integer).indexed().references("correspondent", onDelete: .setNull)
                t.column("reason", .text).notNull().defaults(to: "")
            }
            try db.create(table: "caseMessage") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("caseId", .integer).notNull().indexed().references("caseFile", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("authorUserId", .integer).references("user", onDelete: .setNull)
                t.column("authorRole", .text).notNull()
                t.column("body", .text).notNull()
            }
            // Correspondents' and staff's notes, never shown to the director.
            try db.create(table: "caseNote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("caseId", .integer).notNull().indexed().references("caseFile", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.column("authorUserId", .integer).references("user", onDelete: .setNull)
                t.column("authorName", .text).notNull()
                t.column("body", .text).notNull()
            }
            try db.create(index: "auditEvent_target", on: "auditEvent", columns: ["target"])
        }

        // Indexes for a network of thousands and years of cases (bench/scale.sh): each serves a query
        // that otherwise read every case, event, message or user. The single-column indexes they
        // extend go, so a write maintains no more indexes than before for these columns.
        migrator.registerMigration("v9-scale-indexes") { db in
            // A correspondent's load (routing, staff lists) counts their active cases in the index.
            try db.execute(sql: "DROP INDEX caseFile_on_assigneeId")
            try db.create(index: "caseFile_assignee_status", on: "caseFile", columns: ["assigneeId", "status"])
            // By status, most recent activity first: supervision pages and the deadlines.
            try db.execute(sql: "DROP INDEX caseFile_on_status")
            try db.create(index: "caseFile_status_activity", on: "caseFile", columns: ["status", "lastActivityAt"])
            // Supervision without a status filter: open cases first, most recent activity first.
            try db.execute(sql: """
                CREATE INDEX caseFile_open_first ON caseFile((status = 'close'), lastActivityAt DESC)
                """)
            // Figures over a recent period.
            try db.create(index: "caseFile_opened", on: "caseFile", columns: ["openedAt"])
            // Drafts never confirmed, erased by the deadline service every minute.
            try db.execute(sql: "CREATE INDEX caseFile_unconfirmed ON caseFile(createdAt) WHERE openedAt IS NULL")
            // When a correspondent was last given a case (routing: the one idle longest).
            try db.execute(sql: "DROP INDEX caseEvent_on_correspondentId")
            try db.create(index: "caseEvent_correspondent_kind", on: "caseEvent", columns: ["correspondentId", "kind", "at"])
            // A person's own data (account page) and their messages when the account goes.
            try db.create(index: "caseMessage_author", on: "caseMessage", columns: ["authorUserId"])
            try db.create(index: "auditEvent_actor", on: "auditEvent", columns: ["actorUserId"])
            // The account of a correspondent: read by routing, by every mail to a correspondent, by the desk.
            try db.create(index: "user_correspondent", on: "user", columns: ["correspondentId"])
            // Accounts by role (dashboard) and the demo accounts removed at each start-up.
            try db.create(index: "user_role", on: "user", columns: ["role"])
            try db.execute(sql: "CREATE INDEX user_demo ON user(demo) WHERE demo = 1")
            // Sheets past their review date, checked every minute.
            try db.create(index: "factSheet_status_review", on: "factSheet", columns: ["status", "nextReview"])
            // The weekly review reminder looks for its last mail.
            try db.create(index: "outboxMessage_kind", on: "outboxMessage", columns: ["kind", "createdAt"])
        }

        migrator.registerMigration("v10-trust") { db in
            // A mail carrying a one-time link is stored with a placeholder in the link's place; the
            // secret is derived from it with the server key only into the bytes sent.
            try db.execute(sql: "ALTER TABLE outboxMessage ADD COLUMN secretSlot TEXT")
            // What a link confirms beyond its account: the new notification address of a change.
            try db.execute(sql: "ALTER TABLE userToken ADD COLUMN payload TEXT")
            // What a person sees of their sessions on /compte.
            try db.execute(sql: "ALTER TABLE session ADD COLUMN userAgent TEXT NOT NULL DEFAULT ''")
            try db.execute(sql: "ALTER TABLE session ADD COLUMN address TEXT NOT NULL DEFAULT ''")
            // Mails stored before this migration carry their link in clear: their text goes. Those
            // not yet sent are given up (people ask for a new link); those sent keep working.
            try db.execute(sql: """
                UPDATE outboxMessage SET raw = '',
                  status = CASE WHEN status = 'delivered' THEN status ELSE 'failed' END,
                  lastError = CASE WHEN status = 'delivered' THEN lastError ELSE 'lien retiré (mise à jour de sécurité)' END
                WHERE kind IN ('confirmation', 'reset', 'invitation')
                """)
        }
        // Two-factor sign-in (TOTP): the secret per account, single-use recovery codes, trusted
        // browsers and the half signed-in state between password and code. Prefixed `2fa-` so it
        // sorts apart from migrations added on other branches.
        migrator.registerMigration("2fa-second-factor") { db in try createSecondFactorSchema(db) }
        migrator.registerMigration("law-director-deadlines") { db in try createDirectorDeadlinesSchema(db) }
        // Issue 15: the search's synonyms curated by staff, and the départements in the index.
        migrator.registerMigration("journeys-search-synonyms") { db in try createSynonymSchema(db) }
        migrator.registerMigration("files-case-documents") { db in try createDocumentSchema(db) }
        migrator.registerMigration("experts-referrals") { db in try createReferralSchema(db) }
        // Issue 20: registering to ateliers (capacity, waiting list, access details, attendance).
        migrator.registerMigration("together-atelier-registrations") { db in try createAtelierRegistrationSchema(db) }
        // Issue 21: pairs (« pairs aidants »), their requests and their exchanges.
        migrator.registerMigration("pairs-peer-support") { db in try createPeerSupportSchema(db) }
        // Issue 21: « remontées », what members see blocking people, sent to staff.
        migrator.registerMigration("voice-observations") { db in try createObservationSchema(db) }
        // Issue 20: exchange groups, their members, meetings, roles, versioned notes, action items, digests.
        migrator.registerMigration("together-exchange-groups") { db in try createExchangeGroupSchema(db) }
        // Issue 21, items 2 and 3: closing feedback, and readers' feedback and reports on sheets.
        migrator.registerMigration("voice-feedback") { db in try createFeedbackSchema(db) }
        // Issue 21, item 4: a remontée linked to a group's work, once groups exist.
        migrator.registerMigration("voice-observation-groups") { db in try addObservationGroup(db) }
        // Issue 20, item 4: « fiches initiatives » written in a group, proposed to staff with consent.
        migrator.registerMigration("together-initiatives") { db in try createInitiativeSchema(db) }

        return migrator
    }
}
