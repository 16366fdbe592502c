/// The life of a fact sheet in the vademecum, beside `CaseLifecycle`: a new text is a draft
/// (`brouillon`), goes to review (`en relecture`), is published (`publiée`, what readers see) and may
/// be archived. Publishing needs four eyes: someone other than the last person who wrote the text,
/// unless the association turned the rule off (`RELAIS_FOUR_EYES=0`, for a team of one).
///
/// Each move writes a new version; the sheet's own state is what readers see, so a published sheet
/// whose new draft goes to review stays published until the draft is.
public enum FactSheetWorkflow {
    /// What staff may do to a sheet.
    public enum Move: String, Sendable, Hashable, CaseIterable {
        case askReview = "relecture"
        case publish = "publier"
        case archive = "archiver"

        /// The state of the version the move writes.
        public var target: FactSheetStatus {
            switch self {
            case .askReview: .enRelecture
            case .publish: .publiee
            case .archive: .archivee
            }
        }

        public var label: String {
            switch self {
            case .askReview: "Demander une relecture"
            case .publish: "Publier"
            case .archive: "Archiver"
            }
        }
    }

    /// Why a move is refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// Not from the state the sheet is in.
        case notFromThisState
        /// The person who wrote the text last may not publish it.
        case sameEditor
    }

    /// Where a sheet stands: its newest version's state, the state readers see, and who wrote last.
    public struct State: Sendable, Equatable {
        public var latest: FactSheetStatus
        public var visible: FactSheetStatus
        public var lastEditor: String?

        public init(latest: FactSheetStatus, visible: FactSheetStatus, lastEditor: String?) {
            self.latest = latest
            self.visible = visible
            self.lastEditor = lastEditor
        }
    }

    /// The state readers see after `move` by `editor`, or why it is refused.
    public static func apply(_ move: Move, to state: State, by editor: String, fourEyes: Bool) -> Result<FactSheetStatus, Refusal> {
        switch move {
        case .askReview:
            guard state.latest == .brouillon else { return .failure(.notFromThisState) }
            return .success(state.visible == .publiee ? .publiee : .enRelecture)
        case .publish:
            guard state.latest == .enRelecture else { return .failure(.notFromThisState) }
            if fourEyes, isLastEditor(editor, of: state) { return .failure(.sameEditor) }
            return .success(.publiee)
        case .archive:
            guard state.visible != .archivee else { return .failure(.notFromThisState) }
            return .success(.archivee)
        }
    }

    /// The moves `editor` may make now, in the order the page shows them.
    public static func moves(for state: State, by editor: String, fourEyes: Bool) -> [Move] {
        Move.allCases.filter {
            if case .success = apply($0, to: state, by: editor, fourEyes: fourEyes) { return true }
            return false
        }
    }

    /// Whether `editor` wrote the newest text (addresses compared without case).
    public static func isLastEditor(_ editor: String, of state: State) -> Bool {
        state.lastEditor?.lowercased() == editor.lowercased()
    }
}
