import Foundation
import Logging
import NEIGApp
import Vapor

/// Starts an application for one CLI command and always shuts it down again.
enum AppRunner {
    static func withApp<T>(
        _ options: DatabaseOptions, loadDemoData: Bool = false, arguments: [String] = ["neig"],
        _ body: (Application) async throws -> T
    ) async throws -> T {
        var environment = try Environment.detect(arguments: arguments)
        try LoggingSystem.bootstrapOnce(from: &environment)
        let app = try await Application.make(environment)
        do {
            let configuration = try AppConfiguration.fromEnvironment(
                database: options.database, loadDemoData: loadDemoData)
            try await configure(app, with: configuration)
            let result = try await body(app)
            // Commands write audit entries unsealed, like requests; seal them before leaving.
            do { try await AuditChain.seal(on: app.db) } catch { app.logger.debug("audit log not sealed: \(error)") }
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

extension LoggingSystem {
    nonisolated(unsafe) private static var bootstrapped = false

    /// JSON lines when `NEIG_LOG_FORMAT=json` (for log shippers), Vapor's console format otherwise.
    static func bootstrapOnce(from environment: inout Environment) throws {
        guard !bootstrapped else { return }
        bootstrapped = true
        let level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
        if ProcessInfo.processInfo.environment["NEIG_LOG_FORMAT"] == "json" {
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        } else {
            try LoggingSystem.bootstrap(from: &environment)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
