package io.modelgate.auth;

import java.net.URI;
import java.util.List;

/**
 * Which model a request is for, and whether a token's scopes cover it. Models are called at
 * {@code /api/v1/<model>/…}; a scope is a model name or {@code *}. Paths outside {@code /api/v1/} need
 * only a valid token.
 */
public final class ModelScope {

    private static final String API = "/api/v1/";

    private ModelScope() {
    }

    /** The model a request URI addresses, or null when it addresses none. */
    public static String model(String uri) {
        if (uri == null) {
            return null;
        }
        String path;
        try {
            path = URI.create(uri.startsWith("/") ? uri : "/" + uri).normalize().getPath();
        } catch (IllegalArgumentException e) {
            return ""; // unparsable: a model no scope names, so only "*" passes
        }
        if (path == null || !path.startsWith(API)) {
            return null;
        }
        String rest = path.substring(API.length());
        int slash = rest.indexOf('/');
        String model = slash < 0 ? rest : rest.substring(0, slash);
        return model.isEmpty() ? null : model;
    }

    public static boolean covers(List<String> scopes, String model) {
        return model == null || scopes.contains("*") || scopes.contains(model);
    }

    /** A scope an operator may grant: {@code *} or a model name (letters, digits, {@code . _ -}). */
    public static boolean valid(String scope) {
        return scope.equals("*") || scope.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
}
