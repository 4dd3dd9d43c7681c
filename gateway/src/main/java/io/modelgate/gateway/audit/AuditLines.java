package io.modelgate.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit file's line format, shared by the writer and the verifier. Each line is one JSON object whose last
 * member is {@code "hash"}: the SHA-256 of the line's canonical form, which is the line exactly as written with
 * that member removed ({@code …,"hash":"<hex>"}} becomes {@code …}}). Signed lines ({@code start},
 * {@code checkpoint}) carry {@code "mac"} just before it: the HMAC-SHA256 of the canonical form with the mac
 * member removed too. Every line names the hash of the line before it in {@code "prev"}, so changing, removing,
 * inserting or reordering a line breaks the chain at that point; the first line of a chain has
 * {@link #GENESIS}. Byte-exact on purpose: re-formatting a line (pretty-printing, re-ordering keys) is a change.
 */
final class AuditLines {

    /** The {@code prev} of the very first line. */
    static final String GENESIS = "0".repeat(64);
    static final String START = "start";
    static final String RECORD = "record";
    static final String CHECKPOINT = "checkpoint";
    static final String GAP = "gap";

    private static final String HASH_MEMBER = ",\"hash\":\"";
    private static final String MAC_MEMBER = ",\"mac\":\"";
    private static final int HEX = 64;
    /** {@code ,"hash":"<64 hex>"}} */
    private static final int HASH_SUFFIX = HASH_MEMBER.length() + HEX + 2;
    private static final int MAC_SUFFIX = MAC_MEMBER.length() + HEX + 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditLines() {
    }

    /** A line as the verifier sees it. {@code macInput} is null for unsigned lines. */
    record Line(long seq, String prev, String type, String hash, boolean hashMatches, String keyId, String mac,
                String macInput, JsonNode json) {
    }

    /**
     * Closes a line under construction ({@code {"seq":…,…} without its closing brace): the mac member if a key
     * is given, then the hash member.
     */
    static String seal(StringBuilder body, AuditKey key) {
        if (key != null) {
            String mac = key.mac(body + "}");
            body.append(MAC_MEMBER).append(mac).append('"');
        }
        String hash = sha256Hex((body + "}").getBytes(StandardCharsets.UTF_8));
        return body.append(HASH_MEMBER).append(hash).append("\"}").toString();
    }

    /** The start of every line: {@code {"seq":N,"prev":"…","type":"…"}. */
    static StringBuilder begin(long seq, String prev, String type) {
        return new StringBuilder(256).append("{\"seq\":").append(seq).append(",\"prev\":\"").append(prev)
                .append("\",\"type\":\"").append(type).append('"');
    }

    /**
     * Reads one line and checks its own hash (not its place in the chain).
     *
     * @throws IllegalArgumentException if it is not an audit line at all, saying why
     */
    static Line parse(String line) {
        if (line.length() < HASH_SUFFIX + 2 || !line.endsWith("\"}")
                || !line.startsWith(HASH_MEMBER, line.length() - HASH_SUFFIX)) {
            throw new IllegalArgumentException("it does not end with a \"hash\" member");
        }
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("it is not valid JSON");
        }
        if (json == null || !json.isObject() || !json.path("seq").isIntegralNumber() || !json.path("prev").isString()
                || !json.path("type").isString()) {
            throw new IllegalArgumentException("it lacks \"seq\", \"prev\" or \"type\"");
        }
        String hash = line.substring(line.length() - HEX - 2, line.length() - 2);
        String canonical = line.substring(0, line.length() - HASH_SUFFIX) + "}";
        boolean matches = sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)).equals(hash);
        String type = json.get("type").asString();
        String mac = null;
        String macInput = null;
        if (json.has("mac")) {
            if (canonical.length() < MAC_SUFFIX || !canonical.startsWith(MAC_MEMBER, canonical.length() - MAC_SUFFIX)) {
                throw new IllegalArgumentException("its \"mac\" member is not where it belongs");
            }
            mac = canonical.substring(canonical.length() - HEX - 2, canonical.length() - 2);
            macInput = canonical.substring(0, canonical.length() - MAC_SUFFIX) + "}";
        }
        return new Line(json.get("seq").asLong(), json.get("prev").asString(), type, hash, matches,
                json.path("key").isString() ? json.get("key").asString() : null, mac, macInput, json);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
