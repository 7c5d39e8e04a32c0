package io.countersign.engine.signing;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * A PKCS#8 private key encrypted with a passphrase: PBES2, PBKDF2 with HMAC-SHA-256 and AES-256-CBC,
 * what {@code openssl genpkey -aes-256-cbc} writes and {@code openssl pkey} reads.
 *
 * <p>The JDK reads this format but, in Java 17, cannot write it ({@code EncryptedPrivateKeyInfo}
 * refuses the PBES2 algorithm name), so the outer structure is written here: the JDK encodes the
 * PBES2 parameters, this class wraps them and the ciphertext in the two sequences around them.</p>
 */
final class EncryptedKey {

    static final String LABEL = "ENCRYPTED PRIVATE KEY";

    /** PBKDF2-HMAC-SHA256 work factor for new keys: OWASP's 2023 figure; about a quarter second here. */
    static final int ITERATIONS = 600_000;

    /** More than this in a file is not a key anyone meant to open: refuse instead of computing for hours. */
    private static final int MAX_ITERATIONS = 10_000_000;

    private static final String SCHEME = "PBEWithHmacSHA256AndAES_256";

    /** DER of the object identifier 1.2.840.113549.1.5.13 (PBES2). */
    private static final byte[] PBES2 = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x05,
        0x0D};

    private EncryptedKey() {
    }

    /** The {@code EncryptedPrivateKeyInfo} (DER) of a PKCS#8 key. */
    static byte[] encrypt(byte[] pkcs8, char[] passphrase) {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        random.nextBytes(iv);
        PBEKeySpec spec = new PBEKeySpec(passphrase);
        try {
            Cipher c = Cipher.getInstance(SCHEME);
            c.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(SCHEME).generateSecret(spec),
                    new PBEParameterSpec(salt, ITERATIONS, new IvParameterSpec(iv)));
            byte[] data = c.doFinal(pkcs8);
            byte[] algorithm = der(0x30, concat(PBES2, c.getParameters().getEncoded()));
            return der(0x30, concat(algorithm, der(0x04, data)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the JDK cannot encrypt with " + SCHEME, e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * The PKCS#8 key inside.
     *
     * @throws KeyFileException naming the file when the passphrase is wrong or the structure is not one
     *     this reads
     */
    static byte[] decrypt(Path file, byte[] der, char[] passphrase) throws KeyFileException {
        EncryptedPrivateKeyInfo info;
        AlgorithmParameters params;
        try {
            info = new EncryptedPrivateKeyInfo(der);
            params = info.getAlgParameters();
        } catch (java.io.IOException e) {
            throw new KeyFileException(file, "not an encrypted PKCS#8 key: " + e.getMessage());
        }
        if (params == null) {
            throw new KeyFileException(file, "encrypted with " + info.getAlgName() + ", which this does not read");
        }
        String scheme = params.toString();
        try {
            PBEParameterSpec p = params.getParameterSpec(PBEParameterSpec.class);
            if (p.getIterationCount() > MAX_ITERATIONS) {
                throw new KeyFileException(file, "asks for " + p.getIterationCount() + " key-derivation rounds (at most "
                        + MAX_ITERATIONS + ")");
            }
        } catch (java.security.spec.InvalidParameterSpecException notPbe) {
            throw new KeyFileException(file, "encrypted with " + scheme + ", which this does not read");
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase);
        try {
            Cipher c = Cipher.getInstance(scheme);
            c.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(scheme).generateSecret(spec), params);
            return info.getKeySpec(c).getEncoded();
        } catch (java.security.spec.InvalidKeySpecException wrong) {
            // a wrong passphrase decrypts to garbage that fails the padding or the PKCS#8 structure
            throw new KeyFileException(file, "wrong passphrase");
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(file, "encrypted with " + scheme + ", which this does not read");
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** One DER element: tag, definite length, value. */
    private static byte[] der(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n <= 0xFF) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
