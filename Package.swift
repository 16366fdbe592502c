// swift-tools-version:6.2
import PackageDescription

// Every dependency resolves from the machine's local mirror of GitHub; versions are the ones listed
// there (see ../shared/STACK-NOTES.md). Keep `from:` on a listed version with the same major.
let package = Package(
    name: "Relais",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "relais", targets: ["relais"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // multipart/form-data, parsed as it streams (a case's files).
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        // Debian's libcurl (libcurl4-openssl-dev) with typed wrappers over its variadic calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Debian's zlib (zlib1g-dev): office documents' ZIP entries inflated with a cap (zip bombs).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The domain: values and pure functions, no I/O. Digests and HMACs are swift-crypto's.
        .target(name: "RelaisCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "RelaisStore",
            dependencies: [
                "RelaisCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RelaisMail",
            dependencies: [
                "CCurl",
                "RelaisCore",
                "RelaisStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // A case's files on disk: streamed, encrypted per file (AES-GCM, keys wrapped by a master
        // key), checked by their bytes. No database, no HTTP: the use cases decide what is stored.
        .target(
            name: "RelaisFiles",
            dependencies: ["CZlib", "RelaisCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The use cases: every write transaction and every job, below the web and the command line.
        .target(
            name: "RelaisUseCases",
            dependencies: [
                "RelaisCore",
                "RelaisStore",
                "RelaisMail",
                "RelaisFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                // TOTP codes for the second factor (HMAC over swift-crypto).
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Pages' templates compiled once and rendered over a typed value tree (no reflection); the
        // parser is vendored from swift-mustache so that the output stays byte for byte the same.
        .target(name: "RelaisTemplates"),
        .target(
            name: "RelaisWeb",
            dependencies: [
                "RelaisCore",
                "RelaisTemplates",
                "RelaisStore",
                "RelaisMail",
                "RelaisFiles",
                "RelaisUseCases",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                // The thread that receives files (`UploadWorker`).
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // The HTTP parts seen by `SlowClientGuard` in the channel pipeline.
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "relais",
            dependencies: [
                "RelaisCore",
                "RelaisStore",
                "RelaisMail",
                "RelaisFiles",
                "RelaisUseCases",
                "RelaisWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // Shared test support: a test app, an SMTP sink on loopback, fixture paths.
        .target(
            name: "RelaisTestSupport",
            dependencies: [
                "RelaisCore",
                "RelaisStore",
                "RelaisMail",
                "RelaisFiles",
                "RelaisUseCases",
                "RelaisWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Tests/RelaisTestSupport"
        ),
        .testTarget(name: "RelaisCoreTests", dependencies: ["RelaisCore"]),
        // The renderer against swift-mustache itself: same templates, same models, same bytes.
        .testTarget(
            name: "RelaisTemplatesTests",
            dependencies: ["RelaisTemplates", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(name: "RelaisFilesTests", dependencies: ["RelaisFiles"]),
        .testTarget(name: "RelaisStoreTests", dependencies: ["RelaisStore", "RelaisTestSupport"]),
        .testTarget(name: "RelaisMailTests", dependencies: ["RelaisMail", "RelaisTestSupport"]),
        // The use cases run without HTTP: a real database, the real outbox, an injected clock.
        .testTarget(
            name: "RelaisUseCasesTests",
            dependencies: ["RelaisUseCases", "RelaisTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "RelaisWebTests",
            dependencies: [
                "RelaisWeb",
                "RelaisTemplates",
                "RelaisTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
