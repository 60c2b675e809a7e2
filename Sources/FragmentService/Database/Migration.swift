import Foundation

/// One numbered SQL file from `Migrations/`, e.g. `0001_foundation.sql` → version 1.
struct Migration: Sendable, Equatable {
    var version: Int
    var name: String
    var sql: String

    /// Reads every `NNNN_name.sql` in `directory`, sorted by number; refuses duplicates.
    static func load(from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        var migrations: [Migration] = []
        for file in files {
            guard let number = file.split(separator: "_").first.flatMap({ Int($0) }) else {
                throw MigrationError(description: "migration file \(file) must start with a number, e.g. 0002_add_rules.sql")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            migrations.append(Migration(version: number, name: String(file.dropLast(4)), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw MigrationError(description: "migrations \(a.name) and \(b.name) share number \(a.version)")
        }
        return migrations
    }

    /// Where the migrations live: `SOCIAL_MIGRATIONS_DIR`, else `./Migrations`, else the source tree's.
    static func defaultDirectory(environment: [String: String]) -> URL {
        if let dir = environment["SOCIAL_MIGRATIONS_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Migrations")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Migrations")
    }
}

/// A migration problem, with what to do about it.
struct MigrationError: Error, CustomStringConvertible {
    let description: String
}
