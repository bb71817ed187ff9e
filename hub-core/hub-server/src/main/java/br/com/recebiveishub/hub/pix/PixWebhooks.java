package br.com.recebiveishub.hub.pix;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ReceivedPayment;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The PSP's webhook: registration (a random per-tenant path token, only its SHA-256 kept) and
 * receipt. A notification body is never trusted: it only says which Pix to look at; each one is
 * read back from the PSP (the cob it paid) and only what the PSP answers is settled, through the
 * same idempotent path as the janitor.
 */
@Service
public class PixWebhooks {

    private static final Logger log = LoggerFactory.getLogger(PixWebhooks.class);
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a registration did; the URL is shown with its token masked. */
    public record Registration(String tenantId, String webhookUrl, Instant registeredAt) {
    }

    /**
     * What a notification did: {@code accepted} Pix kept to be confirmed, {@code duplicates} already
     * kept (a repeat delivery), {@code ignored} not the hub's.
     */
    public record Receipt(int notified, int accepted, int duplicates, int ignored) {
    }

    /** The path token did not match: answered 401, nothing read. */
    public static class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("webhook token does not match");
        }
    }

    private final PixAccounts accounts;
    private static final java.time.Duration TOKEN_CACHE = java.time.Duration.ofSeconds(30);

    private final java.util.Map<String, CachedHash> tokenHashes = new java.util.concurrent.ConcurrentHashMap<>();
    private final PixWebhookInbox inbox;
    private final TenantService tenants;
    private final JdbcTemplate jdbc;
    private final String publicUrl;

    public PixWebhooks(PixAccounts accounts, PixWebhookInbox inbox, TenantService tenants,
                       JdbcTemplate jdbc, @Value("${hub.public-url:}") String publicUrl) {
        this.accounts = accounts;
        this.inbox = inbox;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.publicUrl = publicUrl;
    }

    /** Registers the webhook at the tenant's PSP under {@code hub.public-url}. */
    public Registration register(String tenantId) {
        if (publicUrl == null || publicUrl.isBlank()) {
            throw new IllegalStateException("hub.public-url is not set: the PSP needs the hub's public https address");
        }
        return register(tenantId, URI.create(publicUrl));
    }

    /**
     * Generates a new path token, registers {@code {base}/webhooks/pix/{tenant}/{token}} at the PSP
     * (which POSTs to that URL + {@code /pix}) and keeps the token's hash; the previous token stops working.
     */
    public Registration register(String tenantId, URI base) {
        tenants.require(tenantId);
        try (AuditContext.Scope s = AuditContext.narrow(tenantId, "pix webhook registration", "plugin:" + PixAccounts.PLUGIN_ID)) {
            PspAccount account = accounts.account(tenantId);
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            String b = base.toString().replaceAll("/+$", "");
            String path = "/webhooks/pix/" + tenantId + "/";
            try {
                accounts.provider().registerWebhook(account, URI.create(b + path + token));
            } catch (RefusedException e) {
                throw new IllegalStateException(e.status() == 0
                        ? "the webhook was not sent to the PSP (" + e.reason() + "): " + e.getMessage()
                        : "the PSP refused the webhook: " + e.reason() + " (HTTP " + e.status() + ")");
            } catch (UnknownOutcomeException e) {
                throw new IllegalStateException("the PSP did not answer the webhook registration: repeat it");
            }
            jdbc.update("""
                    insert into pix_webhook (tenant_id, token_sha256, registered_at, registered_by) values (?,?, now(), ?)
                    on conflict (tenant_id) do update set token_sha256 = excluded.token_sha256, registered_at = now(),
                           registered_by = excluded.registered_by""", tenantId, sha256(token), AuditContext.current().actor());
            tokenHashes.put(tenantId, new CachedHash(sha256(token), System.nanoTime()));
            log.info("tenant {}: Pix webhook registered at the PSP", tenantId);
            return new Registration(tenantId, b + path + "***", Instant.now());
        }
    }

    /**
     * Receives a notification POSTed to the tenant's webhook URL: keeps each Pix it names (one row
     * per endToEndId, however often delivered) for {@link PixWebhookInbox} to read back and settle,
     * and answers. A Pix paid to the key without a charge, or naming a txid that is not one of the
     * tenant's Pix charges, is ignored (nothing of the hub's to read back).
     *
     * @throws Unauthenticated when the tenant or token is not one the hub registered (nothing else is read)
     */
    /** The most Pix one webhook POST may carry. */
    static final int MAX_PIX_PER_POST = 1000;

    public Receipt receive(String tenantId, String token, byte[] body) {
        if (!TENANT.matcher(tenantId).matches() || token == null || !TOKEN.matcher(token).matches()) {
            throw new Unauthenticated();
        }
        try (AuditContext.Scope s = AuditContext.open("psp:" + PixAccounts.PLUGIN_ID, tenantId, "pix webhook", "webhook")) {
            String stored = storedTokenHash(tenantId);
            byte[] given = sha256(token).getBytes(StandardCharsets.US_ASCII);
            if (stored == null || !MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), given)) {
                throw new Unauthenticated();
            }
            List<ReceivedPayment> notified = accounts.provider().parseNotification(body);
            if (notified.size() > MAX_PIX_PER_POST) {
                // A PSP notifies a few Pix per POST; thousands in one are a replay or an attack (with a leaked token) that
                // would hold the request for a minute. Refused whole: nothing kept, the janitor still polls the charges.
                throw new IllegalArgumentException("pix: " + notified.size() + " notifications in one POST, at most " + MAX_PIX_PER_POST);
            }
            int accepted = 0;
            int duplicates = 0;
            int ignored = 0;
            for (ReceivedPayment p : notified) {
                if (p.chargeId() == null) {
                    ignored++; // paid to the key without a charge (listed by the PSP's statement)
                    continue;
                }
                List<Boolean> inserted = jdbc.queryForList("""
                        insert into pix_webhook_inbox (tenant_id, end_to_end_id, txid)
                        select ?, ?, ? where exists (select 1 from charge where tenant_id = ? and pix_txid = ? and method = 'PIX')
                        on conflict (tenant_id, end_to_end_id) do update
                           set deliveries = pix_webhook_inbox.deliveries + 1, last_received_at = now()
                        returning (xmax = 0)""", Boolean.class, tenantId, p.endToEndId(), p.chargeId(), tenantId, p.chargeId());
                if (inserted.isEmpty()) {
                    ignored++;
                } else if (inserted.get(0)) {
                    accepted++;
                } else {
                    duplicates++;
                }
            }
            if (accepted > 0) {
                inbox.wake();
            }
            log.debug("tenant {}: Pix webhook with {} notifications: {} kept, {} repeated, {} ignored", tenantId, notified.size(),
                    accepted, duplicates, ignored);
            return new Receipt(notified.size(), accepted, duplicates, ignored);
        }
    }

    /**
     * The registered token's hash, cached for {@link #TOKEN_CACHE} (the PSP delivers many
     * notifications per minute; a registration on this instance replaces the entry at once, one
     * on another instance is seen within that time).
     */
    private String storedTokenHash(String tenantId) {
        long now = System.nanoTime();
        CachedHash c = tokenHashes.get(tenantId);
        if (c != null && now - c.readAt() < TOKEN_CACHE.toNanos()) {
            return c.hash();
        }
        List<String> stored = jdbc.queryForList("select token_sha256 from pix_webhook where tenant_id = ?", String.class, tenantId);
        String hash = stored.isEmpty() ? null : stored.get(0);
        tokenHashes.put(tenantId, new CachedHash(hash, now));
        return hash;
    }

    private record CachedHash(String hash, long readAt) {
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
