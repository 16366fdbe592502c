import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct CaseConfirmPage: Page {
    static let template = Template.caseConfirm

    let layout: LayoutModel
    let csrf: String
    let title: String
    let explanation: String
    let actionURL: String
    let value: String
    let version: String
    let word: TextArea
    let reasons: [Reason]
    let confirmLabel: String
    let caseURL: String

    struct Reason: Encodable, Sendable {
        let id: String
        let value: String
    }
}

extension CaseConfirmPage {
    /// Why a director withdraws, offered as choices: a few taps on a phone, none required.
    static let withdrawalReasons = [
        "La situation s’est réglée", "J’ai trouvé de l’aide ailleurs", "Je ne souhaite plus être accompagné", "Une autre raison",
    ]

    /// The step before closing or withdrawing `caseFile`, for `role`. `value` is the action's form
    /// value; `version` the one of the case page the person acted from, carried through so a case that
    /// moved meanwhile is still refused on confirmation.
    init(_ caseFile: CaseFile, action: CaseAction, value: String, version: String, role: CaseActorRole, csrf: String,
         wordError: String?, typedWord: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let reference = caseFile.reference ?? ""
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
        self.init(
            layout: LayoutModel(title: title, section: role == .director ? .account : (role == .staff ? .staff : .desk), demo: demo, viewer: viewer),
            csrf: csrf, title: title, explanation: explanation,
            actionURL: SiteURL.caseAction(reference).path, value: value, version: version,
            word: .init("mot", label: "Un dernier mot pour \(other) (facultatif)", value: typedWord,
                        hint: "Il s’ajoute aux messages de la demande.", error: wordError),
            reasons: action == .withdraw ? Self.withdrawalReasons.enumerated().map { Reason(id: "motif-\($0.offset + 1)", value: $0.element) } : [],
            confirmLabel: confirm,
            caseURL: SiteURL.caseFile(reference).path
        )
    }
}
