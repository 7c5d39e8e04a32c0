package io.countersign.store.dynamodb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A {@link DynamoDbClient} that counts the calls made through it, by operation: how the tests and the
 * benchmark show what an operation costs in round trips (an access check is one query).
 */
public final class CountingClient {

    private final DynamoDbClient client;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    public CountingClient(DynamoDbClient target) {
        InvocationHandler counting = (proxy, method, args) -> invoke(target, method, args);
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, counting);
    }

    private Object invoke(DynamoDbClient target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() != Object.class && !method.getName().equals("close")
                && !method.getName().equals("serviceName") && !method.getName().equals("serviceClientConfiguration")) {
            calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    /** Calls so far, by operation name ({@code query}, {@code transactWriteItems}, ...). */
    public Map<String, Long> calls() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        calls.clear();
    }
}
