import Dispatch
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs the permutation statistics on one thread of their own instead of the cooperative pool, where they would
/// take every core and keep `/health` and every other request waiting. At most one analysis per user runs at a
/// time, and only a few per process; the rest are told to try again.
final class AnalysisExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = AnalysisExecutor()
    static let maximumRunning = 3

    private let queue = DispatchQueue(label: "neig.analysis", qos: .utility)
    private let running = NIOLockedValueBox<Set<String>>([])

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Background statistics (near-repeat warnings after an import): the same thread, no admission limit.
    func runInBackground<T: Sendable>(_ work: @Sendable () async throws -> T) async rethrows -> T {
        try await withTaskExecutorPreference(self) { try await work() }
    }

    /// `work` and every child task it starts run on the analysis thread.
    func run<T: Sendable>(for subject: String, _ work: @Sendable () async throws -> T) async throws -> T {
        let admitted = running.withLockedValue { subjects -> Bool in
            guard !subjects.contains(subject), subjects.count < Self.maximumRunning else { return false }
            subjects.insert(subject)
            return true
        }
        guard admitted else {
            var error = NEIGError(
                status: .tooManyRequests, title: "Analyse bezig",
                detail:
                    "Er loopt al een analyse voor u of het maximum aantal tegelijk is bereikt. Probeer het over een halve minuut opnieuw."
            )
            error.retryAfter = 30
            throw error
        }
        defer { _ = running.withLockedValue { $0.remove(subject) } }
        return try await withTaskExecutorPreference(self) { try await work() }
    }
}
