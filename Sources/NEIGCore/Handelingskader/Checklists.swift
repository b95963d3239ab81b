import Foundation

/// One step of a handelingskader phase: what to do, who does it, and how many hours after the phase starts.
public struct ChecklistStep: Codable, Sendable, Equatable {
    public let phase: CasePhase
    public let title: String
    public let owner: String
    public let dueHours: Int

    public init(phase: CasePhase, title: String, owner: String, dueHours: Int) {
        self.phase = phase
        self.title = title
        self.owner = owner
        self.dueHours = dueHours
    }
}

/// Templates are edited as text, one step a line: `fase | stap | eigenaar | uren`. Parsing reports every bad line.
public enum ChecklistText {
    public struct LineError: Error, Equatable, Sendable {
        public let line: Int
        public let reason: String
    }

    public struct Problems: Error, Sendable {
        public let lines: [LineError]
    }

    public static func parse(_ text: String) -> Result<[ChecklistStep], Problems> {
        var steps: [ChecklistStep] = [], errors: [LineError] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 4 else {
                errors.append(
                    LineError(line: index + 1, reason: "verwacht 4 delen gescheiden door |, gevonden \(parts.count)"))
                continue
            }
            guard let phase = CasePhase(rawValue: parts[0].lowercased()), phase != .gesloten else {
                errors.append(
                    LineError(line: index + 1, reason: "fase '\(parts[0])' is niet dreiging, explosie of nazorg"))
                continue
            }
            guard !parts[1].isEmpty, parts[1].count <= 200 else {
                errors.append(LineError(line: index + 1, reason: "de stap is leeg of langer dan 200 tekens"))
                continue
            }
            guard !parts[2].isEmpty, parts[2].count <= 100 else {
                errors.append(LineError(line: index + 1, reason: "de eigenaar is leeg of langer dan 100 tekens"))
                continue
            }
            guard let hours = Int(parts[3]), (0...8760).contains(hours) else {
                errors.append(
                    LineError(line: index + 1, reason: "uren '\(parts[3])' is geen geheel getal van 0 tot 8760"))
                continue
            }
            steps.append(ChecklistStep(phase: phase, title: parts[1], owner: parts[2], dueHours: hours))
        }
        if steps.isEmpty && errors.isEmpty {
            errors.append(LineError(line: 1, reason: "het sjabloon heeft geen stappen"))
        }
        return errors.isEmpty ? .success(steps) : .failure(Problems(lines: errors))
    }

    public static func format(_ steps: [ChecklistStep]) -> String {
        steps.map { "\($0.phase.rawValue) | \($0.title) | \($0.owner) | \($0.dueHours)" }.joined(separator: "\n")
    }

    /// The national template neig starts with, after the handelingskader of the action plan.
    public static let nationalDefault: [ChecklistStep] = [
        .init(phase: .dreiging, title: "Risico inschatten met politie", owner: "OOV-adviseur", dueHours: 24),
        .init(
            phase: .dreiging, title: "Gesprek met bewoners of ondernemer over de dreiging", owner: "OOV-adviseur",
            dueHours: 48),
        .init(phase: .dreiging, title: "Camera en verlichting overwegen", owner: "OOV-adviseur", dueHours: 72),
        .init(
            phase: .dreiging, title: "Maatregelen van de burgemeester overwegen", owner: "Burgemeester", dueHours: 120),
        .init(
            phase: .explosie, title: "Veiligheid van bewoners en buren vaststellen", owner: "OOV-adviseur", dueHours: 4),
        .init(
            phase: .explosie, title: "Bouwkundige veiligheid laten beoordelen", owner: "Bouw- en woningtoezicht",
            dueHours: 12),
        .init(phase: .explosie, title: "Noodopvang regelen waar nodig", owner: "OOV-adviseur", dueHours: 12),
        .init(phase: .explosie, title: "Bewoners en buren informeren", owner: "Communicatie", dueHours: 24),
        .init(phase: .explosie, title: "Informatie van politie aan de burgemeester", owner: "Politie", dueHours: 24),
        .init(phase: .explosie, title: "Besluit over sluiting voorbereiden", owner: "Burgemeester", dueHours: 72),
        .init(
            phase: .nazorg, title: "Buurtbijeenkomst of huisbezoeken in de straat", owner: "OOV-adviseur", dueHours: 168
        ),
        .init(
            phase: .nazorg, title: "Near-repeatzone: extra toezicht in de eerste weken", owner: "Politie", dueHours: 72),
        .init(
            phase: .nazorg, title: "Slachtofferhulp en schadeafhandeling nagaan", owner: "OOV-adviseur", dueHours: 336),
        .init(phase: .nazorg, title: "Evaluatie van de aanpak", owner: "OOV-adviseur", dueHours: 1344)
    ]
}
