import NEIGCore
import Plot

struct MonitorView {
    let model: MonitorPageModel
    let context: PageContext

    var scopeName: String { model.municipality.map { "gemeente \($0.displayName)" } ?? "Nederland" }

    var document: HTML {
        let crumbs = model.municipality == nil ? [] : [("Monitor", SiteURL.monitor(year: model.year).path)]
        return Layout(
            title: "Monitor \(model.year) — \(scopeName)", context: context,
            content: .div(
                .h1(.text("Aanslagen met explosieven \(model.year): \(scopeName)")),
                .p(
                    .class("lead"),
                    .text(
                        "Door de politie bevestigde aanslagen op woningen, bedrijven en voertuigen, "
                            + "afgezet tegen het doel van het Offensief Tegen Explosies: minstens 10 % minder dan het jaar ervoor."
                    )),
                .if(model.isPublic, membersNote),
                yearForm,
                .if(model.publishable, keyFigures),
                .if(!model.publishable, .p(.text(Self.notPublished))),
                .if(
                    model.publishable,
                    .section(
                        .attribute(named: "aria-labelledby", value: "kop-doel"),
                        .h2(.id("kop-doel"), .text("Voortgang naar het doel")),
                        .chart(MonitorCharts.progress(model.progress), label: "Grafiek: voortgang naar het doel"),
                        .p(.text(progressSentence)))),
                .if(model.municipality == nil, nationalMapSection),
                municipalityMapSection,
                // Monthly and per-target national counts, set beside the open data's municipal months, could give
                // away counts below 5: members only.
                .if(!model.isPublic, monthlySection),
                .if(!model.isPublic, targetSection),
                .if(model.municipality == nil && !model.isPublic, topSection),
                .if(!model.isPublic, repeatSection)
            ), breadcrumbs: crumbs
        ).document
    }

    var yearForm: Node<HTML.BodyContext> {
        .form(
            .method(.get), .class("inline-form"),
            .label(.for("jaar"), .text("Jaar ")),
            selectElement(
                name: "jaar", id: "jaar", options: model.availableYears.map { (String($0), String($0)) },
                selected: String(model.year)),
            .button(.type(.submit), .class("button secondary"), .text("Toon")))
    }

    var membersNote: Node<HTML.BodyContext> {
        .div(
            .class("notice"),
            .p(
                .text(
                    "U ziet het landelijke aantal en het doel. Leden van het netwerk zien ook de cijfers per maand, per "
                        + "doelwit en per gemeente, adressen die herhaald zijn getroffen en de waarschuwingen na een aanslag. "
                ),
                .a(.href(SiteURL.login.path), .text("Inloggen")), .text(" of "),
                .a(.href(SiteURL.apply.path), .text("lid worden")),
                .text(". Aantallen per gemeente per maand staan ook in de "),
                .a(.href(SiteURL.openData.path), .text("open data")), .text(".")))
    }

    static let notPublished =
        "De landelijke cijfers van dit jaar worden nog niet gepubliceerd: samen met de open data zouden ze kleine "
        + "aantallen herleidbaar maken."

    var keyFigures: Node<HTML.BodyContext> { Self.keyFigures(model.progress, forVisitors: model.isPublic) }

    /// The year so far, last year, the target and the projection with its interval: the monitor's head, and the
    /// public home page's.
    /// Visitors do not get the same period last year: a part-year count is one more sum to subtract from.
    static func keyFigures(_ progress: TargetProgress, forVisitors: Bool) -> Node<HTML.BodyContext> {
        let year = progress.year
        let periodLabel = progress.isYearComplete ? "Heel \(year)" : "\(year) t/m \(progress.asOf.dutch)"
        return .section(
            .attribute(named: "aria-labelledby", value: "kop-kerncijfers"),
            .h2(.id("kop-kerncijfers"), .class("visually-hidden"), .text("Kerncijfers")),
            .ul(
                .class("figures"),
                figure(periodLabel, progress.yearToDate.dutch),
                forVisitors
                    ? .empty
                    : figure(
                        "Zelfde periode \(year - 1)", progress.previousYearSamePeriod.dutch,
                        note: progress.changeSamePeriodPct.map { "\($0.dutchPercent) ten opzichte van vorig jaar" }),
                figure(
                    "Doel \(year)", "≤ \(progress.targetMaximum.dutch)",
                    note: "10 % minder dan \(progress.previousYearTotal.dutch) in \(year - 1)"),
                figure(
                    progress.isYearComplete ? "Totaal \(year)" : "Prognose heel \(year)",
                    progress.projectedTotal.map(\.dutch) ?? "nog onbekend",
                    note: outlookNote(progress)))
        )
    }

    static func figure(_ label: String, _ value: String, note: String? = nil) -> Node<HTML.ListContext> {
        .li(
            .class("figure"), .span(.class("figure-label"), .text(label)), .span(.class("figure-value"), .text(value)),
            .unwrap(note) { .span(.class("figure-note"), .text($0)) })
    }

    /// "Onder het doel" or "boven het doel" only when the prediction interval says so.
    static func outlookNote(_ progress: TargetProgress) -> String? {
        guard let outlook = progress.outlook, let interval = progress.projectionInterval else { return nil }
        let range =
            progress.isYearComplete ? "" : "waarschijnlijk \(interval.lowerBound.dutch)–\(interval.upperBound.dutch); "
        switch outlook {
        case .belowTarget: return range + "onder het doel"
        case .aboveTarget: return range + "boven het doel"
        case .undecided: return range + "nog niet te zeggen of het doel wordt gehaald"
        }
    }

