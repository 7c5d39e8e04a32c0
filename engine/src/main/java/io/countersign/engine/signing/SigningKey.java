package io.countersign.engine.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.InvalidKeyException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * A person's Ed25519 key pair. The private half lives in {@code $COUNTERSIGN_HOME/keys/USER.key}
 * (PKCS#8 PEM, readable by its owner only, encrypted with a passphrase when its owner chose one); the public half goes into the policy repository as
 * {@code keys/USER.pub} (X.509 PEM), where adding or changing it is a reviewed change like any policy.
 */
public final class SigningKey {

    static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new key pair. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    /** Where the passphrase of an encrypted key comes from; asked only when the file is encrypted. */
    @FunctionalInterface
    public interface Passphrase {
        /** The passphrase of {@code file}; throws, naming the file, when there is none to be had. */
        char[] of(Path file) throws IOException;

        /** For a file that must not be encrypted. */
        Passphrase NONE = file -> {
            throw new KeyFileException(file, "the key is encrypted and no passphrase was given");
        };
    }

    /**
     * Reads a private key file that is not encrypted.
     *
     * @throws KeyFileException naming the file when it is not an Ed25519 private key in PEM
     */
    public static SigningKey read(Path file) throws IOException {
        return read(file, Passphrase.NONE);
    }

    /**
     * Reads a private key file, plain ({@code PRIVATE KEY}) or encrypted with a passphrase
     * ({@code ENCRYPTED PRIVATE KEY}, {@link EncryptedKey}).
     *
     * @throws KeyFileException naming the file when it is not an Ed25519 private key in PEM, or the
     *     passphrase is wrong or missing
     */
    public static SigningKey read(Path file, Passphrase passphrase) throws IOException {
        String text = io.countersign.lang.source.TextFiles.read(file);
        List<byte[]> blocks;
        List<byte[]> encrypted;
        try {
            blocks = Pem.decode(PRIVATE, text);
            encrypted = Pem.decode(EncryptedKey.LABEL, text);
        } catch (IllegalArgumentException bad) {
            throw new KeyFileException(file, bad.getMessage());
        }
        if (blocks.size() + encrypted.size() != 1) {
            throw new KeyFileException(file, "expected one '-----BEGIN " + PRIVATE + "-----' or '-----BEGIN "
                    + EncryptedKey.LABEL + "-----' block, found " + (blocks.size() + encrypted.size()));
        }
        byte[] pkcs8;
        if (encrypted.isEmpty()) {
            pkcs8 = blocks.get(0);
        } else {
            char[] secret = passphrase.of(file);
            try {
                pkcs8 = EncryptedKey.decrypt(file, encrypted.get(0), secret);
            } finally {
                java.util.Arrays.fill(secret, '\0');
            }
        }
        try {
            KeyFactory f = KeyFactory.getInstance(ALGORITHM);
            PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new SigningKey(priv, derivePublic(priv));
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(file, "not an " + ALGORITHM + " private key");
        }
    }

    /**
     * The public half of an Ed25519 private key. The JDK has no call for it, but its generator turns
     * 32 random bytes into the pair: fed the key's own seed, it rebuilds the same pair.
     */
    private static PublicKey derivePublic(PrivateKey priv) throws GeneralSecurityException {
        if (!(priv instanceof EdECPrivateKey ed)) {
            throw new InvalidKeyException("not an EdEC key");
        }
        byte[] seed = ed.getBytes().orElseThrow(() -> new InvalidKeyException("the key's seed is not readable"));
        KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
        g.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
        return g.generateKeyPair().getPublic();
    }

    /** Supplies a fixed seed to the key generator, so a known private key regenerates its public half. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
        }
    }

    /**
     * Writes the private key to {@code file}, readable by its owner only, refusing to replace one.
     *
     * @throws FileAlreadyExistsException when the file exists
     */
    public void write(Path file) throws IOException {
        write(file, null);
    }

    /**
     * Writes the private key to {@code file}, readable by its owner only, refusing to replace one;
     * encrypted with {@code passphrase} unless it is null ({@link EncryptedKey}).
     *
     * @throws FileAlreadyExistsException when the file exists
     */
    public void write(Path file, char[] passphrase) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
        }
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Path tmp = Files.createTempFile(dir, ".key", ".tmp");
        try {
            restrict(tmp, "rw-------");
            Files.writeString(tmp, passphrase == null ? Pem.encode(PRIVATE, privateKey.getEncoded())
                    : Pem.encode(EncryptedKey.LABEL, EncryptedKey.encrypt(privateKey.getEncoded(), passphrase)),
                    StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path file, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the home directory's own protection applies
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as {@code keys/USER.pub} holds it. */
    public String publicPem() {
        return PublicKeys.pem(publicKey);
    }

    /** {@code SHA256:<base64>} of the public key: what a decision records and {@code keys init} prints. */
    public String fingerprint() {
        return PublicKeys.fingerprint(publicKey);
    }

    /**
     * Signs a statement's canonical text as a server served it ({@code /statement}): what the CLI signs
     * when it is a client of a server. The same bytes as {@link #sign(Statement)} signs.
     */
    public Signature sign(String canonical, java.time.Instant signedAt) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(Statement.signed(canonical));
            return new Signature(signedAt, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + ALGORITHM + " failed", e);
        }
    }

    /** Signs a statement. */
    public Signature sign(Statement statement) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(Statement.signed(statement.canonical()));
            return new Signature(statement.signedAt(), Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + ALGORITHM + " failed", e);
        }
    }
}
