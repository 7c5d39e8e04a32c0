import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the shaded jar with Z3's native libraries stored, not deflated. z3-turnkey copies its
 * library out of the jar into a new temporary directory on every start (it has no cache); from a
 * deflated entry that copy is about a quarter of a second of CPU inflating 35 MB, from a stored one a
 * plain copy. Every other entry keeps being deflated. Run by the build after the shade, before the
 * class-data archive (which records the jar it was made from): {@code java StoreNatives.java JAR}.
 */
public class StoreNatives {

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
        int stored = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                if (isNative(e.getName())) {
                    byte[] bytes = read(in, e);
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(bytes.length);
                    copy.setCompressedSize(bytes.length);
                    copy.setCrc(crc.getValue());
                    zip.putNextEntry(copy);
                    zip.write(bytes);
                    stored++;
                } else {
                    zip.putNextEntry(copy);
                    try (InputStream s = in.getInputStream(e)) {
                        s.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("StoreNatives: " + stored + " native libraries stored uncompressed in " + jar);
    }

    private static boolean isNative(String name) {
        return name.startsWith("com/microsoft/z3/")
                && (name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll"));
    }

    private static byte[] read(ZipFile in, ZipEntry e) throws IOException {
        try (InputStream s = in.getInputStream(e)) {
            return s.readAllBytes();
        }
    }
}
