import Foundation

/// Folders of the repository, found from this file so tests run from any working directory.
public enum TestPaths {
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // RelaisTestSupport
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    public static var templates: String { repository.appendingPathComponent("Templates").path }
    public static var seeds: URL { repository.appendingPathComponent("Seeds") }
    public static var publicFolder: String { repository.appendingPathComponent("Public").path }

    /// A new empty temporary folder, removed by the system's temp cleaning.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("relais-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of `Seeds/` that a test may edit.
    public static func seedsCopy() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("Seeds")
        try FileManager.default.copyItem(at: seeds, to: folder)
        return folder
    }
}
