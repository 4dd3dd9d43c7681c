package io.modelgate.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin API's credentials: named secrets, from {@code secret}/{@code secret-file} (named by {@code name})
 * and from {@code credentials-file}. A bearer secret is compared with every one of them in constant time (the
 * SHA-256 of each, so lengths leak nothing either); the match's name is the actor the audit records.
 */
final class AdminCredentials {

    private record Credential(String name, byte[] hash) {
    }

    private final List<Credential> credentials;

    private AdminCredentials(List<Credential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    /** The configured credentials; none means the admin API is off. A secret under 16 characters stops the start. */
    static AdminCredentials of(AuthProperties.Admin admin) {
        List<Credential> out = new ArrayList<>();
        String value = admin.secret();
        if (admin.secretFile() != null && !admin.secretFile().isBlank()) {
            value = read(admin.secretFile(), "MODELGATE_AUTH_ADMIN_SECRET_FILE").strip();
        }
        if (value != null && !value.isBlank()) {
            out.add(credential(admin.name() == null ? "admin" : admin.name(), value.strip()));
        }
        if (admin.credentialsFile() != null && !admin.credentialsFile().isBlank()) {
            int n = 0;
            for (String line : read(admin.credentialsFile(), "MODELGATE_AUTH_ADMIN_CREDENTIALS_FILE").split("\n")) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+", 2);
                if (parts.length != 2) {
                    throw new IllegalStateException(admin.credentialsFile() + " line " + n + ": expected NAME SECRET");
                }
                out.add(credential(parts[0], parts[1].strip()));
            }
        }
        if (out.stream().map(Credential::name).distinct().count() != out.size()) {
            throw new IllegalStateException("two admin credentials have the same name");
        }
        return new AdminCredentials(out);
    }

    private static Credential credential(String name, String secret) {
        try {
            Names.require(name, "an admin credential's name", 100);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (secret.length() < 16) {
            throw new IllegalStateException("the admin secret must be at least 16 characters (" + name + ")");
        }
        return new Credential(name, sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static String read(String file, String what) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    boolean isEmpty() {
        return credentials.isEmpty();
    }

    /** The name of the credential an {@code Authorization: Bearer …} header carries; empty if it carries none of them. */
    Optional<String> actor(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = sha256(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        String found = null;
        for (Credential c : credentials) { // every one compared: the time says nothing about which matched
            if (MessageDigest.isEqual(given, c.hash()) && found == null) {
                found = c.name();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
