import Foundation
import NEIGCore

/// Where the browser looks addresses up for the incident and case forms (`NEIG_ADDRESS_SEARCH` = `pdok`, the base URL
/// of a Locatieserver with the same API, or `off`). The browser calls it directly, so it is named in the CSP's
/// `connect-src`; what the user types goes there and nowhere else.
public enum AddressSearch: Sendable, Equatable {
    case off
    case locatieserver(base: String)

    public static let pdokBase = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
    public static let pdok = AddressSearch.locatieserver(base: pdokBase)

    public var base: String? {
        guard case .locatieserver(let base) = self else { return nil }
        return base
    }

    /// The scheme, host and port, for the Content-Security-Policy's `connect-src`.
    public var origin: String? { base.flatMap { ExternalService.origin(of: $0) } }

    public static func parse(_ setting: String?) throws -> AddressSearch {
        let text = (setting ?? "").trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "", "pdok": return .pdok
        case "off", "uit", "none": return .off
        default: break
        }
        try ExternalService.check(text, setting: "NEIG_ADDRESS_SEARCH")
        guard !text.contains("?"), !text.contains("#") else {
            throw ConfigurationError("NEIG_ADDRESS_SEARCH: the base URL, without a query or fragment")
        }
        return .locatieserver(base: text.hasSuffix("/") ? String(text.dropLast()) : text)
    }
}

/// The rules for a URL of another service that reaches a CSP header and a page: printable ASCII without quotes, a host
/// of letters, digits, dots and hyphens only (so no escaped character can add a directive or markup), https except
/// on loopback.
enum ExternalService {
    static func check(_ text: String, setting: String) throws {
        guard text.utf8.count <= 500, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }),
            !text.contains(where: { "\"'<>\\`".contains($0) })
        else { throw ConfigurationError("\(setting): a URL of printable ASCII without quotes") }
        guard let url = URL(string: MapTiles.fillPlaceholders(text)), let scheme = url.scheme?.lowercased(),
            let host = url.host
        else { throw ConfigurationError("\(setting): not a URL: \(text)") }
        guard host.utf8.count <= 253, !host.isEmpty,
            host.unicodeScalars.allSatisfy({
                ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "."
                    || $0 == "-"
            }),
            !text.prefix(while: { $0 != "{" }).contains("%")
        else { throw ConfigurationError("\(setting): the host may hold letters, digits, dots and hyphens only") }
        let loopback = ["127.0.0.1", "localhost"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw ConfigurationError("\(setting): only https (http only on loopback)")
        }
    }

    static func origin(of text: String) -> String? {
        guard let url = URL(string: MapTiles.fillPlaceholders(text)), let scheme = url.scheme, let host = url.host
        else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}
