package br.com.recebiveishub.plugin.pix;

import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.model.Documento;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.Extension;

/**
 * The plugin's face to the hub: Pix through the SDK's {@link InstantPaymentProvider}, translating
 * the plugin's own types (BR Code, API Pix client) into SDK DTOs and its two failure kinds into
 * the SDK's, so the hub never links a plugin class.
 *
 * <p>One {@link PixApiClient} is kept per PSP account (same base URL and client id), so the OAuth2
 * token is reused across calls instead of fetched for each charge.
 */
@Extension
public final class PixProvider implements InstantPaymentProvider, br.com.recebiveishub.sdk.Configurable {

    /** A tenant's PSP account as the hub stores it; the secrets are write-only. */
    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Pix PSP account (API Pix, Banco Central)",
              "type": "object",
              "additionalProperties": false,
              "required": ["apiBaseUrl", "tokenUrl", "clientId", "clientSecret", "keystore", "keystorePassword", "pixKey", "merchantName", "merchantCity"],
              "properties": {
                "apiBaseUrl": {"type": "string", "pattern": "^https://[^\\\\s]+$", "description": "The PSP's API Pix base URL (https), e.g. https://pix.example.com.br/api/v2"},
                "tokenUrl": {"type": "string", "pattern": "^https://[^\\\\s]+$", "description": "The PSP's OAuth2 token endpoint (https, client credentials over mTLS)"},
                "clientId": {"type": "string", "minLength": 1, "maxLength": 200, "description": "OAuth2 client id the PSP issued"},
                "clientSecret": {"type": "string", "minLength": 1, "maxLength": 500, "writeOnly": true, "description": "OAuth2 client secret"},
                "keystore": {"type": "string", "minLength": 1, "description": "Path, on the hub's machine, of the PKCS#12 file with the client certificate the PSP issued"},
                "keystorePassword": {"type": "string", "writeOnly": true, "description": "Password of the PKCS#12 file"},
                "truststore": {"type": "string", "minLength": 1, "description": "Path of a PKCS#12 trust store for the PSP's certificate, when it is not in the JVM's"},
                "truststorePassword": {"type": "string", "writeOnly": true, "description": "Password of the trust store"},
                "pixKey": {"type": "string", "minLength": 1, "maxLength": 77, "description": "The tenant's Pix key (CPF, CNPJ, e-mail, +55 phone or random key)"},
                "merchantName": {"type": "string", "minLength": 1, "maxLength": 25, "description": "Name printed in the BR Code (EMV tag 59: at most 25 characters)"},
                "merchantCity": {"type": "string", "minLength": 1, "maxLength": 15, "description": "City printed in the BR Code (EMV tag 60: at most 15 characters)"}
              }
            }""";

    @Override
    public String configurationSchema() {
        return SCHEMA;
    }


    private final Map<String, PixApiClient> clients = new ConcurrentHashMap<>();
    private final Duration requestTimeout;

    /** What PF4J instantiates: the API client's default request timeout (PixApiConfig). */
    public PixProvider() {
        this(null);
    }

    /** With a shorter request timeout, so a test can make the PSP answer too late without waiting 20 s. */
    PixProvider(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @Override
    public String method() {
        return "PIX";
    }

    @Override
    public String staticCode(PspAccount account, BigDecimal amount, String reference, String description) {
        return BrCode.withKey(PixKey.parse(account.pixKey())).merchantName(account.merchantName())
                .merchantCity(account.merchantCity()).amount(amount).txid(reference).description(description)
                .build().encode();
    }

    @Override
    public PaymentCode readCode(String payload) {
        BrCode c = BrCode.parse(payload);
        return new PaymentCode(c.kind() == BrCode.Kind.DYNAMIC, c.amount().orElse(null), c.merchantName(), c.merchantCity(),
                c.reference().orElse(null), c.location().orElse(null));
    }

    @Override
    public InstantCharge createCharge(PspAccount account, ChargeSpec spec) {
        Txid txid = Txid.derive(spec.idempotencyKey());
        PixKey key = PixKey.parse(account.pixKey());
        Devedor devedor = spec.debtorDocument() == null ? null : Devedor.of(Documento.parse(spec.debtorDocument()), spec.debtorName());
        return call(txid.value(), () -> {
            Cobranca c;
            if (spec.dueDate() == null) {
                c = client(account).createCob(new CobRequest(txid, key, spec.amount(),
                        spec.expiresInSeconds() > 0 ? spec.expiresInSeconds() : 86400, devedor, spec.message()));
            } else {
                CobvRequest.Desconto desconto = null;
                if (spec.discountModality() != null) {
                    desconto = new CobvRequest.Desconto(spec.discountModality(),
                            spec.datedDiscounts().stream().map(d -> new CobvRequest.DescontoData(d.until(), d.value())).toList(),
                            spec.discountValue());
                }
                c = client(account).createCobv(new CobvRequest(txid, key, spec.amount(), spec.dueDate(), spec.daysPayableAfterDue(),
                        devedor, spec.fine() == null ? null : new CobvRequest.Multa(spec.fine().modality(), spec.fine().value()),
                        spec.interest() == null ? null : new CobvRequest.Juros(spec.interest().modality(), spec.interest().value()),
                        desconto, spec.message()));
            }
            return toSdk(c);
        });
    }

    @Override
    public InstantCharge readCharge(PspAccount account, String chargeId, boolean withDueDate) {
        Txid txid = new Txid(chargeId);
        return call(chargeId, () -> toSdk(withDueDate ? client(account).getCobv(txid) : client(account).getCob(txid)));
    }

    @Override
    public InstantCharge removeCharge(PspAccount account, String chargeId, boolean withDueDate) {
        Txid txid = new Txid(chargeId);
        return call(chargeId, () -> toSdk(client(account).removeCharge(withDueDate ? Cobranca.Tipo.COBV : Cobranca.Tipo.COB, txid)));
    }

    @Override
    public void registerWebhook(PspAccount account, URI url) {
        call("(webhook)", () -> {
            client(account).registerWebhook(PixKey.parse(account.pixKey()), url);
            return null;
        });
    }

    @Override
    public List<ReceivedPayment> parseNotification(byte[] body) {
        return PixApiClient.parseWebhook(body).stream().map(PixProvider::toSdk).toList();
    }

    @Override
    public Refund requestRefund(PspAccount account, String endToEndId, String refundId, BigDecimal amount, String description) {
        return call(refundId, () -> toSdk(client(account).requestDevolucao(endToEndId, refundId, amount, description)));
    }

    /**
     * One client per account as configured: the key covers every setting (credentials and certificate
     * files included, as a SHA-256, so no secret is kept as a key), so a rotated secret or a new
     * certificate gets a new client instead of the old one's token and TLS context.
     */
    static String clientKey(PspAccount a) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            for (Object v : new Object[] {a.apiBaseUrl(), a.tokenUrl(), a.clientId(), a.clientSecret(), a.keystore(),
                    a.keystorePassword() == null ? null : new String(a.keystorePassword()), a.truststore(),
                    a.truststorePassword() == null ? null : new String(a.truststorePassword())}) {
                d.update(String.valueOf(v).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private PixApiClient client(PspAccount a) {
        return clients.computeIfAbsent(clientKey(a), k -> PixApiClient.create(new PixApiConfig(
                a.apiBaseUrl(), a.tokenUrl(), a.clientId(), a.clientSecret(), a.keystore(), a.keystorePassword(),
                a.truststore(), a.truststorePassword(), null, null, requestTimeout)));
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(String key, Call<T> call) {
        try {
            return call.run();
        } catch (PixUnknownOutcomeException e) {
            throw new UnknownOutcomeException(e.idempotencyKey() == null ? key : e.idempotencyKey(), e.getMessage());
        } catch (PixApiException e) {
            throw new RefusedException(e.status(), e.problemType(), e.getMessage());
        }
    }

    private static InstantCharge toSdk(Cobranca c) {
        return new InstantCharge(c.txid().value(), c.revisao(), c.status().name(), c.valorOriginal(), c.criacao(),
                c.dataDeVencimento(), c.location(), c.pixCopiaECola(), c.pix().stream().map(PixProvider::toSdk).toList());
    }

    private static ReceivedPayment toSdk(PixRecebido p) {
        return new ReceivedPayment(p.endToEndId(), p.txid(), p.valor(), p.horario(),
                p.devolucoes().stream().map(PixProvider::toSdk).toList());
    }

    private static Refund toSdk(Devolucao d) {
        return new Refund(d.id(), d.rtrId(), d.valor(), d.status().name(), d.solicitacao(), d.liquidacao());
    }
}
