package io.pharos.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority made with the JDK's {@code keytool} at test time, so no
 * private key is ever committed. Keys are EC P-256 (fast to make); certificates live two days.
 */
public final class TestPki {
    private static final String PASS = "changeit";

    /** A certificate issued by the test CA, with its key, also as PEM (PKCS#8). */
    public record Leaf(X509Certificate cert, PrivateKey key, String certPem, String keyPem) {
    }

    private final Path dir;
    /** The CA's certificate. */
    public final X509Certificate ca;
    /** The CA's certificate as PEM. */
    public final String caPem;

    /** Makes a CA in {@code dir} (a fresh temporary directory). */
    public TestPki(Path dir) throws Exception {
        this.dir = dir;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Pharos Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-storepass", PASS, "-keypass", PASS);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASS, "-file", "ca.pem");
        caPem = Files.readString(dir.resolve("ca.pem"));
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A leaf certificate for {@code name}, with {@code san} (e.g. {@code ip:127.0.0.1}) if not null. */
    public Leaf issue(String name, String san) throws Exception {
        String ks = name + ".p12";
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", ks, "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS);
        keytool("-certreq", "-alias", "leaf", "-keystore", ks, "-storepass", PASS, "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                "-storepass", PASS, "-infile", name + ".csr", "-outfile", name + ".pem", "-validity", "2"));
        if (san != null) {
            gencert.addAll(List.of("-ext", "san=" + san));
        }
        keytool(gencert.toArray(String[]::new));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(ks))) {
            store.load(in, PASS.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("leaf", PASS.toCharArray());
        String certPem = Files.readString(dir.resolve(name + ".pem"));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(dir.resolve(name + ".pem")));
        return new Leaf(cert, key, certPem, pem("PRIVATE KEY", key.getEncoded()));
    }

    /**
     * A server TLS context presenting {@code cert} (with the CA in its chain) and trusting client
     * certificates the CA issued.
     */
    public SSLContext serverContext(Leaf cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", cert.key(), new char[0], new X509Certificate[] {cert.cert(), ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** DER bytes as a PEM block of {@code type}. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
