/**
 * Load balancing: what a router sends to ({@link io.modelgate.gateway.lb.ServiceTarget}: one service's pool, or
 * {@link io.modelgate.gateway.lb.WeightedServices} sharing requests among pools), a service's servers
 * ({@link io.modelgate.gateway.lb.ServicePool}), how one is chosen for a
 * request ({@link io.modelgate.gateway.lb.ServerSelector}: weighted round robin here, session affinity in
 * {@code lb.sticky}), which servers recently failed ({@link io.modelgate.gateway.lb.PassiveHealth}), and admission
 * control: per-server caps and a wait queue fair between users ({@link io.modelgate.gateway.lb.Admission}).
 * Algorithms only: no sockets, no Netty channels.
 */
package io.modelgate.gateway.lb;
