package io.countersign.cli.request;

import io.countersign.engine.json.DurationValues;
import java.time.Duration;
import picocli.CommandLine;

/** A duration as the policy language writes it ({@code 1h30m}) or as ISO-8601 ({@code PT1H30M}). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration d = DurationValues.of(value);
        if (d == null) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write 1h30m or PT1H30M");
        }
        return d;
    }
}
