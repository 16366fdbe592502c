import Foundation
import RelaisCore
import RelaisStore

/// The correspondent's form to ask an expert for an avis: who, the question, a summary written for
/// the expert, the files to share, how long. The director will see exactly this before anything
/// reaches the expert.
struct ReferralProposalPage: Page {
    static let template = Template.referralProposal

    let layout: LayoutModel
    let csrf: String
    let reference: String
    let caseURL: String
    let action: String
    let errorSummary: [FormErrorLink]
    let experts: [FormOption]
    let expertError: String?
    let questionField: TextArea
    let summaryField: TextArea
    let documents: [CheckOption]
    let durations: [FormOption]
    let noExperts: Bool

    struct CheckOption: Encodable, Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    struct FormErrorLink: Encodable, Sendable {
        let href: String
        let message: String
    }
}

extension ReferralProposalPage {
    /// `experts`: the active experts, those covering the case's région first.
    init(reference: String, experts: [Expert], caseRegion: String?, documents: [CaseDocument], typed: Typed, errors: [String: String],
         csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let ordered = experts.sorted { left, right in
            let l = caseRegion.map { left.regionCodes.isEmpty || left.regionCodes.contains($0) } ?? true
            let r = caseRegion.map { right.regionCodes.isEmpty || right.regionCodes.contains($0) } ?? true
            return l != r ? l : left.name < right.name
        }
        let links = [("expert", "champ-expert"), ("question", "champ-question"), ("resume", "champ-resume")].compactMap { key, id in
            errors[key].map { FormErrorLink(href: "#" + id, message: $0) }
        }
        self.init(
            layout: LayoutModel(title: "Demander un avis — \(reference)", section: .desk, demo: demo, viewer: viewer),
            csrf: csrf, reference: reference, caseURL: SiteURL.caseFile(reference).path, action: SiteURL.caseReferralNew(reference).path,
            errorSummary: links,
            experts: [FormOption(value: "", label: "Choisir un expert", selected: typed.expertId == nil)] + ordered.map {
                FormOption(value: String($0.id ?? 0), label: "\($0.name) — \($0.field.label), \($0.organisation)" + ($0.regionCodes.isEmpty ? " (national)" : ""),
                           selected: typed.expertId == $0.id)
            },
            expertError: errors["expert"],
            questionField: TextArea("question", label: "La question posée à l’expert", value: typed.question,
                                    hint: "L’expert la lit d’abord seule, avec la situation et l’employeur, pour déclarer un éventuel conflit d’intérêts.",
                                    error: errors["question"]),
            summaryField: TextArea("resume", label: "Un résumé écrit pour l’expert", value: typed.summary,
                                   hint: "Le strict nécessaire pour répondre. Le récit du directeur n’est jamais transmis tel quel\u{00A0}; le directeur relira ce résumé et pourra le modifier.",
                                   error: errors["resume"]),
            documents: documents.filter { !$0.isWithdrawn && $0.messageId != nil }.map {
                CheckOption(id: "piece-\($0.id ?? 0)", value: String($0.id ?? 0), label: "\($0.name) (\($0.kind.label), \(DocumentLimits.label(bytes: $0.size)))",
                            checked: typed.documentIds.contains($0.id ?? 0))
            },
            durations: ReferralRules.allowedDays.map { FormOption(value: String($0), label: "\($0) jours", selected: $0 == typed.durationDays) },
            noExperts: experts.isEmpty
        )
    }

    /// The form as typed.
    struct Typed: Sendable {
        var expertId: Int64?
        var question = ""
        var summary = ""
        var documentIds: Set<Int64> = []
        var durationDays = ReferralRules.defaultDays
    }
}
