import Foundation
import NEIGCore
import Plot

enum MembershipParts {
    /// The membership pages are narrow: forms and short lists.
    static func page(_ title: String, _ context: PageContext, _ content: Node<HTML.BodyContext>) -> HTML {
        Layout(title: title, context: context, content: .div(.class("narrow"), content)).document
    }

    /// A code for a new partner organisation, from the name the applicant gave.
    static func suggestedCode(_ name: String) -> String {
        let slug = name.lowercased().folding(options: .diacriticInsensitive, locale: nil).map {
            $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-"
        }
        return String(String(slug).split(separator: "-").joined(separator: "-").prefix(60))
    }

}
