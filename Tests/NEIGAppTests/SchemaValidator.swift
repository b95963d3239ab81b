import Foundation

/// Checks a JSON value against the subset of JSON Schema that our OpenAPI document uses:
/// type (incl. lists), required, properties, additionalProperties: false, items, enum, pattern,
/// minItems/maxItems, minimum/maximum, format uuid/date and local `$ref`s.
struct SchemaValidator {
    let document: [String: Any]

    init(openAPI data: Data) throws {
        document = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    func schema(_ name: String) -> [String: Any] {
        ((document["components"] as! [String: Any])["schemas"] as! [String: Any])[name] as! [String: Any]
    }

    /// The schema of an operation's response, e.g. ("/incidents", "get", "200").
    func responseSchema(path: String, method: String, status: String) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
            let operation = item[method] as? [String: Any], let responses = operation["responses"] as? [String: Any],
            let response = responses[status] as? [String: Any], let content = response["content"] as? [String: Any],
            let media = content.values.first as? [String: Any]
        else { return nil }
        return media["schema"] as? [String: Any]
    }

    func validate(_ data: Data, against schema: [String: Any]) throws -> [String] {
        validate(try JSONDecoder().decode(JSONValue.self, from: data), against: schema)
    }

    func validate(_ value: JSONValue, against schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            return validate(value, against: self.schema(String(ref.split(separator: "/").last!)), at: path)
        }
        var errors: [String] = []
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }) {
            guard types.contains(where: value.matches) else {
                return ["\(path): expected \(types.joined(separator: "|")), got \(value)"]
            }
        }
        switch value {
        case .string(let string):
            if let allowed = schema["enum"] as? [String], !allowed.contains(string) {
                errors.append("\(path): '\(string)' not in \(allowed)")
            }
            if let pattern = schema["pattern"] as? String, string.range(of: pattern, options: .regularExpression) == nil
            {
                errors.append("\(path): '\(string)' does not match \(pattern)")
            }
            if schema["format"] as? String == "uuid", UUID(uuidString: string) == nil {
                errors.append("\(path): not a uuid")
            }
            if schema["format"] as? String == "date",
                string.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) == nil
            {
                errors.append("\(path): not a date")
            }
        case .number(let number):
            if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, number < minimum {
                errors.append("\(path): below \(minimum)")
            }
            if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, number > maximum {
                errors.append("\(path): above \(maximum)")
            }
        case .object(let object):
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing required '\(key)'")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let childSchema = properties[key] as? [String: Any] {
                    errors += validate(child, against: childSchema, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    errors.append("\(path): unexpected property '\(key)'")
                }
            }
        case .array(let array):
            if let minItems = schema["minItems"] as? Int, array.count < minItems {
                errors.append("\(path): fewer than \(minItems) items")
            }
            if let maxItems = schema["maxItems"] as? Int, array.count > maxItems {
                errors.append("\(path): more than \(maxItems) items")
            }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() {
                    errors += validate(item, against: items, at: "\(path)[\(index)]")
                }
            }
        case .null, .bool:
            break
        }
        return errors
    }
}

/// JSON as it was sent: unlike JSONSerialization, keeps `true` apart from `1`.
enum JSONValue: Decodable, CustomStringConvertible {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func matches(_ type: String) -> Bool {
        switch (type, self) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let n)): n == n.rounded()
        default: false
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): String(b)
        case .number(let n): String(n)
        case .string(let s): "'\(s)'"
        case .array(let a): "array(\(a.count))"
        case .object: "object"
        }
    }
}
