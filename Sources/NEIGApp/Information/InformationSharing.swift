import Fluent
import Foundation
import NEIGCore
import Vapor

/// Police and OM share an item with a case: checked, stored with its recipients, noted in the case and audited.
extension InformationService {
    struct Draft {
        let summary: String
        let classification: InformationClassification
        let purpose: String
        let expiresOn: CivilDate
        let roles: [Role]
        let userEmails: [String]
    }

    /// Checks a new item; the messages name the form field (and are the API's error items).
    static func validate(
        summary: String?, classification: String?, purpose: String?, expiresOn: String?, roles: [String],
        users: [String], today: CivilDate
    ) -> Checked<Draft> {
        var errors: [FormViews.FieldError] = []
        let summary = (summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty || summary.count > 4000 {
            errors.append(
                .init(
                    field: InformationField.summary,
                    message: "Vat de informatie samen in 1 tot 4000 tekens; alleen wat nodig is."
                ))
        }
        let classification = InformationClassification(rawValue: classification ?? "")
        if classification == nil {
            errors.append(.init(field: InformationField.classification, message: "Kies een rubricering."))
        }
        let purpose = (purpose ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if purpose.isEmpty || purpose.count > 300 {
            errors.append(
                .init(
                    field: InformationField.purpose,
                    message: "Noem het doel waarvoor u deelt, bijvoorbeeld 'motivering sluiting woning'."
                ))
        }
        let expires = CivilDate(parsing: expiresOn ?? "")
        if expires == nil || expires! < today || expires! > today.adding(days: 366) {
            errors.append(
                .init(
                    field: InformationField.expiresOn,
                    message: "De vervaldatum ligt tussen vandaag en een jaar vanaf nu (JJJJ-MM-DD)."))
        }
        let parsedRoles = roles.compactMap(Role.init(rawValue:)).filter(AccessPolicy.informationRecipients.contains)
        let emails = users.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        if parsedRoles.isEmpty && emails.isEmpty {
            errors.append(
                .init(field: InformationField.roles, message: "Deel met ten minste één rol of persoon van de gemeente.")
            )
        }
        guard errors.isEmpty, let classification, let expires else { return .invalid(errors) }
        return .valid(
            Draft(
                summary: summary, classification: classification, purpose: purpose, expiresOn: expires,
                roles: parsedRoles, userEmails: emails))
    }

    /// Stores a checked item by the acting user in `caseFile`; named users must belong to the case's municipality.
    static func share(_ draft: Draft, in caseFile: CaseFile, context: ServiceContext) async throws -> Checked<
        InformationItem
    > {
        let author = try context.requireUser()
        var found: [UUID] = []
        for email in draft.userEmails {
            guard
                let user = try await User.query(on: context.db).filter(\.$email == email).with(\.$organisation).first(),
                AccessPolicy.canManageCases(user.actor, municipalityCode: caseFile.municipalityCode)
            else {
                return .invalid([
                    .init(
                        field: InformationField.users,
                        message: "\(email) is geen OOV-medewerker of burgemeester van deze gemeente.")
                ])
            }
            found.append(try user.requireID())
        }
        let recipients = found
        let item = InformationItem()
        item.$caseFile.id = try caseFile.requireID()
        item.municipalityCode = caseFile.municipalityCode
        item.authorID = try author.requireID()
        item.authorName = author.name
        item.authorRole = author.role
        item.summary = draft.summary
        item.classification = draft.classification
        item.purpose = draft.purpose
        item.expiresOn = draft.expiresOn.iso
        item.createdAt = context.clock.now()
        try await context.inTransaction { context in
            let tx = context.db
            try await item.create(on: tx)
            let itemID = try item.requireID()
            for role in draft.roles { try await InformationRecipient(itemID: itemID, role: role).create(on: tx) }
            for user in recipients { try await InformationRecipient(itemID: itemID, userID: user).create(on: tx) }
            try await CaseAccess.appendEvent(
                caseFile, actor: author.name, kind: .informatie,
                text:
                    "\(author.role.label) deelde informatie (\(draft.classification.label.lowercased())), vervalt \(draft.expiresOn.dutch)",
                at: item.createdAt, on: tx)
            try await context.audit(
                "info.share", object: "information", id: itemID.uuidString.lowercased(),
                detail:
                    "case=\(caseFile.id!.uuidString.lowercased()) roles=\(draft.roles.map(\.rawValue).joined(separator: ",")) users=\(recipients.count)"
            )
        }
        return .valid(item)
    }
}
