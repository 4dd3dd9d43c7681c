/**
 * The tamper-evident audit trail: every access record also written to a hash-chained file with HMAC
 * checkpoints ({@code modelgate.audit.*}), and {@code modelgate audit verify}, which checks such files.
 */
package io.modelgate.gateway.audit;
