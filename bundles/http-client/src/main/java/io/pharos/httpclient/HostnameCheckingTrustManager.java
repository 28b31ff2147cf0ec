package io.pharos.httpclient;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies the server's chain with the configured roots, then its name as Go does: against
 * {@code server_name} when set, else the target's host; subject alternative names only (no
 * Common Name fallback), one-label wildcards. Being an extended trust manager, it replaces the
 * JDK's own host check, which could only compare with the URL host.
 */
final class HostnameCheckingTrustManager extends X509ExtendedTrustManager {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final X509TrustManager roots;
    private final String serverName;

    HostnameCheckingTrustManager(X509TrustManager roots, String serverName) {
        this.roots = roots;
        this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        roots.checkServerTrusted(chain, authType);
        verify(chain[0], serverName != null ? serverName : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        roots.checkServerTrusted(chain, authType);
        String host = socket instanceof SSLSocket s && s.getHandshakeSession() != null
                ? s.getHandshakeSession().getPeerHost() : null;
        verify(chain[0], serverName != null ? serverName : host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        roots.checkServerTrusted(chain, authType);
        verify(chain[0], serverName);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        roots.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        roots.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        roots.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return roots.getAcceptedIssuers();
    }

    /** Go's {@code VerifyHostname}, with its messages. */
    static void verify(X509Certificate cert, String host) throws CertificateException {
        if (host == null || host.isEmpty()) {
            throw new CertificateException("x509: no host name to verify the certificate against");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<String> dns = sans(cert, SAN_DNS);
        if (isIpLiteral(h)) {
            List<String> ips = sans(cert, SAN_IP);
            if (ips.isEmpty()) {
                throw new CertificateException("x509: cannot validate certificate for " + h
                        + " because it doesn't contain any IP SANs");
            }
            InetAddress want = literal(h);
            for (String ip : ips) {
                if (literal(ip).equals(want)) {
                    return;
                }
            }
            throw new CertificateException("x509: certificate is valid for " + String.join(", ", ips) + ", not " + h);
        }
        String name = h.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String pattern : dns) {
            if (matches(pattern.toLowerCase(Locale.ROOT), name)) {
                return;
            }
        }
        if (dns.isEmpty()) {
            throw new CertificateException(
                    "x509: certificate relies on legacy Common Name field, use SANs instead");
        }
        throw new CertificateException("x509: certificate is valid for " + String.join(", ", dns) + ", not " + h);
    }

    private static boolean matches(String pattern, String name) {
        if (pattern.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(name);
    }

    private static List<String> sans(X509Certificate cert, int type) throws CertificateParsingException {
        Collection<List<?>> all = cert.getSubjectAlternativeNames();
        List<String> out = new ArrayList<>();
        if (all != null) {
            for (List<?> san : all) {
                if (san.size() >= 2 && Integer.valueOf(type).equals(san.get(0)) && san.get(1) instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");
    }

    /** An IP literal, never a DNS lookup (callers check {@link #isIpLiteral} first). */
    private static InetAddress literal(String ip) throws CertificateException {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new CertificateException("x509: invalid IP address " + ip, e);
        }
    }
}
