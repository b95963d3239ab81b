/// The fields of an intervention, its evaluation and its decisions: Dutch on the page, English in the API.
enum InterventionField: String, FieldName {
    case name = "naam", description = "omschrijving", line = "lijn", municipalities = "gemeenten"
    case postcodeAreas = "postcodegebieden", start, end = "einde", status, cost = "kosten", outputs = "output"
    case controls = "vergelijking", monthsBefore = "maanden_voor", monthsAfter = "maanden_na", seed
    case decision = "besluit", decidedOn = "datum", rationale = "toelichting", evaluation = "evaluatie"

    var jsonName: String {
        switch self {
        case .name: "name"
        case .description: "description"
        case .line: "line"
        case .municipalities: "municipalities"
        case .postcodeAreas: "postcode_areas"
        case .start: "start"
        case .end: "end"
        case .status: "status"
        case .cost: "cost_euros"
        case .outputs: "outputs"
        case .controls: "controls"
        case .monthsBefore: "months_before"
        case .monthsAfter: "months_after"
        case .seed: "seed"
        case .decision: "decision"
        case .decidedOn: "decided_on"
        case .rationale: "rationale"
        case .evaluation: "evaluation_id"
        }
    }
}
