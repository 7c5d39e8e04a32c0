package io.countersign.server.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers of requests and decisions: random (version 4) UUIDs from the thread's generator. They name
 * log lines and answers, they guard nothing, so they need not cost a secure generator's lock per request.
 */
public final class Ids {

    private Ids() {
    }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(hi, lo).toString();
    }
}
