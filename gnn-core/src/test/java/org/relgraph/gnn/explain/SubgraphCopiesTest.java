package org.relgraph.gnn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.NodeInputs;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;

class SubgraphCopiesTest {
    private static final EdgeKey TX_TO_CUSTOMER = new EdgeKey("tx", "customer_id", "customer");
    private static final EdgeKey CUSTOMER_TO_TX = new EdgeKey("customer", "rev_customer_id", "tx");

    /** One seed customer (local 0), the same customer again at hop 2 (local 1), and three transactions. */
    private static GraphBatch seedSubgraph() {
        Map<String, NodeInputs> nodes = new LinkedHashMap<>();
        nodes.put("customer", new NodeInputs(Nd4j.zeros(2, 1), new int[0][]));
        nodes.put("tx", new NodeInputs(Nd4j.zeros(3, 1), new int[0][]));
        Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();
        edges.put(TX_TO_CUSTOMER, new EdgeIndex(new int[] {0, 1, 2}, new int[] {0, 0, 0}));
        edges.put(CUSTOMER_TO_TX, new EdgeIndex(new int[] {1, 1}, new int[] {0, 2}));
        return new GraphBatch("customer", 1, nodes, edges);
    }

    @Test
    void everyCopysSeedComesFirstAndEdgesStayInsideTheirCopy() {
        SubgraphCopies copies = new SubgraphCopies(seedSubgraph(), 3);
        assertEquals(6, copies.rows("customer"));
        assertEquals(9, copies.rows("tx"));
        assertEquals(0, copies.row("customer", 0, 0));
        assertEquals(2, copies.row("customer", 2, 0));
        assertEquals(3, copies.row("customer", 0, 1));
        assertEquals(5, copies.row("customer", 2, 1));
        assertEquals(7, copies.row("tx", 2, 1));
        EdgeIndex txToCustomer = copies.edges().get(TX_TO_CUSTOMER);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, txToCustomer.src());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, txToCustomer.dst());
        EdgeIndex customerToTx = copies.edges().get(CUSTOMER_TO_TX);
        assertArrayEquals(new int[] {3, 3, 4, 4, 5, 5}, customerToTx.src());
        assertArrayEquals(new int[] {0, 2, 3, 5, 6, 8}, customerToTx.dst());
    }
}
