/**
 * Session affinity selectors: signed sticky cookies, rendezvous-hashed keys ({@code query:}, {@code header:},
 * {@code cookie:}, {@code user}) and dedicated instances leased per key (in memory or in Redis).
 */
package io.modelgate.gateway.lb.sticky;
