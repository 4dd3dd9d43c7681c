/** The compiled routing configuration the data plane reads, and how provider snapshots become one. */
package io.modelgate.gateway.runtime;
