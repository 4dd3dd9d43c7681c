/**
 * The JSON access log: one object per request per line, written off the event loops; and the recent requests
 * kept in memory for the dashboard.
 */
package io.modelgate.gateway.accesslog;
