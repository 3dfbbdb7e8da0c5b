package org.relgraph.io;

/**
 * What a writer may do with something already at its destination. relgraph replaces only what it wrote itself
 * unless the user says otherwise ({@code --force}): a mistyped {@code --out} must never cost a user their files.
 */
public enum ReplacePolicy {
    /** Replace a destination only when it is empty or holds nothing but relgraph's own output. */
    OWN_OUTPUT_ONLY,
    /** Replace whatever is there ({@code --force}). */
    ANYTHING;

    /** {@link #ANYTHING} for {@code --force}, else {@link #OWN_OUTPUT_ONLY}. */
    public static ReplacePolicy force(boolean force) {
        return force ? ANYTHING : OWN_OUTPUT_ONLY;
    }
}
