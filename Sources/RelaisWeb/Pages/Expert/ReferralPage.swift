import Foundation
import RelaisCore
import RelaisStore

/// An avis request as its expert sees it: first the question, the kind of situation and the employer,
/// to declare any conflict of interest; after « pas de conflit », the summary, the shared files and
/// the thread. Never the narrative, the director's name or anything else of the case.
struct ReferralPage: Page {
    static let template = Template.referral

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let title: String
    let field: String
    let question: String
    let situation: String
    let employer: String
    let until: String?
    let conflictCheck: Bool
    let declarationAction: String
    let reasonField: TextArea
    let full: Bool
    let summary: String
    let shared: [ReferralViews.Document]
    let messages: [ReferralViews.Message]
    let messageAction: String
    let messageField: TextArea
    let messageFiles: FileField
}

extension ReferralPage {
    init(_ detail: AppDatabase.ReferralDetail, stage: ReferralRules.Stage, situation: String, employer: String, reader: User, csrf: String,
         notice: String?, typedMessage: String = "", messageError: String? = nil, fileErrors: [String] = [], limits: DocumentLimits,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let id = detail.referral.id ?? 0
        let full = stage == .full
        let url = { (document: Int64) in SiteURL.referralDocument(id, document).path }
        self.init(
            layout: LayoutModel(title: "Demande d’avis n°\u{00A0}\(id)", section: .expert, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, title: "Demande d’avis n°\u{00A0}\(id)", field: detail.expert.field.label,
            question: detail.referral.question, situation: situation, employer: employer,
            until: detail.referral.expiresAt.map { CaseDates.dateTime($0) },
            conflictCheck: stage == .conflictCheck, declarationAction: SiteURL.referralDeclaration(id).path,
            reasonField: TextArea("motif", label: "Si vous déclarez un conflit, en quelques mots (facultatif)", value: "",
                                  hint: "Lu par le correspondant, qui pourra solliciter un autre expert.", error: nil),
            full: full, summary: full ? detail.referral.summary : "",
            shared: full ? detail.shared.filter { !$0.isWithdrawn }.map { ReferralViews.document($0, url: url) } : [],
            messages: full ? ReferralViews.messages(detail, reader: reader, forExpert: true, url: url) : [],
            messageAction: SiteURL.referralMessage(id).path,
            messageField: TextArea("message", label: "Votre avis, ou une question au correspondant", value: typedMessage,
                                   hint: "Lu par le correspondant et par le directeur.", error: messageError),
            messageFiles: FileField(for: "message", limits: limits, errors: fileErrors)
        )
    }

    static func notice(_ code: String?) -> String? {
        switch code {
        case "pas-de-conflit": "Merci. Vous avez maintenant accès au résumé et aux pièces partagées."
        case "conflit": "Votre déclaration est enregistrée\u{00A0}: le correspondant en est informé. Vous n’avez plus accès à cette demande."
        case "message": "Message envoyé."
        default: nil
        }
    }
}
