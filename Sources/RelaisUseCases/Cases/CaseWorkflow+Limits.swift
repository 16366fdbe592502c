import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// A director refused a new case by `CaseLimits`: what to tell them.
public struct CaseLimitRefusal: Sendable, Equatable {
    public var decision: CaseLimits.Decision
    /// Their open cases, to carry on in one of them.
    public var openReferences: [String]
}

extension CaseWorkflow {

    /// Decides, inside the write transaction that would open a case for `director`, whether the
    /// limits allow it: concurrent submissions are serialised by the transaction, so they cannot all
    /// pass on the same count. A refusal is written down (one audit line each time, and one neutral
    /// mail a day per director to staff, so a burst is reported without flooding them) and returned.
    public func checkLimits(for director: User, now: Date, in db: Database) throws -> CaseLimitRefusal? {
        guard let id = director.id else { return nil }
        let decision = limits.decide(cases: try AppDatabase.caseLimitFacts(directorId: id, in: db), today: Day(now))
        guard decision != .allowed else { return nil }
        let target = "utilisateur \(id)"
        let alreadyReported = try AppDatabase.audited(action: .caseLimitReached, target: target, since: Self.startOfDay(now), in: db)
        let detail = switch decision {
        case .tooManyOpen(let open): "\(open) demandes ouvertes"
        case .tooManyToday(let opened): "\(opened) demandes ouvertes aujourd’hui"
        case .allowed: ""
        }
        try AppDatabase.audit(AuditEvent(at: now, actorUserId: id, actorEmail: director.email, action: .caseLimitReached, target: target,
                                         detail: detail), in: db)
        if !alreadyReported, let staffEmail {
            // Neutral: no name, no case; the audit log says who, for staff signed in.
            try notifier.notify(.caseLimit, to: staffEmail, values: ["detail": detail, "auditLabel": AuditAction.caseLimitReached.label],
                                link: .staffAudit, date: now, in: db)
        }
        return CaseLimitRefusal(decision: decision, openReferences: try AppDatabase.openCaseReferences(directorId: id, in: db))
    }

    /// Midnight in Paris on the day of `date`: the limits count calendar days as people live them.
    public static func startOfDay(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.paris
        return calendar.startOfDay(for: date)
    }

    /// The French sentence for a refusal, for the form and for « Mes demandes ».
    public func message(for refusal: CaseLimitRefusal) -> String {
        switch refusal.decision {
        case .tooManyOpen(let open):
            "Vous avez déjà \(open)\u{00A0}demandes en cours. Pour que chaque directeur trouve un correspondant disponible, une même personne peut en avoir \(limits.maxOpen) ouvertes à la fois. Poursuivez l’échange dans une demande en cours, ou retirez celle qui n’a plus lieu d’être."
        case .tooManyToday(let opened):
            "Vous avez déjà ouvert \(opened)\u{00A0}demandes aujourd’hui, le maximum pour une journée. Vous pourrez en ouvrir une nouvelle demain\u{00A0}; d’ici là, écrivez à votre correspondant dans une demande en cours."
        case .allowed: ""
        }
    }
}
