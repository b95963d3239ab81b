import NEIGCore
import SnapshotTesting
import Testing

@testable import NEIGApp

/// `AccessMatrix` is both what the middleware enforces and what the authorization test expects, so a wrong row would
/// pass both. This pins every row, with the roles it admits, to a reviewed file: changing who may use a route is a
/// diff in `__Snapshots__/AccessMatrixSnapshotTests`, not a silent edit.
@Suite struct AccessMatrixSnapshotTests {
    @Test func everyRouteAdmitsTheRolesOnRecord() {
        let lines = AccessMatrix.rows.map { row in
            "\(row.method.rawValue) \(row.path)  \(Self.describe(row.rule))"
        }.sorted()
        assertSnapshot(of: lines.joined(separator: "\n") + "\n", as: .lines, named: "rows")
    }

    static func describe(_ rule: AccessMatrix.Rule) -> String {
        func roles(_ roles: AccessMatrix.Roles) -> String {
            roles.roles == Set(Role.allCases)
                ? "every role" : roles.roles.map(\.rawValue).sorted().joined(separator: ",")
        }
        switch rule {
        case .everyone: return "everyone"
        case .members: return "members"
        case .readersOfObjects: return "readers of the object"
        case .roles(let admitted): return "roles: " + roles(admitted)
        case .rolesForOwnObjects(let admitted): return "roles, own locations: " + roles(admitted)
        case .rolesForTheirObjects(let admitted): return "roles, their objects: " + roles(admitted)
        }
    }
}
