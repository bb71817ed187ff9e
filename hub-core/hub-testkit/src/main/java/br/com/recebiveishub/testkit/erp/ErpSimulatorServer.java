package br.com.recebiveishub.testkit.erp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both ERP simulators share: a plain JDK HTTP server on 127.0.0.1, a request log the tests
 * count from, and the outage switches (answer 5xx without processing, process and answer late,
 * a full outage until switched off). The ERP-specific protocol lives in the subclasses.
 */
public abstract class ErpSimulatorServer implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger failCount = new AtomicInteger();
    private final AtomicInteger delayCount = new AtomicInteger();
    private volatile int failStatus = 503;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean outage;
    private volatile String delayMethod;
    private volatile java.util.regex.Pattern delayPath;

    protected ErpSimulatorServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Many threads: a request that "hangs" must not stop the others being answered.
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the server root, e.g. {@code http://127.0.0.1:43121} */
    public URI rootUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code count} API requests answer {@code status} without being processed. */
    public void failNext(int count, int status) {
        failStatus = status;
        failCount.set(count);
    }

    /** The next {@code count} API requests are processed, then answered after {@code delay} (the client may time out). */
    public void delayNext(int count, Duration delay) {
        delayNext(count, delay, null, null);
    }

    /**
     * The next {@code count} requests with this method and a path matching {@code pathRegex} are
     * processed, then answered after {@code delay}: a write the ERP made while the client timed out.
     */
    public void delayNext(int count, Duration delay, String method, String pathRegex) {
        this.delay = delay;
        this.delayMethod = method;
        this.delayPath = pathRegex == null ? null : java.util.regex.Pattern.compile(pathRegex);
        delayCount.set(count);
    }

    private boolean delayApplies(String method, String path) {
        return isApi(path) && (delayMethod == null || delayMethod.equals(method))
                && (delayPath == null || delayPath.matcher(path).matches());
    }

    /** While on, every API request answers 503 unprocessed (the ERP is down). */
    public void outage(boolean on) {
        outage = on;
    }

    /** @return every request received, as {@code METHOD path} (query and body excluded) */
    public List<String> requests() {
        return List.copyOf(requestLog);
    }

    /** @return how many requests had a path starting with {@code prefix} (any method) */
    public long requestCount(String prefix) {
        return requestLog.stream().filter(r -> r.substring(r.indexOf(' ') + 1).startsWith(prefix)).count();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requestLog.add(ex.getRequestMethod() + " " + path);
            byte[] body = ex.getRequestBody().readAllBytes();
            if (isApi(path)) {
                if (outage || failCount.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                    respond(ex, outage ? 503 : failStatus, outageBody());
                    return;
                }
            }
            boolean late = delayApplies(ex.getRequestMethod(), path) && delayCount.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
            Reply reply = handle(ex.getRequestMethod(), ex.getRequestURI(), ex, new String(body, StandardCharsets.UTF_8));
            if (late) {
                sleep(delay);
            }
            respond(ex, reply.status(), reply.body());
        } catch (RuntimeException e) {
            respond(ex, 500, "{\"simulator\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        try {
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The client gave up (timed out) while the simulator was "hanging": nothing to tell it.
        }
    }

    protected static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the outage switches apply to this path (the token endpoint is spared unless the ERP says otherwise) */
    protected abstract boolean isApi(String path);

    /** @return the body an unprocessed 5xx carries (a gateway page, as an outage looks in front of a real API) */
    protected String outageBody() {
        return "";
    }

    protected abstract Reply handle(String method, URI uri, HttpExchange ex, String body) throws IOException;

    /** A status and a JSON body. */
    protected record Reply(int status, String body) {
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
