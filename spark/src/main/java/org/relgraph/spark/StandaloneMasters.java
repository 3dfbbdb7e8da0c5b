package org.relgraph.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.relgraph.schema.SchemaException;

/**
 * Checks that a standalone master URL ({@code spark://host:port}, or {@code spark://h1:p1,h2:p2} for masters with
 * standby) can be reached before Spark is asked to register with it. Spark itself retries the registration three
 * times, 20 seconds each, and only then stops the context, after which the job fails with an unrelated message;
 * a refused or unroutable port is known in milliseconds. Other masters (local, yarn, k8s) are left to Spark.
 */
final class StandaloneMasters {
    private static final String SCHEME = "spark://";

    private StandaloneMasters() {
    }

    /** @throws SchemaException naming the URL and why no master in it answered, if none did */
    static void requireReachable(String master, int timeoutMillis) {
        if (master == null || !master.startsWith(SCHEME)) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : master.substring(SCHEME.length()).split(",")) {
            InetSocketAddress address = address(master, hostPort);
            try (Socket socket = new Socket()) {
                socket.connect(address, timeoutMillis);
                return; // one answering master is enough: Spark registers with the leader among them
            } catch (IOException e) {
                failures.add(hostPort + " (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()) + ")");
            }
        }
        throw new SchemaException("cannot reach the Spark master " + master + ": " + String.join(", ", failures),
                "start the master (sbin/start-master.sh) or correct --master: give the spark://HOST:PORT URL "
                        + "the master's log and web UI print (port 7077 by default)");
    }

    private static InetSocketAddress address(String master, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 1 || port > 65535) {
            throw new SchemaException("--master " + master + " is not a standalone master URL",
                    "write it as spark://HOST:PORT, e.g. spark://127.0.0.1:7077");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), port);
    }
}
