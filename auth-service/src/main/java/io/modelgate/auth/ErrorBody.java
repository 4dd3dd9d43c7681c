package io.modelgate.auth;

/**
 * The JSON body of every error answer, {@code {"status":403,"error":"…"}}: a record so the fields come in one
 * order from every replica (a {@code Map.of} iterates in an order that differs from JVM to JVM).
 *
 * @param status the HTTP status
 * @param error  what was refused and why, in words
 */
public record ErrorBody(int status, String error) {
}
