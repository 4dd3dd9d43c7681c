/** Error pages service: one HTML and one JSON page per 4xx/5xx status, for the gateway's errors middleware. */
package io.modelgate.errorpages;
