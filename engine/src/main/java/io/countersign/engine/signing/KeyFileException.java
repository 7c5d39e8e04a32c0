package io.countersign.engine.signing;

import java.io.IOException;
import java.nio.file.Path;

/** A key file that is not what it should be; the message names the file. */
public final class KeyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
