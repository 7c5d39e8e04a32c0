package io.countersign.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean HTTP/1.1 load generator: keep-alive connections on loopback, one thread each, the next request
 * sent as soon as the last answer is read; every latency kept (for exact percentiles).
 */
final class LoadClient {

    private LoadClient() {
    }

    private static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static byte[] post(String path, String token, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    static String get(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code connections} threads posting {@code bodies} in turn to {@code path} for {@code length}. */
    static ServerLoad.Run drive(int port, String path, String token, List<byte[]> bodies, int connections, Duration length)
            throws InterruptedException {
        List<byte[]> requests = bodies.stream().map(b -> post(path, token, b)).toList();
        long deadline = System.nanoTime() + length.toNanos();
        AtomicLong failures = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] counts = new int[connections];
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long[] mine = new long[4_000_000];
            samples.add(mine);
            int index = c;
            Thread t = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
                    int n = 0;
                    int next = index;
                    while (System.nanoTime() < deadline && n < mine.length) {
                        long t0 = System.nanoTime();
                        out.write(requests.get(next++ % requests.size()));
                        out.flush();
                        if (readAnswer(in) != 200) {
                            failures.incrementAndGet();
                        }
                        mine[n++] = System.nanoTime() - t0;
                    }
                    counts[index] = n;
                } catch (IOException e) {
                    failures.incrementAndGet();
                }
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(samples.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new ServerLoad.Run(total, failures.get(), seconds, percentileMillis(all, 50), percentileMillis(all, 99));
    }

    /** Reads one answer (status line, headers, a Content-Length body); its status. */
    private static int readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int status = -1;
        int length = 0;
        boolean first = true;
        while (true) {
            line.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            if (text.isEmpty()) {
                break;
            }
            if (first) {
                status = Integer.parseInt(text.substring(9, 12));
                first = false;
            } else if (text.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(text.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return status;
    }
}
