import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A controller built from the composition root's parts (`AppParts`), the one container every
/// controller takes: what it needs is read from there, never passed argument by argument.
protocol PartsController: Sendable {
    var parts: AppParts { get }
}

extension PartsController {
    var database: AppDatabase { parts.database }
    var renderer: PageRenderer { parts.renderer }
    var config: AppConfig { parts.config }
    var clock: @Sendable () -> Date { parts.clock }
    var sessions: Sessions { parts.sessions }
    var map: FranceMap { parts.map }
    /// Public content from memory: use it, not `database`, for what every visitor sees.
    var content: PublicContent { parts.content }
    var accounts: AccountService { parts.accounts }
    var secondFactor: SecondFactorService { parts.secondFactor }
    var trustedDevices: TrustedDevices { parts.trustedDevices }
    var cases: CaseService { parts.cases }
    var deadlines: CaseDeadlines { parts.deadlines }
    var curation: CurationService { parts.useCases.curation }
    var network: NetworkEditing { parts.useCases.network }
    var feedback: FeedbackService { parts.useCases.feedback }
}
