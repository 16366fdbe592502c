import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// Two exchange groups for the demo, so `make run` shows them: the demo director and correspondent
/// meet in the first (a past meeting with its notes and an action item, one to come); the second,
/// by invitation, has invited the director. Written directly, without mails: the demo's people are
/// fictional. Created once, when the demo accounts exist; removed with them (`DemoAccounts.remove`).
public enum DemoGroups {
    public static let titles = [
        "Piloter une fin de détachement sans la subir",
        "Réorganiser les services après une fusion",
    ]

    public static func ensure(in database: AppDatabase, now: Date = Date()) async throws {
        try await database.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM exchangeGroup WHERE title IN (?, ?)", arguments: [titles[0], titles[1]]) == 0,
                  let director = try AppDatabase.userAccount(email: DemoAccounts.accounts[0].2, in: db), let directorId = director.id,
                  let correspondent = try AppDatabase.userAccount(email: DemoAccounts.accounts[1].2, in: db), let correspondentId = correspondent.id
            else { return }
            let today = Day(now)

            var first = ExchangeGroup(
                title: titles[0], audience: "DGS et DGA dont les fonctions s’achèvent dans l’année, ou qui s’y préparent",
                description: "Une réunion par mois, en visio, pour partager où chacun en est\u{00A0}: négociation, protocole, projet professionnel.",
                regionCode: nil, capacity: GroupRules.defaultCapacity, admission: .onRequest, status: .active, createdAt: now)
            first.decidedAt = now
            try first.insert(db)
            guard let firstId = first.id else { return }
            var referent = GroupMember(groupId: firstId, userId: directorId, status: .member, referent: true, createdAt: now)
            try referent.insert(db)
            var member = GroupMember(groupId: firstId, userId: correspondentId, status: .member, createdAt: now)
            try member.insert(db)

            let pastDay = today.adding(days: -14) ?? today, nextDay = today.adding(days: 10) ?? today
            var past = GroupMeeting(groupId: firstId, startsAt: pastDay.iso + "T18:00", endsAt: pastDay.iso + "T19:30", online: true,
                                    place: "https://visio.exemple.fr/equipe-fin-de-detachement",
                                    agenda: "1. Tour de table\n2. Préparer l’entretien préalable\n3. Prochaine réunion", createdByUserId: directorId, createdAt: now)
            try past.insert(db)
            var next = GroupMeeting(groupId: firstId, startsAt: nextDay.iso + "T18:00", endsAt: nextDay.iso + "T19:30", online: true,
                                    place: "https://visio.exemple.fr/equipe-fin-de-detachement", agenda: "1. Retours sur les entretiens\n2. Les protocoles de transition",
                                    createdByUserId: directorId, createdAt: now)
            try next.insert(db)
            guard let pastId = past.id else { return }
            for (role, userId) in [(MeetingRole.referent, directorId), (.scribe, correspondentId), (.timekeeper, directorId)] {
                try db.execute(sql: "INSERT INTO meetingRole (meetingId, role, userId, takenAt) VALUES (?, ?, ?, ?)", arguments: [pastId, role.rawValue, userId, now])
            }
            var notes = MeetingNotesVersion(meetingId: pastId, version: 1, bodyMarkdown: """
                ## Ce qui a été fait

                - Tour de table\u{00A0}: trois membres ont leur entretien préalable dans le mois.
                - Relecture de la fiche du vademecum sur l’entretien préalable.

                ## Ce qui va être fait

                - Partager un modèle de courrier de demande de protocole.
                """, authorUserId: correspondentId, createdAt: now)
            try notes.insert(db)
            var action = ActionItem(meetingId: pastId, title: "Partager un modèle de courrier de demande de protocole", ownerUserId: directorId,
                                    dueDay: (today.adding(days: 7) ?? today).iso, createdByUserId: correspondentId, createdAt: now)
            try action.insert(db)

            var second = ExchangeGroup(
                title: titles[1], audience: "Directeurs de collectivités issues d’une fusion ou d’un regroupement récent",
                description: "Une nouvelle équipe qui se forme pour septembre.", regionCode: nil, capacity: 10, admission: .invitation,
                status: .active, createdAt: now)
            second.decidedAt = now
            try second.insert(db)
            guard let secondId = second.id else { return }
            var secondReferent = GroupMember(groupId: secondId, userId: correspondentId, status: .member, referent: true, createdAt: now)
            try secondReferent.insert(db)
            var invited = GroupMember(groupId: secondId, userId: directorId, status: .invited, createdAt: now)
            try invited.insert(db)
        }
    }
}
