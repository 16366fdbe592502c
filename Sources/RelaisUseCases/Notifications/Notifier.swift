import Foundation
import GRDB
import RelaisCore
import RelaisMail
import RelaisStore

/// Queues the mails of a use case inside its transaction. Subjects are neutral; bodies carry a link
/// and, at most, a reference: never the content of a case.
public struct Notifier: Sendable {
    public let composer: MailComposer
    public let outbox: Outbox
    public let baseURL: String
    public let links: MailLinkSecrets

    public func queue(_ template: MailTemplate, to address: String, name: String? = nil, subject: String,
               model: [String: String], secretSlot: String? = nil, date: Date, in db: Database) throws {
        let recipient = try MailAddress(address, name: name)
        var values = model
        values["siteURL"] = baseURL
        let message = try composer.compose(template, to: recipient, subject: subject, model: values, date: date)
        try outbox.enqueue(message, kind: template.rawValue, secretSlot: secretSlot, in: db)
    }

    /// Creates a one-time link for `userId` and queues `template` carrying it as `link`. The stored
    /// mail holds a placeholder, the database the secret's hash; the secret itself exists only in
    /// the bytes sent (`MailLinkSecrets`). Returns the link, for an operator's command line.
    @discardableResult
    public func queueLink(_ template: MailTemplate, purpose: UserToken.Purpose, userId: Int64, lifetime: TimeInterval, payload: String? = nil,
                   url: SiteURL, to address: String, subject: String, model: [String: String], date: Date, in db: Database) throws -> String {
        let (slot, secret) = links.mint()
        try AppDatabase.insertToken(userId: userId, purpose: purpose, secret: secret, lifetime: lifetime, payload: payload, now: date, in: db)
        var values = model
        values["link"] = url.absolute(base: baseURL, query: [("jeton", slot)])
        try queue(template, to: address, subject: subject, model: values, secretSlot: slot, date: date, in: db)
        return url.absolute(base: baseURL, query: [("jeton", secret)])
    }

    /// Queues a case notification of `kind` (the outbox shows it) built from neutral `paragraphs`.
    public func queueCaseNotice(kind: String, to address: String, subject: String, greeting: String?, paragraphs: [String],
                         link: String, linkLabel: String, confidential: Bool = true, date: Date, in db: Database) throws {
        let recipient = try MailAddress(address)
        var model: [String: Any] = ["siteURL": baseURL, "paragraphs": paragraphs, "link": link, "linkLabel": linkLabel, "confidential": confidential]
        if let greeting { model["name"] = greeting }
        let message = try composer.compose(.caseNotice, to: recipient, subject: subject, model: model, date: date)
        try outbox.enqueue(message, kind: kind, in: db)
    }
}
