package org.relgraph.validate;

import org.relgraph.table.Database;

/** A database that passed validation, and the warnings (and dropped rows) that validation reported. */
public record ValidatedDatabase(Database database, ValidationReport report) {
}
