package org.relgraph.gnn.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * A copy of a config record with one component replaced, by the component's name. The config parts' {@code withX}
 * methods use it so that adding a component to a part does not mean editing every hand-written copy of its
 * constructor call; the part's constructor still validates the copy.
 */
final class RecordCopy {
    private RecordCopy() {
    }

    @SuppressWarnings("unchecked")
    static <R extends Record> R with(R record, String component, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                boolean replaced = components[i].getName().equals(component);
                found |= replaced;
                args[i] = replaced ? value : components[i].getAccessor().invoke(record);
            }
            if (!found) {
                throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component "
                        + component);
            }
            return (R) record.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            // The constructor refused the value: its own exception, not the reflection wrapper.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }
}
