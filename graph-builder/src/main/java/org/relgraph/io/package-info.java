/**
 * Writing outputs safely: {@link org.relgraph.io.OutputFolder} publishes a folder all at once and replaces an
 * existing one only if relgraph wrote it ({@link org.relgraph.io.RelgraphOutputs} tells), and
 * {@link org.relgraph.io.OutputFile} checks a single file's destination before any work is done.
 */
package org.relgraph.io;
