package br.com.recebiveishub.hub.card;

import br.com.recebiveishub.hub.audit.AuditContext;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.CardPaymentProvider;
import br.com.recebiveishub.sdk.CardPaymentProvider.CardPayment;
import br.com.recebiveishub.sdk.CardPaymentProvider.GatewayAccount;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookDelivery;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookEvent;
import br.com.recebiveishub.sdk.CardPaymentProvider.WebhookSignatureException;
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
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The gateway's webhook: a per-tenant path token (only its SHA-256 kept) routes a delivery to its
 * tenant; the gateway's own signature ({@link CardPaymentProvider#verifyWebhook}) proves its
 * origin. A delivery whose signature fails is refused and its payment, when it is one of the
 * tenant's, is polled at once instead. A verified one only names a payment: the payment is read
 * back from the gateway and what the gateway answers is settled, never the body.
 */
@Service
public class CardWebhooks {

    private static final Logger log = LoggerFactory.getLogger(CardWebhooks.class);
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,100}");
    private static final Pattern PAYMENT_ID = Pattern.compile("[0-9]{1,20}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A registration: the URL to configure at the gateway (its token in clear, shown this once: the
     * hub keeps only its hash).
     */
    public record Registration(String tenantId, String webhookUrl, Instant registeredAt) {
    }

    /** What a delivery did. */
    public record Receipt(String type, String paymentId, int settled, boolean known) {
    }

    /** The path token did not match, or the signature did not verify: answered 401. */
    public static class Unauthenticated extends RuntimeException {
        Unauthenticated(String message) {
            super(message);
        }
    }

    private final CardAccounts accounts;
    private final CardChargeService charges;
    private final TenantService tenants;
    private final JdbcTemplate jdbc;
    private final String publicUrl;

    public CardWebhooks(CardAccounts accounts, CardChargeService charges, TenantService tenants, JdbcTemplate jdbc,
                        @Value("${hub.public-url:}") String publicUrl) {
        this.accounts = accounts;
        this.charges = charges;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.publicUrl = publicUrl;
    }

    /** A new path token under {@code hub.public-url}; the previous one stops working. */
    public Registration register(String tenantId) {
        if (publicUrl == null || publicUrl.isBlank()) {
            throw new IllegalStateException("hub.public-url is not set: the gateway needs the hub's public https address");
        }
        return register(tenantId, URI.create(publicUrl));
    }

    /** A new path token for {@code {base}/webhooks/card/{tenant}/{token}}; the previous one stops working. */
    public Registration register(String tenantId, URI base) {
        tenants.require(tenantId);
        accounts.account(tenantId); // 409 without a gateway account: a URL for nothing would only confuse
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.update("""
                insert into card_webhook (tenant_id, token_sha256, registered_at, registered_by) values (?,?, now(), ?)
                on conflict (tenant_id) do update set token_sha256 = excluded.token_sha256, registered_at = now(),
                       registered_by = excluded.registered_by""", tenantId, sha256(token), AuditContext.current().actor());
        log.info("tenant {}: card webhook token renewed", tenantId);
        return new Registration(tenantId, base.toString().replaceAll("/+$", "") + "/webhooks/card/" + tenantId + "/" + token,
                Instant.now());
    }

    /**
     * Receives a delivery POSTed to the tenant's webhook URL.
     *
     * @throws Unauthenticated wrong path token (nothing else read) or a signature that does not verify (its payment polled)
     */
    public Receipt receive(String tenantId, String token, Map<String, String> headers, Map<String, String> query, byte[] body) {
        if (!TENANT.matcher(tenantId).matches() || token == null || !TOKEN.matcher(token).matches()) {
            throw new Unauthenticated("webhook token does not match");
        }
        try (AuditContext.Scope s = AuditContext.open("gateway:" + CardAccounts.PLUGIN_ID, tenantId, "card webhook", "webhook")) {
            List<String> stored = jdbc.queryForList("select token_sha256 from card_webhook where tenant_id = ?", String.class, tenantId);
            if (stored.isEmpty() || !MessageDigest.isEqual(stored.get(0).getBytes(StandardCharsets.US_ASCII),
                    sha256(token).getBytes(StandardCharsets.US_ASCII))) {
                throw new Unauthenticated("webhook token does not match");
            }
            GatewayAccount account = accounts.account(tenantId);
            CardPaymentProvider provider = accounts.provider();
            WebhookEvent event;
            try {
                event = provider.verifyWebhook(account, new WebhookDelivery(headers, query, body), Instant.now());
            } catch (WebhookSignatureException e) {
                // Not proven to come from the gateway: nothing in it is acted on, but a payment it names that is one of ours
                // is read back at the gateway by the janitor now (polling is safe: only the gateway's answer is settled).
                String named = query.get("data.id");
                if (named != null && PAYMENT_ID.matcher(named).matches()) {
                    jdbc.queryForList("select id from charge where tenant_id = ? and gateway_payment_id = ? and method = 'CARD'", Long.class,
                            tenantId, named).forEach(id -> charges.checkSoon(tenantId, id));
                }
                log.warn("401 card webhook for tenant {}: signature {}", tenantId, e.reason());
                throw new Unauthenticated("webhook signature " + e.reason());
            }
            if (!"payment".equals(event.type()) || event.resourceId() == null || !PAYMENT_ID.matcher(event.resourceId()).matches()) {
                return new Receipt(event.type(), null, 0, false); // verified, but nothing the hub reads
            }
            CardPayment p;
            try {
                p = provider.readPayment(account, event.resourceId());
            } catch (RefusedException | UnknownOutcomeException e) {
                // cannot be read now: the charge it belongs to (if known by id) is checked by the janitor at once
                jdbc.queryForList("select id from charge where tenant_id = ? and gateway_payment_id = ? and method = 'CARD'", Long.class,
                        tenantId, event.resourceId()).forEach(id -> charges.checkSoon(tenantId, id));
                return new Receipt(event.type(), event.resourceId(), 0, false);
            }
            List<Map<String, Object>> charge = p.externalReference() == null ? List.of() : jdbc.queryForList(
                    "select id, method from charge where tenant_id = ? and external_reference = ? and method in ('CARD', 'LINK')",
                    tenantId, p.externalReference());
            if (charge.isEmpty()) {
                log.info("tenant {}: card webhook for a payment of no charge of the hub's, ignored", tenantId);
                return new Receipt(event.type(), p.paymentId(), 0, false);
            }
            long chargeId = ((Number) charge.get(0).get("id")).longValue();
            String method = (String) charge.get(0).get("method");
            int settled = method.equals("CARD") || p.state() == CardPaymentProvider.PaymentState.SUCCEEDED
                    ? charges.apply(tenantId, chargeId, method, p, "card:webhook") : 0;
            return new Receipt(event.type(), p.paymentId(), settled, true);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
