package org.relgraph.source;

import java.util.Objects;
import org.relgraph.schema.Schema;
import org.relgraph.validate.DanglingPolicy;

/**
 * How to load: what to do with child rows whose foreign key matches no parent, who hears the progress, and which
 * tables to leave out.
 */
public record LoadOptions(DanglingPolicy danglingPolicy, LoadListener listener, ExcludedTables excludedTables) {
    public LoadOptions {
        Objects.requireNonNull(danglingPolicy, "danglingPolicy");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(excludedTables, "excludedTables");
    }

    public LoadOptions(DanglingPolicy danglingPolicy, LoadListener listener) {
        this(danglingPolicy, listener, ExcludedTables.NONE);
    }

    public LoadOptions(DanglingPolicy danglingPolicy) {
        this(danglingPolicy, LoadListener.NONE);
    }

    public LoadOptions withListener(LoadListener l) {
        return new LoadOptions(danglingPolicy, l, excludedTables);
    }

    public LoadOptions withExcludedTables(ExcludedTables excluded) {
        return new LoadOptions(danglingPolicy, listener, excluded);
    }

    /** The part of the source's schema to read: all of it but the excluded tables. */
    public Schema tablesToLoad(Schema schema) {
        return excludedTables.applyTo(schema);
    }

    /** Fails on dangling references: silently losing rows is the worse surprise. */
    public static LoadOptions defaults() {
        return new LoadOptions(DanglingPolicy.FAIL);
    }
}
