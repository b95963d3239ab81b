import Foundation
import NEIGCore
import Plot

enum EventParts {
    static let dateTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = NEIGClock.amsterdam
        formatter.dateFormat = "EEEE d MMMM yyyy, HH:mm"
        return formatter
    }()

    static func statusLabel(_ status: EventRegistration.Status?) -> String? {
        switch status {
        case .registered: "U bent aangemeld"
        case .waitlisted: "U staat op de wachtlijst"
        default: nil
        }
    }

}

struct EventListView {
    let context: PageContext
    let events: [NetworkEvent]
    let mine: [UUID: EventRegistration.Status]
    let canOrganise: Bool
    let feedURL: String?

    var document: HTML {
        Layout(
            title: "Bijeenkomsten", context: context,
            content: .div(
                .h1(.text("Bijeenkomsten en kennissessies")),
                .if(
                    canOrganise,
                    .p(.a(.class("button"), .href(SiteURL.newEvent.path), .text("Bijeenkomst organiseren")))
                ),
                events.isEmpty
                    ? .p(.text("Er zijn geen komende bijeenkomsten."))
                    : .ul(
                        .class("results"),
                        .forEach(events) { event in
                            .li(
                                .h2(.a(.href(SiteURL.event(id: event.id!).path), .text(event.title))),
                                .p(
                                    .text(
                                        "\(EventParts.dateTime.string(from: event.startsAt)) · \(event.location ?? "online")"
                                    )),
                                .unwrap(EventParts.statusLabel(mine[event.id!])) { .p(.strong(.text($0))) })
                        }),
                .h2(.text("In uw eigen agenda")),
                feedURL.map { url in
                    .p(.text("Abonneer uw agenda op dit adres (houd het voor uzelf): "), .code(.text(url)))
                }
                    ?? .form(
                        .method(.post), .action(SiteURL.eventFeed.path), FormViews.csrf(context.csrfToken),
                        .p(.text("Een agenda-abonnement toont alle bijeenkomsten waarvoor u bent aangemeld.")),
                        .button(.type(.submit), .class("button secondary"), .text("Agenda-adres maken")))
            )
        ).document
    }
}

struct EventFormView {
    let context: PageContext
    let values: [String: String]
    let errors: [FormViews.FieldError]

    var document: HTML {
        Layout(
            title: "Bijeenkomst organiseren", context: context,
            content: .div(
                .class("narrow"),
                .h1(.text("Bijeenkomst organiseren")),
                FormViews.errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.events.path), .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    FormViews.textField(
                        "titel", label: "Titel", value: values["titel"], required: true, errors: errors),
                    FormViews.textArea(
                        "omschrijving", label: "Omschrijving", value: values["omschrijving"], errors: errors),
                    FormViews.textField(
                        "datum", label: "Datum", value: values["datum"], type: .date, required: true, errors: errors),
                    FormViews.textField(
                        "tijd", label: "Begintijd (Nederlandse tijd)", value: values["tijd"], type: .time,
                        required: true, errors: errors),
                    FormViews.textField(
                        "duur", label: "Duur in minuten", value: values["duur"], type: .number, required: true,
                        errors: errors),
                    FormViews.textField("locatie", label: "Locatie", value: values["locatie"], errors: errors),
                    FormViews.textField(
                        "online", label: "Online link", value: values["online"], type: .url, errors: errors),
                    FormViews.textField(
                        "capaciteit", label: "Aantal plaatsen", value: values["capaciteit"], type: .number,
                        required: true, errors: errors),
                    .button(.type(.submit), .class("button"), .text("Bijeenkomst aanmaken"))
                )
            )
        ).document
    }
}

struct EventDetailView {
    let context: PageContext
    let event: NetworkEvent
    let registrations: [EventRegistration]
    let mine: EventRegistration.Status?
    let organiser: Bool
    var materials: [EventMaterial] = []
    var documents: [LibraryDocument] = []

    var document: HTML {
        let uuid = event.id!
        let registered = registrations.filter { $0.status == .registered },
            waiting = registrations.filter { $0.status == .waitlisted }
        return Layout(
            title: event.title, context: context,
            content: .div(
                .h1(.text(event.title)),
                .dl(
                    .class("facts"),
                    .dt(.text("Wanneer")),
                    .dd(
                        .text(
                            "\(EventParts.dateTime.string(from: event.startsAt)) tot \(EventParts.dateTime.string(from: event.endsAt).suffix(5))"
                        )),
                    .dt(.text("Waar")), .dd(.text(event.location ?? "Online")),
                    .dt(.text("Plaatsen")),
                    .dd(.text("\(registered.count) van \(event.capacity) bezet, \(waiting.count) op de wachtlijst")),
                    .dt(.text("Organisator")), .dd(.text(event.organiserName))),
                .p(.class("prewrap"), .text(event.description)),
                .unwrap(EventParts.statusLabel(mine)) { .p(.strong(.text($0))) },
                .if(
                    mine == .registered,
                    .unwrap(event.onlineURL) { .p(.a(.href($0), .text("Naar de online bijeenkomst"))) }),
                mine == .registered || mine == .waitlisted
                    ? .form(
                        .method(.post), .action(SiteURL.event(id: uuid, .afmelden).path),
                        FormViews.csrf(context.csrfToken),
                        .button(
                            .type(.submit), .class("button secondary"),
                            .text(mine == .registered ? "Afmelden" : "Van de wachtlijst af")))
                    : .form(
                        .method(.post), .action(SiteURL.event(id: uuid, .aanmelden).path),
                        FormViews.csrf(context.csrfToken),
                        .button(
                            .type(.submit), .class("button"),
                            .text(registered.count < event.capacity ? "Aanmelden" : "Op de wachtlijst"))),
                .p(.a(.href(SiteURL.event(id: uuid, .calendar).path), .text("In mijn agenda zetten (.ics)"))),
                .if(
                    !materials.isEmpty,
                    .div(
                        .h2(.text("Materiaal")),
                        .ul(
                            .forEach(materials) {
                                .li(.a(.href(SiteURL.document(id: $0.$document.id).path), .text($0.title)))
                            })
                    )),
                .if(
                    organiser && !documents.isEmpty,
                    .form(
                        .method(.post), .action(SiteURL.event(id: uuid, .materiaal).path),
                        FormViews.csrf(context.csrfToken),
                        FormViews.select(
                            "document", label: "Materiaal uit de kennisbank koppelen (presentatie, verslag)",
                            options: documents.map { ($0.id!.uuidString.lowercased(), $0.title) }, selected: nil,
                            errors: []),
                        .button(.type(.submit), .class("button secondary"), .text("Koppelen en deelnemers laten weten"))
                    )),
                .if(
                    organiser,
                    .div(
                        .h2(.text("Deelnemers")),
                        registered.isEmpty
                            ? .p(.text("Nog niemand aangemeld."))
                            : .ol(.forEach(registered) { .li(.text($0.userName)) }),
                        .if(
                            !waiting.isEmpty,
                            .group(.h3(.text("Wachtlijst")), .ol(.forEach(waiting) { .li(.text($0.userName)) })))
                    ))
            )
        ).document
    }
}
