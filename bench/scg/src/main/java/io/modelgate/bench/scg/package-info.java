/** A minimal Spring Cloud Gateway application, a reference proxy for bench/run.sh (SCG=1); not part of the product. */
package io.modelgate.bench.scg;
