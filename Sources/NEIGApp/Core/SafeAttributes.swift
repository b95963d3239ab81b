import Foundation
import Plot

/// Plot escapes text nodes but writes attribute values as given, so `"><meta http-equiv=refresh …>` in a value
/// would end the attribute and add markup. These declarations have the same names and signatures as Plot's, and a
/// module's own declarations shadow those of a module it imports: every `.value(…)`, `.href(…)`, `.class(…)` in
/// neig's views resolves here, escapes the value and, for URLs, allows only safe schemes. `SafeAttributesTests`
/// renders each of them with a hostile value.
enum AttributeValue {
    static func escape(_ value: String) -> String {
        // By scalar, not by Character: a quote followed by a combining mark is one Character that is not `"`, yet the
        // browser still reads the quote and ends the attribute.
        guard value.utf8.contains(where: { [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }) else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// http, https and mailto, same-site paths (`/x` but not `//host` or `/\host`), fragments and query strings.
    /// Anything else (`javascript:`, `data:`, a control character) becomes a link to nowhere.
    static func url(_ value: URLRepresentable) -> String {
        let text = value.description
        return escape(isAllowedURL(text) ? text : "#")
    }

    static func isAllowedURL(_ url: String) -> Bool {
        if url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return false }
        if url.hasPrefix("#") || url.hasPrefix("?") { return true }
        if url.hasPrefix("/") { return !url.hasPrefix("//") && !url.hasPrefix("/\\") }
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
    }
}

// MARK: - Attribute<Context>

extension Attribute {
    static func attribute(named name: String, value: String?) -> Self {
        Attribute(name: name, value: value.map(AttributeValue.escape))
    }
}

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { Attribute(name: "id", value: AttributeValue.escape(id)) }
    static func `class`(_ className: String) -> Attribute {
        Attribute(name: "class", value: AttributeValue.escape(className), replaceExisting: false)
    }
    static func data(named name: String, value: String) -> Attribute {
        Attribute(name: "data-\(name)", value: AttributeValue.escape(value))
    }
    static func title(_ title: String) -> Attribute { Attribute(name: "title", value: AttributeValue.escape(title)) }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { Attribute(name: "name", value: AttributeValue.escape(name)) }
}

extension Attribute where Context == HTML.MetaContext {
    static func property(_ property: String) -> Attribute {
        Attribute(name: "property", value: AttributeValue.escape(property))
    }
    static func content(_ content: String) -> Attribute {
        Attribute(name: "content", value: AttributeValue.escape(content))
    }
}

extension Attribute where Context: HTMLTypeContext {
    static func type(_ type: String) -> Attribute { Attribute(name: "type", value: AttributeValue.escape(type)) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute {
        Attribute(name: "value", value: AttributeValue.escape(value), ignoreIfValueIsEmpty: false)
    }
}

extension Attribute where Context == HTML.LinkContext {
    static func sizes(_ sizes: String) -> Attribute { Attribute(name: "sizes", value: AttributeValue.escape(sizes)) }
    static func color(_ color: String) -> Attribute { Attribute(name: "color", value: AttributeValue.escape(color)) }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Attribute { Attribute(name: "href", value: AttributeValue.url(url)) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Attribute { Attribute(name: "src", value: AttributeValue.url(url)) }
}

extension Attribute where Context == HTML.ObjectContext {
    static func data(_ url: URLRepresentable) -> Attribute { Attribute(name: "data", value: AttributeValue.url(url)) }
}

extension Attribute where Context == HTML.PictureSourceContext {
    static func srcset(_ set: String) -> Attribute { Attribute(name: "srcset", value: AttributeValue.escape(set)) }
    static func media(_ query: String) -> Attribute { Attribute(name: "media", value: AttributeValue.escape(query)) }
    static func type(_ type: String) -> Attribute { Attribute(name: "type", value: AttributeValue.escape(type)) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute {
        Attribute(name: "placeholder", value: AttributeValue.escape(placeholder))
    }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute {
        Attribute(name: "label", value: AttributeValue.escape(label), ignoreIfValueIsEmpty: false)
    }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute {
        Attribute(name: "alt", value: AttributeValue.escape(text), ignoreIfValueIsEmpty: false)
    }
}

extension Attribute where Context: HTMLIntegrityContext {
    static func integrity(_ hash: String) -> Attribute {
        Attribute(name: "integrity", value: AttributeValue.escape(hash))
    }
}

// MARK: - Node<Context>

extension Node {
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(
            Attribute(name: name, value: value.map(AttributeValue.escape), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(Attribute.id(id)) }
    static func `class`(_ className: String) -> Node { .attribute(Attribute.class(className)) }
    static func data(named name: String, value: String) -> Node {
        .attribute(Attribute.data(named: name, value: value))
    }
    static func title(_ title: String) -> Node { .attribute(Attribute.title(title)) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(Attribute.name(name)) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(Attribute.value(value)) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Node { .attribute(Attribute.href(url)) }
}

extension Node where Context == HTML.TimeContext {
    static func datetime(_ datetime: String) -> Node {
        .attribute(Attribute(name: "datetime", value: AttributeValue.escape(datetime)))
    }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Node { .attribute(Attribute.src(url)) }
}

extension Node where Context == HTML.ObjectContext {
    static func data(_ url: URLRepresentable) -> Node { .attribute(Attribute.data(url)) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: URLRepresentable) -> Node {
        .attribute(Attribute(name: "action", value: AttributeValue.url(url)))
    }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node {
        .attribute(Attribute(name: "for", value: AttributeValue.escape(target)))
    }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node {
        .attribute(Attribute(name: "placeholder", value: AttributeValue.escape(placeholder)))
    }
}

extension Node where Context: HTMLStylableContext {
    static func style(_ css: String) -> Node { .attribute(Attribute(name: "style", value: AttributeValue.escape(css))) }
}

extension Node where Context: HTML.BodyContext {
    static func ariaLabel(_ label: String) -> Node {
        .attribute(Attribute(name: "aria-label", value: AttributeValue.escape(label)))
    }
    static func ariaControls(_ child: String) -> Node {
        .attribute(Attribute(name: "aria-controls", value: AttributeValue.escape(child)))
    }
}

extension Node where Context: HTMLIntegrityContext {
    static func integrity(_ hash: String) -> Node { .attribute(Attribute.integrity(hash)) }
}

extension Node where Context == HTML.HeadContext {
    /// Plot's version writes the title into two `content` attributes unescaped.
    static func title(_ title: String) -> Node {
        .group(
            .element(named: "title", text: title),
            .meta(.name("twitter:title"), .content(title)),
            .meta(.property("og:title"), .content(title)))
    }

    static func description(_ text: String) -> Node {
        .group(
            .meta(.name("description"), .content(text)),
            .meta(.name("twitter:description"), .content(text)),
            .meta(.property("og:description"), .content(text)))
    }

    static func stylesheet(_ url: URLRepresentable) -> Node {
        .link(.rel(.stylesheet), .href(url), .attribute(named: "type", value: "text/css"))
    }
}
