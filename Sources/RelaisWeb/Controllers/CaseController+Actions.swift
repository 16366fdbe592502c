import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// What people do from a case's page: its actions, messages and private notes. Each use case checks
/// again, inside its transaction, that the case is still as the person saw it (`CaseConflict`).
extension CaseController {
    /// The action a case page's button names (`CasePage.button`), or nil.
    static func action(named value: String) -> CaseAction? {
        switch value {
        case "accepter": .accept
        case "attente": .wait
        case "reprendre": .resume
        case "clore_resolue": .close(.resolue)
        case "clore_sans_suite": .close(.sansSuite)
        case "decliner": .decline
        case "reattribuer": .reassign
        case "retirer": .withdraw
        case "rouvrir": .reopen
        default: nil
        }
    }

    @Sendable func act(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        let form = context.form ?? FormData(fields: [:])
        let reference = caseFile.reference ?? ""
        guard let action = Self.action(named: form["action"]) else {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, error: "Cette action n’existe pas.", status: .badRequest)
        }
        if Self.needsConfirmation(action), form["confirme"] != "oui" {
            return try await confirmation(caseFile, action: action, value: form["action"], version: form["version"], role: role, context: context)
        }
        // Only the actions that ask for a reason keep one: any other would be read by people the
        // form never told about it. A withdrawal's reason is one of the choices offered, or none.
        let takesReason = action == .decline || action == .reassign
        var act = CaseWorkflow.Act(action: action, reason: takesReason ? form.text("motif") : "")
        if action == .withdraw, CaseConfirmPage.withdrawalReasons.contains(form["motif"]) { act.reason = form["motif"] }
        if Self.needsConfirmation(action) {
            act.closingWord = Self.cleanText(form.raw("mot") ?? "")
            if act.closingWord.count > Self.messageLimit {
                return try await confirmation(caseFile, action: action, value: form["action"], version: form["version"], role: role, context: context,
                                              wordError: "Ce mot dépasse \(Self.messageLimit) caractères.", typedWord: act.closingWord)
            }
        }
        if act.reason.count > 2000 {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, reasonError: "Le motif est trop long (2 000 caractères au plus).",
                                  status: .unprocessableContent)
        }
        if action == .decline || action == .reassign, act.reason.isEmpty {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context,
                                  reasonError: action == .decline ? "Dites en quelques mots pourquoi vous déclinez cette demande." : "Indiquez le motif de la réattribution.",
                                  status: .unprocessableContent)
        }
        if action == .reassign, !form["correspondant"].isEmpty {
            guard let id = Int64(form["correspondant"]) else {
                return try await page(reference: caseFile.reference ?? "", user: user, context: context, reasonError: "Choisissez un correspondant dans la liste.",
                                      status: .unprocessableContent)
            }
            act.reassignTo = id
        }
        do {
            try await cases.act(act, caseId: caseFile.id ?? 0, actor: user, role: role, seen: Int64(form["version"]))
        } catch is CaseConflict {
            return try await conflict(reference: reference, user: user, context: context)
        } catch let refusal as CaseLifecycle.Refusal {
            let message = switch refusal {
            case .tooLate: "Le délai de \(CaseLifecycle.reopenWindowDays) jours pour rouvrir cette demande est passé\u{00A0}: ouvrez-en une nouvelle."
            case .notYours, .notFromThisState: "Cette action n’est pas possible dans l’état actuel de la demande (elle a peut-être changé entre-temps)."
            }
            return try await page(reference: reference, user: user, context: context, error: message, status: .conflict)
        }
        // The correspondent who passed the case no longer sees it.
        if role == .assignee, action == .decline {
            throw Redirect(location: SiteURL.correspondentDesk.path + "?message=declinee")
        }
        throw Redirect(location: SiteURL.caseFile(reference).path + "?message=action")
    }

    /// A message to the other side, with files or not (`UploadForm` when the form carries files).
    @Sendable func message(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        let post = try await readPost(request, context, field: "message", empty: "Le message est vide.",
                                      tooLong: "Le message dépasse \(Self.messageLimit) caractères\u{00A0}: coupez-le en plusieurs.",
                                      closed: caseFile.status.isOpen ? nil : "Cette demande est close\u{00A0}: rouvrez-la pour écrire.")
        let body = post.body, intake = post.intake
        if post.isRefused {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, typedMessage: body, messageError: post.problem,
                                  messageFileErrors: post.fileErrors, status: post.status)
        }
        do {
            try await cases.post(message: body, documents: intake, caseId: caseFile.id ?? 0, author: user, role: role)
        } catch let refusal as DocumentRefusal {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, typedMessage: body,
                                  messageFileErrors: Self.fileErrors([refusal.message], dropped: 0), status: .unprocessableContent)
        } catch is CaseConflict {
            return try await conflict(reference: caseFile.reference ?? "", user: user, context: context, typedMessage: body)
        } catch is CaseLifecycle.Refusal {
            return try await conflict(reference: caseFile.reference ?? "", user: user, context: context, typedMessage: body)
        }
        throw Redirect(location: SiteURL.caseFile(caseFile.reference ?? "").path + "?message=message#messages")
    }

    /// A private note, with files or not.
    @Sendable func note(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        guard role != .director else { throw HTTPError(.notFound) }
        let post = try await readPost(request, context, field: "note", empty: "La note est vide.",
                                      tooLong: "La note dépasse \(Self.messageLimit) caractères.")
        let body = post.body, intake = post.intake
        if post.isRefused {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, typedNote: body, noteError: post.problem,
                                  noteFileErrors: post.fileErrors, status: post.status)
        }
        do {
            try await cases.addNote(body, documents: intake, caseId: caseFile.id ?? 0, author: user)
        } catch let refusal as DocumentRefusal {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, typedNote: body,
                                  noteFileErrors: Self.fileErrors([refusal.message], dropped: 0), status: .unprocessableContent)
        } catch is CaseConflict {
            return try await conflict(reference: caseFile.reference ?? "", user: user, context: context, typedNote: body)
        }
        throw Redirect(location: SiteURL.caseFile(caseFile.reference ?? "").path + "?message=note#notes")
    }

    /// The form of a message or a note: from `CSRFMiddleware` when it came urlencoded (no file), or
    /// read here as it streams when it carries files. The refusals, one line per file.
    func readForm(_ request: Request, _ context: RelaisRequestContext) async throws -> (form: ReceivedForm, intake: DocumentIntake, fileErrors: [String]) {
        let intake = cases.intake()
        guard UploadForm.isMultipart(request) else {
            return (ReceivedForm(fields: context.form ?? FormData(fields: [:]), tooLarge: false), intake, [])
        }
        let sessions = self.sessions
        let upload = try await UploadForm.read(request, into: intake, worker: parts.uploadWorker) { sessions.acceptsFormToken($0, context: context) }
        var errors = intake.refusals.map(\.message)
        if upload.tooLarge {
            errors.append("L’envoi dépasse \(DocumentLimits.label(bytes: intake.limits.maxRequestBytes))\u{00A0}: joignez moins de fichiers à la fois.")
        }
        return (ReceivedForm(fields: upload.fields, tooLarge: upload.tooLarge), intake, errors)
    }

    /// A message of a thread as sent: its text, its files, and why it is refused, if it is (nothing
    /// typed, too long, a file refused, the thread closed). A refused post's files are discarded.
    struct ThreadPost {
        let body: String
        let intake: DocumentIntake
        let problem: String?
        let fileErrors: [String]
        let tooLarge: Bool

        var isRefused: Bool { problem != nil || !fileErrors.isEmpty }
        var status: HTTPResponse.Status { tooLarge ? .contentTooLarge : .unprocessableContent }
    }

    /// Reads a thread's form (`field` holds the text) and checks it.
    func readPost(_ request: Request, _ context: RelaisRequestContext, field: String, empty: String, tooLong: String,
                  closed: String? = nil) async throws -> ThreadPost {
        let (form, intake, refusals) = try await readForm(request, context)
        let body = Self.cleanText(form.raw(field) ?? "")
        var problem: String?
        if body.isEmpty, intake.accepted.isEmpty, refusals.isEmpty { problem = empty }
        else if body.count > Self.messageLimit { problem = tooLong }
        else if let closed { problem = closed }
        let refused = problem != nil || !refusals.isEmpty
        let fileErrors = refused ? Self.fileErrors(refusals, dropped: intake.accepted.count) : []
        if refused { intake.discard() }
        return ThreadPost(body: body, intake: intake, problem: problem, fileErrors: fileErrors, tooLarge: form.tooLarge)
    }

    struct ReceivedForm {
        let fields: FormData
        let tooLarge: Bool

        func raw(_ name: String) -> String? { fields.raw(name) }
    }

    /// The lines beside the file field: each refusal, then why the files that passed are not there.
    static func fileErrors(_ refusals: [String], dropped: Int) -> [String] {
        guard dropped > 0 else { return refusals }
        if refusals.isEmpty {
            return [dropped == 1 ? "Le fichier choisi n’a pas été joint\u{00A0}: rien n’a été envoyé, choisissez-le de nouveau."
                                 : "Les \(dropped) fichiers choisis n’ont pas été joints\u{00A0}: rien n’a été envoyé, choisissez-les de nouveau."]
        }
        return refusals + [dropped == 1 ? "L’autre fichier n’a pas été joint non plus\u{00A0}: rien n’a été envoyé, choisissez de nouveau les fichiers à joindre."
                                        : "Les \(dropped) autres fichiers n’ont pas été joints non plus\u{00A0}: rien n’a été envoyé, choisissez de nouveau les fichiers à joindre."]
    }

    static let conflictMessage = "Cette demande a changé pendant que vous agissiez (une autre action est passée entre-temps)\u{00A0}: rien n’a été enregistré. Voici où elle en est maintenant."

    /// The answer when the case moved between the page and the write: 409, nothing written. The
    /// person sees the case as it is now when they still may, with what they typed; someone it no
    /// longer concerns gets the error page, which says nothing of it.
    private func conflict(reference: String, user: User, context: RelaisRequestContext, typedMessage: String = "",
                          typedNote: String = "") async throws -> Response {
        guard let (fresh, parties) = try await database.caseWithParties(reference: reference), fresh.anonymisedAt == nil,
              let role = Policy.caseRole(of: user.actor, on: parties) else {
            throw HTTPError(.conflict)
        }
        return try await page(reference: reference, user: user, context: context, error: Self.conflictMessage, typedMessage: typedMessage,
                              typedNote: role == .director ? "" : typedNote, status: .conflict)
    }

    /// Plain text as typed, with one kind of line break and no blank space around it.
    static func cleanText(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
