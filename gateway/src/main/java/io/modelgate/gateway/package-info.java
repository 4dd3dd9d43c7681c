/** The modelgate gateway application. */
package io.modelgate.gateway;
