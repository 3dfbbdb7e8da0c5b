package org.relgraph.validate;

/** ERROR stops a load; WARNING is reported and the load goes on. */
public enum Severity { ERROR, WARNING }
