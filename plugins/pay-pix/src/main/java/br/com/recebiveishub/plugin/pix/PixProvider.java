package br.com.recebiveishub.plugin.pix;

import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.model.Documento;
import java.math.BigDecimal;
import java.net.URI;
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
public final class PixProvider implements InstantPaymentProvider {

    private final Map<String, PixApiClient> clients = new ConcurrentHashMap<>();

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

    private PixApiClient client(PspAccount a) {
        return clients.computeIfAbsent(a.apiBaseUrl() + "|" + a.clientId(), k -> PixApiClient.create(new PixApiConfig(
                a.apiBaseUrl(), a.tokenUrl(), a.clientId(), a.clientSecret(), a.keystore(), a.keystorePassword(),
                a.truststore(), a.truststorePassword(), null, null, null)));
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
