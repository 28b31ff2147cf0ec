package io.pharos.httpclient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM certificates and unencrypted private keys as Go's {@code tls.X509KeyPair} accepts them:
 * PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}). The latter two are rewrapped as PKCS#8, the one form the JDK reads.
 */
final class Pem {
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    /** One {@code -----BEGIN type-----} block. */
    record Block(String type, byte[] der, boolean encrypted) {
    }

    private Pem() {
    }

    /** The certificates in {@code pem}, in order; none is an error. */
    static List<X509Certificate> certificates(String pem) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(pem)) {
            if (b.type().equals("CERTIFICATE")) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException("no PEM CERTIFICATE block found");
        }
        return out;
    }

    /** The first private key in {@code pem}. */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        for (Block b : blocks(pem)) {
            if (!b.type().endsWith("PRIVATE KEY")) {
                continue; // e.g. the EC PARAMETERS block openssl writes first
            }
            if (b.encrypted() || b.type().equals("ENCRYPTED PRIVATE KEY")) {
                throw new GeneralSecurityException("encrypted private keys are not supported");
            }
            return switch (b.type()) {
                case "PRIVATE KEY" -> pkcs8(b.der(), "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                case "RSA PRIVATE KEY" -> pkcs8(wrapPkcs1(b.der()), "RSA");
                case "EC PRIVATE KEY" -> pkcs8(wrapSec1(b.der()), "EC");
                default -> throw new GeneralSecurityException("unsupported PEM block type " + b.type());
            };
        }
        throw new GeneralSecurityException("no PEM private key block found");
    }

    static List<Block> blocks(String pem) {
        List<Block> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = pem.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                return out;
            }
            int typeEnd = pem.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                return out;
            }
            String type = pem.substring(begin + 11, typeEnd);
            String endMarker = "-----END " + type + "-----";
            int end = pem.indexOf(endMarker, typeEnd);
            if (end < 0) {
                throw new IllegalArgumentException("PEM block " + type + " has no END line");
            }
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            for (String line : pem.substring(typeEnd + 5, end).split("\r?\n")) {
                if (line.contains(":")) {
                    encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                } else {
                    base64.append(line.strip());
                }
            }
            try {
                out.add(new Block(type, Base64.getDecoder().decode(base64.toString()), encrypted));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block " + type + ": invalid base64", e);
            }
            at = end + endMarker.length();
        }
    }

    private static PrivateKey pkcs8(byte[] der, String... algorithms) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not a usable private key: " + last.getMessage(), last);
    }

    /** PrivateKeyInfo { 0, rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        return tlv(0x30, VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1));
    }

    /** PrivateKeyInfo { 0, { ecPublicKey, curve }, OCTET STRING sec1 }; the curve comes from SEC1's [0]. */
    static byte[] wrapSec1(byte[] sec1) throws GeneralSecurityException {
        int[] seq = header(sec1, 0);
        if (seq[0] != 0x30) {
            throw new GeneralSecurityException("EC PRIVATE KEY is not a DER sequence");
        }
        for (int off = seq[1]; off < seq[1] + seq[2]; ) {
            int[] h = header(sec1, off);
            if (h[0] == 0xa0) {
                byte[] curve = java.util.Arrays.copyOfRange(sec1, h[1], h[1] + h[2]);
                return tlv(0x30, VERSION_0, tlv(0x30, EC_PUBLIC_KEY_OID, curve), tlv(0x04, sec1));
            }
            off = h[1] + h[2];
        }
        throw new GeneralSecurityException("EC PRIVATE KEY names no curve");
    }

    /** {tag, content offset, content length} of the DER element at {@code off}. */
    static int[] header(byte[] der, int off) throws GeneralSecurityException {
        if (off + 2 > der.length) {
            throw new GeneralSecurityException("truncated DER");
        }
        int tag = der[off] & 0xff;
        int len = der[off + 1] & 0xff;
        int content = off + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 3 || content + n > der.length) {
                throw new GeneralSecurityException("unsupported DER length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[content++] & 0xff);
            }
        }
        if (content + len > der.length) {
            throw new GeneralSecurityException("truncated DER");
        }
        return new int[] {tag, content, len};
    }

    /** A DER element with these parts concatenated as its content. */
    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int len = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
        out.write(tag);
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
