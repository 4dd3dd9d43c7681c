/** The forward-auth service: API tokens stored as hashes, {@code GET /auth} for the gateway, a CLI and an admin API. */
package io.modelgate.auth;
