package io.countersign.lang;

import io.countersign.lang.ast.Loc;
import io.countersign.lang.ast.Policy;
import io.countersign.lang.ast.PolicyFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds an AST with every {@link Loc} replaced by {@link Loc#NONE}, a file's path blanked and
 * its comments dropped, so that trees read from different text compare with {@code equals}.
 * Works on any record tree by reflection, so a node kind added later is covered without change.
 */
final class Positions {

    private Positions() {
    }

    static PolicyFile strip(PolicyFile file) {
        return (PolicyFile) strip((Object) file);
    }

    static Object strip(Object node) {
        if (node instanceof Loc) {
            return Loc.NONE;
        } else if (node instanceof PolicyFile f) {
            return new PolicyFile("", f.policies().stream().map(p -> (Policy) strip(p))
                    .toList(), List.of());
        } else if (node instanceof List<?> list) {
            return list.stream().map(Positions::strip).toList();
        } else if (node instanceof Optional<?> optional) {
            return optional.map(Positions::strip);
        } else if (node instanceof Record record) {
            return rebuild(record);
        }
        return node; // strings, numbers, enums, java.time values: no positions inside
    }

    private static Object rebuild(Record record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = strip(components[i].getAccessor().invoke(record));
            }
            return record.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException
                | NoSuchMethodException e) {
            throw new IllegalStateException("cannot rebuild " + record.getClass().getName(), e);
        }
    }
}
