import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// Past ateliers leave the public pages by themselves (their times are Paris local, as text).
public struct AtelierArchiveJob: DeadlineJob {
    public static let name = "past ateliers"
    public var name: String { Self.name }

    public func run(now: Date, in db: Database) throws -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.paris
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        let nowLocal = Day(now).iso + "T" + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return try AppDatabase.archiveAteliers(endedBefore: nowLocal, in: db)
    }
}

/// Once a week at most, staff get the list of published sheets past their review date.
public struct ReviewReminderJob: DeadlineJob {
    public static let name = "review reminders"
    public var name: String { Self.name }
    let notifier: Notifier
    let staffEmail: String?

    public func run(now: Date, in db: Database) throws -> Int {
        guard let staffEmail else { return 0 }
        let due = try AppDatabase.sheetsDueForReview(today: Day(now), in: db)
        guard !due.isEmpty, try !AppDatabase.mailQueued(kind: .reviewReminder, since: now.addingTimeInterval(-7 * 86_400), in: db) else { return 0 }
        let shown = 30
        var values: [String: Any] = [
            "count": due.count,
            "sheets": due.prefix(shown).map { ["title": $0.title, "due": $0.nextReview?.frenchLong ?? "?"] },
        ]
        // Mustache renders a section for any number, zero included: « more » is set only when some are left out.
        if due.count > shown { values["more"] = due.count - shown }
        try notifier.notify(.reviewReminder, to: staffEmail, values: values, link: .staffVademecum, date: now, in: db)
        return 1
    }
}

/// Two days before an atelier, each person holding a place gets one reminder (`remindedAt`); a place
/// given inside those two days came with its own mail and is already marked.
public struct AtelierReminderJob: DeadlineJob {
    public static let name = "atelier reminders"
    public var name: String { Self.name }
    let notifier: Notifier

    public func run(now: Date, in db: Database) throws -> Int {
        let today = Day(now)
        guard let through = today.adding(days: 3) else { return 0 }
        var count = 0
        for (found, atelier) in try AppDatabase.unremindedPlaces(from: today, through: through, in: db)
        where AtelierRules.reminderDue(startsAt: atelier.startsAt, remindedAt: found.remindedAt, now: now) {
            var registration = found
            registration.remindedAt = now
            try registration.update(db)
            guard let user = try User.fetchOne(db, key: registration.userId), let atelierId = atelier.id else { continue }
            try notifier.notify(.atelierReminder, to: user.notificationEmail, greeting: user.name, values: AtelierService.values(atelier),
                                link: .atelier(atelierId), date: now, in: db)
            count += 1
        }
        return count
    }
}

/// A place that freed without anyone leaving through Relais (an account deleted) still goes to the
/// waiting list: each run gives the free places of upcoming ateliers to the first people waiting.
public struct AtelierWaitingListJob: DeadlineJob {
    public static let name = "atelier waiting lists"
    public var name: String { Self.name }
    let ateliers: AtelierService

    public func run(now: Date, in db: Database) throws -> Int {
        var count = 0
        for atelier in try AppDatabase.ateliersWithFreePlaces(today: Day(now), in: db) {
            count += try ateliers.fillPlaces(atelier, now: now, in: db)
        }
        return count
    }
}
