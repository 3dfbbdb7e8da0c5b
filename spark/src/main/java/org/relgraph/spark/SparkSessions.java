package org.relgraph.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The session a job runs in. Under spark-submit the master and settings are the user's; otherwise (a plain
 * {@code java} launch, tests) it is a local session on this machine's cores. Timestamps are read and printed in
 * UTC whatever the machine's zone, as the single-machine loader does.
 */
final class SparkSessions {
    /** Set on sessions this class started in local mode, so the job stops only what it started. */
    private static final String OWNED = "spark.relgraph.ownedSession";
    /** How long a standalone master's port may take to accept a connection (a dropped SYN waits this long). */
    private static final int MASTER_CONNECT_TIMEOUT_MILLIS = 10_000;

    private SparkSessions() {
    }

    static SparkSession getOrCreate(String master, String appName) {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined() && master == null) {
            return running.get(); // the caller's session (a test, a notebook): its settings stand, it stops it
        }
        SparkConf conf = new SparkConf();
        // before Spark's own registration, which retries for a minute before it gives up on an absent master
        StandaloneMasters.requireReachable(master != null ? master : conf.get("spark.master", null),
                MASTER_CONNECT_TIMEOUT_MILLIS);
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.sql.session.timeZone", "UTC");
        if (master != null) {
            builder.master(master);
        } else if (!conf.contains("spark.master")) {
            // this machine only: no web UI, and the driver on loopback rather than the first external address
            builder.master("local[*]").config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").config(OWNED, "true");
        }
        SparkSession spark = builder.getOrCreate();
        if (spark.conf().getOption(OWNED).isDefined()) {
            spark.sparkContext().setLogLevel("WARN"); // a cluster's logging is its owner's to configure
        }
        return spark;
    }

    /** Stops a local session this class started; a spark-submit session is stopped by spark-submit. */
    static void stopIfOwned(SparkSession spark) {
        if (spark.conf().getOption(OWNED).isDefined()) {
            spark.stop();
        }
    }
}
