import RelaisCore
import Testing

/// The domain's words (`CaseEventKind`, `MailKind`, `AuditAction`): their raw values are stored in the
/// database and in old mails, their labels are read by staff.
@Suite("Domain words: case events, mail kinds, audit actions")
struct DomainWordsTests {
    static let actions: [CaseAction] = [
        .assign, .accept, .decline, .wait, .resume, .close(.resolue), .close(.sansSuite), .close(.retiree), .reassign, .withdraw, .reopen,
    ]

    @Test("an action's form value is the raw value of the event it records, and distinct actions record distinct events")
    func actionCodes() {
        for action in Self.actions {
            #expect(action.code == action.eventKind.rawValue)
            #expect(CaseEventKind(rawValue: action.code) == action.eventKind)
        }
        // Every way to close records the one closing event; the other actions each have their own.
        let kinds = Self.actions.filter { if case .close = $0 { false } else { true } }.map(\.eventKind)
        #expect(Set(kinds).count == kinds.count)
        #expect(Set([CaseOutcome.resolue, .sansSuite, .retiree].map { CaseAction.close($0).eventKind }) == [.closed])
    }

    @Test("the events people cause and the system's own cover every event kind, each once")
    func eventKindsCovered() {
        let byPeople = Set(Self.actions.map(\.eventKind))
        let bySystem: Set<CaseEventKind> = [.opened, .queued, .late, .reminded, .accountDeleted]
        #expect(byPeople.isDisjoint(with: bySystem))
        #expect(byPeople.union(bySystem) == Set(CaseEventKind.allCases))
    }

    @Test("stored raw values do not change: rows written by earlier versions still read")
    func storedValues() {
        #expect(CaseEventKind.allCases.map(\.rawValue) == [
            "ouverture", "attribution", "acceptation", "refus", "mise_en_attente", "reprise", "cloture", "reattribution", "retrait",
            "reouverture", "file_equipe", "retard", "relance", "compte_supprime",
        ])
        #expect(MailKind.caseAssigned.rawValue == "case-assigned" && MailKind.caseReceived.rawValue == "case-received")
        #expect(MailKind.deadlineReminder.rawValue == "rappel-echeance" && MailKind.addressConfirmation.rawValue == "adresse")
        #expect(AuditAction.accountCreated.rawValue == "compte_cree" && AuditAction.sheetPublished.rawValue == "fiche_publiee")
    }

    @Test("raw values are unique within each enum")
    func uniqueRawValues() {
        #expect(Set(CaseEventKind.allCases.map(\.rawValue)).count == CaseEventKind.allCases.count)
        #expect(Set(MailKind.allCases.map(\.rawValue)).count == MailKind.allCases.count)
        #expect(Set(AuditAction.allCases.map(\.rawValue)).count == AuditAction.allCases.count)
    }

    /// Words that would betray an English label (none of them is French, or used in French as such).
    static let englishWords: Set<String> = [
        "the", "and", "of", "to", "for", "with", "by", "was", "case", "cases", "sheet", "review", "reviewed", "sign", "signed", "account",
        "failed", "blocked", "changed", "created", "deleted", "sent", "reminder", "late", "pending", "received", "assigned", "accepted",
        "waiting", "closed", "withdrawn", "rerouted", "reassigned", "unrouted", "limit", "deadline", "password", "reset", "address",
        "confirmed", "confirmation", "refused", "used", "trusted", "device", "read", "exported", "new", "test", "notice", "existing",
    ]

    /// The problems of a label staff read: empty, a machine name, a capital missing, English words.
    static func problems(label: String, raw: String) -> [String] {
        var found: [String] = []
        if label.isEmpty { found.append("empty") }
        if label == raw { found.append("the raw value itself") }
        if label.contains("_") || label.contains("-") { found.append("an underscore or a dash") }
        if let first = label.first, !first.isUppercase { found.append("no capital") }
        let words = label.lowercased().split { !$0.isLetter }.map(String.init)
        // « Confirmation » and « Invitation » are French too; the words around them tell.
        let english = words.filter { englishWords.contains($0) && !["confirmation", "invitation"].contains($0) }
        if !english.isEmpty { found.append("English words \(english)") }
        return found
    }

    @Test("mail kinds read in French: no dash, no underscore, no English word")
    func mailKindLabels() {
        for kind in MailKind.allCases {
            #expect(Self.problems(label: kind.label, raw: kind.rawValue).isEmpty, "\(kind.rawValue): « \(kind.label) »")
            #expect(MailKind.label(of: kind.rawValue) == kind.label)
        }
        // A kind written by another version is shown as it is, dashes as spaces.
        #expect(MailKind.label(of: "case-from-the-future") == "case from the future")
    }

    @Test("audit actions read in French: no dash, no underscore, no English word")
    func auditActionLabels() {
        for action in AuditAction.allCases {
            #expect(Self.problems(label: action.label, raw: action.rawValue).isEmpty, "\(action.rawValue): « \(action.label) »")
            #expect(AuditAction.label(of: action.rawValue) == action.label)
        }
        #expect(AuditAction.label(of: "fiche_remise_en_brouillon") == "Fiche remise en brouillon")
    }

    @Test("the label check itself catches a machine name and an English label")
    func labelCheckBites() {
        #expect(!Self.problems(label: "case-late", raw: "case-late").isEmpty)
        #expect(!Self.problems(label: "Case sent for review", raw: "x").isEmpty)
        #expect(!Self.problems(label: "compte créé", raw: "x").isEmpty)
        #expect(Self.problems(label: "Fiche envoyée en relecture", raw: "fiche_en_relecture").isEmpty)
    }

    @Test("a sheet's move is audited under the action of the state it reaches")
    func sheetMoves() {
        #expect(AuditAction.sheetMoved(to: .brouillon) == .sheetSaved)
        #expect(AuditAction.sheetMoved(to: .enRelecture) == .sheetSentForReview)
        #expect(AuditAction.sheetMoved(to: .publiee) == .sheetPublished)
        #expect(AuditAction.sheetMoved(to: .archivee) == .sheetArchived)
    }
}
