package br.com.recebiveishub.hub.platform;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts one Camel file route per tenant and {@link TenantInbox}: for every existing tenant when
 * Camel starts, and for a new tenant when it is created ({@link #startFor(String)}). The hub owns
 * the routes (plugins only supply the logic), so every inbox behaves the same: files are read once
 * they stop changing, a file that was applied (or recognised as applied before) moves to
 * {@code done/}, a file that was not applied moves to {@code error/} with a {@code .report.txt}
 * beside it saying why. Names starting with '.' are ignored: write {@code .name} and rename for an
 * atomic drop.
 */
@Component
public class TenantInboxRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenantInboxRoutes.class);

    /** Lists the tenants whose routes start with Camel; the tenant capability provides it. */
    public interface TenantIds {
        List<String> all();
    }

    private final CamelContext camel;
    private final List<TenantInbox> inboxes;
    private final TenantIds tenants;
    private final long pollMillis;
    private final long minAgeMillis;

    /**
     * @param pollMillis   how often an inbox is polled
     * @param minAgeMillis how long a file must stay unchanged before it is read: a writer that pauses
     *                     longer than this must drop atomically (write {@code .name}, then rename)
     */
    public TenantInboxRoutes(CamelContext camel, List<TenantInbox> inboxes, TenantIds tenants,
                             @Value("${hub.inbox.poll-millis:1000}") long pollMillis,
                             @Value("${hub.inbox.unchanged-millis:2000}") long minAgeMillis) {
        this.camel = camel;
        this.inboxes = inboxes;
        this.tenants = tenants;
        this.pollMillis = pollMillis;
        this.minAgeMillis = minAgeMillis;
    }

    /** Header holding where the file goes after processing: a timestamp and its name, cut to fit any file system. */
    static final String TARGET = "hubInboxTarget";
    private static final int MAX_NAME = 150;

    @Override
    public void beforeApplicationStart(CamelContext context) {
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        tenants.all().forEach(this::startFor);
    }

    /** Starts the tenant's inbox routes (once). */
    public void startFor(String tenantId) {
        for (TenantInbox inbox : inboxes) {
            add(inbox, tenantId);
        }
    }

    private void add(TenantInbox inbox, String tenantId) {
        String routeId = inbox.name() + "-" + tenantId;
        if (camel.getRoute(routeId) != null) {
            return;
        }
        Path folder = inbox.folder(tenantId);
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    String target = "${header." + TARGET + "}";
                    fromF("file:%s?readLock=changed&readLockMinAge=%d&readLockCheckInterval=%d&delay=%d"
                                    + "&move=done/%s&moveFailed=error/%s&exclude=.*\\.report\\.txt",
                            folder.toString(), minAgeMillis, Math.max(100, Math.min(1000, minAgeMillis / 2)), pollMillis, target, target)
                            .routeId(routeId)
                            .errorHandler(noErrorHandler())
                            .process(exchange -> handle(exchange, routeId, tenantId, inbox));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start route " + routeId, e);
        }
    }

    private static void handle(Exchange exchange, String routeId, String tenantId, TenantInbox inbox) throws Exception {
        File f = exchange.getIn().getBody(File.class);
        String name = f.getName();
        String target = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS")) + "-"
                + (name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
        exchange.getIn().setHeader(TARGET, target);
        SourceFile file = new SourceFile(name, f.toPath());
        TenantInbox.Outcome outcome;
        try (AuditContext.Scope s = AuditContext.open("system:" + routeId, tenantId, "file dropped in inbox", "route:" + routeId)) {
            outcome = inbox.handle(tenantId, file);
        }
        if (!outcome.applied()) {
            Path errorDir = f.toPath().getParent().resolve("error");
            Files.createDirectories(errorDir);
            Files.writeString(errorDir.resolve(target + ".report.txt"), outcome.report(), StandardCharsets.UTF_8);
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
