import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOPosix

/// Plain SMTP (RFC 5321) to a relay on the local network or host, as municipal mail gateways accept from
/// application servers: EHLO, MAIL FROM, RCPT TO, DATA, QUIT. No TLS or login; put a relay in between for
/// those. The body goes base64-encoded so any UTF-8 passes any relay.
struct SMTPMailer: Mailer {
    let settings: MailSettings
    let threadPool: NIOThreadPool

    struct SMTPError: Error, CustomStringConvertible {
        let description: String
    }

    func send(to recipient: String, subject: String, body: String) async throws {
        let settings = self.settings
        try await threadPool.runIfActive {
            let connection = try SMTPConnection(host: settings.host, port: settings.port)
            defer { connection.close() }
            try connection.expect(220)
            try connection.command("EHLO neig", expect: 250)
            try connection.command("MAIL FROM:<\(settings.from)>", expect: 250)
            try connection.command("RCPT TO:<\(recipient)>", expect: 250)
            try connection.command("DATA", expect: 354)
            try connection.write(Self.message(from: settings.from, to: recipient, subject: subject, body: body) + "\r\n.\r\n")
            try connection.expect(250)
            try? connection.command("QUIT", expect: 221)
        }
    }

    static func message(from: String, to: String, subject: String, body: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let encodedBody = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: neig <\(from)>", "To: <\(to)>", "Subject: \(encodedSubject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@neig>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", encodedBody,
        ].joined(separator: "\r\n")
    }
}

/// A blocking line-based connection; runs on the thread pool.
final class SMTPConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []

    init(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let first = result else {
            throw SMTPMailer.SMTPError(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        let fd = Glibc.socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw SMTPMailer.SMTPError(description: "socket() failed") }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            Glibc.close(fd)
            throw SMTPMailer.SMTPError(description: "cannot connect to \(host):\(port)")
        }
        socket = fd
    }

    func close() { Glibc.close(socket) }

    func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw SMTPMailer.SMTPError(description: "connection lost while sending") }
            bytes = bytes.dropFirst(written)
        }
    }

    func command(_ line: String, expect code: Int) throws {
        try write(line + "\r\n")
        try expect(code)
    }

    /// Reads one (possibly multi-line) reply and checks its code.
    func expect(_ code: Int) throws {
        while true {
            let line = try readLine()
            guard line.count >= 3, let received = Int(line.prefix(3)) else { throw SMTPMailer.SMTPError(description: "bad reply '\(line)'") }
            if line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
            guard received == code else { throw SMTPMailer.SMTPError(description: "expected \(code), server said '\(line)'") }
            return
        }
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                buffer.removeFirst(end + 1)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw SMTPMailer.SMTPError(description: "connection closed by the server") }
            buffer += chunk[..<count]
        }
    }
}
