/** Static configuration ({@code modelgate.*} properties) and the wiring of the gateway's parts. */
package io.modelgate.gateway.config;
