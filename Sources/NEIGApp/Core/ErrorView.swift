import Plot
import Vapor

struct ErrorView {
    let status: HTTPResponseStatus
    let title: String
    let detail: String?
    let items: [Problem.Item]
    let context: PageContext

    var document: HTML {
        Layout(
            title: title, context: context,
            content: .div(
                .h1(.text(title)),
                .unwrap(detail) { .p(.class("lead"), .text($0)) },
                .if(
                    !items.isEmpty,
                    .ul(
                        .class("problem-list"),
                        .forEach(items.prefix(500)) { item in
                            .li(.text(Self.describe(item)))
                        })),
                .if(items.count > 500, .p(.text("… en nog \(items.count - 500) problemen."))),
                .p(.a(.href(SiteURL.home.path), .text("Naar de startpagina")))
            )
        ).document
    }

    static func describe(_ item: Problem.Item) -> String {
        var parts: [String] = []
        if let line = item.line { parts.append("regel \(line)") }
        if let column = item.column { parts.append("kolom \(column)") }
        return parts.isEmpty ? item.reason : parts.joined(separator: ", ") + ": " + item.reason
    }
}
