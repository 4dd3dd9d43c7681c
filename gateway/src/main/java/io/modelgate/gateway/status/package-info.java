/**
 * Problems that come and go while the gateway runs (a shared store unreachable, say), as opposed to the
 * configuration's problems: reported by the part that sees them, listed by {@code /api/problems} beside the
 * configuration's, cleared by the same part when they are over.
 */
package io.modelgate.gateway.status;
