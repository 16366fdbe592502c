import Foundation
import GRDB
import RelaisMail
import RelaisStore

/// Queues the mails of a use case inside its transaction. Subjects are neutral; bodies carry a link
/// and, at most, a reference: never the content of a case.
struct Notifier: Sendable {
    let composer: MailComposer
    let outbox: Outbox
    let baseURL: String

    func queue(_ template: MailTemplate, to address: String, name: String? = nil, subject: String,
               model: [String: String], date: Date, in db: Database) throws {
        let recipient = try MailAddress(address, name: name)
        var values = model
        values["siteURL"] = baseURL
        let message = try composer.compose(template, to: recipient, subject: subject, model: values, date: date)
        try outbox.enqueue(message, kind: template.rawValue, in: db)
    }

    /// Queues a case notification of `kind` (the outbox shows it) built from neutral `paragraphs`.
    func queueCaseNotice(kind: String, to address: String, subject: String, greeting: String?, paragraphs: [String],
                         link: String, linkLabel: String, confidential: Bool = true, date: Date, in db: Database) throws {
        let recipient = try MailAddress(address)
        var model: [String: Any] = ["siteURL": baseURL, "paragraphs": paragraphs, "link": link, "linkLabel": linkLabel, "confidential": confidential]
        if let greeting { model["name"] = greeting }
        let message = try composer.compose(.caseNotice, to: recipient, subject: subject, model: model, date: date)
        try outbox.enqueue(message, kind: kind, in: db)
    }
}
