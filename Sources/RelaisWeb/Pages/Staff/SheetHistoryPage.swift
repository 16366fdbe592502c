import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SheetHistoryPage: Page {
    static let template = Template.staffSheetHistory

    let layout: LayoutModel
    let csrf: String
    let title: String
    let editorURL: String
    let stateAction: String
    let versions: [VersionLine]
    let from: [FormOption]
    let to: [FormOption]
    let comparing: String?
    let diff: [DiffLine]

    struct VersionLine: Encodable, Sendable {
        let number: Int
        let label: String
        let restorable: Bool
    }

    struct DiffLine: Encodable, Sendable {
        let text: String
        let added: Bool
        let removed: Bool
        let sign: String
    }
}

extension SheetHistoryPage {
    /// The versions of the sheet `slug`, and the line diff between two of them: `requestedFrom` and
    /// `requestedTo` when they are versions of the sheet. By default the latest version against the
    /// one published before it (what a reviewer must read), else the one before.
    init(slug: String, history: AppDatabase.SheetHistory, latest: FactSheetVersion, requestedFrom: Int?, requestedTo: Int?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let numbers = history.versions.map(\.version)
        let to = requestedTo.flatMap { numbers.contains($0) ? $0 : nil } ?? latest.version
        let published = history.versions.last { $0.status == .publiee && $0.version < to }?.version
        let from = requestedFrom.flatMap { numbers.contains($0) ? $0 : nil }
            ?? published ?? numbers.last { $0 < to } ?? to
        func text(_ version: FactSheetVersion) -> String {
            ["# " + version.title, version.summary, "Axe\u{00A0}: \(version.axis.label) · thème\u{00A0}: \(version.theme)", "Étiquettes\u{00A0}:", version.tags,
             "Références\u{00A0}:", version.legalReferences, "", version.bodyMarkdown].joined(separator: "\n")
        }
        let old = history.versions.first { $0.version == from }!, new = history.versions.first { $0.version == to }!
        let diff = LineDiff.diff(text(old), text(new)).map { line -> DiffLine in
            switch line {
            case .same(let text): DiffLine(text: text, added: false, removed: false, sign: " ")
            case .added(let text): DiffLine(text: text, added: true, removed: false, sign: "+")
            case .removed(let text): DiffLine(text: text, added: false, removed: true, sign: "−")
            }
        }
        self.init(
            layout: LayoutModel(title: "Historique\u{00A0}: \(history.sheet.title)", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, title: history.sheet.title, editorURL: SiteURL.staffSheet(slug).path,
            stateAction: SiteURL.staffSheetState(slug).path,
            versions: history.versions.reversed().map {
                VersionLine(number: $0.version, label: "Version \($0.version) — \($0.status.label.lowercased()), \($0.author), \(CaseDates.numeric($0.createdAt))",
                            restorable: $0.version != latest.version)
            },
            from: numbers.map { FormOption(value: String($0), label: "Version \($0)", selected: $0 == from) },
            to: numbers.map { FormOption(value: String($0), label: "Version \($0)", selected: $0 == to) },
            comparing: "Différences de la version \(from) à la version \(to)",
            diff: diff
        )
    }
}
