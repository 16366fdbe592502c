import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Closing and withdrawing end a case for the other side: they are never one click. The first press
/// shows this step, where the person confirms and may leave a closing word (posted in the thread)
/// and, for a withdrawal, say why (optional, read by the correspondent and staff).
extension CaseController {
    static func needsConfirmation(_ action: CaseAction) -> Bool {
        switch action {
        case .close, .withdraw: true
        default: false
        }
    }

    /// `version`: the one of the case page the person acted from, carried through so a case that
    /// moved meanwhile is still refused on confirmation.
    func confirmation(_ caseFile: CaseFile, action: CaseAction, value: String, version: String, role: CaseActorRole,
                      context: RelaisRequestContext, wordError: String? = nil, typedWord: String = "") async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = CaseConfirmPage(caseFile, action: action, value: value, version: version, role: role, csrf: session.csrfToken,
                                   wordError: wordError, typedWord: typedWord, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: wordError == nil ? .ok : .unprocessableContent)
    }
}
