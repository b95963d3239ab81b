import Foundation
import NEIGCore
import Plot

struct CaseDetailView {
    let context: PageContext
    let model: CaseDetailModel
    let error: String?
    var formErrors: [FormViews.FieldError] = []
    /// What was typed into the new-measure form, kept when it comes back with errors.
    var measureValues: [String: String] = [:]

    var caseFile: CaseFile { model.caseFile }
    var level: CaseAccess.Level { model.level }
    var today: CivilDate { model.today }
    var now: Date { model.now }
    var information: [InformationService.Visible] { model.information }
    var municipality: String { model.municipality }
    var events: [CaseEvent] { model.events }
    var tasks: [CaseTask] { model.tasks }
    var measures: [Measure] { model.measures }
    var signals: [RiskSignal] { model.signals }
    var incidents: [Incident] { model.incidents }
    var incidentChoices: [Incident] { model.incidentChoices }
    var shares: [User] { model.shares }

    static let timeFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = NEIGClock.amsterdam
        formatter.dateFormat = "d MMMM yyyy HH:mm"
        return formatter
    }()

    var id: String { caseFile.id?.uuidString.lowercased() ?? "" }
    var uuid: UUID { caseFile.id! }
    var errors: [FormViews.FieldError] {
        (error.map { [FormViews.FieldError(field: "fase", message: $0)] } ?? []) + formErrors
    }

    var document: HTML {
        Layout(
            title: caseFile.title, context: context,
            content: .div(
                .h1(.text(caseFile.title)),
                FormViews.errorSummary(errors),
                level == .municipality ? municipalityView : partnerView
            )
        ).document
    }

    var municipalityView: Node<HTML.BodyContext> {
        .div(
            .dl(
                .class("facts"),
                .dt(.text("Fase")),
                .dd(.text("\(caseFile.phase.label), sinds \(CivilDate.dutch(iso: caseFile.phaseStartedOn))")),
                .dt(.text("Adres")),
                .dd(.text(caseFile.address ?? "—"), .unwrap(caseFile.bagID) { .text(" (BAG-object \($0))") }),
                .dt(.text("Vertrouwelijkheid")), .dd(.text(caseFile.confidentiality.label)),
                .dt(.text("Geopend")), .dd(.text(CivilDate.dutch(iso: caseFile.openedOn))),
                .dt(.text("Behandelen vóór")),
                .dd(
                    .text(CivilDate.dutch(iso: caseFile.handleBefore)),
                    .if(
                        caseFile.phase != .gesloten && caseFile.handleBefore < today.iso,
                        .strong(.text(" — termijn verstreken")))),
                .dt(.text("Behandelaar")), .dd(.text(caseFile.responsible ?? "—"))
            ),
            SameAddressSection(
                matches: SameAddress.Matches(cases: model.sameAddressCases), bagID: caseFile.bagID
            ).node(),
            checklist,
            phaseForm,
            measureSection,
            informationList,
            linkedSection,
            shareSection,
            .h2(.text("Verloop")),
            .ol(
                .class("timeline"), .attribute(named: "reversed", value: "reversed"),
                .forEach(events) { event in
                    .li(
                        .strong(.text(Self.timeFormat.string(from: event.occurredAt))),
                        .text(" — \(event.actorName): "),
                        .text(Self.describe(event)), .unwrap(event.text) { .p(.text($0)) })
                })
        )
    }

    var checklist: Node<HTML.BodyContext> {
        let current = tasks.filter { $0.phase == caseFile.phase }
        let earlierOpen = tasks.filter { $0.phase != caseFile.phase && $0.doneAt == nil }
        return .div(
            .h2(.id("checklist"), .text("Checklist \(caseFile.phase.label.lowercased())")),
            current.isEmpty
                ? .p(.text(caseFile.phase == .gesloten ? "De zaak is gesloten." : "Geen stappen voor deze fase."))
                : taskList(current),
            .if(!earlierOpen.isEmpty, .div(.h3(.text("Nog open uit eerdere fasen")), taskList(earlierOpen)))
        )
    }

    func taskList(_ list: [CaseTask]) -> Node<HTML.BodyContext> {
        .ul(
            .class("checklist"),
            .forEach(list) { task in
                let overdue = task.doneAt == nil && task.dueAt < now
                return .li(
                    .class(task.doneAt != nil ? "done" : overdue ? "overdue" : "open"),
                    .if(task.doneAt != nil, .span(.class("done-mark"), .text("✓ Gedaan: "))),
                    .strong(.text(task.title)),
                    .text(" — \(task.owner), vóór \(Self.timeFormat.string(from: task.dueAt))"),
                    .if(overdue, .strong(.text(" — te laat"))),
                    task.doneAt.map {
                        .text(" — afgerond \(Self.timeFormat.string(from: $0)) door \(task.doneBy ?? "")")
                    }
                        ?? .form(
                            .method(.post), .action(SiteURL.caseFile(id: uuid, .taken).path),
                            FormViews.csrf(context.csrfToken),
                            .input(.type(.hidden), .name("taak"), .value(task.id?.uuidString.lowercased() ?? "")),
                            .text(" "),
                            .button(
                                .type(.submit), .class("button secondary small"),
                                .attribute(named: "aria-label", value: "\(task.title) afvinken"),
                                .text("Afvinken"))
                        )
                )
            })
    }

    var phaseForm: Node<HTML.BodyContext> {
        .div(
            .h2(.id("fase"), .text("Fase wijzigen")),
            .form(
                .method(.post), .action(SiteURL.caseFile(id: uuid, .fase).path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.select(
                    "fase", label: "Naar fase", options: caseFile.phase.allowedNext.map { ($0.rawValue, $0.label) },
                    selected: nil, errors: errors),
                FormViews.textArea(
                    "toelichting", label: "Toelichting", value: nil,
                    hint: caseFile.phase.allowedNext.contains(.gesloten)
                        ? "Verplicht bij sluiten: schrijf waarom de zaak sluit. Sluiten kan niet ongedaan worden gemaakt."
                        : nil, errors: []),
                .button(.type(.submit), .class("button"), .text("Fase wijzigen"))
            )
        )
    }

    var measureSection: Node<HTML.BodyContext> {
        .div(
            .h2(.id("maatregelen"), .text("Maatregelen van de burgemeester")),
            measures.isEmpty
                ? .p(.text("Nog geen maatregelen."))
                : .ul(
                    .forEach(measures) { measure in
                        let deadline = measure.pendingDeadline(today: today)
                        return .li(
                            .a(.href(SiteURL.measure(id: measure.id!).path), .text(measure.type.label)),
                            .text(" — \(measure.state.label) (\(measure.legalBasis))"),
                            .unwrap(deadline) { .strong(.text(" — \($0.label.lowercased()): \($0.date.dutch)")) })
                    }),
            .details(
                .summary(.text("Nieuwe maatregel voorbereiden")),
                .form(
                    .method(.post), .action(SiteURL.caseFile(id: uuid, .maatregelen).path),
                    .attribute(named: "novalidate"),
                    FormViews.csrf(context.csrfToken),
                    MeasureParts.fields(
                        values: measureValues, cited: Set(measureValues["informatie"].map { [$0] } ?? []),
                        information: information, errors: formErrors),
                    .button(.type(.submit), .class("button"), .text("Concept opslaan"))
                )
            )
        )
    }

    var informationList: Node<HTML.BodyContext> {
        .div(
            .h2(.id("informatie"), .text("Informatie van politie en OM")),
            information.isEmpty
                ? .p(.text("Er is geen (geldige) informatie met u gedeeld in deze zaak."))
                : .ul(
                    .forEach(information) { visible in
                        let item = visible.item
                        return .li(
                            .a(
                                .href(SiteURL.information(id: item.id!).path),
                                .text(
                                    "\(item.authorRole.label), \(Self.timeFormat.string(from: item.createdAt))"
                                )),
                            .text(
                                " — \(item.classification.label); gedeeld voor: \(item.purpose); vervalt \(CivilDate.dutch(iso: item.expiresOn))"
                            ))
                    })
        )
    }

    var linkedSection: Node<HTML.BodyContext> {
        .div(
            .h2(.id("aanslagen"), .text("Aanslagen en signalen")),
            .unwrap(model.zoneMap) { .map($0, enhancement: context.mapEnhancement) },
            incidents.isEmpty
                ? .p(.text("Geen aanslagen gekoppeld."))
                : .ul(
                    .forEach(incidents) { incident in
                        .li(
                            .a(
                                .href(SiteURL.incident(id: incident.id!).path),
                                .text(
                                    "\(CivilDate.dutch(iso: incident.occurredOn)) — \(incident.address ?? "adres onbekend")"
                                )),
                            .if(
                                model.sameAddressIncidentIDs.contains(incident.id!),
                                .span(.class("muted"), .text(" (zelfde BAG-object)"))))
                    }),
            .if(
                !incidentChoices.isEmpty,
                .form(
                    .method(.post), .action(SiteURL.caseFile(id: uuid, .incidenten).path),
                    FormViews.csrf(context.csrfToken),
                    FormViews.select(
                        "incident", label: "Aanslag uit het register koppelen",
                        options: incidentChoices.map {
                            (
                                $0.id!.uuidString.lowercased(),
                                "\(CivilDate.dutch(iso: $0.occurredOn)) — \($0.address ?? "adres onbekend")"
                                    + (model.sameAddressIncidentIDs.contains($0.id!) ? " (zelfde BAG-object)" : "")
                            )
                        }, selected: nil, errors: formErrors),
                    .button(.type(.submit), .class("button secondary"), .text("Koppelen"))
                )),
            signals.isEmpty
                ? .p(.text("Geen signalen gekoppeld."))
                : .ul(
                    .forEach(signals) { signal in
                        .li(
                            .a(
                                .href(SiteURL.signal(id: signal.id!).path),
                                .text(
                                    "\(Self.timeFormat.string(from: signal.createdAt)) — \(signal.kind.label) (\(signal.sender.label))"
                                )))
                    })
        )
    }

    var shareSection: Node<HTML.BodyContext> {
        .div(
            .h2(.id("gedeeld"), .text("Gedeeld met politie en OM")),
            shares.isEmpty
                ? .p(.text("Nog met niemand gedeeld."))
                : .ul(.forEach(shares) { .li(.text("\($0.name) — \($0.role.label)")) }),
            .form(
                .method(.post), .action(SiteURL.caseFile(id: uuid, .delen).path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.textField(
                    "email", label: "E-mailadres van de politie- of OM-medewerker", value: nil, type: .email,
                    hint: "Die ziet daarna alleen de naam en fase van de zaak en kan er informatie aan toevoegen.",
                    required: true, errors: formErrors),
                .button(.type(.submit), .class("button secondary"), .text("Zaak delen"))
            )
        )
    }

    var partnerView: Node<HTML.BodyContext> {
        .div(
            .dl(
                .class("facts"),
                .dt(.text("Gemeente")), .dd(.text(municipality)),
                .dt(.text("Fase")), .dd(.text(caseFile.phase.label))
            ),
            informationList,
            .h2(.text("Informatie delen met de gemeente")),
            .p(
                .text(
                    "Deel alleen wat nodig is voor het doel (Wpg). De gemeente ziet wie het wanneer inzag; u ziet dat ook."
                )),
            .form(
                .method(.post), .action(SiteURL.caseFile(id: uuid, .informatie).path), .attribute(named: "novalidate"),
                FormViews.csrf(context.csrfToken),
                FormViews.textArea("samenvatting", label: "Informatie", value: nil, errors: formErrors, required: true),
                FormViews.select(
                    "classificatie", label: "Rubricering",
                    options: InformationClassification.allCases.map { ($0.rawValue, $0.label) },
                    selected: InformationClassification.confidential.rawValue, errors: formErrors),
                FormViews.textField(
                    "doel", label: "Gedeeld voor (doel)", value: nil,
                    hint: "Bijvoorbeeld: motivering sluiting woning (art. 174a Gemeentewet).",
                    required: true, errors: formErrors),
                FormViews.textField(
                    "vervalt", label: "Vervalt op", value: today.adding(days: 90).iso, type: .date,
                    hint: "Daarna is de informatie voor niemand meer zichtbaar.", required: true, errors: formErrors),
                FormViews.checkboxes(
                    "rollen", legend: "Delen met (rollen binnen de gemeente)",
                    options: AccessPolicy.informationRecipients.map { ($0.rawValue, $0.label) }),
                FormViews.textField(
                    "gebruikers", label: "Of met deze personen (e-mailadressen, komma's ertussen)", value: nil,
                    errors: formErrors),
                .button(.type(.submit), .class("button"), .text("Informatie delen"))
            )
        )
    }

    static func describe(_ event: CaseEvent) -> String {
        let to = event.toPhase?.label.lowercased() ?? "?"
        switch event.kind {
        case .geopend: return "zaak geopend in fase \(to)"
        case .fase: return "fase van \(event.fromPhase?.label.lowercased() ?? "?") naar \(to)"
        default: return event.kind.rawValue
        }
    }
}
