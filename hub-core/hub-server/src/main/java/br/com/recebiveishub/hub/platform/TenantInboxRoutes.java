package br.com.recebiveishub.hub.platform;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Camel file route of one tenant inbox. The hub owns the routes (plugins only supply
 * the logic), so every inbox behaves the same: files are read once they stop changing, a file
 * whose import was applied (or was a duplicate) moves to {@code done/}, a file that was not
 * applied moves to {@code error/} with a {@code .report.txt} beside it saying why.
 * Files whose names start with '.' are ignored: write {@code .name} and rename for an atomic drop.
 */
public final class TenantInboxRoutes {

    private static final Logger log = LoggerFactory.getLogger(TenantInboxRoutes.class);

    /** The outcome of handling one file. */
    public record Outcome(boolean applied, String report) {
    }

    private TenantInboxRoutes() {
    }

    /**
     * Adds (once) the route {@code routeId} consuming {@code inbox} for {@code tenantId}.
     *
     * @param handler imports the file; returns whether it was applied and a report text
     */
    public static void add(CamelContext camel, String routeId, String tenantId, Path inbox, long pollMillis,
                           BiFunction<String, SourceFile, Outcome> handler) {
        if (camel.getRoute(routeId) != null) {
            return;
        }
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    String stamp = "${date:now:yyyyMMdd-HHmmssSSS}-${file:name}";
                    fromF("file:%s?readLock=changed&readLockMinAge=300&readLockCheckInterval=200&delay=%d&move=done/%s&moveFailed=error/%s"
                                    + "&exclude=.*\\.report\\.txt", inbox.toString(), pollMillis, stamp, stamp)
                            .routeId(routeId)
                            .errorHandler(noErrorHandler())
                            .process(exchange -> handle(exchange, routeId, tenantId, handler));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start route " + routeId, e);
        }
    }

    private static void handle(Exchange exchange, String routeId, String tenantId, BiFunction<String, SourceFile, Outcome> handler)
            throws Exception {
        File f = exchange.getIn().getBody(File.class);
        SourceFile file = new SourceFile(f.getName(), f.toPath());
        Outcome outcome;
        try (AuditContext.Scope s = AuditContext.open("system:" + routeId, tenantId, "file dropped in inbox", "route:" + routeId)) {
            outcome = handler.apply(tenantId, file);
        }
        if (!outcome.applied()) {
            Path errorDir = f.toPath().getParent().resolve("error");
            Files.createDirectories(errorDir);
            Files.writeString(errorDir.resolve(f.getName() + ".report.txt"), outcome.report(), StandardCharsets.UTF_8);
            log.warn("{}: {} not applied, moved to error/", routeId, f.getName());
            // Marks the exchange failed so Camel moves the file to error/ (moveFailed), without a retry.
            exchange.setRouteStop(true);
            exchange.setException(new FileNotAppliedException(f.getName()));
        }
    }

    /** A file that was read but not applied; its report is in error/. */
    public static final class FileNotAppliedException extends Exception {
        FileNotAppliedException(String file) {
            super(file + " was not applied; see error/" + file + ".report.txt");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
