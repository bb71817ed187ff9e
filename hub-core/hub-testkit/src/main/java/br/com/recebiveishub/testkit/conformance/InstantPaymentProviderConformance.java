package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.Configurable;
import br.com.recebiveishub.sdk.InstantPaymentProvider;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ChargeSpec;
import br.com.recebiveishub.sdk.InstantPaymentProvider.InstantCharge;
import br.com.recebiveishub.sdk.InstantPaymentProvider.PspAccount;
import br.com.recebiveishub.sdk.InstantPaymentProvider.ReceivedPayment;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance suite of an {@link InstantPaymentProvider} against its PSP (a local server
 * speaking the PSP's documented API, e.g. hub-testkit's {@code PixPspSimulator}): a charge is
 * created and read back, a retry with the same key finds the same charge and creates none at the
 * PSP, a payment shows in the charge and in the PSP's notification, a charge the PSP does not hold
 * is a refusal, and an answer that comes too late is an unknown outcome, never a refusal — and
 * repeating it creates nothing twice.
 */
public abstract class InstantPaymentProviderConformance {

    /** The provider under test, with a request timeout shorter than {@link Peer#answerNextSlowly()}'s delay. */
    protected abstract InstantPaymentProvider provider();

    /** The PSP. */
    protected abstract Peer peer();

    /** The PSP side, as the suite needs it. */
    public interface Peer {

        /** @return an account the PSP serves */
        PspAccount account();

        /** @return how many charges the PSP holds */
        int charges();

        /** The PSP processes the next API request but answers after the provider has stopped waiting. */
        void answerNextSlowly();

        /** A payer pays the charge; @return the payment's end-to-end id */
        String pay(String chargeId, BigDecimal amount);

        /** @return the notification body the PSP POSTs for these payments, as its documentation shows it */
        byte[] notificationFor(String... endToEndIds);
    }

    private InstantPaymentProvider provider;

    @BeforeEach
    void oneProviderPerTest() {
        provider = provider();
    }

    private static ChargeSpec immediate(String key, String amount) {
        return new ChargeSpec(key, new BigDecimal(amount), null, 600, 0, null, null, null, null, null, null, null, "Fatura conformidade");
    }

    private static String newKey() {
        return "conformance:" + UUID.randomUUID();
    }

    @Test
    void methodIsNamedAndTheSettingsSchemaFollowsTheRules() {
        assertTrue(provider.method() != null && !provider.method().isBlank(), "method(), e.g. PIX");
        if (provider instanceof Configurable c) {
            SettingsSchemaRules.assertValid(c.configurationSchema(), List.of());
        }
    }

    @Test
    void aChargeIsCreatedAtThePspAndReadBack() {
        int before = peer().charges();
        InstantCharge created = provider.createCharge(peer().account(), immediate(newKey(), "42.50"));
        assertTrue(created.chargeId() != null && !created.chargeId().isBlank(), "chargeId");
        assertEquals(0, new BigDecimal("42.50").compareTo(created.amount()), "amount of the created charge");
        assertTrue(created.code() != null && !created.code().isBlank(), "the payment code to show the payer");
        assertEquals(before + 1, peer().charges(), "charges at the PSP after one create");

        InstantCharge read = provider.readCharge(peer().account(), created.chargeId(), false);
        assertEquals(created.chargeId(), read.chargeId(), "readCharge().chargeId");
        assertEquals(0, created.amount().compareTo(read.amount()), "readCharge().amount");
        assertEquals(created.status(), read.status(), "status of an unpaid charge read back");
        assertEquals(List.of(), read.payments(), "an unpaid charge has no payments");
    }

    @Test
    void aRetryWithTheSameKeyFindsTheSameChargeAndCreatesNoneAtThePsp() {
        ChargeSpec spec = immediate(newKey(), "10.00");
        int before = peer().charges();
        InstantCharge first = provider.createCharge(peer().account(), spec);
        InstantCharge again = provider.createCharge(peer().account(), spec);
        assertEquals(first.chargeId(), again.chargeId(), "the same key gives the same charge");
        assertEquals(before + 1, peer().charges(), "charges at the PSP after two creates with one key");
    }

    @Test
    void aPaymentShowsInTheChargeAndInThePspsNotification() {
        InstantCharge charge = provider.createCharge(peer().account(), immediate(newKey(), "8.00"));
        String e2e = peer().pay(charge.chargeId(), new BigDecimal("8.00"));

        InstantCharge paid = provider.readCharge(peer().account(), charge.chargeId(), false);
        assertEquals(1, paid.payments().size(), "payments of the paid charge");
        assertEquals(e2e, paid.payments().get(0).endToEndId(), "endToEndId of the payment");
        assertEquals(0, new BigDecimal("8.00").compareTo(paid.payments().get(0).amount()), "amount paid");
        assertFalse(paid.status().equals(charge.status()), "a paid charge's status differs from the unpaid one's");

        List<ReceivedPayment> notified = provider.parseNotification(peer().notificationFor(e2e));
        assertEquals(1, notified.size(), "payments in the notification");
        ReceivedPayment p = notified.get(0);
        assertEquals(e2e, p.endToEndId(), "endToEndId in the notification");
        assertEquals(charge.chargeId(), p.chargeId(), "chargeId in the notification");
        assertEquals(0, new BigDecimal("8.00").compareTo(p.amount()), "amount in the notification");
        assertNotNull(p.paidAt(), "paidAt in the notification");
    }

    @Test
    void aChargeThePspDoesNotHoldIsARefusal() {
        InstantCharge existing = provider.createCharge(peer().account(), immediate(newKey(), "1.00"));
        String absent = existing.chargeId().substring(0, existing.chargeId().length() - 4) + "zzzz";
        assertThrows(RefusedException.class, () -> provider.readCharge(peer().account(), absent, false),
                "reading a charge the PSP does not hold is refused");
    }

    @Test
    void anAnswerThatComesTooLateIsAnUnknownOutcomeAndTheRetryCreatesNothingTwice() {
        provider.createCharge(peer().account(), immediate(newKey(), "1.00")); // connection and token in hand
        ChargeSpec spec = immediate(newKey(), "77.70");
        int before = peer().charges();
        peer().answerNextSlowly();
        RuntimeException e = assertThrows(RuntimeException.class, () -> provider.createCharge(peer().account(), spec));
        assertTrue(e instanceof UnknownOutcomeException, "a create whose answer came too late must be UnknownOutcomeException, was " + e);
        assertNotNull(((UnknownOutcomeException) e).idempotencyKey(), "the unknown outcome names the key to repeat with");

        InstantCharge resolved = provider.createCharge(peer().account(), spec);
        assertEquals(0, new BigDecimal("77.70").compareTo(resolved.amount()), "the repeated create finds the charge");
        assertEquals(before + 1, peer().charges(), "charges at the PSP after a late answer and a repeat");
    }
}
