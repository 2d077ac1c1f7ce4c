/**
 * Framework-neutral HTTP handlers for delegation tokens: a request in, a response out, no HTTP
 * server dependency. {@link dev.steward.tokens.http.TokenEndpoint} is an RFC 8693 token exchange
 * endpoint; {@link dev.steward.tokens.http.AuthZenEndpoint} answers the OpenID AuthZEN 1.0 Access
 * Evaluation API for the holders of verified tokens. A host mounts them on its own server through
 * {@link dev.steward.tokens.http.EndpointRequest} and {@link dev.steward.tokens.http.EndpointResponse};
 * {@link dev.steward.tokens.http.JdkHttpServers} does so on the JDK's own HTTP server.
 */
package dev.steward.tokens.http;
