import Foundation
import Mustache
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Notices: the case mails' templates")
struct NoticeTemplateTests {
    static let reference = "R-2026-00042"

    /// Values like those the use cases pass, for every notice (each template reads the ones it needs).
    static func values(for kind: MailKind) -> [String: Any] {
        var values: [String: Any] = ["reference": reference, "firstName": "Camille", "reopenDays": CaseLifecycle.reopenWindowDays,
                                     "detail": "3 demandes ouvertes", "auditLabel": AuditAction.caseLimitReached.label, "title": "Le congé spécial",
                                     "when": "le jeudi 3\u{00A0}décembre 2026, de 18\u{00A0}h\u{00A0}30 à 20\u{00A0}h", "position": 2,
                                     "due": "15\u{00A0}décembre 2026", "groups": 2, "lines": ["2 réunion(s) planifiée(s)"]]
        switch kind {
        case .caseMessage: values["toDirector"] = true
        case .caseRerouted: values["unassigned"] = true
        case .reviewReminder:
            values["count"] = 2
            values["sheets"] = [["title": "Le congé spécial", "due": "1er janvier 2026"], ["title": "Le référé", "due": "3 mars 2026"]]
        default: break
        }
        return values
    }

    static func notifier(templates: String = TestPaths.templates) throws -> Notifier {
        let composer = try MailComposer(library: try TemplateLibrary.load(from: templates), from: try MailAddress(parsing: "Relais <relais@exemple.fr>"))
        return try Notifier(composer: composer, outbox: Outbox(), baseURL: "https://relais.example", links: TestApp.mailLinks)
    }

