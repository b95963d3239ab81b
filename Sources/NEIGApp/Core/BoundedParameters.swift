import NEIGCore
import Vapor

/// Numbers from the query string go through `BoundedNumber`, so a hostile value answers 400 naming the parameter.
extension Request {
    /// Missing or empty is nil; anything else must be a whole number within `range`.
    func queryInteger(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query[String.self, at: name], !text.isEmpty else { return nil }
        return try BoundedNumber.integer(text, in: range).orBadRequest(name)
    }

    /// A page number of a list: 1 when absent, at most `PageWindow.maximumPage`.
    func queryPage(_ name: String = "pagina") throws -> Int {
        try queryInteger(name, in: 1...PageWindow.maximumPage) ?? 1
    }
}

extension Result where Failure == BoundedNumber.Failure {
    /// A problem document (400) naming the parameter, in Dutch.
    func orBadRequest(_ name: String) throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let failure):
            throw NEIGError.badRequest(
                "\(name): \(failure.reason).", items: [.init(column: name, reason: failure.reason)])
        }
    }

    /// For forms that show their own errors: the value, or nil after adding the field's message.
    func orFieldError(_ field: some FieldName, _ errors: inout [FormViews.FieldError], message: String) -> Success? {
        switch self {
        case .success(let value): return value
        case .failure:
            errors.append(.init(field: field, message: message))
            return nil
        }
    }
}

/// Offsets and limits for a page of rows, computed from bounded page numbers so the product cannot overflow.
enum PageWindow {
    static let maximumPage = 100_000

    static func range(page: Int, size: Int) -> Range<Int> {
        let page = min(max(page, 1), maximumPage)
        return ((page - 1) * size)..<(page * size)
    }
}

extension Request {
    /// A year from 2000 to this one, or this year when the parameter is absent; 400 naming the parameter otherwise.
    func queryYear(_ key: String) throws -> Int {
        let today = application.neig.clock.today
        guard let text = query[String.self, at: key], !text.isEmpty else { return today.year }
        guard case .success(let year) = BoundedNumber.integer(text, in: 2000...today.year) else {
            throw NEIGError.badRequest(
                "'\(text)' is geen geldig jaartal.",
                items: [.init(column: key, reason: "jaartal tussen 2000 en \(today.year)")])
        }
        return year
    }
}
