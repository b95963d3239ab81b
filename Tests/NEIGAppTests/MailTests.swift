import Foundation
import Testing

@testable import NEIGApp

/// The SMTP sender against real local relays: STARTTLS and implicit TLS with a password, refusing what is unsafe.
@Suite struct MailTests {
    func caFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "neig-test-ca-\(UUID().uuidString).pem"
        ).path
        try TestCertificates.caPEM.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func decodedBody(_ data: String) -> String? {
        Data(
            base64Encoded: data.components(separatedBy: "\n\n").dropFirst().joined().replacingOccurrences(
                of: "\n", with: "")
        )
        .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [MailSettings.Security.starttls, .tls])
    func sendsOverTLSWithALogin(_ security: MailSettings.Security) async throws {
        let sink = try await TLSSMTPSink(implicitTLS: security == .tls)
        let ca = try caFile()
        defer { try? FileManager.default.removeItem(atPath: ca) }
        let mailer = SMTPMailer(
            settings: MailSettings(
                host: "localhost", port: sink.port, from: "neig@vng.nl", security: security,
                username: "neig", password: "geheim-wachtwoord", trustRootsFile: ca))
        try await mailer.send(
            to: "oov@utrecht.nl", subject: "Herinnering: kennissessie", body: "Morgen om 14:00.\n.\nTot dan")
        await sink.stop()
        let message = try #require(sink.messages.first)
        #expect(message.encrypted && message.login == "neig")
        #expect(message.from == "neig@vng.nl" && message.recipients == ["oov@utrecht.nl"])
        #expect(decodedBody(message.data) == "Morgen om 14:00.\n.\nTot dan")
    }

    @Test func refusesARelayWhoseCertificateItDoesNotTrust() async throws {
        let sink = try await TLSSMTPSink(implicitTLS: false)
        let mailer = SMTPMailer(
            settings: MailSettings(
                host: "localhost", port: sink.port, from: "neig@vng.nl", security: .starttls,
                username: "neig", password: "geheim-wachtwoord"))
        await #expect { try await mailer.send(to: "oov@utrecht.nl", subject: "x", body: "y") } throws: { error in
            String(describing: error).contains("CERTIFICATE_VERIFY_FAILED")
        }
        await sink.stop()
        #expect(sink.messages.isEmpty)
    }

    @Test func refusesToSendWhenTheRelayDoesNotOfferSTARTTLS() async throws {
        let sink = try await TLSSMTPSink(implicitTLS: false, offerSTARTTLS: false)
        let ca = try caFile()
        defer { try? FileManager.default.removeItem(atPath: ca) }
        let mailer = SMTPMailer(
            settings: MailSettings(
                host: "localhost", port: sink.port, from: "neig@vng.nl", security: .starttls, trustRootsFile: ca))
        await #expect { try await mailer.send(to: "oov@utrecht.nl", subject: "x", body: "y") } throws: { error in
            String(describing: error).contains("does not offer STARTTLS")
        }
        await sink.stop()
        #expect(sink.messages.isEmpty)
    }

    @Test func theEnvironmentChoosesTLSAndNeverAPasswordInTheClear() throws {
        #expect(try MailSettings.fromEnvironment([:]) == nil)
        #expect(
            try MailSettings.fromEnvironment(["NEIG_SMTP_HOST": "relay.gemeente.nl"])?.security
                == MailSettings.Security.none)
        #expect(
            try MailSettings.fromEnvironment(["NEIG_SMTP_HOST": "smtp.example.nl", "NEIG_SMTP_PORT": "587"])?.security
                == .starttls)
        #expect(
            try MailSettings.fromEnvironment(["NEIG_SMTP_HOST": "smtp.example.nl", "NEIG_SMTP_PORT": "465"])?.security
                == .tls)
        let chosen = try MailSettings.fromEnvironment([
            "NEIG_SMTP_HOST": "smtp.example.nl", "NEIG_SMTP_TLS": "STARTTLS", "NEIG_SMTP_USER": "neig",
            "NEIG_SMTP_PASSWORD": "s3cret"
        ])
        #expect(chosen?.security == .starttls && chosen?.username == "neig" && chosen?.port == 25)
        for environment in [
            ["NEIG_SMTP_HOST": "smtp.example.nl", "NEIG_SMTP_USER": "neig", "NEIG_SMTP_PASSWORD": "s3cret"],
            ["NEIG_SMTP_HOST": "smtp.example.nl", "NEIG_SMTP_TLS": "ssl"],
            ["NEIG_SMTP_HOST": "smtp.example.nl", "NEIG_SMTP_TLS": "tls", "NEIG_SMTP_USER": "neig"],
            ["NEIG_SMTP_HOST": "smtp.example.nl", "NEIG_SMTP_TLS": "tls", "NEIG_SMTP_CA_FILE": "/nonexistent/ca.pem"]
        ] {
            #expect(throws: ConfigurationError.self) { try MailSettings.fromEnvironment(environment) }
        }
    }
}
