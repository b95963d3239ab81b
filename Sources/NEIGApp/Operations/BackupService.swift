import Fluent
import Foundation
import SQLKit

/// Consistent online backups and restores. SQLite: `VACUUM INTO` writes a transactionally consistent copy
/// while the server keeps running. PostgreSQL: `pg_dump` in its custom format, restored with `pg_restore`.
public enum BackupService {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func backup(
        _ location: DatabaseLocation, schema: String? = nil, to output: String, on db: any Database
    ) async throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw Failure(description: "\(output) exists already; choose a new file name")
        }
        switch location {
        case .sqlite:
            try await db.sql.raw("VACUUM INTO \(literal: output)").run()
        case .postgres(let url):
            var arguments = ["--format=custom", "--no-owner", "--file=\(output)", "--dbname=\(url)"]
            if let schema { arguments.append("--schema=\(schema)") }
            try run("pg_dump", arguments)
        }
    }

    /// Replaces the database with the backup. For SQLite the server must be stopped: the file is swapped.
    public static func restore(_ location: DatabaseLocation, from input: String) throws {
        guard FileManager.default.fileExists(atPath: input) else {
            throw Failure(description: "\(input) does not exist")
        }
        switch location {
        case .sqlite(let path):
            guard let header = FileManager.default.contents(atPath: input)?.prefix(16),
                String(decoding: header, as: UTF8.self).hasPrefix("SQLite format 3")
            else {
                throw Failure(description: "\(input) is not an SQLite backup")
            }
            let staging = path + ".restoring"
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.copyItem(atPath: input, toPath: staging)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            // rename(2) replaces the file in one step: a crash leaves either the old or the restored database.
            guard rename(staging, path) == 0 else { throw Failure(description: "could not replace \(path)") }
        case .postgres(let url):
            try run(
                "pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", input]
            )
        }
    }

    /// Finds a PostgreSQL client tool on PATH or in Debian's versioned folders, newest first.
    static func tool(_ name: String) throws -> String {
        var candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
            "\($0)/\(name)"
        }
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            candidates += versions.sorted { $0.compare($1, options: .numeric) == .orderedDescending }
                .map { "/usr/lib/postgresql/\($0)/bin/\(name)" }
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(
                description: "\(name) not found: install the PostgreSQL client tools (Debian: postgresql-client)")
        }
        return found
    }

    static func run(_ name: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try tool(name))
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) failed (\(process.terminationStatus)): \(message.prefix(2000))")
        }
    }
}
