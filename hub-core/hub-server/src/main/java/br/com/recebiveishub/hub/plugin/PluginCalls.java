package br.com.recebiveishub.hub.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs calls into plugins so that a plugin that throws, hangs or exhausts memory cannot take the
 * hub down: each call runs on a thread of the plugin's own pool, whose size is the plugin's
 * bulkhead (a call beyond it is refused at once, never queued), and the caller waits at most the
 * call's timeout. Anything the plugin throws, {@link Error}s included, ends that call only.
 *
 * <p>A call that timed out keeps its thread (and its bulkhead slot) until the plugin returns: the
 * JVM cannot stop a thread safely, and freeing the slot would let a hung plugin pile up threads
 * without bound. The thread is interrupted, so a plugin that honours interrupts frees it at once.
 */
@Component
public class PluginCalls implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginCalls.class);

    /** Why a call did not give the plugin's answer; the message names the plugin and never quotes its data. */
    public static final class PluginCallException extends IllegalStateException {
        /** TIMEOUT, BULKHEAD_FULL or CRASHED (the plugin threw an Error, or ended in a way no caller expects). */
        private final String kind;

        PluginCallException(String kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    /**
     * Thrown by the hub's own callback (a sink the plugin feeds) to end a call early on purpose,
     * e.g. a dry run that has read enough: it reaches the caller and counts as no failure.
     */
    public static class CallerStop extends RuntimeException {
        public CallerStop(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One plugin's call record, as health reports it.
     *
     * @param lastError the exception type, the operation and when; never its message (it may quote a payer)
     */
    public record Stats(String pluginId, boolean healthy, long calls, long failures, long timeouts, long bulkheadRejections,
                        int inFlight, int maxConcurrent, int abandoned, String lastError, Instant lastErrorAt) {

        /** Every slot of the bulkhead is taken: each new call is refused until one returns. */
        public boolean saturated() {
            return inFlight >= maxConcurrent;
        }
    }

    private final class Lane {
        final String pluginId;
        final int size;
        volatile ThreadPoolExecutor pool;
        /** Pools of earlier generations whose calls never returned: their threads are abandoned, not counted in the bulkhead. */
        final List<ThreadPoolExecutor> retired = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong rejections = new AtomicLong();
        final AtomicInteger threads = new AtomicInteger();
        volatile boolean healthy = true;
        volatile String lastError;
        volatile Instant lastErrorAt;

        Lane(String pluginId, int size) {
            this.pluginId = pluginId;
            this.size = size;
            this.pool = newPool();
        }

        ThreadPoolExecutor newPool() {
            return new ThreadPoolExecutor(0, size, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "plugin-" + pluginId + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        /** A fresh bulkhead for a new generation of the plugin; calls still stuck in the old one are abandoned. */
        synchronized void renew() {
            ThreadPoolExecutor old = pool;
            if (old.getActiveCount() == 0) {
                return;
            }
            pool = newPool();
            old.shutdownNow();
            retired.add(old);
            log.warn("plugin {}: started again with {} calls of its earlier generation still running; they are abandoned "
                    + "(interrupted, outside the new bulkhead)", pluginId, old.getActiveCount());
        }

        int abandoned() {
            retired.removeIf(ThreadPoolExecutor::isTerminated);
            return retired.stream().mapToInt(ThreadPoolExecutor::getActiveCount).sum();
        }

        void failed(String operation, Throwable t) {
            lastError = t.getClass().getName() + " in " + operation;
            lastErrorAt = Instant.now();
        }
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final int maxConcurrent;
    private final Duration defaultTimeout;
    private final int providerMaxConcurrent;
    private final Duration providerTimeout;

    /**
     * @param maxConcurrent         the bulkhead of an ERP API connector: calls one plugin may have running at once
     * @param defaultTimeout        how long a caller waits for a plugin's answer unless the call says otherwise
     * @param providerMaxConcurrent the bulkhead of a plugin serving the other extension points ({@link #guard}):
     *                              payment providers answer webhooks, janitors and the API at once for every tenant
     * @param providerTimeout       how long a caller waits for such a plugin; longer than their own documented
     *                              timeouts and retries, so it only ends a call that hangs
     */
    public PluginCalls(@Value("${hub.plugins.max-concurrent-calls:8}") int maxConcurrent,
                       @Value("${hub.plugins.call-timeout:30s}") Duration defaultTimeout,
                       @Value("${hub.plugins.provider-max-concurrent-calls:64}") int providerMaxConcurrent,
                       @Value("${hub.plugins.provider-call-timeout:2m}") Duration providerTimeout) {
        if (maxConcurrent < 1 || providerMaxConcurrent < 1) {
            throw new IllegalArgumentException("hub.plugins.max-concurrent-calls, provider-max-concurrent-calls: must be at least 1");
        }
        this.maxConcurrent = maxConcurrent;
        this.defaultTimeout = defaultTimeout;
        this.providerMaxConcurrent = providerMaxConcurrent;
        this.providerTimeout = providerTimeout;
    }

    /** A checked exception the plugin's method declares, carried through the call and thrown again by {@link #guard}'s proxy. */
    private static final class Declared extends RuntimeException {
        Declared(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Methods that only describe the extension or normalise one value: they run on the caller's thread. */
    private static final java.util.Set<String> UNGUARDED = java.util.Set.of("method", "supportedBanks", "gateway", "channel", "format",
            "canonicalNossoNumero", "configurationSchema");

    /**
     * {@code target} behind a proxy that makes every call (but {@link #UNGUARDED} ones) through this
     * plugin's lane, as ERP API connector calls are: the plugin's own threads, its bulkhead, a
     * timeout, an {@link Error} ending that call only. For the extension points whose contract has
     * an unknown outcome ({@code InstantPaymentProvider}, {@code CardPaymentProvider},
     * {@code MessageChannel}), a call the hub stopped waiting for, or refused because the bulkhead is
     * full, is an {@link UnknownOutcomeException}: it may have happened (a refused one did not, and
     * repeating it with the same key is safe either way). The interface's methods must take no hub
     * callback (they run on another thread).
     */
    @SuppressWarnings("unchecked")
    public <T> T guard(Class<T> type, String pluginId, T target) {
        boolean unknownOutcomes = type == br.com.recebiveishub.sdk.InstantPaymentProvider.class
                || type == br.com.recebiveishub.sdk.CardPaymentProvider.class || type == br.com.recebiveishub.sdk.MessageChannel.class;
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "guarded " + target;
                    default -> m.invoke(target, args);
                };
            }
            if (UNGUARDED.contains(m.getName())) {
                return invoke(m, target, args);
            }
            try {
                return call(pluginId, type.getSimpleName() + "." + m.getName(), providerTimeout, providerMaxConcurrent,
                        () -> invoke(m, target, args));
            } catch (Declared d) {
                throw d.getCause();
            } catch (PluginCallException e) {
                if (unknownOutcomes && !"CRASHED".equals(e.kind())) {
                    throw new UnknownOutcomeException(null, e.getMessage());
                }
                throw e;
            }
        });
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    /** Runs {@code call} with the default timeout; see {@link #call(String, String, Duration, Callable)}. */
    public <T> T call(String pluginId, String operation, Callable<T> call) {
        return call(pluginId, operation, defaultTimeout, call);
    }

    /**
     * Runs {@code call} (a call into the plugin) within the plugin's bulkhead and waits at most
     * {@code timeout}. A {@link RuntimeException} the plugin throws reaches the caller unchanged (the
     * extension point's documented exceptions are answers); anything else becomes a
     * {@link PluginCallException}.
     *
     * @param operation what is called, for health and messages (e.g. {@code ErpApiConnector.check})
     * @throws PluginCallException TIMEOUT, BULKHEAD_FULL, or CRASHED (an Error: the plugin is marked unhealthy)
     */
    public <T> T call(String pluginId, String operation, Duration timeout, Callable<T> call) {
        return call(pluginId, operation, timeout, maxConcurrent, call);
    }

    /** As above, in a lane of {@code laneSize} slots when this call is the plugin's first. */
    private <T> T call(String pluginId, String operation, Duration timeout, int laneSize, Callable<T> call) {
        Lane lane = lanes.computeIfAbsent(pluginId, id -> new Lane(id, laneSize));
        lane.calls.incrementAndGet();
        Future<T> future;
        try {
            future = lane.pool.submit(call);
        } catch (RejectedExecutionException e) {
            lane.rejections.incrementAndGet();
            throw new PluginCallException("BULKHEAD_FULL", "plugin " + pluginId + " already has " + lane.size
                    + " calls running (its bulkhead): " + operation + " refused, try again later", null);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            lane.timeouts.incrementAndGet();
            lane.failed(operation, e);
            log.warn("plugin {}: {} did not answer within {} ms; its thread is interrupted and keeps its bulkhead slot until it returns",
                    pluginId, operation, timeout.toMillis());
            throw new PluginCallException("TIMEOUT", "plugin " + pluginId + " did not answer " + operation + " within "
                    + timeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PluginCallException("TIMEOUT", "interrupted while waiting for plugin " + pluginId + " (" + operation + ")", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallerStop stop) {
                throw stop;
            }
            lane.failures.incrementAndGet();
            lane.failed(operation, cause);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Exception checked) {
                throw new Declared(checked); // declared by the extension point (SourceFileException): an answer
            }
            if (cause instanceof Error) {
                // OutOfMemoryError, StackOverflowError, LinkageError from the plugin's classes: the hub's own
                // threads are untouched, but the plugin's state is suspect until it is re-enabled or upgraded.
                lane.healthy = false;
                log.error("plugin {}: {} ended with {}; the plugin is marked unhealthy", pluginId, operation, cause.getClass().getName());
            }
            throw new PluginCallException("CRASHED", "plugin " + pluginId + " failed in " + operation + " ("
                    + cause.getClass().getSimpleName() + ")", cause instanceof Error ? null : cause);
        }
    }

    /**
     * A plugin was started again (re-enabled, upgraded or reinstalled): its unhealthy mark is
     * forgotten and it gets a fresh bulkhead, so calls that hung in its earlier generation (threads
     * the JVM cannot stop) no longer refuse every call to the new one. Those threads are interrupted
     * and reported as abandoned until they end; the counters stay.
     */
    public void reset(String pluginId) {
        Lane lane = lanes.get(pluginId);
        if (lane != null) {
            lane.healthy = true;
            lane.renew();
        }
    }

    /** @return the call record of every plugin called since start */
    public List<Stats> stats() {
        return lanes.values().stream().sorted(java.util.Comparator.comparing(l -> l.pluginId))
                .map(l -> new Stats(l.pluginId, l.healthy, l.calls.get(), l.failures.get(), l.timeouts.get(), l.rejections.get(),
                        l.pool.getActiveCount(), l.size, l.abandoned(), l.lastError, l.lastErrorAt))
                .toList();
    }

    @Override
    public void destroy() {
        lanes.values().forEach(l -> {
            l.pool.shutdownNow();
            l.retired.forEach(ThreadPoolExecutor::shutdownNow);
        });
    }
}
