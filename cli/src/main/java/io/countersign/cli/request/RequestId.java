package io.countersign.cli.request;

import java.util.UUID;
import picocli.CommandLine;

/** {@code --id}: a request id chosen by the caller, a UUID in its canonical lower-case form. */
final class RequestId implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            String id = UUID.fromString(value.trim()).toString();
            if (id.equalsIgnoreCase(value.trim())) {
                return id;
            }
        } catch (IllegalArgumentException notAUuid) {
            // said below
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a UUID such as"
                + " 1f0c9e4a-5d2b-4c61-9a43-0e8f6b7d2c11 (uuidgen makes one)");
    }
}
