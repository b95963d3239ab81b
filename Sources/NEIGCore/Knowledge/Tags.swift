/// Topic tags of questions, follows and group defaults: short lowercase words such as `preventie` or `jeugd`.
/// The lines of the approach and the phases of the handelingskader are the tags everyone knows; members add their own.
public enum Tags {
    public static let maximumPerItem = 6

    public static var standard: [String] {
        var tags = ApproachLine.allCases.map(\.rawValue)
        for phase in [CasePhase.dreiging, .explosie, .nazorg] where !tags.contains(phase.rawValue) {
            tags.append(phase.rawValue)
        }
        return tags
    }

    /// A readable label for a tag: the line or phase name when it is one, the tag itself otherwise.
    public static func label(_ tag: String) -> String {
        if let line = ApproachLine(rawValue: tag) { return line.label }
        if let phase = CasePhase(rawValue: tag) { return "Fase \(phase.label.lowercased())" }
        return tag
    }

    public static func normalise(_ raw: String) -> String? {
        // An underscore becomes a hyphen: one spelling per tag, as tags were always written (and a LIKE-safe one).
        let tag = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-").folding(
                options: .diacriticInsensitive, locale: nil)
        guard (2...40).contains(tag.count), tag.allSatisfy({ ($0.isLetter || $0.isNumber) && $0.isASCII || $0 == "-" }),
            tag.first?.isLetter == true || tag.first?.isNumber == true
        else { return nil }
        return tag
    }

    public enum ParseError: Error, Equatable {
        case invalid(String)
        case tooMany(Int)

        /// What a member is told next to the field.
        public var message: String {
            switch self {
            case .invalid(let word):
                "‘\(word)’ is geen onderwerp: gebruik letters, cijfers en streepjes (2 tot 40 tekens)."
            case .tooMany(let count): "U gaf \(count.counted(.topic)); ten hoogste \(Tags.maximumPerItem)."
            }
        }
    }

    /// Comma-separated tags as a member types them ("Preventie, jongeren"), deduplicated in order.
    public static func parse(_ text: String) -> Result<[String], ParseError> {
        var tags: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" })
        where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let tag = normalise(String(part)) else {
                return .failure(.invalid(part.trimmingCharacters(in: .whitespaces)))
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        return tags.count > maximumPerItem ? .failure(.tooMany(tags.count)) : .success(tags)
    }
}
