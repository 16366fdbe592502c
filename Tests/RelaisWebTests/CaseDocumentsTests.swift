import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisFiles
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Files in a case's thread: what is accepted, what is refused (and the message kept), who may open
/// a file, encryption on disk, withdrawal and deletion.
@Suite("Cases: files in the thread", .serialized)
struct CaseDocumentsTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nUn courrier du maire, confidentiel.\n%%EOF\n".utf8)
        + [UInt8](repeating: 0x42, count: 70_000)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR une image".utf8)

    struct Setup {
        let world: CaseWorld
        let config: AppConfig
        let folder: URL
    }

    static func setup(maxFileBytes: Int = 100_000, maxCaseBytes: Int = 1_000_000) async throws -> Setup {
        let world = try await CaseWorld.make()
        var config = CaseWorld.config
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("relais-docs-\(UUID().uuidString)")
        config.filesPath = folder.path
        config.documentLimits = DocumentLimits(maxFileBytes: maxFileBytes, maxCaseBytes: maxCaseBytes, maxFilesPerMessage: 3)
        return Setup(world: world, config: config, folder: folder)
    }

    /// Every file on disk under the files folder (installed or staged).
    static func filesOnDisk(_ folder: URL) -> [URL] {
        (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true && $0.lastPathComponent != ".lock" }
    }

    static func documents(_ world: CaseWorld) async throws -> [CaseDocument] {
        try await world.database.reader.read { db in try CaseDocument.order(Column("id")).fetchAll(db) }
    }

    static func link(_ html: String, named name: String) -> String? {
        guard let range = html.range(of: "\">\(name)</a>") else { return nil }
        let before = html[..<range.lowerBound]
        guard let start = before.range(of: "href=\"", options: .backwards) else { return nil }
        return String(before[start.upperBound...])
    }

    @Test("a director sends two files; the correspondent opens one (same bytes, audited); another correspondent and a visitor get nothing")
    func sendAndOpen() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let page = try await director.get("/demandes/\(reference)")
            #expect(page.body.contains("enctype=\"multipart/form-data\""))
            #expect(page.body.contains("Pièces du dossier"))

            // MUT
            let sent = try await director.postMultipart("/demandes/\(reference)/message", [("message", "Voici la convocation et l’arrêté.")], files: [
                .init(filename: "C:\\Users\\moi\\Convocation entretien.pdf", bytes: Self.pdf, contentType: "application/pdf"),
                .init(filename: "arrêté.png", bytes: Self.png, contentType: "image/png"),
            ])

            // validate
            #expect(sent.status == .seeOther)
            let stored = try await Self.documents(world)
            #expect(stored.map(\.name) == ["Convocation entretien.pdf", "arrêté.png"])
            #expect(stored.map(\.kind) == [.pdf, .png])
            #expect(stored.map(\.size) == [Self.pdf.count, Self.png.count])
            // On disk: ciphertext under random names, nothing of the name or the content.
            let onDisk = Self.filesOnDisk(setup.folder)
            #expect(onDisk.count == 2)
            for url in onDisk {
                let bytes = try Data(contentsOf: url)
                #expect(bytes.range(of: Data("Un courrier du maire".utf8)) == nil)
                #expect(bytes.range(of: Data("IHDR".utf8)) == nil)
                #expect(!url.lastPathComponent.contains("Convocation"))
            }
            // The correspondent's mail says there is something new, and nothing of the files.
            let mail = try #require(try world.outbox(kind: "case-message").last)
            #expect(!mail.raw.contains("Convocation") && !mail.raw.contains("pdf"))

            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            let casePage = try await assignee.get("/demandes/\(reference)")
            #expect(casePage.body.contains("Convocation entretien.pdf"))
            #expect(casePage.body.contains("PDF, 70\u{00A0}ko"))
            let url = try #require(Self.link(casePage.body, named: "Convocation entretien.pdf"))
            let download = try await assignee.get(url)
            #expect(download.status == .ok)
            #expect(download.bytes == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.cacheControl] == "no-store")
            #expect(download.headers[.xContentTypeOptions] == "nosniff")
            #expect(download.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            #expect(download.headers[.contentDisposition]?.hasPrefix("inline; filename=\"Convocation entretien.pdf\"") == true)
            let history = try await world.database.caseAccessHistory(reference: reference)
            let read = history.filter { $0.action == AuditAction.caseDocumentRead.rawValue }
            #expect(read.count == 1)
            #expect(read.first?.actorEmail == world.correspondentEmail)
            #expect(read.first?.detail.contains("Convocation") == true)

            // The director opens their own file without an audit line.
            let before = try await world.database.caseAccessHistory(reference: reference).count
            #expect(try await director.get(url).bytes == Self.pdf)
            #expect(try await world.database.caseAccessHistory(reference: reference).count == before)

            let other = Browser(client)
            try await signIn(other, world.otherEmail, CaseWorld.password)
            #expect(try await other.get(url).status == .notFound)
            #expect(try await other.get("/demandes/\(reference)/pieces/999999").status == .notFound)
            let visitor = Browser(client)
            let anonymous = try await visitor.get(url)
            #expect(anonymous.status != .ok && anonymous.bytes != Self.pdf)
            // A file of this case under another case's reference is not found either.
            #expect(try await assignee.get(url.replacingOccurrences(of: reference, with: "R-2026-09999")).status == .notFound)
        }
    }

    @Test("each refused file is named beside the field, the message typed is kept, and nothing is stored", arguments: [
        ("vide.pdf", [UInt8](), "est vide"),
        ("gros.pdf", Array("%PDF-".utf8) + [UInt8](repeating: 1, count: 100_001), "dépasse 100\u{00A0}ko"),
        ("photo.pdf", CaseDocumentsTests.png, "porte le nom d’un fichier PDF"),
        ("programme.pdf", Array("MZ\u{90}\u{00}binaire".utf8) + [0, 1, 2], "porte le nom d’un fichier PDF"),
        ("setup.exe", Array("MZ".utf8) + [0, 1, 2], "n’est pas d’un type accepté"),
        ("page.html", Array("<script>alert(1)</script>".utf8), "n’est pas d’un type accepté"),
        ("latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x0A], "n’est pas un texte en UTF-8"),
        ("faux.docx", Array("PK\u{03}\u{04}pas une archive".utf8), "endommagé ou illisible"),
    ])
    func refusals(name: String, bytes: [UInt8], expected: String) async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            // MUT: a good file beside the bad one; neither is kept.
            let page = try await director.postMultipart("/demandes/\(reference)/message", [("message", "Mon message <b>important</b>")], files: [
                .init(filename: "bon.pdf", bytes: Self.pdf), .init(filename: name, bytes: bytes),
            ])
            // validate
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(expected))
            #expect(page.body.contains("Mon message &lt;b&gt;important&lt;/b&gt;"))
            #expect(page.body.contains("choisissez de nouveau les fichiers"))
            #expect(try await Self.documents(world).isEmpty)
            #expect(Self.filesOnDisk(setup.folder).isEmpty)
            let messages = try await world.database.reader.read { db in try CaseMessage.fetchCount(db) }
            #expect(messages == 0)
        }
    }

    @Test("a zip bomb named .docx, too many files, a full case: refused the same way")
    func containerAndCountLimits() async throws {
        let setup = try await Self.setup(maxFileBytes: 2_000_000, maxCaseBytes: 150_000)
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let bomb = try Self.pythonZip(entries: [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "repeat:300000000")])
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            let bombed = try await director.postMultipart("/demandes/\(reference)/message", [("message", "rapport")],
                                                          files: [.init(filename: "rapport.docx", bytes: bomb)])
            #expect(bombed.status == .unprocessableContent)
            #expect(bombed.body.contains("se décompresse en un volume démesuré"))

            let many = try await director.postMultipart("/demandes/\(reference)/message", [("message", "quatre fichiers")],
                                                        files: (1...4).map { .init(filename: "f\($0).txt", bytes: Array("texte \($0)".utf8)) })
            #expect(many.status == .unprocessableContent)
            #expect(many.body.contains("3 fichiers au plus par message"))
            #expect(many.body.contains("«\u{00A0}f4.txt\u{00A0}» n’a pas été joint"))

            // A message too long: its good file is not kept either, and the page says to choose it again.
            let long = try await director.postMultipart("/demandes/\(reference)/message", [("message", String(repeating: "a", count: 8001))],
                                                        files: [.init(filename: "bon.pdf", bytes: Self.pdf)])
            #expect(long.status == .unprocessableContent)
            #expect(long.body.contains("Le fichier choisi n’a pas été joint"))
            #expect(Self.filesOnDisk(setup.folder).isEmpty)

            // 140 kB fit; the next 70 kB do not (150 kB per case in this test).
            #expect(try await director.postMultipart("/demandes/\(reference)/message", [("message", "")],
                                                     files: [.init(filename: "a.pdf", bytes: Self.pdf), .init(filename: "b.pdf", bytes: Self.pdf)]).status == .seeOther)
            try await director.get("/demandes/\(reference)")
            let full = try await director.postMultipart("/demandes/\(reference)/message", [("message", "encore une")],
                                                        files: [.init(filename: "c.pdf", bytes: Self.pdf)])
            #expect(full.status == .unprocessableContent)
            #expect(full.body.contains("ne peut plus recevoir que 10\u{00A0}ko"))
            #expect(full.body.contains("encore une"))
            #expect(try await Self.documents(world).map(\.name) == ["a.pdf", "b.pdf"])
            #expect(Self.filesOnDisk(setup.folder).count == 2)
        }
    }

    @Test("no token first, or a wrong one: 403 and nothing written to disk")
    func forgedUploads() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            let late = try await director.postMultipart("/demandes/\(reference)/message", [("message", "x")],
                                                        files: [.init(filename: "a.pdf", bytes: Self.pdf)], tokenFirst: false)
            #expect(late.status == .forbidden)
            let wrong = try await director.postMultipart("/demandes/\(reference)/message", [("message", "x")],
                                                         files: [.init(filename: "a.pdf", bytes: Self.pdf)], csrf: "faux")
            #expect(wrong.status == .forbidden)
            // Another route never takes a multipart body.
            let elsewhere = try await director.postMultipart("/deconnexion", [], files: [])
            #expect(elsewhere.status == .badRequest)
            // Malformed multipart: 400, not a crash.
            let broken = try await director.postRaw("/demandes/\(reference)/message", body: Array("--x\r\nnimporte quoi".utf8),
                                                    contentType: "multipart/form-data; boundary=x")
            #expect(broken.status == .badRequest || broken.status == .forbidden)
            #expect(try await Self.documents(world).isEmpty)
            #expect(Self.filesOnDisk(setup.folder).isEmpty)
        }
    }

    @Test("a file changed on disk is reported and never served")
    func damagedFile() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            try await director.postMultipart("/demandes/\(reference)/message", [("message", "pièce")], files: [.init(filename: "a.pdf", bytes: Self.pdf)])
            let file = try #require(Self.filesOnDisk(setup.folder).first)
            var bytes = try Data(contentsOf: file)
            bytes[bytes.count / 2] ^= 0x20
            try bytes.write(to: file)
            let page = try await director.get("/demandes/\(reference)")
            let download = try await director.get(try #require(Self.link(page.body, named: "a.pdf")))
            #expect(download.status == .internalServerError)
            #expect(!download.body.contains("courrier du maire"))
            let audit = try await world.database.caseAccessHistory(reference: reference)
            #expect(audit.contains { $0.action == AuditAction.caseDocumentDamaged.rawValue })
        }
    }

    @Test("whoever added a file withdraws it (a line stays); the correspondent cannot withdraw the director's; a note's file stays with the note")
    func withdrawalAndNotes() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            try await director.postMultipart("/demandes/\(reference)/message", [("message", "")], files: [.init(filename: "lettre.pdf", bytes: Self.pdf)])

            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            try await assignee.get("/demandes/\(reference)")
            let noted = try await assignee.postMultipart("/demandes/\(reference)/note", [("note", "Mon analyse")],
                                                         files: [.init(filename: "analyse.txt", bytes: Array("Analyse privée du dossier".utf8))])
            #expect(noted.status == .seeOther)
            let documents = try await Self.documents(world)
            let letter = try #require(documents.first { $0.name == "lettre.pdf" }), analysis = try #require(documents.first { $0.name == "analyse.txt" })

            // The note's file: not on the director's page, 404 at its address.
            let directorPage = try await director.get("/demandes/\(reference)")
            #expect(!directorPage.body.contains("analyse.txt"))
            #expect(try await director.get("/demandes/\(reference)/pieces/\(analysis.id!)").status == .notFound)
            let assigneePage = try await assignee.get("/demandes/\(reference)")
            #expect(assigneePage.body.contains("analyse.txt"))
            #expect(try await assignee.get("/demandes/\(reference)/pieces/\(analysis.id!)").headers[.contentDisposition]?.hasPrefix("attachment") == true)

            // The correspondent may not withdraw the director's file.
            let refused = try await assignee.post("/demandes/\(reference)/pieces/\(letter.id!)/retrait", [])
            #expect(refused.status == .conflict)
            #expect(try await director.get("/demandes/\(reference)/pieces/\(letter.id!)").status == .ok)

            try await director.get("/demandes/\(reference)")
            let withdrawn = try await director.post("/demandes/\(reference)/pieces/\(letter.id!)/retrait", [])
            #expect(withdrawn.status == .seeOther)
            let after = try await director.get("/demandes/\(reference)")
            #expect(after.body.contains("lettre.pdf"))
            #expect(after.body.contains("Retirée le"))
            #expect(try await director.get("/demandes/\(reference)/pieces/\(letter.id!)").status == .notFound)
            #expect(Self.filesOnDisk(setup.folder).count == 1)
        }
    }

    @Test("deleting the director's account deletes the files of their cases")
    func accountDeletion() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            try await director.postMultipart("/demandes/\(reference)/message", [("message", "")], files: [.init(filename: "lettre.pdf", bytes: Self.pdf)])
            #expect(Self.filesOnDisk(setup.folder).count == 1)
            let user = try #require(try await world.database.user(email: world.directorEmail))
            let useCases = try await UseCases.make(config: setup.config, database: world.database)
            try await useCases.accounts.delete(user, address: "127.0.0.1")
            #expect(try await Self.documents(world).isEmpty)
            #expect(Self.filesOnDisk(setup.folder).isEmpty)
        }
    }

    @Test("the role matrix of the file routes: the case's people, staff, another correspondent, a visitor")
    func roleMatrix() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client), assignee = Browser(client), other = Browser(client), staff = Browser(client), visitor = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            try await signIn(other, world.otherEmail, CaseWorld.password)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            try await director.postMultipart("/demandes/\(reference)/message", [("message", "")], files: [.init(filename: "lettre.pdf", bytes: Self.pdf)])
            try await assignee.get("/demandes/\(reference)")
            try await assignee.postMultipart("/demandes/\(reference)/note", [("note", "")], files: [.init(filename: "note.pdf", bytes: Self.pdf)])
            let documents = try await Self.documents(world)
            let letter = try #require(documents.first { $0.name == "lettre.pdf" }?.id), note = try #require(documents.first { $0.name == "note.pdf" }?.id)
            let messageFile = "/demandes/\(reference)/pieces/\(letter)", noteFile = "/demandes/\(reference)/pieces/\(note)"

            // GET: who opens what.
            let reads: [(Browser, String, HTTPResponse.Status, HTTPResponse.Status)] = [
                (director, "director", .ok, .notFound), (assignee, "correspondent", .ok, .ok), (staff, "staff", .ok, .ok),
                (other, "another correspondent", .notFound, .notFound),
            ]
            for (browser, who, message, noteStatus) in reads {
                #expect(try await browser.get(messageFile).status == message, "message file for \(who)")
                #expect(try await browser.get(noteFile).status == noteStatus, "note file for \(who)")
            }
            #expect(try await visitor.get(messageFile).status == .seeOther)
            #expect(try await visitor.get(messageFile).location?.hasPrefix("/connexion") == true)

            // POST: another correspondent and a visitor reach nothing, and nothing is written.
            try await other.get("/correspondant")
            #expect(try await other.post("\(messageFile)/retrait", []).status == .notFound)
            #expect(try await other.postMultipart("/demandes/\(reference)/message", [("message", "intrus")],
                                                  files: [.init(filename: "x.pdf", bytes: Self.pdf)]).status == .notFound)
            #expect(try await other.postMultipart("/demandes/\(reference)/note", [("note", "intrus")],
                                                  files: [.init(filename: "x.pdf", bytes: Self.pdf)]).status == .notFound)
            try await director.get("/demandes/\(reference)")
            #expect(try await director.postMultipart("/demandes/\(reference)/note", [("note", "")],
                                                     files: [.init(filename: "x.pdf", bytes: Self.pdf)]).status == .notFound)
            #expect(try await director.post("\(noteFile)/retrait", []).status == .notFound)
            #expect(try await visitor.post("\(messageFile)/retrait", []).status != .seeOther)
            #expect(try await Self.documents(world).count == 2)
            #expect(Self.filesOnDisk(setup.folder).count == 2)
            // Staff may withdraw any file.
            try await staff.get("/demandes/\(reference)")
            #expect(try await staff.post("\(noteFile)/retrait", []).status == .seeOther)
            #expect(try await assignee.get(noteFile).status == .notFound)
        }
    }

    @Test("relais purge: an anonymised case's files leave the disk, and so does an old file no case names")
    func purge() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let reference = try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            try await director.postMultipart("/demandes/\(reference)/message", [("message", "")], files: [.init(filename: "lettre.pdf", bytes: Self.pdf)])
            try await director.get("/demandes/\(reference)")
            #expect(try await director.post("/demandes/\(reference)/action", [("action", "retirer"), ("confirme", "oui")]).status == .seeOther)
            return reference
        }
        #expect(try await world.caseFile(reference).status == .close)
        let files = try FilesSetup.resolve(config: setup.config, database: world.database)
        // A file left by a crash two hours ago, and one an upload is finishing now.
        let old = try files.vault.stage(), recent = try files.vault.stage()
        try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try old.write($0); try recent.write($0) }
        let oldSealed = try old.finish(), recentSealed = try recent.finish()
        try files.vault.install(oldSealed)
        try files.vault.install(recentSealed)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: files.vault.path(of: oldSealed.storageName).path)
        #expect(Self.filesOnDisk(setup.folder).count == 3)

        // MUT: a year from now, with a retention of a day.
        let later = Date().addingTimeInterval(365 * 86_400)
        let report = try Retention.purge(world.database, files: files.vault, before: later.addingTimeInterval(-86_400), now: Date(),
                                         sessionIdle: 3600, sessionAbsolute: 3600)

        // validate
        #expect(report.database.anonymisedCases == 1)
        #expect(report.database.documentsToDelete.count == 1)
        #expect(report.leftOverFiles == 1)
        #expect(try await Self.documents(world).isEmpty)
        #expect(Self.filesOnDisk(setup.folder).map(\.lastPathComponent) == [recentSealed.storageName])
    }

    @Test("a hostile file name is shown escaped and cleaned, never in a header as sent; « Mes données » lists the director's files")
    func hostileNamesAndExport() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            let hostile = "../../etc/<img src=x onerror=alert(1)>\u{202E}fdp.exe\u{0007}.pdf"
            #expect(try await director.postMultipart("/demandes/\(reference)/message", [("message", "")],
                                                     files: [.init(filename: hostile, bytes: Self.pdf)]).status == .seeOther)
            let stored = try #require(try await Self.documents(world).first)
            #expect(stored.name == "<img src=x onerror=alert(1)>fdp.exe.pdf")
            let page = try await director.get("/demandes/\(reference)")
            #expect(!page.body.contains("<img src=x"))
            #expect(page.body.contains("&lt;img src=x onerror=alert(1)&gt;fdp.exe.pdf"))
            let download = try await director.get("/demandes/\(reference)/pieces/\(stored.id!)")
            let disposition = try #require(download.headers[.contentDisposition])
            #expect(disposition.hasPrefix("inline; filename=\"<img src=x onerror=alert(1)>fdp.exe.pdf\"; filename*=UTF-8''%3Cimg"))
            #expect(!disposition.contains("\r") && !disposition.contains("\n"))

            let export = try await director.get("/mes-donnees/export.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.bytes)) as? [String: Any])
            let files = try #require(json["files"] as? [[String: Any]])
            #expect(files.count == 1)
            #expect(files.first?["caseReference"] as? String == reference)
            #expect((files.first?["url"] as? String)?.hasSuffix("/demandes/\(reference)/pieces/\(stored.id!)") == true)
            #expect(files.first?["addedByYou"] as? Bool == true)
        }
    }

    static func pythonZip(entries: [(String, String)]) throws -> [UInt8] {
        let script = """
            import sys, zipfile, io, json
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as z:
                for name, text in json.loads(sys.argv[1]):
                    z.writestr(name, b'0' * int(text.split(':')[1]) if text.startswith('repeat:') else text)
            sys.stdout.buffer.write(buffer.getvalue())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let json = String(decoding: try JSONSerialization.data(withJSONObject: entries.map { [$0.0, $0.1] }), as: UTF8.self)
        process.arguments = ["python3", "-c", script, json]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
