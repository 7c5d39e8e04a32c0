package io.countersign.lsp.workspace;

import io.countersign.engine.policytest.PolicyTestRunner;
import io.countersign.lang.Frontend;
import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.PolicyFile;
import io.countersign.lang.check.Checker;
import io.countersign.lang.diag.Code;
import io.countersign.lang.diag.Diagnostic;
import io.countersign.lang.parse.Parser;
import io.countersign.lang.source.PolicySources;
import io.countersign.lang.source.SourceFile;
import io.countersign.lsp.cases.CaseFile;
import io.countersign.lsp.text.LineIndex;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One policy set: the texts of its files (the editor's where a file is open, the disk's otherwise), a
 * generation that every change advances, and its analysis. Texts change on the protocol's thread
 * without waiting for an analysis in progress; an analysis notices a newer generation and gives up.
 */
public final class PolicySetModel {

    /** A file's current text, or why it could not be read. */
    private record Text(String text, boolean open, String unreadable) {
    }

    private final Path root;
    private final Settings settings;
    private final Map<Path, Text> texts = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Map<Path, ParsedFile> parsed = new ConcurrentHashMap<>();
    private final Map<Path, CaseFile> caseFiles = new ConcurrentHashMap<>();
    private volatile Analysis last;
    private String directoryText;
    private DirectoryInfo directory = DirectoryInfo.EMPTY;

    PolicySetModel(Path root, Settings settings, Predicate<Path> member) {
        this.root = root;
        this.settings = settings;
        if (Files.isDirectory(root)) {
            scan(member);
        } else if (isTracked(root)) {
            readDisk(root);
        }
    }

    public Path root() {
        return root;
    }

    public long generation() {
        return generation.get();
    }

    /** Policy files and test files are what a set holds. */
    public static boolean isTracked(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(PolicySources.EXTENSION) || name.endsWith(PolicyTestRunner.SUFFIX);
    }

    public boolean holds(Path file) {
        return texts.containsKey(file);
    }

    /** The files of the set, policies and tests. */
    public List<Path> files() {
        return List.copyOf(texts.keySet());
    }

    /** The editor opened or changed a file. */
    public void edited(Path file, String text) {
        texts.put(file, new Text(text, true, null));
        generation.incrementAndGet();
    }

    /** The editor closed a file, or it changed on disk: the disk's text holds, unless the file is open. */
    public void fromDisk(Path file, boolean closing) {
        Text t = texts.get(file);
        if (!closing && t != null && t.open()) {
            return;
        }
        if (Files.isRegularFile(file)) {
            readDisk(file);
        } else {
            texts.remove(file);
        }
        generation.incrementAndGet();
    }

    /** {@code directory.yaml} changed. */
    public void directoryChanged() {
        generation.incrementAndGet();
    }

