import Foundation
import Testing

/// Rules of the code's shape that a reviewer would otherwise have to remember, read from the sources themselves.
@Suite struct ArchitectureTests {
    static let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../Sources/NEIGApp"
    ).standardized

    static func sources(under folder: String = "") -> [(name: String, text: String)] {
        let root = folder.isEmpty ? app : app.appendingPathComponent(folder)
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "swift" }.compactMap { url in
            (try? String(contentsOf: url, encoding: .utf8)).map { (url.lastPathComponent, $0) }
        }
    }

    /// The JSON API is an adapter of its own: it calls services and access checks, never the handlers of the pages.
    @Test func theAPICallsNoRouteTypeOfThePages() throws {
        let expression = try NSRegularExpression(pattern: #"\b([A-Z][A-Za-z]*)Routes\."#)
        let files = Self.sources(under: "API")
        #expect(files.count > 3, "the API sources were not found")
        var found: [String] = []
        for file in files {
            for match in expression.matches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text)) {
                let name = (file.text as NSString).substring(with: match.range(at: 1))
                if !name.hasSuffix("API") { found.append("\(file.name): \(name)Routes") }
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// Enum columns are Swift enums; a `…Value: String` field would read a corrupt value back as a default.
    @Test func noModelStoresAnEnumAsAString() throws {
        let expression = try NSRegularExpression(
            pattern:
                #"@(?:Optional)?Field\(key: "(?:[a-z_]+"\) var [a-z][A-Za-z]*Value|(?:[a-z_]*_)?(?:kind|status|role|phase)"\) var \w+): String"#
        )
        let found = Self.sources().filter {
            expression.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil
        }
        #expect(found.map(\.name).isEmpty, "\(found.map(\.name))")
    }
}

extension ArchitectureTests {
    /// Links, form actions, redirects and Location headers come from `SiteURL`, so a renamed route cannot leave a
    /// dead link: a string literal starting with a path is allowed only there and where routes are declared.
    @Test func everyInternalPathComesFromSiteURL() throws {
        // A string that starts with a path, or with an interpolation (a base address) followed by one.
        let literal = try NSRegularExpression(
            pattern:
                #""/(?!api/v1/openapi|static/|health|metrics|usr/)[a-z\\]|"\\\([^"()]*(?:\([^"()]*\))?[^"()]*\)/[a-z]"#)
        var found: [String] = []
        for file in Self.sources() where file.name != "SiteURL.swift" {
            for line in file.text.split(separator: "\n") {
                let text = String(line)
                if text.contains("hasPrefix(") { continue }
                if literal.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                    found.append("\(file.name): \(text.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// Routes are registered from `SiteURL` cases, never from literal path components, so the path that a route
    /// answers and the path that links point to are one declaration.
    @Test func everyRouteIsRegisteredFromSiteURL() throws {
        let literal = try NSRegularExpression(pattern: #"\.(?:get|post|put|patch|delete|on|grouped)\((?:\.[A-Z]+, )?""#)
        var found: [String] = []
        for file in Self.sources() {
            for line in file.text.split(separator: "\n") where !line.contains("parameters.get(") {
                let text = String(line)
                if literal.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                    found.append("\(file.name): \(text.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// A rule that depends on the role alone lives in `AccessMatrix` and is enforced by `AccessRuleMiddleware`;
    /// a handler that refuses a role itself would be a second copy that can drift from the matrix.
    @Test func handlersLeaveRoleOnlyRulesToTheAccessMatrix() throws {
        let roleGuard = try NSRegularExpression(
            pattern:
                #"guard (?:AccessPolicy\.\w+\.contains\((?:user|actor)\.role\)|(?:try req\.requireUser\(\)|user)\.role == \.\w+) else \{\s*throw NEIGError\.forbidden"#
        )
        let found = Self.sources().filter { $0.name.hasSuffix("Routes.swift") }.filter {
            roleGuard.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil
        }
        #expect(found.map(\.name).isEmpty, "\(found.map(\.name))")
    }

    /// The services under both the pages and the API name a rejected field by a typed key (`CaseField.title`),
    /// which knows its Dutch form name and its JSON name; the API keeps no table translating one into the other.
    @Test func sharedServicesNameFieldsByTypedKeys() throws {
        let shared = [
            "CaseService.swift", "MeasureService.swift", "InformationSharing.swift", "SignalService.swift",
            "InterventionInput.swift", "InterventionDecisions.swift"
        ]
        let files = Self.sources().filter { shared.contains($0.name) }
        #expect(files.count == shared.count, "a shared service was renamed: \(files.map(\.name))")
        let literal = try NSRegularExpression(pattern: #"field: "|orFieldError\(\s*""#)
        let found = files.filter {
            literal.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil
        }
        #expect(found.map(\.name).isEmpty, "\(found.map(\.name))")
        #expect(!Self.sources(under: "API").contains { $0.text.contains("fieldNames") })
    }

    /// Every page is a view struct holding what it shows (`struct XView { …; var document: HTML }`), built by its
    /// route from a model; no page is a static function of a namespace, and no routes file draws markup.
    @Test func pagesAreViewStructsOutsideTheRoutes() throws {
        let pageFunction = try NSRegularExpression(pattern: #"static func \w+\(\s*_ context: PageContext"#)
        let markup = try NSRegularExpression(pattern: #"Layout\(|\.h1\(|\.div\("#)
        var found: [String] = []
        for file in Self.sources() {
            let range = NSRange(file.text.startIndex..., in: file.text)
            if pageFunction.firstMatch(in: file.text, range: range) != nil {
                found.append("\(file.name): page function")
            }
            if file.name.hasSuffix("Routes.swift"), markup.firstMatch(in: file.text, range: range) != nil {
                found.append("\(file.name): markup in a routes file")
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// Routes are thin: decode, call the feature's service, render. Only signing in (sessions, second factor,
    /// recovery codes) writes from its routes, because the session and its cookie are the HTTP layer's own.
    @Test func routesLeaveWritingToServices() throws {
        let writes = try NSRegularExpression(pattern: #"\.transaction \{|\.(?:create|save|update|delete)\(on: req"#)
        let signingIn: Set = ["AccountRoutes.swift", "SecondFactorRoutes.swift", "AccountPageRoutes.swift"]
        let found = Self.sources().filter { $0.name.hasSuffix("Routes.swift") && !signingIn.contains($0.name) }.filter {
            writes.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil
        }
        #expect(found.map(\.name).isEmpty, "\(found.map(\.name))")
    }
}

extension ArchitectureTests {
    /// After a form the page says what happened (`redirect(to:saying:)`, shown with `role="status"`). A bare redirect
    /// is left only where nobody is logged in to read it: signing in and out, setting a first password, leaving, and
    /// following a notification's link.
    @Test func everyFormSaysWhatItDid() throws {
        let silent = ["AccountRoutes.swift", "SecondFactorRoutes.swift", "NotificationRoutes.swift"]
        var found: [String] = []
        for file in Self.sources() where file.name.hasSuffix("Routes.swift") && !silent.contains(file.name) {
            let count = file.text.components(separatedBy: "redirectType: .normal").count - 1
            let allowed = file.name == "MembershipRoutes.swift" ? 2 : 0
            if count > allowed { found.append("\(file.name): \(count - allowed)") }
        }
        #expect(found.isEmpty, "silent redirects after a form: \(found)")
    }
}
