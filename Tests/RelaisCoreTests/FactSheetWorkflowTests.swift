import RelaisCore
import Testing

@Suite("Fact sheet workflow")
struct FactSheetWorkflowTests {
    static let writer = "redactrice@association.example"
    static let reviewer = "relecteur@association.example"

    /// The rule written out apart from the implementation, as the vademecum's editors describe it:
    /// only a draft goes to review (a published sheet stays visible meanwhile), only a text under
    /// review is published, and by someone other than its last writer when four eyes are on; any
    /// sheet not archived yet may be archived.
    static func expected(_ move: FactSheetWorkflow.Move, latest: FactSheetStatus, visible: FactSheetStatus, byLastEditor: Bool,
                         fourEyes: Bool) -> Result<FactSheetStatus, FactSheetWorkflow.Refusal> {
        switch (move, latest) {
        case (.askReview, .brouillon): return .success(visible == .publiee ? .publiee : .enRelecture)
        case (.askReview, _): return .failure(.notFromThisState)
        case (.publish, .enRelecture): return fourEyes && byLastEditor ? .failure(.sameEditor) : .success(.publiee)
        case (.publish, _): return .failure(.notFromThisState)
        case (.archive, _): return visible == .archivee ? .failure(.notFromThisState) : .success(.archivee)
        }
    }

    @Test("every move from every state, by the last editor or another, four eyes on and off, gives the expected state or refusal")
    func everyMove() {
        var checked = 0
        for move in FactSheetWorkflow.Move.allCases {
            for latest in FactSheetStatus.allCases {
                for visible in FactSheetStatus.allCases {
                    let state = FactSheetWorkflow.State(latest: latest, visible: visible, lastEditor: Self.writer)
                    for (editor, isLast) in [(Self.writer, true), (Self.reviewer, false)] {
                        for fourEyes in [true, false] {
                            let actual = FactSheetWorkflow.apply(move, to: state, by: editor, fourEyes: fourEyes)
                            let wanted = Self.expected(move, latest: latest, visible: visible, byLastEditor: isLast, fourEyes: fourEyes)
                            #expect(actual == wanted, "\(move) from \(latest)/\(visible) by \(isLast ? "the last editor" : "another"), four eyes \(fourEyes)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 3 * 4 * 4 * 2 * 2)
    }

    @Test("four eyes: the last editor may not publish, whatever the case of their address; another may; off, anyone may")
    func fourEyes() {
        let underReview = FactSheetWorkflow.State(latest: .enRelecture, visible: .publiee, lastEditor: Self.writer)
        #expect(FactSheetWorkflow.apply(.publish, to: underReview, by: Self.writer, fourEyes: true) == .failure(.sameEditor))
        #expect(FactSheetWorkflow.apply(.publish, to: underReview, by: Self.writer.uppercased(), fourEyes: true) == .failure(.sameEditor))
        #expect(FactSheetWorkflow.apply(.publish, to: underReview, by: Self.reviewer, fourEyes: true) == .success(.publiee))
        #expect(FactSheetWorkflow.apply(.publish, to: underReview, by: Self.writer, fourEyes: false) == .success(.publiee))
        // A seeded sheet nobody edited in Relais has no last editor: anyone may publish it.
        let seeded = FactSheetWorkflow.State(latest: .enRelecture, visible: .brouillon, lastEditor: nil)
        #expect(FactSheetWorkflow.apply(.publish, to: seeded, by: Self.writer, fourEyes: true) == .success(.publiee))
    }

    @Test("a published sheet whose new draft goes to review stays published for readers")
    func reviewKeepsPublishedText() {
        let republishing = FactSheetWorkflow.State(latest: .brouillon, visible: .publiee, lastEditor: Self.writer)
        #expect(FactSheetWorkflow.apply(.askReview, to: republishing, by: Self.writer, fourEyes: true) == .success(.publiee))
        let first = FactSheetWorkflow.State(latest: .brouillon, visible: .brouillon, lastEditor: Self.writer)
        #expect(FactSheetWorkflow.apply(.askReview, to: first, by: Self.writer, fourEyes: true) == .success(.enRelecture))
    }

    @Test("moves(for:by:fourEyes:) offers exactly the allowed moves, in the page's order")
    func offeredMoves() {
        let draft = FactSheetWorkflow.State(latest: .brouillon, visible: .brouillon, lastEditor: Self.writer)
        #expect(FactSheetWorkflow.moves(for: draft, by: Self.writer, fourEyes: true) == [.askReview, .archive])
        let underReview = FactSheetWorkflow.State(latest: .enRelecture, visible: .enRelecture, lastEditor: Self.writer)
        #expect(FactSheetWorkflow.moves(for: underReview, by: Self.writer, fourEyes: true) == [.archive])
        #expect(FactSheetWorkflow.moves(for: underReview, by: Self.reviewer, fourEyes: true) == [.publish, .archive])
        #expect(FactSheetWorkflow.moves(for: underReview, by: Self.writer, fourEyes: false) == [.publish, .archive])
        let archived = FactSheetWorkflow.State(latest: .archivee, visible: .archivee, lastEditor: Self.writer)
        #expect(FactSheetWorkflow.moves(for: archived, by: Self.reviewer, fourEyes: true).isEmpty)

        // And in general: a move is offered exactly when `apply` allows it.
        for latest in FactSheetStatus.allCases {
            for visible in FactSheetStatus.allCases {
                let state = FactSheetWorkflow.State(latest: latest, visible: visible, lastEditor: Self.writer)
                for editor in [Self.writer, Self.reviewer] {
                    for fourEyes in [true, false] {
                        let allowed = FactSheetWorkflow.Move.allCases.filter {
                            Self.expected($0, latest: latest, visible: visible, byLastEditor: editor == Self.writer, fourEyes: fourEyes).isSuccess
                        }
                        #expect(FactSheetWorkflow.moves(for: state, by: editor, fourEyes: fourEyes) == allowed)
                    }
                }
            }
        }
    }

    @Test("each move writes a version in its own state, and its form value and label are stable")
    func moveTargets() {
        #expect(FactSheetWorkflow.Move.allCases.map(\.target) == [.enRelecture, .publiee, .archivee])
        #expect(FactSheetWorkflow.Move.allCases.map(\.rawValue) == ["relecture", "publier", "archiver"])
        #expect(FactSheetWorkflow.Move.allCases.map(\.label) == ["Demander une relecture", "Publier", "Archiver"])
        // The audit line of each move is its own.
        #expect(Set(FactSheetWorkflow.Move.allCases.map { AuditAction.sheetMoved(to: $0.target) })
            == [.sheetSentForReview, .sheetPublished, .sheetArchived])
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
