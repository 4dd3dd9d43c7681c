package io.modelgate.auth;

import java.time.Instant;

/**
 * One admin action, as recorded (append-only).
 *
 * @param id     its number, in the order of recording
 * @param at     when
 * @param actor  who: the admin credential's name, or {@code cli:<os user>}
 * @param action what: {@code token.create}, {@code token.rotate}, {@code token.revoke}, {@code user.create},
 *               {@code user.plan}, {@code user.suspend}, {@code user.resume}, {@code plan.create}, {@code plan.update}
 * @param target on what: a token id, a user or a plan name
 * @param detail the particulars, for people
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail) {
}
