/** The built-in demo: an echo backend and its route, so a fresh install answers without any setup. */
package io.modelgate.gateway.demo;
