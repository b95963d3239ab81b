import Fluent
import NEIGCore
import Vapor

/// Coordinators manage member groups: who is in them, and which tags a newcomer follows from the start.
enum GroupRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.groups, use: list)
        routes.post(.groups, use: create)
        routes.get(.group(code: .key), use: show)
        routes.post(.group(code: .key, .leden), use: addMember)
        routes.post(.removeGroupMember(code: .key, member: .key), use: removeMember)
        routes.post(.group(code: .key, .onderwerpen), use: setDefaultTags)
    }

    static func list(_ req: Request) async throws -> HTMLPage {
        _ = try req.requireUser()
        return try await listPage(req, values: [:], errors: [])
    }

    static func listPage(_ req: Request, values: [String: String], errors: [FormViews.FieldError]) async throws
        -> HTMLPage
    {
        let groups = try await MemberGroup.query(on: req.db).with(\.$defaultTagRows).sort(\.$name).all()
        let counts = Dictionary(grouping: try await GroupMembership.query(on: req.db).all(), by: \.groupCode).mapValues(
            \.count)
        return HTMLPage(
            document: try GroupListView(
                context: req.pageContext, groups: groups, counts: counts, values: values, errors: errors
            ).document,
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    struct GroupForm: Content {
        var code: String?
        var naam: String?
    }

    static func create(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let form = try req.content.decode(GroupForm.self)
        let code = (form.code ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let name = (form.naam ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [FormViews.FieldError] = []
        if Tags.normalise(code) != code {
            errors.append(.init(field: "code", message: "Een code is 2 tot 40 kleine letters, cijfers of streepjes."))
        } else if try await MemberGroup.query(on: req.db).filter(\.$code == code).first() != nil {
            errors.append(.init(field: "code", message: "Er is al een groep met code ‘\(code)’."))
        }
        if name.isEmpty || name.count > 120 {
            errors.append(.init(field: "naam", message: "Geef de groep een naam van hoogstens 120 tekens."))
        }
        guard errors.isEmpty else {
            return try await listPage(req, values: ["code": form.code ?? "", "naam": form.naam ?? ""], errors: errors)
                .encodeResponse(for: req)
        }
        try await GroupService.create(code: code, name: name, context: req.context)
        return try await req.redirect(to: SiteURL.group(code: code).path, saying: "De groep is aangemaakt.")
    }

    static func find(_ req: Request) async throws -> MemberGroup {
        guard let code = req.parameters.get("code"),
            let group = try await MemberGroup.query(on: req.db).with(\.$defaultTagRows).filter(\.$code == code).first()
        else {
            throw NEIGError.notFound()
        }
        return group
    }

    static func show(_ req: Request) async throws -> HTMLPage {
        _ = try req.requireUser()
        return try await page(req, group: try await find(req), errors: [], values: [:])
    }

    static func page(_ req: Request, group: MemberGroup, errors: [FormViews.FieldError], values: [String: String])
        async throws -> HTMLPage
    {
        let memberIDs = try await GroupMembership.query(on: req.db).filter(\.$groupCode == group.code).all().map(
            \.$user.id)
        let members =
            memberIDs.isEmpty
            ? [] : try await User.query(on: req.db).filter(\.$id ~~ memberIDs).with(\.$organisation).sort(\.$name).all()
        return HTMLPage(
            document: try GroupDetailView(
                context: req.pageContext, group: group, members: members, errors: errors, values: values
            ).document,
            status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    struct MemberForm: Content {
        var email: String?
    }

    /// Adds a member by e-mail address; the member starts following the group and its default tags.
    static func addMember(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let group = try await find(req)
        let email = (try req.content.decode(MemberForm.self).email ?? "").trimmingCharacters(in: .whitespaces)
            .lowercased()
        guard let member = try await User.query(on: req.db).filter(\.$email == email).first(), member.isActive else {
            return try await page(
                req, group: group, errors: [.init(field: "email", message: "Geen actief lid met dit e-mailadres.")],
                values: ["email": email]
            ).encodeResponse(for: req)
        }
        try await GroupService.add(member, to: group, context: req.context)
        return try await req.redirect(
            to: SiteURL.group(code: group.code).path, saying: "\(member.name) is lid van de groep.")
    }

    static func removeMember(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let group = try await find(req)
        guard let memberID = req.parameters.get("user", as: UUID.self) else { throw NEIGError.notFound() }
        try await GroupService.remove(memberID, from: group, context: req.context)
        return try await req.redirect(
            to: SiteURL.group(code: group.code).path,
            saying: "Het lid is uit de groep gehaald. U kunt het opnieuw toevoegen.")
    }

    struct TagsForm: Content {
        var onderwerpen: String?
    }

    static func setDefaultTags(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let group = try await find(req)
        let text = try req.content.decode(TagsForm.self).onderwerpen ?? ""
        switch Tags.parse(text) {
        case .success(let tags):
            try await GroupService.setDefaultTags(tags, of: group, context: req.context)
            return try await req.redirect(
                to: SiteURL.group(code: group.code).path, saying: "De onderwerpen voor nieuwe leden zijn opgeslagen.")
        case .failure(let error):
            return try await page(
                req, group: group, errors: [.init(field: "onderwerpen", message: error.message)],
                values: ["onderwerpen": text]
            ).encodeResponse(for: req)
        }
    }
}
