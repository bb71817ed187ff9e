package br.com.recebiveishub.hub.sync;

import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.ErpApiConnector;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding a client's ERP API: test the connection, schedule and run syncs, see their status, replay dead letters. */
@RestController
@Tag(name = "syncs")
class SyncController {

    /** @param intervalMinutes minutes between syncs, 1 to 10080; @param enabled whether the schedule runs */
    record Schedule(Integer intervalMinutes, Boolean enabled) {
    }

    /** A replay's outcome: what was done now, or (replayed before) what the first replay did. */
    record Replay(long deadLetterId, boolean replayedNow, String outcome, DeadLetters.Letter letter) {
    }

    private final SyncService syncs;
    private final DeadLetters deadLetters;
    private final WriteBacks writeBacks;
    private final TenantService tenants;

    SyncController(SyncService syncs, DeadLetters deadLetters, WriteBacks writeBacks, TenantService tenants) {
        this.syncs = syncs;
        this.deadLetters = deadLetters;
        this.writeBacks = writeBacks;
        this.tenants = tenants;
    }

    @PostMapping("/api/tenants/{tenantId}/plugins/{pluginId}/check")
    @Operation(summary = "Tests the tenant's saved settings of an ERP API connector against the ERP: ok, reason, message (audited)")
    ErpApiConnector.ConnectionCheck check(@PathVariable String tenantId, @PathVariable String pluginId) {
        return syncs.check(tenantId, pluginId);
    }

    @PutMapping("/api/tenants/{tenantId}/syncs/{pluginId}")
    @Operation(summary = "Schedules the tenant's sync with an ERP API connector ({\"intervalMinutes\": 60, \"enabled\": true}); audited")
    SyncService.Status schedule(@PathVariable String tenantId, @PathVariable String pluginId, @RequestBody Schedule body) {
        if (body == null) {
            throw new IllegalArgumentException("body: {\"intervalMinutes\": .., \"enabled\": ..} required");
        }
        return syncs.schedule(tenantId, pluginId, body.intervalMinutes(), body.enabled());
    }

    @PostMapping("/api/tenants/{tenantId}/syncs/{pluginId}/run")
    @Operation(summary = "Syncs now from the saved cursor; answers when the read ends (409 when a sync of the plugin is running)")
    SyncService.RunResult run(@PathVariable String tenantId, @PathVariable String pluginId) {
        return syncs.run(tenantId, pluginId);
    }

    @PostMapping("/api/tenants/{tenantId}/syncs/{pluginId}/dry-run")
    @Operation(summary = "Reads from the saved cursor (the start before the first sync) at most maxPages pages and shows what a sync "
            + "would do, with every row's rejection; writes nothing, moves no cursor")
    SyncService.DryRun dryRun(@PathVariable String tenantId, @PathVariable String pluginId,
                              @RequestParam(defaultValue = "5") int maxPages) {
        return syncs.dryRun(tenantId, pluginId, maxPages);
    }

    @GetMapping("/api/tenants/{tenantId}/syncs")
    @Operation(summary = "The tenant's syncs: schedule, last run (start, end, outcome, records read/applied/rejected), cursor age, next run")
    List<SyncService.Status> list(@PathVariable String tenantId) {
        return syncs.list(tenantId);
    }

    @GetMapping("/api/tenants/{tenantId}/syncs/{pluginId}")
    @Operation(summary = "One sync's status")
    SyncService.Status get(@PathVariable String tenantId, @PathVariable String pluginId) {
        tenants.require(tenantId);
        return syncs.status(tenantId, pluginId)
                .orElseThrow(() -> new NoSuchElementException("tenant " + tenantId + " has no sync with plugin " + pluginId));
    }

    @GetMapping("/api/tenants/{tenantId}/dead-letters")
    @Operation(summary = "What a sync or a write-back could not apply or deliver, with the reason (status OPEN or REPLAYED)")
    List<DeadLetters.Letter> deadLetters(@PathVariable String tenantId, @RequestParam(required = false) String status) {
        tenants.require(tenantId);
        if (status != null && !List.of("OPEN", "REPLAYED").contains(status)) {
            throw new IllegalArgumentException("status: OPEN or REPLAYED");
        }
        return deadLetters.list(tenantId, status, 1000);
    }

    @PostMapping("/api/tenants/{tenantId}/dead-letters/{id}/replay")
    @Operation(summary = "Replays a dead letter once: a failed sync syncs again from its cursor, a rejected record is read again, "
            + "a write-back is sent again with its idempotency key; a second replay answers what the first did")
    Replay replay(@PathVariable String tenantId, @PathVariable long id) {
        tenants.require(tenantId);
        DeadLetters.Letter letter = deadLetters.get(tenantId, id)
                .orElseThrow(() -> new NoSuchElementException("dead letter " + id + " not found"));
        if (!deadLetters.claim(tenantId, id)) {
            DeadLetters.Letter now = deadLetters.get(tenantId, id).orElseThrow();
            return new Replay(id, false, now.replayOutcome(), now);
        }
        String outcome;
        try {
            outcome = switch (DeadLetters.Kind.valueOf(letter.kind())) {
                case SYNC_FAILED -> describe(syncs.run(tenantId, letter.pluginId()));
                case SYNC_REJECTED_RECORD -> describe(syncs.run(tenantId, letter.pluginId(), true, deadLetters.cursor(tenantId, id)));
                case WRITE_BACK_REFUSED, WRITE_BACK_UNKNOWN -> {
                    WriteBacks.Attempt a = writeBacks.replay(tenantId, letter.writeBackId());
                    yield a.outcome() + (a.detail() == null ? "" : ": " + a.detail());
                }
            };
        } catch (RuntimeException e) {
            // it could not start (plugin disabled, a sync running): the letter stays open for a later replay
            deadLetters.reopen(tenantId, id, "replay could not start: " + e.getMessage());
            throw e;
        }
        deadLetters.outcome(tenantId, id, outcome);
        return new Replay(id, true, outcome, deadLetters.get(tenantId, id).orElseThrow());
    }

    @GetMapping("/api/tenants/{tenantId}/write-backs")
    @Operation(summary = "Payment write-backs to the ERP: idempotency key, status (PENDING, SENT, REFUSED, DEAD), attempts, last error")
    List<Map<String, Object>> writeBacks(@PathVariable String tenantId) {
        tenants.require(tenantId);
        return writeBacks.list(tenantId);
    }

    private static String describe(SyncService.RunResult r) {
        return r.outcome() + ": " + r.pages() + " pages, " + r.read() + " read, " + r.applied() + " applied, " + r.unchanged()
                + " unchanged, " + r.rejected() + " rejected" + (r.error() == null ? "" : "; " + r.error());
    }
}
