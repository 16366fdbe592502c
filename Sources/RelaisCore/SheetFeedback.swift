/// Readers' feedback on a fact sheet (issue 21, item 3): « Cette fiche vous a-t-elle aidé ? » and
/// « Signaler une erreur ou un changement de la loi ». Both are open to visitors, so both are
/// limited (`throttle`) and short.
public enum SheetFeedbackRules {
    /// The longest comment on « Cette fiche vous a-t-elle aidé ? ».
    public static let commentLimit = 1000
    /// The longest report.
    public static let reportLimit = 4000
    /// The kinds counted in `authFailure` by `AttemptLimiter`: per browser (or account) and per network address.
    public static let voteKind = "fiche-avis"
    public static let reportKind = "fiche-signalement"

    /// How many a browser may send in the window (and four times as many from one network address,
    /// `Throttle.waitTime(byAccount:byNetworkAddress:now:)`): a reader who rates five sheets in a
    /// quarter of an hour is already a keen one.
    public static var throttle: Throttle {
        var throttle = Throttle()
        throttle.limit = 5
        throttle.window = 15 * 60
        return throttle
    }

    public static func commentProblem(_ comment: String) -> String? {
        comment.count > commentLimit ? "Votre commentaire est trop long (1\u{00A0}000 caractères au plus)." : nil
    }

    public static func reportProblem(_ report: String) -> String? {
        FieldRules.textProblem(report, maximum: reportLimit, missing: "Décrivez ce qui est inexact ou ce qui a changé.",
                               tooLong: "Votre signalement est trop long (4\u{00A0}000 caractères au plus).")
    }

    /// The French sentence of a refusal for too many sends.
    public static func waitMessage(seconds: Double) -> String {
        let minutes = max(1, Int((seconds / 60).rounded(.up)))
        return "Vous avez envoyé beaucoup de messages en peu de temps. Réessayez dans \(minutes)\u{00A0}minute\(minutes > 1 ? "s" : "")\u{00A0}; ce que vous avez écrit est conservé ci-dessous."
    }
}

/// Where a report stands in the staff's queue.
public enum SheetReportStatus: String, Sendable, CaseIterable, Codable {
    /// Received, nobody acted yet.
    case received = "nouveau"
    /// Staff opened a draft version of the sheet from it (`CurationService`, four eyes for publishing).
    case drafted = "brouillon"
    /// Staff marked it handled (corrected, or nothing to change).
    case handled = "traite"

    public var label: String {
        switch self {
        case .received: "À traiter"
        case .drafted: "Brouillon ouvert"
        case .handled: "Traité"
        }
    }

    /// Still in the queue.
    public var isOpen: Bool { self != .handled }
}
