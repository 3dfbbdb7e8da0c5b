package org.relgraph.gnn.encode;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.relgraph.schema.SemanticType;

/**
 * The fitted statistics for one column and how they turn its values into model inputs. Implementations are
 * immutable records so they serialise to the model bundle as they are; the "kind" property names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NumericalEncoding.class, name = "numerical"),
        @JsonSubTypes.Type(value = BooleanEncoding.class, name = "boolean"),
        @JsonSubTypes.Type(value = TimestampEncoding.class, name = "timestamp"),
        @JsonSubTypes.Type(value = TextHashEncoding.class, name = "text_hash"),
        @JsonSubTypes.Type(value = CategoricalEncoding.class, name = "categorical")})
public sealed interface ColumnEncoding permits NumericColumnEncoding, CategoricalEncoding {
    String column();

    /** The semantic type the column had when fitted; a table whose column now has another type is rejected. */
    SemanticType type();
}
