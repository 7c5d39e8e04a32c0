package io.countersign.cli.request;

import io.countersign.engine.request.RequestValidation;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** An instant with its offset, ISO-8601: {@code 2026-03-02T10:00:00Z} or {@code 2026-03-02T11:00:00+01:00}. */
public final class InstantConverter implements CommandLine.ITypeConverter<OffsetDateTime> {
    @Override
    public OffsetDateTime convert(String value) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(value.trim());
            if (t.toInstant().isBefore(RequestValidation.EARLIEST) || t.toInstant().isAfter(RequestValidation.LATEST)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is outside the years 1 to 9999");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an instant: write it with its offset,"
                    + " such as 2026-03-02T10:00:00Z");
        }
    }
}
