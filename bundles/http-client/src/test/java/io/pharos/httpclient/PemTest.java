package io.pharos.httpclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pharos.testkit.TestPki;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final byte[] P256_OID = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};

    /** The content of the last OCTET STRING of a PKCS#8 PrivateKeyInfo: the algorithm's own key. */
    private static byte[] innerKey(byte[] pkcs8) throws GeneralSecurityException {
        int[] seq = Pem.header(pkcs8, 0);
        int[] version = Pem.header(pkcs8, seq[1]);
        int[] algorithm = Pem.header(pkcs8, version[1] + version[2]);
        int[] key = Pem.header(pkcs8, algorithm[1] + algorithm[2]);
        assertEquals(0x04, key[0]);
        return Arrays.copyOfRange(pkcs8, key[1], key[1] + key[2]);
    }

    @Test
    void readsRsaKeysAsPkcs8AndPkcs1() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey rsa = g.generateKeyPair().getPrivate();
        PrivateKey fromPkcs8 = Pem.privateKey(TestPki.pem("PRIVATE KEY", rsa.getEncoded()));
        assertArrayEquals(rsa.getEncoded(), fromPkcs8.getEncoded());
        PrivateKey fromPkcs1 = Pem.privateKey(TestPki.pem("RSA PRIVATE KEY", innerKey(rsa.getEncoded())));
        assertEquals(((RSAPrivateCrtKey) rsa).getPrivateExponent(), ((RSAPrivateCrtKey) fromPkcs1).getPrivateExponent());
        assertEquals(((RSAPrivateCrtKey) rsa).getModulus(), ((RSAPrivateCrtKey) fromPkcs1).getModulus());
    }

    @Test
    void readsSec1EcKeysWithTheirCurve() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPrivateKey ec = (ECPrivateKey) g.generateKeyPair().getPrivate();
        assertEquals(ec.getS(), ((ECPrivateKey) Pem.privateKey(TestPki.pem("PRIVATE KEY", ec.getEncoded()))).getS());

        // SEC1 as openssl writes it: { 1, OCTET STRING d, [0] curve }, after an EC PARAMETERS block
        byte[] javaSec1 = innerKey(ec.getEncoded());
        int[] seq = Pem.header(javaSec1, 0);
        int[] version = Pem.header(javaSec1, seq[1]);
        int[] d = Pem.header(javaSec1, version[1] + version[2]);
        byte[] sec1 = Pem.tlv(0x30, new byte[] {0x02, 0x01, 0x01},
                Pem.tlv(0x04, Arrays.copyOfRange(javaSec1, d[1], d[1] + d[2])), Pem.tlv(0xa0, P256_OID));
        String pem = TestPki.pem("EC PARAMETERS", P256_OID) + TestPki.pem("EC PRIVATE KEY", sec1);
        assertEquals(ec.getS(), ((ECPrivateKey) Pem.privateKey(pem)).getS());

        byte[] noCurve = Pem.tlv(0x30, new byte[] {0x02, 0x01, 0x01},
                Pem.tlv(0x04, Arrays.copyOfRange(javaSec1, d[1], d[1] + d[2])));
        assertEquals("EC PRIVATE KEY names no curve", assertThrows(GeneralSecurityException.class,
                () -> Pem.privateKey(TestPki.pem("EC PRIVATE KEY", noCurve))).getMessage());
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertEquals("encrypted private keys are not supported", assertThrows(GeneralSecurityException.class,
                () -> Pem.privateKey(TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2}))).getMessage());
        String legacyEncrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
                + "AAAA\n-----END RSA PRIVATE KEY-----\n";
        assertEquals("encrypted private keys are not supported",
                assertThrows(GeneralSecurityException.class, () -> Pem.privateKey(legacyEncrypted)).getMessage());
        assertEquals("no PEM private key block found",
                assertThrows(GeneralSecurityException.class, () -> Pem.privateKey("garbage")).getMessage());
        assertEquals("no PEM CERTIFICATE block found",
                assertThrows(CertificateException.class, () -> Pem.certificates("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pem.blocks("-----BEGIN CERTIFICATE-----\nAAAA\n"));
        assertThrows(IllegalArgumentException.class,
                () -> Pem.blocks("-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n"));
    }

    @Test
    void readsCertificateChainsInOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestPki pki = new TestPki(dir);
        TestPki.Leaf leaf = pki.issue("chain", "dns:chain.test");
        assertEquals(java.util.List.of(leaf.cert(), pki.ca), Pem.certificates(leaf.certPem() + pki.caPem));
        assertEquals(leaf.key(), Pem.privateKey(leaf.keyPem()));
    }
}
