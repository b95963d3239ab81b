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
