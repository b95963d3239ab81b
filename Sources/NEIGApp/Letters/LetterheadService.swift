import Fluent
import Foundation
import NEIGCore

/// Reading and keeping a municipality's letter paper.
enum LetterheadService {
    struct Fields {
        var sender: String?
        var visitingAddress: String?
        var postalAddress: String?
        var objectionAddress: String?
        var objectionEmail: String?
        var court: String?
        var signatory: String?
    }

    static func find(_ code: String, on db: any Database) async throws -> Letterhead? {
        try await Letterhead.query(on: db).filter(\.$municipalityCode == code).first()
    }

    /// The municipality's paper, or the marked placeholder.
    static func paper(for code: String, context: ServiceContext) async throws -> Letterhead {
        try await find(code, on: context.db)
            ?? .placeholder(municipality: context.municipalities[code]?.displayName ?? code, code: code)
    }

    static func save(_ fields: Fields, for code: String, context: ServiceContext) async throws -> [FormViews.FieldError]
    {
        func clean(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [FormViews.FieldError] = []
        let required: [(String, String, String)] = [
            ("afzender", clean(fields.sender), "Noem de afzender, bijvoorbeeld 'Gemeente Amsterdam'."),
            ("postadres", clean(fields.postalAddress), "Vul het postadres in."),
            ("bezwaaradres", clean(fields.objectionAddress), "Vul in waar een bezwaarschrift naartoe gaat."),
            ("rechtbank", clean(fields.court), "Noem de rechtbank, bijvoorbeeld 'Rechtbank Amsterdam'."),
            (
                "ondertekening", clean(fields.signatory),
                "Noem wie ondertekent, bijvoorbeeld 'De burgemeester van Amsterdam, F. Halsema'."
            )
        ]
        for (field, value, message) in required where value.isEmpty || value.count > 300 {
            errors.append(.init(field: field, message: value.count > 300 ? "Hooguit 300 tekens." : message))
        }
        let visiting = clean(fields.visitingAddress), email = clean(fields.objectionEmail)
        if visiting.count > 300 { errors.append(.init(field: "bezoekadres", message: "Hooguit 300 tekens.")) }
        if !email.isEmpty && (email.count > 200 || !email.contains("@") || email.contains(where: \.isWhitespace)) {
            errors.append(.init(field: "bezwaar_email", message: "Dit is geen e-mailadres."))
        }
        guard errors.isEmpty else { return errors }
        let paper = try await find(code, on: context.db) ?? Letterhead()
        paper.municipalityCode = code
        paper.sender = clean(fields.sender)
        paper.visitingAddress = visiting.isEmpty ? nil : visiting
        paper.postalAddress = clean(fields.postalAddress)
        paper.objectionAddress = clean(fields.objectionAddress)
        paper.objectionEmail = email.isEmpty ? nil : email
        paper.court = clean(fields.court)
        paper.signatory = clean(fields.signatory)
        paper.updatedBy = context.user?.name ?? "onbekend"
        paper.updatedAt = context.clock.now()
        try await context.db.transaction { tx in
            try await paper.save(on: tx)
            try await context.audit("letterhead.update", object: "municipality", id: code, on: tx)
        }
        return []
    }
}