    private void scan(Predicate<Path> member) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean nested = !dir.equals(root) && (SetRoots.skippedName(dir.getFileName().toString())
                            || Files.isRegularFile(dir.resolve("directory.yaml")) && !member.test(dir.resolve("x.policy")));
                    return nested ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isTracked(file) && member.test(file)) {
                        readDisk(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A folder that cannot be read holds no policies; the files the editor opens still count.
        }
    }

    private void readDisk(Path file) {
        try {
            if (Files.size(file) > settings.maxFileChars() * 4L) {
                texts.put(file, new Text("", false, "the file is too large to check in the editor ("
                        + Files.size(file) + " bytes); run countersign policy check on it"));
                return;
            }
            texts.put(file, new Text(PolicySources.read(file).text(), false, null));
        } catch (IOException e) {
            texts.put(file, new Text("", false, e.getMessage()));
        }
    }

    /** The last analysis made, whatever its generation, without waiting for one in progress; made now when there is none. */
    public Analysis latest() {
        Analysis a = last;
        return a != null ? a : analysis();
    }

    /** The analysis of the current generation, made now unless it is already there. */
    public Analysis analysis() {
        return analyze(() -> false);
    }

    /**
     * Analyses the set as it stands. Gives up with {@link CancellationException} as soon as
     * {@code cancelled} says so (checked between files and before the check of the whole set).
     */
    public synchronized Analysis analyze(BooleanSupplier cancelled) {
        long g = generation.get();
        if (last != null && last.generation() == g) {
            return last;
        }
        Map<Path, Text> now = new TreeMap<>(texts);
        Map<Path, ParsedFile> policies = new TreeMap<>();
        Map<Path, List<Diagnostic>> diagnostics = new HashMap<>();
        Map<Path, CaseFile> cases = new TreeMap<>();
        List<SourceFile> sources = new ArrayList<>();
        List<PolicyFile> asts = new ArrayList<>();
        Map<String, Path> byName = new HashMap<>();
        List<Diagnostic> all = new ArrayList<>();
        for (Map.Entry<Path, Text> e : now.entrySet()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("a newer edit came");
            }
            Path file = e.getKey();
            Text text = e.getValue();
            if (file.getFileName().toString().endsWith(PolicyTestRunner.SUFFIX)) {
                cases.put(file, caseFile(file, text.text()));
                continue;
            }
            ParsedFile p = parse(file, text);
            policies.put(file, p);
            byName.put(p.source().path(), file);
            sources.add(p.source());
            p.ast().ifPresent(asts::add);
            all.addAll(p.diagnostics());
            diagnostics.put(file, new ArrayList<>(p.diagnostics()));
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("a newer edit came");
        }
        for (Diagnostic d : Checker.check(asts)) {
            Path file = byName.get(d.loc().file());
            if (file != null) {
                diagnostics.get(file).add(d);
            }
            all.add(d);
        }
        diagnostics.values().forEach(l -> l.sort(Diagnostic.ORDER));
        all.sort(Diagnostic.ORDER);
        last = new Analysis(g, root, policies, diagnostics, cases, directory(), new Frontend.Result(sources, asts, all));
        return last;
    }

    private ParsedFile parse(Path file, Text text) {
        ParsedFile cached = parsed.get(file);
        if (cached != null && cached.text().equals(text.text())) {
            return cached;
        }
        SourceFile source = new SourceFile(displayName(file), text.text());
        ParsedFile p;
        Loc start = new Loc(source.path(), 1, 1, 1, 1, 0, 0);
        if (text.unreadable() != null) {
            p = new ParsedFile(file, source, new LineIndex(""), java.util.Optional.empty(),
                    List.of(Diagnostic.error(Code.UNREADABLE_FILE, start, text.unreadable())));
        } else if (text.text().length() > settings.maxFileChars()) {
            p = new ParsedFile(file, source, new LineIndex(text.text()), java.util.Optional.empty(),
                    List.of(Diagnostic.error(Code.UNREADABLE_FILE, start, "the file is too large to check in the editor ("
                            + text.text().length() + " characters; the limit is " + settings.maxFileChars()
                            + "): run countersign policy check on it")));
        } else {
            Parser.Result r = Parser.parse(source);
            p = new ParsedFile(file, source, new LineIndex(text.text()), r.file(), r.diagnostics());
        }
        parsed.put(file, p);
        return p;
    }

    private CaseFile caseFile(Path file, String text) {
        CaseFile cached = caseFiles.get(file);
        if (cached != null && cached.text().equals(text)) {
            return cached;
        }
        CaseFile c = CaseFile.read(text);
        caseFiles.put(file, c);
        return c;
    }

    private DirectoryInfo directory() {
        Path file = Files.isDirectory(root) ? root.resolve("directory.yaml") : root.resolveSibling("directory.yaml");
        String text = null;
        try {
            text = Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            text = null;
        }
        if (!java.util.Objects.equals(text, directoryText)) {
            directoryText = text;
            directory = text == null ? DirectoryInfo.EMPTY : DirectoryInfo.parse(text);
        }
        return directory;
    }

    /** How diagnostics name a file: from the set's folder's parent, as {@code policy check FOLDER} would. */
    String displayName(Path file) {
        Path base = Files.isDirectory(root) ? root.getParent() : file.getParent();
        return base == null ? file.toString() : base.relativize(file).toString();
    }
}
