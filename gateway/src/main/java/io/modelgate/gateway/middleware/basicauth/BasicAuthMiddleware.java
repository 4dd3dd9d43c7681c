package io.modelgate.gateway.middleware.basicauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelgate.discovery.config.BasicAuthSpec;
import io.modelgate.gateway.pipeline.HeaderAliases;
import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * HTTP basic authentication against htpasswd users ({@link HtpasswdHash}: bcrypt, {@code $apr1$}, {@code {SHA}}). A bcrypt check
 * costs milliseconds of CPU, so it never runs on an event loop: it runs on a small verifier pool and the
 * request continues when it is done. Successful checks are remembered briefly (a hash of user, password
 * and stored hash) so a busy client does not pay bcrypt on every request. Client-sent values of
 * {@code headerField} are removed, so the identity it carries upstream cannot be forged.
 */
public final class BasicAuthMiddleware implements Middleware {

    /** Shared by all basicAuth middlewares: bcrypt is CPU-bound, two threads are plenty. */
    private static final ExecutorService VERIFIERS = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().daemon().name("modelgate-bcrypt-", 0).factory());
    /** A valid bcrypt hash to check unknown users against, so timing does not reveal which users exist. */
    private static final String DUMMY = BCrypt.hashpw("modelgate-dummy", BCrypt.gensalt(5));

    private final Map<String, HtpasswdHash> users;
    private final Map<String, String> challenge;
    private final boolean removeHeader;
    private final String headerField;
    private final HeaderAliases headerAliases;
    private static final String FORWARDED_USER = "X-Forwarded-User";
    private final Cache<String, Boolean> verified = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    /** @throws IllegalArgumentException for a missing users file or a non-bcrypt entry, naming it */
    public BasicAuthMiddleware(BasicAuthSpec spec) {
        List<String> lines = new ArrayList<>(spec.users());
        if (spec.usersFile() != null && !spec.usersFile().isBlank()) {
            try {
                lines.addAll(Files.readAllLines(Path.of(spec.usersFile())));
            } catch (IOException e) {
                throw new IllegalArgumentException("basicAuth usersFile " + spec.usersFile() + " cannot be read: " + e.getMessage());
            }
        }
        this.users = parse(lines);
        this.challenge = Map.of("WWW-Authenticate", "Basic realm=\"" + spec.realm().replace("\"", "") + "\"");
        this.removeHeader = spec.removeHeader();
        this.headerField = spec.headerField();
        this.headerAliases = HeaderAliases.of(headerField == null ? List.of(FORWARDED_USER)
                : List.of(headerField, FORWARDED_USER));
    }

    static Map<String, HtpasswdHash> parse(List<String> lines) {
        try {
            return HtpasswdHash.parseLines(lines);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("basicAuth " + e.getMessage());
        }
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        headerAliases.removeFrom(request.headers()); // every alias form of the identity header, and X-Forwarded-User
        String[] credentials = credentials(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (credentials == null) {
            next.refuse(401, "unauthorized", challenge);
            return;
        }
        String user = credentials[0];
        String password = credentials[1];
        HtpasswdHash hash = users.get(user);
        String cacheKey = hash == null ? null : fingerprint(user, password, hash.stored());
        if (cacheKey != null && verified.getIfPresent(cacheKey) != null) {
            accept(request, user, next);
            return;
        }
        if (hash != null && !hash.kind().slow()) { // MD5/SHA1 cost microseconds: checked right here
            if (hash.matches(password)) {
                accept(request, user, next);
            } else {
                next.refuse(401, "unauthorized", challenge);
            }
            return;
        }
        VERIFIERS.execute(() -> {
            boolean ok = hash != null && hash.matches(password);
            if (hash == null) {
                BCrypt.checkpw(password, DUMMY); // same cost as a known user: timing does not tell who exists
            }
            if (ok) {
                verified.put(cacheKey, Boolean.TRUE);
                accept(request, user, next); // the continuation hops back to the event loop
            } else {
                next.refuse(401, "unauthorized", challenge);
            }
        });
    }

    private void accept(HttpRequest request, String user, RequestControl next) {
        if (removeHeader) {
            request.headers().remove(HttpHeaderNames.AUTHORIZATION);
        }
        if (headerField != null) {
            request.headers().set(headerField, user);
        }
        next.identify(Identity.user(user));
        next.proceed();
    }

    /** {@code Basic base64(user:password)} → {user, password}, or null. */
    public static String[] credentials(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static String fingerprint(String user, String password, String hash) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((user + "\u0000" + password + "\u0000" + hash)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    @Override
    public String toString() {
        return "BasicAuthMiddleware{users=" + users.keySet() + "}";
    }
}
