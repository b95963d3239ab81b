/// A field that a form and the JSON API both fill, named once: `formName` on the Dutch page (and in its `veld-…`
/// anchors), `jsonName` in the API's request body and problem details. Services shared by both name their
/// validation errors by such a key; each adapter picks the name it speaks.
protocol FieldName: Sendable {
    var formName: String { get }
    var jsonName: String { get }
}

extension FieldName where Self: RawRepresentable, RawValue == String {
    var formName: String { rawValue }
}

/// A field that only a page has: one name for both.
extension String: FieldName {
    var formName: String { self }
    var jsonName: String { self }
}
