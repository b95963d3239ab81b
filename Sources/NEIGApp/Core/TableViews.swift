import Plot

extension Node where Context: HTML.BodyContext {
    /// A table that scrolls sideways inside its own box on a narrow screen, so the page itself never does. The box
    /// is a labelled region that takes keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1).
    static func scrollingTable(_ label: String, _ nodes: Node<HTML.TableContext>...) -> Node {
        .div(
            .class("table-scroll"), .attribute(named: "tabindex", value: "0"),
            .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label),
            .table(.group(nodes)))
    }
}

extension Node where Context: HTML.BodyContext {
    /// A chart drawn on the server. On a phone it keeps a width at which its text stays readable (12 px or more) and
    /// scrolls sideways in its own focusable box; the table next to it has the same numbers.
    static func chart(_ svg: String, label: String) -> Node {
        .div(
            .class("chart-scroll"), .attribute(named: "tabindex", value: "0"),
            .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label), .raw(svg))
    }
}
