package io.pharos.httpclient;

import io.pharos.config.HttpClientConfig;
import io.pharos.config.HttpClientConfig.Authorization;
import io.pharos.config.HttpClientConfig.BasicAuth;
import io.pharos.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * What HTTP settings add to each request: {@code Authorization} (credential files are read on
 * every request, as Prometheus does, so rotated tokens are picked up), the {@code http_headers},
 * and {@code Accept-Encoding} (gzip when {@code compression}, else identity).
 *
 * @param config the settings
 * @param compression whether to ask for gzip
 */
public record RequestDecorator(HttpClientConfig config, boolean compression) {
    /** No settings, gzip accepted. */
    public static final RequestDecorator DEFAULT = new RequestDecorator(HttpClientConfig.DEFAULT, true);

    /**
     * Adds the headers to a request for {@code url}.
     *
     * @throws IOException with Prometheus' message when a credential or header file cannot be
     *     read or a header cannot be set
     */
    public void decorate(HttpRequest.Builder request, URI url) throws IOException {
        if ("http".equalsIgnoreCase(url.getScheme())) {
            // Go uses HTTP/2 only when negotiated over TLS; the JDK would try an h2c upgrade
            request.version(HttpClient.Version.HTTP_1_1);
        }
        request.setHeader("Accept-Encoding", compression ? "gzip" : "identity");
        String authorization = authorization();
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        for (Map.Entry<String, HttpClientConfig.Header> e : config.httpHeaders().entrySet()) {
            String name = e.getKey();
            HttpClientConfig.Header h = e.getValue();
            try {
                for (String v : h.values()) {
                    request.header(name, v);
                }
                for (Secret s : h.secrets()) {
                    request.header(name, s.value());
                }
                for (Path f : h.files()) {
                    request.header(name, read(f, "unable to read headers file " + f + ": ").strip());
                }
            } catch (IllegalArgumentException restricted) {
                throw new IOException("setting header \"" + name + "\" is not supported: "
                        + restricted.getMessage());
            }
        }
    }

    private String authorization() throws IOException {
        BasicAuth basic = config.basicAuth();
        if (basic != null) {
            String user = basic.usernameFile() != null
                    ? read(basic.usernameFile(), "unable to read basic auth username: ").strip()
                    : basic.username() == null ? "" : basic.username();
            String password = basic.passwordFile() != null
                    ? read(basic.passwordFile(), "unable to read basic auth password: ").strip()
                    : basic.password() == null ? "" : basic.password().value();
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        Authorization auth = config.authorization();
        if (auth == null) {
            return null;
        }
        String credentials = auth.credentialsFile() != null
                ? read(auth.credentialsFile(), "unable to read authorization credentials: ").strip()
                : auth.credentials() == null ? "" : auth.credentials().value();
        return auth.type() + " " + credentials;
    }

    private static String read(Path file, String context) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(context + TlsContexts.describe(file, e), e);
        }
    }
}
