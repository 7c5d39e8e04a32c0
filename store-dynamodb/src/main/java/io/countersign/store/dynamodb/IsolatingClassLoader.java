package io.countersign.store.dynamodb;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads DynamoDB Local from its own jars first, so its AWS SDK v1, Jetty, log4j, Guava and ANTLR 4.10
 * never meet ours. Only the AWS SDK v2 is shared (parent first): the {@code DynamoDbClient} it hands
 * back must be the interface our store calls.
 */
final class IsolatingClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String[] SHARED = {"java.", "javax.", "jdk.", "sun.", "software.amazon.awssdk.",
        "org.reactivestreams.", "org.slf4j."};

    IsolatingClassLoader(URL[] jars, ClassLoader parent) {
        super("dynamodb-local", jars, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = shared(name) ? parentThenOwn(name) : ownThenParent(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> parentThenOwn(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException notShared) {
            return findClass(name);
        }
    }

    private Class<?> ownThenParent(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notOwn) {
            return getParent().loadClass(name);
        }
    }

    private static boolean shared(String name) {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
