package io.countersign.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** A certificate chain and a PKCS#8 private key, both PEM, as the in-memory key store Jetty wants. */
final class PemKeyStore {

    /** The in-memory store's password: it never leaves the process. */
    static final String PASSWORD = "countersign";

    private PemKeyStore() {
    }

    static KeyStore load(Path certificate, Path key) {
        try {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate)))
                    .toArray(new Certificate[0]);
            if (chain.length == 0) {
                throw new IllegalArgumentException(certificate + ": no certificate in it");
            }
            byte[] der = der(Files.readString(key, StandardCharsets.US_ASCII), key);
            PrivateKey pk = null;
            for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
                try {
                    pk = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                    break;
                } catch (GeneralSecurityException e) {
                    // try the next kind of key
                }
            }
            if (pk == null) {
                throw new IllegalArgumentException(key + ": not an RSA, EC or Ed25519 key in PKCS#8 PEM");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", pk, PASSWORD.toCharArray(), chain);
            return ks;
        } catch (IOException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: the certificate or key is not usable: " + e.getMessage(), e);
        }
    }

    private static byte[] der(String pem, Path file) {
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + ": no PKCS#8 private key (BEGIN PRIVATE KEY)");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    }
}
