package io.modelgate.gateway.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import java.util.List;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acme.json file (a temporary one): round trips, other resolvers kept, Traefik's own layout read, mode 0600. */
class AcmeStorageTest {

    @TempDir
    Path dir;

    @Test
    void anAccountAndCertificatesRoundTripAndAnotherResolversEntryIsKept() throws Exception {
        Path file = dir.resolve("acme.json");
        AcmeStorage le = new AcmeStorage(file, "le");
        AcmeStorage other = new AcmeStorage(file, "staging");
        KeyPair key = AcmeIssuer.rsa(2048);
        le.saveAccount(new AcmeStorage.Account("ops@example.com", "https://ca.example/acct/1", key));
        other.saveCertificate(new AcmeStorage.Stored(List.of("s.example"), "CHAIN-S", "KEY-S"));
        le.saveCertificate(new AcmeStorage.Stored(List.of("a.example", "b.example"), "CHAIN-1", "KEY-1"));
        le.saveCertificate(new AcmeStorage.Stored(List.of("a.example", "b.example"), "CHAIN-2", "KEY-2"));

        AcmeStorage.Account read = new AcmeStorage(file, "le").account();
        assertThat(read.email()).isEqualTo("ops@example.com");
        assertThat(read.location()).isEqualTo("https://ca.example/acct/1");
        assertThat(read.key().getPrivate().getEncoded()).isEqualTo(key.getPrivate().getEncoded());
        assertThat(read.key().getPublic()).isEqualTo(key.getPublic());
        assertThat(le.certificates()).as("a renewal replaces the certificate for the same names")
                .containsExactly(new AcmeStorage.Stored(List.of("a.example", "b.example"), "CHAIN-2", "KEY-2"));
        assertThat(other.certificates()).containsExactly(new AcmeStorage.Stored(List.of("s.example"), "CHAIN-S", "KEY-S"));
        assertThat(other.account()).isNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).as("no temporary file left behind").containsExactly(file);
    }

    @Test
    void traefiksAcmeJsonIsReadAsItIsWithItsPkcs1AccountKey() throws Exception {
        KeyPair key = AcmeIssuer.rsa(2048);
        byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        Base64.Encoder b64 = Base64.getEncoder();
        Path file = dir.resolve("acme.json");
        Files.writeString(file, """
                {
                  "le": {
                    "Account": {
                      "Email": "ops@example.com",
                      "Registration": { "body": { "status": "valid" }, "uri": "https://acme-v02.api.letsencrypt.org/acme/acct/42" },
                      "PrivateKey": "%s",
                      "KeyType": "4096"
                    },
                    "Certificates": [
                      { "domain": { "main": "api.example.com", "sans": [ "www.example.com" ] },
                        "certificate": "%s", "key": "%s", "Store": "default" }
                    ]
                  }
                }
                """.formatted(b64.encodeToString(pkcs1), b64.encodeToString("PEM-CHAIN".getBytes()),
                b64.encodeToString("PEM-KEY".getBytes())));
        AcmeStorage storage = new AcmeStorage(file, "le");
        AcmeStorage.Account account = storage.account();
        assertThat(account.location()).isEqualTo("https://acme-v02.api.letsencrypt.org/acme/acct/42");
        assertThat(((RSAPrivateCrtKey) account.key().getPrivate()).getModulus())
                .isEqualTo(((RSAPrivateCrtKey) key.getPrivate()).getModulus());
        assertThat(account.key().getPublic()).isEqualTo(key.getPublic());
        assertThat(storage.certificates()).containsExactly(
                new AcmeStorage.Stored(List.of("api.example.com", "www.example.com"), "PEM-CHAIN", "PEM-KEY"));
    }

    @Test
    void aFileThatIsNotJsonIsAClearErrorNotAnEmptyStore() throws Exception {
        Path file = dir.resolve("acme.json");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> new AcmeStorage(file, "le").certificates()).isInstanceOf(IOException.class)
                .hasMessageContaining("acme.json");
    }

    @Test
    void theHttp01AnswerIsOnlyForATokenAnOrderWaitsFor() {
        Http01Responder responder = new Http01Responder();
        responder.expect("tok", "tok.thumbprint");
        var answered = RecordingContinuation.decide(responder, get("/.well-known/acme-challenge/tok"), null);
        assertThat(answered.respondedHeaders()).containsKey("Content-Type");
        assertThat(answered.proceeded()).isFalse();
        assertThat(RecordingContinuation.decide(responder, get("/.well-known/acme-challenge/other"), null).refusedStatus())
                .isEqualTo(404);
        responder.forget("tok");
        assertThat(RecordingContinuation.decide(responder, get("/.well-known/acme-challenge/tok?x=1"), null).refusedStatus())
                .as("forgotten once the order is over").isEqualTo(404);
    }

    @Test
    void keyTypesAreTraefiksAndAnUnknownOneIsNamed() {
        assertThat(AcmeIssuer.certificateKey("EC256").getPrivate().getAlgorithm()).isEqualTo("EC");
        assertThat(AcmeIssuer.certificateKey("rsa2048").getPrivate().getAlgorithm()).isEqualTo("RSA");
        assertThatThrownBy(() -> AcmeIssuer.certificateKey("DSA1024")).hasMessageContaining("RSA2048, RSA4096, EC256, EC384");
    }

    private static HttpRequest get(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
