import ArgumentParser

@main
struct NEIG: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neig",
        abstract: "Het werkplatform van het Netwerk Explosies In Gemeenten.",
        subcommands: [
            Serve.self, AnonymiseCheck.self, Migrate.self, Import.self, Monitor.self, Analyse.self, AlertsCommand.self,
            AuditCommand.self, RetentionCommand.self, LibraryCommand.self, Evaluate.self, InterventionsCommand.self,
            UserCommand.self, UsersCommand.self, TokenCommand.self, Backup.self, Restore.self
        ]
    )
}

/// `--database` for every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "sqlite:PATH or postgres://USER@HOST:PORT/DB (default: $DATABASE_URL, else neig.sqlite)")
    var database: String?
}
