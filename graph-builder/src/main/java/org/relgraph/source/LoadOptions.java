package org.relgraph.source;

import java.util.Objects;
import org.relgraph.validate.DanglingPolicy;

/** How to load: what to do with child rows whose foreign key matches no parent. */
public record LoadOptions(DanglingPolicy danglingPolicy) {
    public LoadOptions {
        Objects.requireNonNull(danglingPolicy, "danglingPolicy");
    }

    /** Fails on dangling references: silently losing rows is the worse surprise. */
    public static LoadOptions defaults() {
        return new LoadOptions(DanglingPolicy.FAIL);
    }
}
