import Vapor

/// The three pages every Dutch government service links from its footer: privacy, accessibility and contact.
enum StatementRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.privacy) { req in
            HTMLPage(document: StatementView(statement: .privacy, context: req.pageContext).document)
        }
        routes.get(.accessibility) { req in
            HTMLPage(document: StatementView(statement: .accessibility, context: req.pageContext).document)
        }
        routes.get(.contact) { req in
            HTMLPage(document: StatementView(statement: .contact, context: req.pageContext).document)
        }
    }
}
