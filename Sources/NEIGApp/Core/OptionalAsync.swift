/// `map` for an optional when the transform awaits (Swift's own `flatMap` takes no async closure).
extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