    var progressSentence: String {
        let progress = model.progress
        guard let projected = progress.projectedTotal else {
            return "Het is te vroeg in het jaar voor een betrouwbare prognose."
        }
        if progress.isYearComplete {
            return projected <= progress.targetMaximum
                ? "In \(model.year) waren er \(projected.dutch) aanslagen: het doel van ten hoogste \(progress.targetMaximum.dutch) is gehaald."
                : "In \(model.year) waren er \(projected.dutch) aanslagen: het doel van ten hoogste \(progress.targetMaximum.dutch) is niet gehaald."
        }
        return
            "Als de rest van het jaar verloopt zoals in eerdere jaren (seizoenspatroon), komt \(model.year) uit op ongeveer "
            + "\(projected.dutch) aanslagen (met 95 % zekerheid tussen "
            + "\(progress.projectionInterval?.lowerBound.dutch ?? "") en \(progress.projectionInterval?.upperBound.dutch ?? "")); "
            + "het doel is ten hoogste \(progress.targetMaximum.dutch)."
    }

    var monthlySection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "kop-maanden"),
            .h2(.id("kop-maanden"), .text("Per maand: \(model.year) naast \(model.year - 1)")),
            .chart(MonitorCharts.monthly(model: model), label: "Grafiek: aanslagen per maand"),
            .details(
                .summary(.text("Toon de cijfers als tabel")),
                .scrollingTable(
                    "Aanslagen per maand",
                    .caption(.text("Aanslagen per maand")),
                    .thead(
                        .tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Maand")),
                            .forEach(TargetType.allCases) {
                                .th(.attribute(named: "scope", value: "col"), .text("\($0.label) \(model.year)"))
                            },
                            .th(.attribute(named: "scope", value: "col"), .text("Totaal \(model.year)")),
                            .th(.attribute(named: "scope", value: "col"), .text("Totaal \(model.year - 1)")))),
                    .tbody(
                        .forEach(0..<12) { month in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(CivilDate.dutchMonths[month])),
                                .forEach(TargetType.allCases) {
                                    .td(.class("num"), .text(String(model.monthlyByTarget[$0]?[month] ?? 0)))
                                },
                                .td(.class("num"), .text(String(model.report.byMonth[month]))),
                                .td(.class("num"), .text(String(model.previousReport.byMonth[month]))))
                        })
                ))
        )
    }

    var targetSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "kop-doelwit"),
            .h2(.id("kop-doelwit"), .text("Naar doelwit")),
            .scrollingTable(
                "Naar doelwit",
                .thead(
                    .tr(
                        .th(.attribute(named: "scope", value: "col"), .text("Doelwit")),
                        .th(.class("num"), .attribute(named: "scope", value: "col"), .text(String(model.year))),
                        .th(.class("num"), .attribute(named: "scope", value: "col"), .text(String(model.year - 1))))),
                .tbody(
                    .forEach(TargetType.allCases) { target in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .text(target.label)),
                            .td(.class("num"), .text((model.report.byTarget[target.rawValue] ?? 0).dutch)),
                            .td(.class("num"), .text((model.previousReport.byTarget[target.rawValue] ?? 0).dutch)))
                    })
            )
        )
    }

    var topSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "kop-gemeenten"),
            .h2(.id("kop-gemeenten"), .text("Gemeenten met de meeste aanslagen in \(model.year)")),
            .if(model.topMunicipalities.isEmpty, .p(.text("Geen aanslagen geregistreerd in \(model.year)."))),
            .if(
                !model.topMunicipalities.isEmpty,
                .scrollingTable(
                    "Gemeenten met de meeste aanslagen",
                    .thead(
                        .tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Gemeente")),
                            .th(.class("num"), .attribute(named: "scope", value: "col"), .text("Aanslagen")))),
                    .tbody(
                        .forEach(model.topMunicipalities) { entry in
                            .tr(
                                .td(
                                    .a(
                                        .href(SiteURL.monitorMunicipality(code: entry.code, year: model.year).path),
                                        .text(entry.name))),
                                .td(.class("num"), .text(entry.count.dutch)))
                        })
                ))
        )
    }

    var repeatSection: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "kop-herhaling"),
            .h2(.id("kop-herhaling"), .text("Herhaalde aanslagen op hetzelfde adres")),
            .p(
                .text(
                    "Adressen met minstens twee aanslagen binnen twaalf maanden, waarvan minstens één in \(model.year)."
                )),
            .if(
                model.repeatAddresses.isEmpty && model.hiddenRepeatAddressCount == 0,
                .p(.text("Geen herhaalde aanslagen gevonden."))),
            .if(
                !model.repeatAddresses.isEmpty,
                .scrollingTable(
                    "Adressen met herhaalde aanslagen",
                    .thead(
                        .tr(
                            .th(.attribute(named: "scope", value: "col"), .text("Adres")),
                            .th(.attribute(named: "scope", value: "col"), .text("Gemeente")),
                            .th(.attribute(named: "scope", value: "col"), .text("Data van de aanslagen")))),
                    .tbody(
                        .forEach(model.repeatAddresses) { row in
                            .tr(
                                .td(.text(row.address ?? "")), .td(.text(row.municipalityName)),
                                .td(.text(row.dates.map(\.dutch).joined(separator: "; "))))
                        })
                )),
            .if(
                model.hiddenRepeatAddressCount > 0,
                .p(
                    .class("muted"),
                    .text(
                        "Daarnaast \(model.hiddenRepeatAddressCount.counted(.repeatedAddress)) in andere gemeenten; "
                            + "die adressen ziet alleen de betreffende gemeente, politie, OM en de netwerkcoördinatoren."
                    )))
        )
    }
}
