package io.countersign.engine.notify;

/**
 * Makes a {@link Notifier} from its settings; registered in
 * {@code META-INF/services/io.countersign.engine.notify.NotifierProvider} so that a jar on the class
 * path adds a notifier without touching the engine.
 */
public interface NotifierProvider {

    /** The name that selects it: {@code --notify webhook,sns} or a key of {@code notify.yaml}. */
    String name();

    /**
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    Notifier create(NotifierSettings settings);
}
