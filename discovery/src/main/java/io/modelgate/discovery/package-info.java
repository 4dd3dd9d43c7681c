/** Providers turn configuration sources (files, Docker, Swarm) into immutable routing snapshots. */
package io.modelgate.discovery;
