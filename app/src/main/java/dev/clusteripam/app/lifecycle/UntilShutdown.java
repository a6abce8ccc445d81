package dev.clusteripam.app.lifecycle;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes something when the JVM is asked to stop (SIGTERM from the kubelet, Ctrl-C, {@code
 * System.exit}). Close methods here are idempotent, so a command that also closes on its normal
 * path may register first and close later.
 */
public final class UntilShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(UntilShutdown.class);

    private final CountDownLatch closed = new CountDownLatch(1);

    private UntilShutdown(AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping failed: error=\"{}\"", e.toString(), e);
            } finally {
                closed.countDown();
            }
        }, "cluster-ipam-shutdown"));
    }

    /** Registers the shutdown hook that closes {@code resource}. */
    public static UntilShutdown closing(AutoCloseable resource) {
        return new UntilShutdown(resource);
    }

    /** Blocks until the hook has closed the resource; the JVM exits right after. */
    public void await() throws InterruptedException {
        closed.await();
    }
}
