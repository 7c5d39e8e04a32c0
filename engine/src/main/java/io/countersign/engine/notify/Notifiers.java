package io.countersign.engine.notify;

import io.countersign.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The notifiers a deployment configured: by name ({@code --notify webhook,sns}) or as the keys of
 * {@code notify.yaml} ({@code webhook: {url: ...}}), each made by the {@link NotifierProvider} of that
 * name found with {@link ServiceLoader}.
 */
public final class Notifiers {

    private Notifiers() {
    }

    /**
     * @param names the notifiers to use; empty means every section of {@code file}
     * @param file {@code notify.yaml}, or null
     * @throws IllegalArgumentException naming an unknown notifier or a bad setting
     */
    public static List<Notifier> configure(List<String> names, Path file, Function<String, String> environment)
            throws IOException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (file != null && Files.isRegularFile(file)) {
            Map<?, ?> yaml = Json.yaml().readValue(io.countersign.lang.source.TextFiles.read(file), Map.class);
            if (yaml != null) {
                yaml.forEach((k, v) -> {
                    Map<String, String> settings = new LinkedHashMap<>();
                    if (v instanceof Map<?, ?> m) {
                        m.forEach((sk, sv) -> settings.put(String.valueOf(sk), String.valueOf(sv)));
                    }
                    sections.put(String.valueOf(k), settings);
                });
            }
        }
        List<String> wanted = names.isEmpty() ? List.copyOf(sections.keySet()) : names;
        Map<String, NotifierProvider> providers = new LinkedHashMap<>();
        for (NotifierProvider p : ServiceLoader.load(NotifierProvider.class)) {
            providers.putIfAbsent(p.name(), p);
        }
        List<Notifier> out = new ArrayList<>();
        for (String name : wanted) {
            NotifierProvider p = providers.get(name.trim());
            if (p == null) {
                throw new IllegalArgumentException("unknown notifier '" + name + "' (known: "
                        + String.join(", ", providers.keySet()) + ")");
            }
            out.add(p.create(new NotifierSettings(p.name(), sections.getOrDefault(p.name(), Map.of()), environment)));
        }
        return out;
    }
}
