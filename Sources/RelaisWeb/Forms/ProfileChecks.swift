import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// Checks shared by the forms that ask who the person is and where they work (sign-up, a case),
/// each saying what is wrong beside its field. The rules are Core's (`FieldRules`).
extension FormErrors {
    /// A valid address in `field`, or nil with the error added. An empty value is an error only when
    /// `required`; then `missing` is the message.
    mutating func checkEmail(_ text: String, field: String, required: Bool, missing: String = "Indiquez votre adresse électronique.") -> String? {
        if text.isEmpty {
            if required { add(field, missing) }
            return nil
        }
        do { return try MailAddress(text).address } catch {
            let what = field == "notification" ? "Cette adresse de notification" : "Cette adresse électronique"
            add(field, "\(what) n’est pas valide\u{00A0}: vérifiez-la (par exemple nom@exemple.fr).")
            return nil
        }
    }

    mutating func checkPhone(_ phone: String, field: String = "telephone") {
        if let problem = FieldRules.phoneProblem(phone) { add(field, problem) }
    }

    /// The employer (a seeded collectivité, or a name typed freely) and its département.
    mutating func checkEmployer(code: String, name: String, departement: String, database: AppDatabase) async throws
        -> (employerCode: String?, departementCode: String?) {
        var employerCode: String?
        var departementCode: String?
        if !code.isEmpty {
            if let employer = try await database.collectivite(code: code) {
                employerCode = employer.code
                departementCode = employer.departementCode
            } else {
                add("employeur_code", "Cette collectivité est introuvable\u{00A0}: recherchez-la de nouveau.")
            }
        }
        if name.count > 200 { add("employeur_nom", "Le nom de l’employeur est trop long (200 caractères au plus).") }
        if employerCode == nil, name.isEmpty, self["employeur_code"] == nil {
            add("employeur_code", "Choisissez votre collectivité dans la liste, ou écrivez le nom de votre employeur.")
        }
        if departementCode == nil {
            if !departement.isEmpty, departement.utf8.count <= 3, try await database.departementExists(code: departement) {
                departementCode = departement
            } else {
                add("departement", "Choisissez le département de votre employeur.")
            }
        }
        return (employerCode, departementCode)
    }

    /// An optional web address: complete, http(s), nothing that could break out of an attribute.
    mutating func checkWebsite(_ url: String, field: String = "site") {
        if let problem = FieldRules.websiteProblem(url) { add(field, problem) }
    }

    mutating func checkName(_ name: String) {
        if let problem = FieldRules.nameProblem(name) { add("nom", problem) }
    }
}
