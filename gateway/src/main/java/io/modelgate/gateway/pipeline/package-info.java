/**
 * The middleware contract: what a middleware may do to an exchange — decide on the request
 * ({@link io.modelgate.gateway.pipeline.RequestControl}), intercept the response head and body
 * ({@link io.modelgate.gateway.pipeline.ResponseControl}) and wrap the call to the service
 * ({@link io.modelgate.gateway.pipeline.UpstreamCall}). The data plane implements these; middlewares use them.
 */
package io.modelgate.gateway.pipeline;
