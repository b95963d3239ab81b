import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A local SMTP relay for tests that speaks TLS: STARTTLS on a plain port, or TLS from the first byte, and AUTH PLAIN.
/// Its certificate for `localhost` is signed by a test CA (`TestCertificates.caPEM`) that the mailer is told to trust.
final class TLSSMTPSink: @unchecked Sendable {
    struct Message: Sendable {
        let from: String
        let recipients: [String]
        let data: String
        let encrypted: Bool
        let login: String?
    }

    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [Message] = []
        var messages: [Message] { lock.withLock { received } }
        func append(_ message: Message) { lock.withLock { received.append(message) } }
    }

    let port: Int
    private let channel: any Channel
    private let inbox = Inbox()
    var messages: [Message] { inbox.messages }

    init(implicitTLS: Bool, offerSTARTTLS: Bool = true) async throws {
        let key = try NIOSSLPrivateKey(bytes: Array(TestCertificates.leafKeyPEM.utf8), format: .pem)
        let certificate = try NIOSSLCertificate(bytes: Array(TestCertificates.leafPEM.utf8), format: .pem)
        let context = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
        let inbox = self.inbox
        let record: @Sendable (Message) -> Void = { inbox.append($0) }
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if implicitTLS {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try child.pipeline.syncOperations.addHandler(
                        SinkHandler(tls: context, encrypted: implicitTLS, offerSTARTTLS: offerSTARTTLS, record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func stop() async { try? await channel.close() }

    final class SinkHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let tls: NIOSSLContext
        var encrypted: Bool
        let offerSTARTTLS: Bool
        let record: @Sendable (Message) -> Void
        var buffer = ""
        var from = "", recipients: [String] = [], login: String?
        var data: [String]?

        init(tls: NIOSSLContext, encrypted: Bool, offerSTARTTLS: Bool, record: @escaping @Sendable (Message) -> Void) {
            (self.tls, self.encrypted, self.offerSTARTTLS, self.record) = (tls, encrypted, offerSTARTTLS, record)
        }

        func reply(_ context: ChannelHandlerContext, _ text: String) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
        }

        func channelActive(context: ChannelHandlerContext) { reply(context, "220 sink ESMTP") }

        func channelRead(context: ChannelHandlerContext, data input: NIOAny) {
            var bytes = unwrapInboundIn(input)
            buffer += bytes.readString(length: bytes.readableBytes) ?? ""
            // "\r\n" is one Character in Swift.
            while let end = buffer.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
                let line = String(buffer[..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
                buffer = String(buffer[buffer.index(after: end)...])
                handle(line, context: context)
            }
        }

        func handle(_ line: String, context: ChannelHandlerContext) {
            if var lines = data {
                if line == "." {
                    record(
                        Message(
                            from: from, recipients: recipients, data: lines.joined(separator: "\n"),
                            encrypted: encrypted, login: login))
                    data = nil
                    reply(context, "250 queued")
                } else {
                    lines.append(line)
                    data = lines
                }
                return
            }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                reply(context, "250-sink")
                if !encrypted && offerSTARTTLS { reply(context, "250-STARTTLS") }
                reply(context, encrypted ? "250 AUTH PLAIN" : "250 8BITMIME")
            } else if upper == "STARTTLS" {
                reply(context, "220 go ahead")
                // The reply above is already on its way in plain text; everything after it is encrypted.
                try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
                encrypted = true
            } else if upper.hasPrefix("AUTH PLAIN ") {
                let decoded =
                    Data(base64Encoded: String(line.dropFirst(11))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                let parts = decoded.split(separator: "\u{0}", omittingEmptySubsequences: false)
                guard encrypted, parts.count == 3, parts[2] == "geheim-wachtwoord" else {
                    return reply(context, "535 authentication failed")
                }
                login = String(parts[1])
                reply(context, "235 ok")
            } else if upper.hasPrefix("MAIL FROM:") {
                from = String(line.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                reply(context, "250 OK")
            } else if upper.hasPrefix("RCPT TO:") {
                recipients.append(String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
                reply(context, "250 OK")
            } else if upper == "DATA" {
                data = []
                reply(context, "354 go on")
            } else if upper == "QUIT" {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 bye\r\n"))).whenComplete { _ in
                    context.close(promise: nil)
                }
            } else {
                reply(context, "502 unknown")
            }
        }
    }
}

enum TestCertificates {
    static let caPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBlDCCATugAwIBAgIUKyNCF/f505PpD+LET8EC3d3J3rgwCgYIKoZIzj0EAwIw
        FzEVMBMGA1UEAwwMbmVpZyB0ZXN0IENBMCAXDTI2MTEyMzE2MzUyOFoYDzIxMjYx
        MDMwMTYzNTI4WjAXMRUwEwYDVQQDDAxuZWlnIHRlc3QgQ0EwWTATBgcqhkjOPQIB
        BggqhkjOPQMBBwNCAAQ1J4ninQF0MaH6zQ3RwYYEj6Hvc0hQUMlPVOGo0e0hIdM9
        2JFgiIrUXobXddAH+xNsWka+3uV9ukFt5DexyL1yo2MwYTAdBgNVHQ4EFgQUxO9i
        dCqJhYhuHTnN4G/bciNTJdowHwYDVR0jBBgwFoAUxO9idCqJhYhuHTnN4G/bciNT
        JdowDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwID
        RwAwRAIgTMGqcU/F+rCRzkswJfSCBwFfucwRFDJ/xQ3Qi0Myh6ECIE3UNO+leOeP
        +YxR/QNR4qE/gW+EJbzpW20flIEV4+7r
        -----END CERTIFICATE-----
        """
    static let leafPEM = """
        -----BEGIN CERTIFICATE-----
        MIIBrTCCAVOgAwIBAgIUGfOr48QUFli5lWvzBFE8tkseE0cwCgYIKoZIzj0EAwIw
        FzEVMBMGA1UEAwwMbmVpZyB0ZXN0IENBMCAXDTI2MTEyMzE2MzUyOFoYDzIxMjYx
        MDMwMTYzNTI4WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggq
        hkjOPQMBBwNCAAQI1ZzR5sq54V7RXqe/KivfdBNh1kbtX3nBDHRxm7vAGP3bHWRY
        k24C+x2ux/0ZBZ1/MTtEZd14/52FJV9ArCjoo34wfDAaBgNVHREEEzARgglsb2Nh
        bGhvc3SHBH8AAAEwCQYDVR0TBAIwADATBgNVHSUEDDAKBggrBgEFBQcDATAdBgNV
        HQ4EFgQUmWLW6Xw+bYdpCFzuZ6qZuvdQiikwHwYDVR0jBBgwFoAUxO9idCqJhYhu
        HTnN4G/bciNTJdowCgYIKoZIzj0EAwIDSAAwRQIhAOv0jVb5VcTNdD8rzmXBFppY
        Ols91YqDopmmECCmpqNRAiA2EtRwktN6ukzTmyKm3kQoBg66TY/AFqGFRZyxC0PI
        4g==
        -----END CERTIFICATE-----
        """
    static let leafKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoLJgQfqbKr+Xgp36
        Vn3eGoYCVIl5F5YGOdGhBRMA3emhRANCAAQI1ZzR5sq54V7RXqe/KivfdBNh1kbt
        X3nBDHRxm7vAGP3bHWRYk24C+x2ux/0ZBZ1/MTtEZd14/52FJV9ArCjo
        -----END PRIVATE KEY-----
        """
}
