package org.relgraph.models;

import org.relgraph.schema.SchemaException;

/**
 * Why a model kind cannot be trained for a query.
 *
 * @param reason  short, for a report's cell, e.g. "cf ranks items; this task predicts one number"
 * @param message the user error's message, e.g. "cf ranks items; this is a binary query"
 * @param hint    the user error's hint: which kinds fit instead
 */
public record TaskMisfit(String reason, String message, String hint) {
    public SchemaException error() {
        return new SchemaException(message, hint);
    }
}
