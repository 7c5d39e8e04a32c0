package io.countersign.server.ops;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reloads the policies when their directory changes: every directory under it is watched, and a burst
 * of changes (an editor's save, a {@code git pull}) settles for a moment before one reload.
 */
public final class PolicyWatcher implements AutoCloseable {

    /** How long the directory must be quiet before a reload. */
    static final long SETTLE_MS = 300;

    private final WatchService watch;
    private final Thread thread;

    private PolicyWatcher(WatchService watch, Thread thread) {
        this.watch = watch;
        this.thread = thread;
    }

    public static PolicyWatcher start(Path dir, Runnable reload) throws IOException {
        WatchService watch = FileSystems.getDefault().newWatchService();
        register(watch, dir);
        Thread t = new Thread(() -> loop(watch, dir, reload), "countersign-policy-watcher");
        t.setDaemon(true);
        t.start();
        return new PolicyWatcher(watch, t);
    }

    private static void register(WatchService watch, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private static void loop(WatchService watch, Path dir, Runnable reload) {
        try {
            while (true) {
                WatchKey key = watch.take();
                drain(key);
                // Let the burst settle: keep draining until the directory has been quiet a while.
                WatchKey more;
                while ((more = watch.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                register(watch, dir); // directories made meanwhile
                reload.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the server stops
        } catch (IOException e) {
            // the directory went away; reloads on SIGHUP still report it
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