    @Test("the notices are every mail kind but the account mails and the bench's")
    func noticeKinds() {
        #expect(Set(Notifier.noticeKinds) == [
            .caseReceived, .casePending, .caseAssigned, .caseUnrouted, .caseAccepted, .caseWaiting, .caseClosed, .caseWithdrawn, .caseRerouted,
            .caseReassigned, .caseMessage, .caseLate, .caseReminder, .caseLimit, .deadlineReminder, .sheetReview, .reviewReminder,
            .referralProposed, .referralDecided, .referralRequest, .referralConflict, .referralAnswer, .referralMessage, .referralReminder,
            .referralLate, .referralEnded,
            .atelierRegistered, .atelierWaiting, .atelierPromoted, .atelierReminder, .atelierCancelled,
            .groupProposed, .groupDecision, .groupJoinRequest, .groupAdmission, .groupInvitation, .meetingPlanned, .actionAssigned, .groupDigest,
            .closingFeedback,
            .peerRequest, .peerAnswer, .peerMessage, .peerEnded, .observationReceived, .observationAnswered, .initiativeProposed,
        ])
    }

    /// The atelier mails: about an atelier, not a case.
    static let aboutAteliers: [MailKind] = [.atelierRegistered, .atelierWaiting, .atelierPromoted, .atelierReminder, .atelierCancelled]

    /// The exchange groups' mails: « votre équipe d’échanges » and a link, nothing of a case.
    static let aboutGroups: [MailKind] = [.groupProposed, .groupDecision, .groupJoinRequest, .groupAdmission, .groupInvitation, .meetingPlanned,
                                          .actionAssigned, .groupDigest]

    /// The mails of peer support: about an exchange between two members, never a case; they carry no
    /// value at all (`PeerService` passes none), so nothing of an exchange can reach them.
    static let aboutPeers: [MailKind] = [.peerRequest, .peerAnswer, .peerMessage, .peerEnded]

    /// « Remontées »: about an observation sent to staff, not a case; no value but `toDirector`.
    static let aboutObservations: [MailKind] = [.observationReceived, .observationAnswered, .initiativeProposed]

    /// The mails an expert receives: a link to their desk or to the request, nothing of the case.
    static let toExpert: Set<MailKind> = [.referralRequest, .referralMessage, .referralReminder]

    @Test("an expert's mails name no case, even when given its reference")
    func expertMails() throws {
        let notifier = try Self.notifier()
        for kind in Self.toExpert {
            let text = try #require(notifier.composer.render(named: Notifier.noticeTemplate(kind), model: Self.values(for: kind)))
            #expect(!text.contains(Self.reference), "\(kind.rawValue) names the case")
        }
        let ended = try #require(notifier.composer.render(named: Notifier.noticeTemplate(.referralEnded),
                                                          model: ["reference": Self.reference, "toExpert": true]))
        #expect(!ended.contains(Self.reference))
    }

    @Test("every notice renders a subject, a link label and at least one paragraph, with its values in place", arguments: Notifier.noticeKinds)
    func renders(kind: MailKind) throws {
        let notifier = try Self.notifier()
        let text = try #require(notifier.composer.render(named: Notifier.noticeTemplate(kind), model: Self.values(for: kind)))

        let notice = try Notifier.Notice(kind: kind, text: text)

        #expect(notice.subject.hasPrefix("Relais"))
        #expect(!notice.linkLabel.isEmpty)
        #expect(!notice.paragraphs.isEmpty)
        let all = ([notice.subject, notice.linkLabel] + notice.paragraphs).joined(separator: "\n")
        #expect(!all.contains("{{") && !all.contains("}}"), "a tag left unrendered")
        #expect(!all.contains("  ") && !all.contains(" ."), "a value missing in « \(all) »")
        // Staff lists about the association say so; every notice about a case keeps the confidentiality line.
        #expect(notice.confidential == !([.caseLimit, .sheetReview, .reviewReminder] + Self.aboutAteliers + Self.aboutGroups + Self.aboutObservations).contains(kind))
    }

    @Test("case notices that name a case carry its reference, and those to directors only a reference")
    func references() throws {
        let notifier = try Self.notifier()
        let withoutReference = Set<MailKind>([.casePending, .caseLimit, .deadlineReminder, .sheetReview, .reviewReminder])
            .union(Self.toExpert).union(Self.aboutAteliers).union(Self.aboutGroups).union(Self.aboutPeers).union(Self.aboutObservations)
        for kind in Notifier.noticeKinds where !withoutReference.contains(kind) {
            let text = try #require(notifier.composer.render(named: Notifier.noticeTemplate(kind), model: Self.values(for: kind)))
            #expect(try Notifier.Notice(kind: kind, text: text).paragraphs.joined().contains(Self.reference), "\(kind.rawValue) without its reference")
        }
    }

    @Test("a notice's alternatives render: to a director or a correspondent, with or without new hands, with more sheets than listed")
    func alternatives() throws {
        let notifier = try Self.notifier()
        func notice(_ kind: MailKind, _ values: [String: Any]) throws -> Notifier.Notice {
            try Notifier.Notice(kind: kind, text: try #require(notifier.composer.render(named: Notifier.noticeTemplate(kind), model: values)))
        }
        let toDirector = try notice(.caseMessage, ["reference": Self.reference, "toDirector": true])
        let toCorrespondent = try notice(.caseMessage, ["reference": Self.reference])
        #expect(toDirector.subject != toCorrespondent.subject && toDirector.linkLabel != toCorrespondent.linkLabel)
        let unassigned = try notice(.caseRerouted, ["reference": Self.reference, "unassigned": true])
        let newHands = try notice(.caseRerouted, ["reference": Self.reference, "unassigned": false])
        #expect(unassigned.paragraphs != newHands.paragraphs)
        let many = try notice(.reviewReminder, ["count": 32, "sheets": [["title": "Une fiche", "due": "1er janvier 2026"]], "more": 2])
        #expect(many.subject.contains("32"))
        #expect(many.paragraphs.contains { $0.contains("2 autre(s)") })
        let all = try notice(.reviewReminder, ["count": 1, "sheets": [["title": "Une fiche", "due": "1er janvier 2026"]]])
        #expect(!all.paragraphs.contains { $0.contains("autre(s)") })
        let received = try notice(.caseReceived, ["reference": Self.reference])
        #expect(received.paragraphs.contains { $0.contains("L’équipe de l’association cherche") }, "no first name: nobody was found yet")
    }

    @Test("notify queues the notice as a mail of its kind, with the link and its label, in the caller's transaction")
    func notifyQueues() async throws {
        let database = try TestDatabase.empty()
        let notifier = try Self.notifier()

        try await database.write { db in
            try notifier.notify(.caseAccepted, to: "directrice@exemple.fr", values: ["reference": Self.reference, "firstName": "Camille"],
                                link: .caseFile(Self.reference), date: TestClock.now, in: db)
        }

        let mail = try #require(try await database.outboxMessages().first)
        #expect(mail.kind == MailKind.caseAccepted.rawValue && mail.recipient == "directrice@exemple.fr")
        #expect(mail.decodedSubject == "Relais\u{00A0}: du nouveau dans votre espace")
        #expect(mail.text.contains("Camille a pris en charge votre demande \(Self.reference)"))
        #expect(mail.text.contains("Voir ma demande\u{00A0}:\r\nhttps://relais.example/demandes/\(Self.reference)")
            || mail.text.contains("Voir ma demande\u{00A0}:\nhttps://relais.example/demandes/\(Self.reference)"))
        #expect(mail.text.contains("Par confidentialité"))
        #expect(mail.html.contains(#"<a href="https://relais.example/demandes/\#(Self.reference)">Voir ma demande</a>"#))
    }

    @Test("a missing notice template stops Notifier.init, naming it")
    func missingTemplate() throws {
        let folder = try TestPaths.temporaryFolder().appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestPaths.templates), to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("mail/notices/case-late.mustache"))

        #expect {
            _ = try Self.notifier(templates: folder.path)
        } throws: { error in
            (error as? MailConfigurationError)?.description.contains("mail/notices/case-late.mustache") == true
        }
        // The real folder passes.
        #expect(throws: Never.self) { _ = try Self.notifier() }
    }

    @Test("a notice without its header or its « --- » line is refused")
    func malformedNotice() {
        #expect(throws: MailConfigurationError.self) { _ = try Notifier.Notice(kind: .caseLate, text: "sujet: Relais\nlien: Voir\nPas de séparation.") }
        #expect(throws: MailConfigurationError.self) { _ = try Notifier.Notice(kind: .caseLate, text: "lien: Voir\n---\nUn paragraphe.") }
        #expect(throws: MailConfigurationError.self) { _ = try Notifier.Notice(kind: .caseLate, text: "sujet: Relais\nlien: Voir\n---\n\n") }
    }
}
