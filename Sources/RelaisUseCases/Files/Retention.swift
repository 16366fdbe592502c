import Foundation
import RelaisCore
import RelaisFiles
@_spi(UseCases) import RelaisStore

/// `relais purge`: personal data past its retention period goes (`AppDatabase.purge`), then the
/// files of the cases it anonymised, then any file no case names that is older than an hour (left
/// by an interrupted upload or deletion; a younger one may be an upload the server is finishing).
public enum Retention {
    public struct Report: Sendable, CustomStringConvertible {
        public let database: AppDatabase.PurgeReport
        /// Files on disk that no case named.
        public let leftOverFiles: Int

        public var description: String { "\(database), case files left over: \(leftOverFiles)" }
    }

    public static func purge(_ database: AppDatabase, files: FileVault, before: Date, now: Date,
                             sessionIdle: TimeInterval, sessionAbsolute: TimeInterval) throws -> Report {
        let report = try database.purge(before: before, now: now, sessionIdle: sessionIdle, sessionAbsolute: sessionAbsolute)
        for name in report.documentsToDelete { files.delete(name) }
        let leftOver = files.sweep(keeping: try database.storedDocumentNames(), olderThan: 3600, now: now)
        return Report(database: report, leftOverFiles: leftOver)
    }
}
