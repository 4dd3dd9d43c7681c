/**
 * The dashboard on the admin port ({@code /dashboard/}, also behind {@code api@internal}): server-rendered,
 * read-only pages of the live configuration, server states, traffic, recent errors and the auditor's view of
 * recent requests, whose live part htmx fetches again every few seconds. WebFlux, never on the request path.
 */
package io.modelgate.gateway.dashboard;
