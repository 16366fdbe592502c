import Foundation
import Mustache

/// The mails Relais sends, each with a text and an HTML template in `Templates/mail/`.
public enum MailTemplate: String, CaseIterable, Sendable {
    case test
    /// Confirm the address given at sign-up.
    case confirmation
    /// Someone tried to sign up with an address that already has an account.
    case signupExisting = "signup-existing"
    /// A one-hour link to choose a new password.
    case reset
    /// An invitation to join as correspondent or staff.
    case invitation
    /// Every notification about a case: a few neutral sentences, a reference at most, and a link.
    case caseNotice = "case-notice"
    /// Confirm a new notification address (sent to that address).
    case addressConfirmation = "adresse"
    /// Something changed on the account (password, notification address): a neutral word to the owner.
    case accountNotice = "account-notice"

    var textName: String { "mail/\(rawValue).text" }
    var htmlName: String { "mail/\(rawValue).html" }
    /// The subject's template; the case notices' subjects are in their own words (`mail/notices/`).
    var subjectName: String? { self == .caseNotice ? nil : "mail/\(rawValue).subject" }
}

/// Builds notification messages from templates. Subjects are neutral and bodies never carry case
/// content: callers pass only a reference and a link.
public struct MailComposer: Sendable {
    public let from: MailAddress
    /// The domain of Message-IDs: the sender's.
    public var messageIDDomain: String { from.domain }
    let library: MustacheLibrary

    /// Checks that every mail template exists in `library`.
    public init(library: MustacheLibrary, from: MailAddress) throws(MailConfigurationError) {
        for template in MailTemplate.allCases {
            for name in [template.textName, template.htmlName, template.subjectName].compactMap({ $0 }) where library.getTemplate(named: name) == nil {
                throw MailConfigurationError("mail template \(name).mustache is missing")
            }
        }
        self.library = library
        self.from = from
    }

    /// Whether the library holds a template of that name (`mail/notices/case-accepted`).
    public func hasTemplate(named name: String) -> Bool {
        library.getTemplate(named: name) != nil
    }

    /// The text of the template `name` rendered with `model`, for pieces of a mail (a notice's words).
    public func render(named name: String, model: Any) -> String? {
        library.render(model, withTemplate: name)
    }

    /// A message to `to`, its subject and body rendered from `template` with `model`.
    public func compose(_ template: MailTemplate, to: MailAddress, model: Any, date: Date) throws(MailError) -> MailMessage {
        let subject = template.subjectName.flatMap { library.render(model, withTemplate: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return try compose(template, to: to, subject: subject, model: model, date: date)
    }

    /// A message to `to`, rendered from `template` with `model`, under `subject`.
    public func compose(_ template: MailTemplate, to: MailAddress, subject: String, model: Any, date: Date) throws(MailError) -> MailMessage {
        let text = library.render(model, withTemplate: template.textName) ?? ""
        let html = library.render(model, withTemplate: template.htmlName) ?? ""
        return try MailMessage(
            from: from, to: to, subject: subject, text: text, html: html,
            messageID: MailMessage.newMessageID(domain: messageIDDomain), date: date
        )
    }
}

public struct MailConfigurationError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
