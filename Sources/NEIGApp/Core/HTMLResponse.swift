import Plot
import Vapor

/// Lets a handler return a Plot document directly.
struct HTMLPage: AsyncResponseEncodable {
    let document: HTML
    var status: HTTPResponseStatus = .ok

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: document.render()))
    }
}

extension HTTPMediaType {
    static let problemJSON = HTTPMediaType(
        type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
    static let geoJSON = HTTPMediaType(type: "application", subType: "geo+json", parameters: ["charset": "utf-8"])
    static let csvUTF8 = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
}
