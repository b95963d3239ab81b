// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "neig",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "neig", targets: ["neig"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7")
    ],
    targets: [
        .target(name: "NEIGFormats", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "NEIGCore",
            dependencies: ["NEIGFormats"],
            resources: [
                .copy("Resources/gemeenten.csv"), .copy("Resources/gemeenten_2024_rd.topojson"),
                .copy("Resources/gemeenten_punten_rd.csv")
            ]
        ),
        .target(
            name: "NEIGApp",
            dependencies: [
                "NEIGCore",
                "NEIGFormats",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ],
            resources: [.copy("Resources/Public"), .copy("Resources/openapi.json")]
        ),
        .executableTarget(
            name: "neig",
            dependencies: [
                "NEIGApp",
                "NEIGCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        .testTarget(
            name: "NEIGFormatsTests",
            dependencies: ["NEIGFormats", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "NEIGCoreTests", dependencies: ["NEIGCore", "NEIGFormats"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "NEIGAppTests",
            dependencies: [
                "NEIGApp",
                "NEIGFormats",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ],
            exclude: ["__Snapshots__"],
            resources: [.copy("Fixtures")]
        )
    ]
)
