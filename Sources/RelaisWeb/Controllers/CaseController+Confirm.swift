import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Closing and withdrawing end a case for the other side: they are never one click. The first press
/// shows this step, where the person confirms and may leave a closing word (posted in the thread)
/// and, for a withdrawal, say why (optional, read by the correspondent and staff).
extension CaseController {
    /// Why a director withdraws, offered as choices: a few taps on a phone, none required.
    static let withdrawalReasons = [
        "La situation s’est réglée", "J’ai trouvé de l’aide ailleurs", "Je ne souhaite plus être accompagné", "Une autre raison",
    ]

    static func needsConfirmation(_ action: CaseAction) -> Bool {
        switch action {
        case .close, .withdraw: true
        default: false
        }
    }

    /// `version`: the one of the case page the person acted from, carried through so a case that
    /// moved meanwhile is still refused on confirmation.
    func confirmation(_ caseFile: CaseFile, action: CaseAction, value: String, version: String, role: CaseActorRole,
                      context: RelaisRequestContext, wordError: String? = nil, typedWord: String = "") async throws -> Response {
        let reference = caseFile.reference ?? ""
        let session = try await sessions.ensure(context)
        let other = role == .director ? "votre correspondant" : "le directeur"
        let (title, explanation, confirm): (String, String, String) = switch action {
        case .withdraw:
            ("Retirer votre demande \(reference)\u{00A0}?",
             "Votre demande sera close et votre correspondant prévenu. Vous pourrez la rouvrir pendant \(CaseLifecycle.reopenWindowDays) jours.",
             "Retirer ma demande")
        case .close(let outcome):
            ("Clore la demande \(reference) (\(outcome.label.lowercased()))\u{00A0}?",
             "Le directeur reçoit un courriel neutre l’invitant à se connecter. Il pourra rouvrir la demande pendant \(CaseLifecycle.reopenWindowDays) jours.",
             "Clore la demande")
        default: ("", "", "")
        }
        let page = CaseConfirmPage(
            layout: LayoutModel(title: title, section: role == .director ? .account : (role == .staff ? .staff : .desk), config: config, context: context),
            csrf: session.csrfToken, title: title, explanation: explanation,
            actionURL: SiteURL.caseAction(reference).path, value: value, version: version,
            word: .init("mot", label: "Un dernier mot pour \(other) (facultatif)", value: typedWord,
                        hint: "Il s’ajoute aux messages de la demande.", error: wordError),
            reasons: action == .withdraw ? Self.withdrawalReasons.enumerated().map { CaseConfirmPage.Reason(id: "motif-\($0.offset + 1)", value: $0.element) } : [],
            confirmLabel: confirm,
            caseURL: SiteURL.caseFile(reference).path
        )
        return renderer.page(page, status: wordError == nil ? .ok : .unprocessableContent)
    }
}
