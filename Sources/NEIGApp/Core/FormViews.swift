import Plot

/// Labelled form fields with their error message tied to the field (WCAG 3.3.1 / 3.3.2).
enum FormViews {
    struct FieldError: Sendable {
        /// The name in the form, which the page's field and anchor use.
        let field: String
        /// The name in the API's JSON body.
        let jsonName: String
        let message: String

        init(field: some FieldName, message: String) {
            self.field = field.formName
            self.jsonName = field.jsonName
            self.message = message
        }
    }

    /// The summary at the top of a form; each message links to its field.
    static func errorSummary(_ errors: [FieldError]) -> Node<HTML.BodyContext> {
        guard !errors.isEmpty else { return .empty }
        return .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"),
            .attribute(named: "aria-labelledby", value: "foutoverzicht"),
            .h2(
                .id("foutoverzicht"),
                .text("Er \(errors.count == 1 ? "is" : "zijn") \(errors.count.counted(.problem))")),
            .ul(.forEach(errors) { error in .li(.a(.href("#veld-\(error.field)"), .text(error.message))) })
        )
    }

    static func csrf(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(token))
    }

    static func textField(
        _ name: String, label: String, value: String?, type: HTMLInputType = .text, hint: String? = nil,
        required: Bool = false, errors: [FieldError], autocomplete: String? = nil
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        let describedBy = [hint != nil ? "hint-\(name)" : nil, error != nil ? "fout-\(name)" : nil].compactMap { $0 }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(
                .for("veld-\(name)"), .text(label),
                .if(!required, .span(.class("optional"), .text(" (niet verplicht)")))),
            .unwrap(hint) { .p(.class("hint"), .id("hint-\(name)"), .text($0)) },
            .unwrap(error) { .p(.class("error-message"), .id("fout-\(name)"), .text($0.message)) },
            .selfClosedElement(
                named: "input",
                attributes: inputAttributes(
                    type: type, name: name, value: value, required: required, autocomplete: autocomplete,
                    describedBy: describedBy, invalid: error != nil))
        )
    }

    static func inputAttributes(
        type: HTMLInputType, name: String, value: String?, required: Bool, autocomplete: String?,
        describedBy: [String], invalid: Bool
    ) -> [Attribute<HTML.InputContext>] {
        var attributes: [Attribute<HTML.InputContext>] = [.type(type), .name(name), .id("veld-\(name)")]
        if type != .password { attributes.append(.value(value ?? "")) }
        if required { attributes.append(.required(true)) }
        if let autocomplete { attributes.append(.attribute(named: "autocomplete", value: autocomplete)) }
        if !describedBy.isEmpty {
            attributes.append(.attribute(named: "aria-describedby", value: describedBy.joined(separator: " ")))
        }
        if invalid { attributes.append(.attribute(named: "aria-invalid", value: "true")) }
        return attributes
    }

    static func select(
        _ name: String, label: String, options: [(value: String, label: String)], selected: String?,
        errors: [FieldError], required: Bool = true
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for("veld-\(name)"), .text(label)),
            .unwrap(error) { .p(.class("error-message"), .id("fout-\(name)"), .text($0.message)) },
            selectElement(
                name: name, id: "veld-\(name)", describedBy: error != nil ? "fout-\(name)" : nil,
                options: options, selected: selected)
        )
    }

    /// A group of checkboxes named `name[]`, as a fieldset with a legend.
    static func checkboxes(
        _ name: String, legend: String, options: [(value: String, label: String)], selected: Set<String> = []
    ) -> Node<HTML.FormContext> {
        .fieldset(
            .element(named: "legend", text: legend),
            .forEach(options) { option in
                checkbox(
                    "\(name)[]", id: "\(name)-\(option.value)", value: option.value, label: option.label,
                    checked: selected.contains(option.value))
            })
    }

    static func checkbox(_ name: String, id: String, value: String, label: String, checked: Bool) -> Node<
        HTML.FormContext
    > {
        var attributes: [Attribute<HTML.InputContext>] = [.type(.checkbox), .name(name), .value(value), .id(id)]
        if checked { attributes.append(.attribute(named: "checked", value: "checked")) }
        return .div(
            .class("check"), .selfClosedElement(named: "input", attributes: attributes),
            .label(.for(id), .text(" \(label)")))
    }

    static func radio(_ name: String, id: String, value: String, label: String, checked: Bool) -> Node<
        HTML.FormContext
    > {
        var attributes: [Attribute<HTML.InputContext>] = [.type(.radio), .name(name), .value(value), .id(id)]
        if checked { attributes.append(.attribute(named: "checked", value: "checked")) }
        return .div(
            .class("check"), .selfClosedElement(named: "input", attributes: attributes),
            .label(.for(id), .text(" \(label)")))
    }

    /// The message of `name` inside a fieldset, which has no single input to carry it.
    static func groupError(_ name: String, errors: [FieldError]) -> Node<HTML.FormContext> {
        .unwrap(errors.first { $0.field == name }) {
            .p(.class("error-message"), .id("fout-\(name)"), .text($0.message))
        }
    }

    static func textArea(
        _ name: String, label: String, value: String?, hint: String? = nil, errors: [FieldError],
        required: Bool = false
    ) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        let describedBy = [hint != nil ? "hint-\(name)" : nil, error != nil ? "fout-\(name)" : nil].compactMap { $0 }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(
                .for("veld-\(name)"), .text(label),
                .if(!required, .span(.class("optional"), .text(" (niet verplicht)")))),
            .unwrap(hint) { .p(.class("hint"), .id("hint-\(name)"), .text($0)) },
            .unwrap(error) { .p(.class("error-message"), .id("fout-\(name)"), .text($0.message)) },
            .textarea(
                .name(name), .id("veld-\(name)"), .attribute(named: "rows", value: "4"),
                .if(
                    !describedBy.isEmpty,
                    .attribute(named: "aria-describedby", value: describedBy.joined(separator: " "))),
                .text(value ?? ""))
        )
    }
}

/// Plot's `select` and `option` take no text or conditional attributes, so these are built by name.
func selectElement<Context>(
    name: String, id: String, describedBy: String? = nil,
    options: [(value: String, label: String)], selected: String?
) -> Node<Context> {
    var nodes: [Node<HTML.BodyContext>] = [.attribute(named: "name", value: name), .attribute(named: "id", value: id)]
    if let describedBy { nodes.append(.attribute(named: "aria-describedby", value: describedBy)) }
    for option in options {
        // Plot leaves out empty attributes; an option without value="" would submit its label instead.
        var optionNodes: [Node<HTML.BodyContext>] = [
            .attribute(named: "value", value: option.value, ignoreIfValueIsEmpty: false)
        ]
        if option.value == selected { optionNodes.append(.attribute(named: "selected", value: "selected")) }
        optionNodes.append(.text(option.label))
        nodes.append(.element(named: "option", nodes: optionNodes))
    }
    return .element(named: "select", nodes: nodes)
}
