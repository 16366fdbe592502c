import Foundation
import RelaisCore
import RelaisStore

/// Writing a « fiche initiative » in a group, or changing one's own: what was done, where, who to
/// contact, what came of it.
struct InitiativeFormPage: Page {
    static let template = Template.initiativeForm

    let layout: LayoutModel
    let csrf: String
    let action: String
    let backURL: String
    let groupTitle: String
    let isNew: Bool
    let errorSummary: [FormErrors.ErrorLink]
    let titleField: FormField
    let whatField: TextArea
    let placeField: FormField
    let contactField: FormField
    let outcomeField: TextArea
}

extension InitiativeFormPage {
    init(groupId: Int64, groupTitle: String, initiativeId: Int64?, fields: InitiativeRules.Fields, errors: FormErrors, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: initiativeId == nil ? "Écrire une fiche initiative" : "Modifier la fiche initiative", section: .account,
                                demo: demo, viewer: viewer),
            csrf: csrf,
            action: initiativeId.map { SiteURL.groupInitiativeEdit(groupId, $0).path } ?? SiteURL.groupInitiativeNew(groupId).path,
            backURL: initiativeId.map { SiteURL.groupInitiative(groupId, $0).path } ?? SiteURL.group(groupId).path,
            groupTitle: groupTitle, isNew: initiativeId == nil, errorSummary: errors.summary,
            titleField: FormField("titre", label: "L’initiative, en une ligne", value: fields.title,
                                  hint: "Par exemple\u{00A0}: « Un protocole de transition type, négocié avec l’association des maires ».", error: errors["titre"]),
            whatField: TextArea("quoi", label: "Ce qui a été fait", value: fields.what,
                                hint: "Le contexte, la démarche, les étapes. \(InitiativeRules.textLimit) caractères au plus.", error: errors["quoi"]),
            placeField: FormField("ou", label: "Où", value: fields.place, hint: "La collectivité, le territoire.", error: errors["ou"], required: false),
            contactField: FormField("contact", label: "Qui contacter", value: fields.contact,
                                    hint: "Une fonction ou un service plutôt qu’une adresse personnelle.", error: errors["contact"], required: false),
            outcomeField: TextArea("resultat", label: "Ce qui en est ressorti", value: fields.outcome,
                                   hint: "Ce qui a marché, ce qui n’a pas marché, ce que vous referiez.", error: errors["resultat"])
        )
    }
}
