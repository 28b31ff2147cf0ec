package io.pharos.httpclient;

import java.net.http.HttpClient;

/**
 * How requests with one set of HTTP settings are made: the client shared by every user with the
 * same client settings, and the per-request additions of this user.
 *
 * @param http the shared client (TLS, proxy, redirects, HTTP/2)
 * @param decorator what each request gets (authorization, headers, compression)
 */
public record ConfiguredClient(HttpClient http, RequestDecorator decorator) {
}
