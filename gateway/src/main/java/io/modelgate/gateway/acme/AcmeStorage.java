package io.modelgate.gateway.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resolver's account and certificates in a JSON file laid out like Traefik's {@code acme.json}: one object
 * per resolver name with {@code Account} ({@code Email}, {@code Registration.uri}, {@code PrivateKey} as base64
 * DER) and {@code Certificates} ({@code domain.main}/{@code sans}, {@code certificate} and {@code key} as base64
 * PEM). So a Traefik {@code acme.json} is read as it is (its RSA account keys are PKCS#1; modelgate writes
 * PKCS#8). Written whole to a temporary file (mode 0600) and moved into place: a crash never leaves half a file,
 * and other resolvers' entries are kept.
 */
public final class AcmeStorage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stored certificate: its domains (the first is Traefik's {@code main}), chain and key, both PEM. */
    public record Stored(List<String> domains, String chainPem, String keyPem) {
    }

    /** The account: where the CA keeps it and its key. */
    public record Account(String email, String location, KeyPair key) {
    }

    private final Path file;
    private final String resolver;

    public AcmeStorage(Path file, String resolver) {
        this.file = file;
        this.resolver = resolver;
    }

    public synchronized Account account() throws IOException {
        JsonNode a = section().path("Account");
        String key = a.path("PrivateKey").asString(null);
        if (key == null || key.isBlank()) {
            return null;
        }
        return new Account(a.path("Email").asString(""), a.path("Registration").path("uri").asString(null), keyPair(key));
    }

    public synchronized List<Stored> certificates() throws IOException {
        List<Stored> out = new ArrayList<>();
        for (JsonNode c : section().path("Certificates")) {
            out.add(new Stored(domains(c), decode(c.path("certificate").asString("")), decode(c.path("key").asString(""))));
        }
        return out;
    }

    public synchronized void saveAccount(Account account) throws IOException {
        ObjectNode root = root();
        ObjectNode a = section(root).putObject("Account");
        a.put("Email", account.email());
        a.putObject("Registration").put("uri", account.location());
        a.put("PrivateKey", Base64.getEncoder().encodeToString(account.key().getPrivate().getEncoded()));
        write(root);
    }

    /** Stores a certificate, replacing one for the same domains. */
    public synchronized void saveCertificate(Stored cert) throws IOException {
        ObjectNode root = root();
        ObjectNode section = section(root);
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode c : section.path("Certificates")) {
            if (!domains(c).equals(cert.domains())) {
                kept.add(c);
            }
        }
        ObjectNode c = kept.addObject();
        ObjectNode domain = c.putObject("domain");
        domain.put("main", cert.domains().getFirst());
        ArrayNode sans = domain.putArray("sans");
        cert.domains().subList(1, cert.domains().size()).forEach(sans::add);
        c.put("certificate", encode(cert.chainPem()));
        c.put("key", encode(cert.keyPem()));
        c.put("Store", "default");
        section.set("Certificates", kept);
        write(root);
    }

    /** A stored certificate's names: {@code domain.main}, then {@code domain.sans}. */
    private static List<String> domains(JsonNode certificate) {
        List<String> domains = new ArrayList<>();
        domains.add(certificate.path("domain").path("main").asString());
        certificate.path("domain").path("sans").forEach(s -> domains.add(s.asString()));
        return List.copyOf(domains);
    }

    private JsonNode section() throws IOException {
        return root().path(resolver);
    }

    private ObjectNode section(ObjectNode root) {
        JsonNode s = root.get(resolver);
        return s instanceof ObjectNode o ? o : root.putObject(resolver);
    }

    private ObjectNode root() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(Files.readString(file)) instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private void write(ObjectNode root) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".acme", ".json", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String encode(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.US_ASCII);
    }

    /** An account key as base64 DER: PKCS#8 (modelgate), or an RSA PKCS#1 key (Traefik). */
    static KeyPair keyPair(String b64) throws IOException {
        byte[] der = Base64.getDecoder().decode(b64.strip());
        try {
            PrivateKey key;
            try {
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notPkcs8Rsa) {
                try {
                    key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
                    throw new IOException("EC account keys are not supported; remove the Account entry to make a new account");
                } catch (GeneralSecurityException notPkcs8Ec) {
                    PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                            DERNull.INSTANCE), RSAPrivateKey.getInstance(der));
                    key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
                }
            }
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
            BigInteger e = rsa.getPublicExponent();
            return new KeyPair(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), e)), key);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("the account's PrivateKey cannot be read: " + e.getMessage(), e);
        }
    }
}
