/** Architecture rules, checked on the compiled gateway classes, and classes that break them on purpose. */
package io.modelgate.gateway.architecture;
