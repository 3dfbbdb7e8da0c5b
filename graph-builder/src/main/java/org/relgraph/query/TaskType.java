package org.relgraph.query;

/** The kind of model a query trains, inferred from its target. */
public enum TaskType {
    /** A 0/1 label: BOOL, or an aggregation compared with a value. */
    BINARY,
    /** A numeric label: COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, or FIRST/LAST of a number. */
    REGRESSION,
    /** One class out of many: FIRST/LAST of a categorical, text or id column. */
    MULTICLASS,
    /** An ordered list: LIST_DISTINCT (link prediction) and ARGMAX (next best action). */
    RANKING
}
