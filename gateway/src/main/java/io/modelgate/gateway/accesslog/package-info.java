/** The JSON access log: one object per request per line, written off the event loops. */
package io.modelgate.gateway.accesslog;
