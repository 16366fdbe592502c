import Foundation
import RelaisCore
import RelaisStore

/// A case in a list: the director's, the desk's, the staff queue's.
struct CaseRow: Encodable, Sendable {
    let reference: String?
    let url: String?
    let title: String
    let status: String
    let opened: String
    let lastActivity: String
    let late: Bool
    let draftId: String?
    /// The shared recourse deadline, when it is ten days away or less: the case is urgent by statute.
    var urgentUntil: String? = nil

    /// Flags the row when its director shared a recourse deadline that is near (issue 14).
    func flagged(recourse: Day?, today: Day) -> CaseRow {
        guard CaseDeadlines.isStatutorilyUrgent(recourse: recourse, today: today), let recourse else { return self }
        var row = self
        row.urgentUntil = recourse.frenchLong
        return row
    }
}

extension CaseRow {
    /// A case in a list (never its narrative); `status` and `opened` are worded for the reader.
    init(_ summary: AppDatabase.CaseSummary, status: String, opened: String, late: Bool, now: Date) {
        self.init(reference: summary.reference, url: summary.reference.map { SiteURL.caseFile($0).path }, title: summary.situationTitle,
                  status: status, opened: opened, lastActivity: CaseDates.ago(summary.lastActivityAt, now: now), late: late,
                  draftId: summary.openedAt == nil ? String(summary.id) : nil)
    }

    /// The status as correspondents and staff read it: « Close — résolue ».
    static func handlerStatus(_ summary: AppDatabase.CaseSummary) -> String {
        summary.status.label + (summary.outcome.map { " — \($0.label.lowercased())" } ?? "")
    }

    /// « ouverte il y a 3 jours ».
    static func openedAgo(_ summary: AppDatabase.CaseSummary, now: Date) -> String {
        "ouverte " + CaseDates.ago(summary.openedAt ?? summary.createdAt, now: now)
    }
}
