package io.pharos.httpclient;

import io.pharos.config.HttpClientConfig.TlsConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the JDK TLS settings for a {@code tls_config}, with Prometheus' error messages. */
final class TlsContexts {
    /** Go's TLS versions, lowest first, by their JDK protocol names. */
    private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
    private static final List<String> JDK_NAMES = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final char[] NO_PASSWORD = new char[0];

    /** A context and the parameters to use it with. */
    record Tls(SSLContext context, SSLParameters parameters) {
    }

    private TlsContexts() {
    }

    /** @throws IllegalArgumentException when a file cannot be read or its PEM cannot be used */
    static Tls build(TlsConfig cfg) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(cfg), new TrustManager[] {trustManager(cfg)}, null);
            SSLParameters params = ctx.getDefaultSSLParameters();
            // Go's client default is TLS 1.2 at least
            int min = VERSIONS.indexOf(cfg.minVersion() == null ? "TLS12" : cfg.minVersion());
            int max = cfg.maxVersion() == null ? VERSIONS.size() - 1 : VERSIONS.indexOf(cfg.maxVersion());
            params.setProtocols(JDK_NAMES.subList(min, max + 1).toArray(String[]::new));
            String sni = cfg.serverName();
            if (sni != null && !HostnameCheckingTrustManager.isIpLiteral(sni)) {
                // the JDK client keeps this only for IP-literal targets; named targets send their host
                params.setServerNames(List.of(new SNIHostName(sni)));
            }
            return new Tls(ctx, params);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static TrustManager trustManager(TlsConfig cfg) throws GeneralSecurityException {
        if (cfg.insecureSkipVerify()) {
            return new TrustAll();
        }
        KeyStore roots = null;
        if (cfg.ca() != null || cfg.caFile() != null) {
            String pem = cfg.ca() != null ? cfg.ca() : read(cfg.caFile(), "unable to read CA cert: ");
            String source = cfg.ca() != null ? "inline" : "file " + cfg.caFile();
            roots = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                roots.load(null, null);
                int i = 0;
                for (X509Certificate c : Pem.certificates(pem)) {
                    roots.setCertificateEntry("ca" + i++, c);
                }
            } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("unable to use specified CA cert " + source, e);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(roots);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return new HostnameCheckingTrustManager(x, cfg.serverName());
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static KeyManager[] keyManagers(TlsConfig cfg) throws GeneralSecurityException {
        if (!cfg.hasClientCertificate()) {
            return null;
        }
        String certPem = cfg.cert() != null ? cfg.cert() : read(cfg.certFile(), "unable to read specified client cert: ");
        String keyPem = cfg.key() != null ? cfg.key().value() : read(cfg.keyFile(), "unable to read specified client key: ");
        try {
            List<X509Certificate> chain = Pem.certificates(certPem);
            PrivateKey key = Pem.privateKey(keyPem);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, NO_PASSWORD);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unable to use specified client cert ("
                    + (cfg.cert() != null ? "inline" : "file " + cfg.certFile()) + ") & key ("
                    + (cfg.key() != null ? "inline" : "file " + cfg.keyFile()) + "): " + e.getMessage(), e);
        }
    }

    /** A file's content, as prometheus/common's file secrets read it. */
    static String read(Path file, String context) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(context + describe(file, e), e);
        }
    }

    /** Go's wording: {@code unable to read file f: open f: no such file or directory}. */
    static String describe(Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "open " + file + ": no such file or directory" : e.toString();
        return "unable to read file " + file + ": " + why;
    }

    /** insecure_skip_verify: any chain, any name. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
