package org.relgraph.source;

import java.util.Objects;
import org.relgraph.validate.DanglingPolicy;

/** How to load: what to do with child rows whose foreign key matches no parent, and who hears the progress. */
public record LoadOptions(DanglingPolicy danglingPolicy, LoadListener listener) {
    public LoadOptions {
        Objects.requireNonNull(danglingPolicy, "danglingPolicy");
        Objects.requireNonNull(listener, "listener");
    }

    public LoadOptions(DanglingPolicy danglingPolicy) {
        this(danglingPolicy, LoadListener.NONE);
    }

    public LoadOptions withListener(LoadListener l) {
        return new LoadOptions(danglingPolicy, l);
    }

    /** Fails on dangling references: silently losing rows is the worse surprise. */
    public static LoadOptions defaults() {
        return new LoadOptions(DanglingPolicy.FAIL);
    }
}
