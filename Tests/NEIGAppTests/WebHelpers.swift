import Foundation
import Testing
import VaporTesting

@testable import NEIGApp

/// Posts a form as a browser would, repeated names (`rollen[]`) included.
func postForm(_ app: Application, _ path: String, _ fields: [(String, String)], as browser: Browser) async throws
    -> TestingHTTPResponse
{
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let body = (fields + [("csrf", browser.csrf)])
        .map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }
        .joined(separator: "&")
    var response: TestingHTTPResponse?
    try await app.testing().test(
        .POST, path,
        beforeRequest: { req in
            req.headers = browser.headers([("Content-Type", "application/x-www-form-urlencoded")])
            req.body = ByteBuffer(string: body)
        }, afterResponse: { response = $0 })
    return try #require(response)
}

func getPage(_ app: Application, _ path: String, as browser: Browser) async throws -> TestingHTTPResponse {
    var response: TestingHTTPResponse?
    try await app.testing().test(.GET, path, headers: browser.headers()) { response = $0 }
    return try #require(response)
}

/// The id at the end of a redirect such as `/zaken/<uuid>`.
func redirectID(_ response: TestingHTTPResponse) throws -> UUID {
    let location = try #require(
        response.headers.first(name: .location), "no redirect: \(response.status) \(response.body.string.prefix(400))")
    return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
}

/// Opens a case at Verzinsingel 15 and drafts a closure order (3 July to 3 October 2025) in it, as the OOV adviser
/// would on the case page; returns the measure's path.
func draftClosure(_ app: Application, as officer: Browser, addressee: [(String, String)]) async throws -> String {
    let caseID = try redirectID(
        try await postForm(
            app, "/zaken",
            [
                ("titel", "Verzinsingel 15"), ("adres", "Verzinsingel 15"), ("fase", "explosie"),
                ("vertrouwelijkheid", "vertrouwelijk"), ("termijn", "56")
            ], as: officer))
    let drafted = try await postForm(
        app, "/zaken/\(caseID.uuidString.lowercased())/maatregelen",
        [("soort", "sluiting_174a"), ("begin", "2025-07-03"), ("einde", "2025-10-03")] + addressee + [
            ("motivering", "Na de explosie is sluiting nodig voor de veiligheid van de buren en de straat.")
        ], as: officer)
    return "/maatregelen/\(try redirectID(drafted).uuidString.lowercased())"
}
