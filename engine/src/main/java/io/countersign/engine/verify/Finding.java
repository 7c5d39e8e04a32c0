package io.countersign.engine.verify;

/**
 * One thing wrong with a request's record.
 *
 * @param sequence the event it is found at, when there is one
 * @param eventId that event's id
 * @param problem what is wrong, in words
 */
public record Finding(Long sequence, String eventId, String problem) {

    static Finding of(String problem) {
        return new Finding(null, null, problem);
    }
}
