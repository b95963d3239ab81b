import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// SMTP (RFC 5321) to the municipality's relay: plain on a trusted network, upgraded with STARTTLS (RFC 3207), or TLS
/// from the start; with AUTH PLAIN (RFC 4954) when a user is configured, only ever over TLS. The body goes
/// base64-encoded so any UTF-8 passes any relay.
struct SMTPMailer: Mailer {
    let settings: MailSettings
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(30)

    init(settings: MailSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.group = group
    }

    struct SMTPError: Error, CustomStringConvertible {
        let description: String
    }

    func send(to recipient: String, subject: String, body: String) async throws {
        for address in [settings.from, recipient]
        where address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }) {
            throw SMTPError(description: "refusing an address with line breaks or angle brackets")
        }
        let tls = try settings.security == .none ? nil : NIOSSLContext(configuration: tlsConfiguration())
        let settings = self.settings
        let hostname = settings.host.isIPAddress ? nil : settings.host
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(15))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.security == .tls, let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: hostname))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let message = Self.message(from: settings.from, to: recipient, subject: subject, body: body)
        let deadline = NIODeadline.now() + timeout
        let watchdog = channel.channel.eventLoop.scheduleTask(deadline: deadline) {
            channel.channel.close(promise: nil)
        }
        defer { watchdog.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound, deadline: deadline)
            try await session.expect(220)
            var capabilities = try await session.command("EHLO neig", expect: 250)
            if settings.security == .starttls {
                guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw SMTPError(description: "the relay does not offer STARTTLS; refusing to send without TLS")
                }
                _ = try await session.command("STARTTLS", expect: 220)
                try await channel.channel.pipeline.addHandler(
                    NIOSSLClientHandler(context: tls!, serverHostname: hostname), position: .first
                ).get()
                capabilities = try await session.command("EHLO neig", expect: 250)
            }
            if let username = settings.username, let password = settings.password {
                guard
                    capabilities.contains(where: {
                        $0.uppercased().hasPrefix("AUTH") && $0.uppercased().contains("PLAIN")
                    })
                else {
                    throw SMTPError(description: "the relay does not offer AUTH PLAIN")
                }
                let credentials = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(credentials)", expect: 235)
            }
            _ = try await session.command("MAIL FROM:<\(settings.from)>", expect: 250)
            _ = try await session.command("RCPT TO:<\(recipient)>", expect: 250)
            _ = try await session.command("DATA", expect: 354)
            try await session.write(message + "\r\n.\r\n")
            try await session.expect(250)
            _ = try? await session.command("QUIT", expect: 221)
        }
    }

    func tlsConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let file = settings.trustRootsFile { configuration.trustRoots = .file(file) }
        return configuration
    }

    static func message(from: String, to: String, subject: String, body: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let encodedBody = Data(body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed
        ])
        return [
            "From: neig <\(from)>", "To: <\(to)>", "Subject: \(encodedSubject)",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@neig>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", encodedBody
        ].joined(separator: "\r\n")
    }
}

/// Reads replies line by line and writes commands, each step bounded by one deadline for the whole conversation.
struct SMTPSession {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let deadline: NIODeadline
    var buffer = ByteBuffer()

    /// A failed write usually means the connection closed because of an earlier error (a certificate the relay
    /// cannot prove, say); that error waits in the inbound stream and says more than "closed channel".
    mutating func write(_ text: String) async throws {
        do {
            try await outbound.write(ByteBuffer(string: text))
        } catch {
            do { _ = try await inbound.next() } catch let cause { throw cause }
            throw error
        }
    }

    /// Sends a command and returns the reply's lines without their codes (the EHLO capabilities).
    mutating func command(_ line: String, expect code: Int) async throws -> [String] {
        try await write(line + "\r\n")
        return try await expect(code)
    }

    @discardableResult
    mutating func expect(_ code: Int) async throws -> [String] {
        var lines: [String] = []
        while true {
            let line = try await readLine()
            guard line.count >= 3, let received = Int(line.prefix(3)) else {
                throw SMTPMailer.SMTPError(description: "bad reply '\(line)'")
            }
            lines.append(String(line.dropFirst(4)))
            if line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
            guard received == code else {
                throw SMTPMailer.SMTPError(description: "expected \(code), server said '\(line)'")
            }
            return lines
        }
    }

    private mutating func readLine() async throws -> String {
        while true {
            if let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = end - buffer.readerIndex + 1
                let line = buffer.readString(length: length) ?? ""
                return line.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard buffer.readableBytes < 64 * 1024 else {
                throw SMTPMailer.SMTPError(description: "reply line too long")
            }
            var chunk = try await nextChunk()
            buffer.writeBuffer(&chunk)
        }
    }

    /// The next bytes from the server. A watchdog closes the connection at the deadline, which ends the stream.
    private mutating func nextChunk() async throws -> ByteBuffer {
        guard let chunk = try await inbound.next() else {
            throw SMTPMailer.SMTPError(
                description: NIODeadline.now() >= deadline
                    ? "the relay did not answer in time" : "connection closed by the server")
        }
        return chunk
    }
}

extension String {
    var isIPAddress: Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, self, &v4) == 1 || inet_pton(AF_INET6, self, &v6) == 1
    }
}
