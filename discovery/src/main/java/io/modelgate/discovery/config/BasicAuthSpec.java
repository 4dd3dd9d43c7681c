package io.modelgate.discovery.config;

import java.util.List;

/**
 * Traefik's {@code basicAuth}: users in htpasswd format with bcrypt hashes.
 *
 * @param users        {@code name:hash} entries given inline
 * @param usersFile    an htpasswd file, read when the middleware is built; null for none
 * @param realm        the realm in {@code WWW-Authenticate}
 * @param removeHeader remove {@code Authorization} before forwarding
 * @param headerField  header that carries the authenticated user upstream (e.g. {@code X-Forwarded-User}); null for none
 */
public record BasicAuthSpec(List<String> users, String usersFile, String realm, boolean removeHeader, String headerField)
        implements MiddlewareSpec {

    public BasicAuthSpec {
        users = List.copyOf(users);
        realm = realm == null || realm.isBlank() ? "modelgate" : realm;
        if (users.isEmpty() && (usersFile == null || usersFile.isBlank())) {
            throw new IllegalArgumentException("basicAuth needs users or usersFile");
        }
    }

    @Override
    public String type() {
        return "basicAuth";
    }
}
