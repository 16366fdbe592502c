import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// « Cette fiche vous a-t-elle aidé ? » (`vademecum/avis`): the answer chosen on the sheet, a comment,
/// and the button that sends them. Reached by a GET from the sheet (the sheet is the same page for
/// every visitor, from the page cache, so it cannot carry a form token); only the POST of this page records.
struct SheetVotePage: Page {
    static let template = Template.sheetVote

    let layout: LayoutModel
    let sheetTitle: String
    let sheetURL: String
    let csrf: String
    let action: String
    let errors: [FormErrors.ErrorLink]
    /// Too many sends: what to do, the form kept below.
    let refusal: String?
    let helpful: ChoiceGroup
    let comment: TextArea

    enum Name {
        static let answer = "reponse"
        static let comment = "commentaire"
    }
}

extension SheetVotePage {
    init(sheet: FactSheet, answer: String, comment: String, errors: FormErrors, refusal: String?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Cette fiche vous a-t-elle aidé\u{00A0}? — \(sheet.title)", section: .vademecum, demo: demo, viewer: viewer),
            sheetTitle: sheet.title, sheetURL: SiteURL.factSheet(sheet.slug).path, csrf: csrf, action: SiteURL.sheetVote(sheet.slug).path,
            errors: errors.summary, refusal: refusal,
            helpful: ChoiceGroup(Name.answer, legend: "Cette fiche vous a-t-elle aidé\u{00A0}?", choices: [("oui", "Oui"), ("non", "Non")],
                                 selected: answer, error: errors[Name.answer]),
            comment: TextArea(Name.comment, label: "Un commentaire (facultatif)", value: comment,
                              hint: "Ce qui vous a manqué, ce qui était clair. Ne donnez pas de détail sur votre situation personnelle. 1\u{00A0}000 caractères au plus.",
                              error: errors[Name.comment])
        )
    }
}

/// « Signaler une erreur ou un changement de la loi » (`vademecum/signalement`).
struct SheetReportPage: Page {
    static let template = Template.sheetReport

    let layout: LayoutModel
    let sheetTitle: String
    let sheetURL: String
    let csrf: String
    let action: String
    let errors: [FormErrors.ErrorLink]
    let refusal: String?
    let report: TextArea
    let email: FormField

    enum Name {
        static let report = "signalement"
        static let email = "courriel"
    }
}

extension SheetReportPage {
    init(sheet: FactSheet, report: String, email: String, errors: FormErrors, refusal: String?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Signaler une erreur — \(sheet.title)", section: .vademecum, demo: demo, viewer: viewer),
            sheetTitle: sheet.title, sheetURL: SiteURL.factSheet(sheet.slug).path, csrf: csrf, action: SiteURL.sheetReport(sheet.slug).path,
            errors: errors.summary, refusal: refusal,
            report: TextArea(Name.report, label: "Ce qui est inexact ou ce qui a changé", value: report,
                             hint: "Citez si possible le texte ou la décision (article, date, numéro). 4\u{00A0}000 caractères au plus.",
                             error: errors[Name.report]),
            email: FormField(Name.email, label: "Votre adresse électronique, si vous acceptez que l’équipe vous réponde", type: "email", value: email,
                             hint: "Elle ne sert qu’à vous répondre sur ce signalement.", error: errors[Name.email], autocomplete: "email",
                             required: false)
        )
    }
}

/// The thank-you page after either form (`vademecum/merci`).
struct SheetThanksPage: Page {
    static let template = Template.sheetThanks

    let layout: LayoutModel
    let sheetTitle: String
    let sheetURL: String
    let message: String
}

extension SheetThanksPage {
    init(sheet: FactSheet, report: Bool, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Merci — \(sheet.title)", section: .vademecum, demo: demo, viewer: viewer),
            sheetTitle: sheet.title, sheetURL: SiteURL.factSheet(sheet.slug).path,
            message: report ? "Votre signalement est transmis à l’équipe de l’association, qui relit la fiche. Merci de votre vigilance."
                : "Votre réponse est enregistrée. Elle aide l’équipe à améliorer le vademecum."
        )
    }
}
