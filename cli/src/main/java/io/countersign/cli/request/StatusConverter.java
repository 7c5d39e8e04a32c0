package io.countersign.cli.request;

import io.countersign.engine.model.RequestStatus;
import picocli.CommandLine;

/** A request status by its name in DATA.md. */
final class StatusConverter implements CommandLine.ITypeConverter<RequestStatus> {
    @Override
    public RequestStatus convert(String value) {
        try {
            return RequestStatus.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
