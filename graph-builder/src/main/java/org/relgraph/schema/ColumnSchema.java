package org.relgraph.schema;

import java.util.Objects;

/** A column's name and semantic type. */
public record ColumnSchema(String name, SemanticType type) {
    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
