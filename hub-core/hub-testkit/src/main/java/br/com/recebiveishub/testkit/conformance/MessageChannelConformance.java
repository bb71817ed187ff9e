package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.Configurable;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.InstantPaymentProvider.UnknownOutcomeException;
import br.com.recebiveishub.sdk.MessageChannel;
import br.com.recebiveishub.sdk.MessageChannel.ChannelAccount;
import br.com.recebiveishub.sdk.MessageChannel.Creditor;
import br.com.recebiveishub.sdk.MessageChannel.DeliveryReceipt;
import br.com.recebiveishub.sdk.MessageChannel.DeliveryStatus;
import br.com.recebiveishub.sdk.MessageChannel.OutboundMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance suite of a {@link MessageChannel}: send gives a receipt, the same message id again
 * gives the same receipt and sends nothing (the peer counts), status answers after a send and not
 * for a message it never had, a refusal is a {@link RefusedException} and a lost answer an
 * {@link UnknownOutcomeException}, never the other way round.
 *
 * <p>The peer is a real server of the channel on loopback (GreenMail for SMTP, a simulator of the
 * provider's API), which counts what it received.
 */
public abstract class MessageChannelConformance {

    /** The channel under test; called once per test, so its short-term idempotency record lasts the test. */
    protected abstract MessageChannel channel();

    /** The channel's server. */
    protected abstract Peer peer();

    /** The channel's server side, as the suite needs it. */
    public interface Peer {

        /** @return an account the server accepts messages from */
        ChannelAccount account();

        /** @return {@link #account()} with credentials the server refuses */
        ChannelAccount accountWithBadCredentials();

        /**
         * @return an account at a server that takes the message and never confirms it (short
         *         {@link ChannelAccount#timeout()}, a second or two): the outcome is unknown
         */
        ChannelAccount accountWithoutAnswer();

        /** @return a recipient the server accepts */
        String recipient();

        /** @return how many copies of the message with this id the server received */
        int received(String messageId);
    }

    private MessageChannel channel;

    @BeforeEach
    void oneChannelPerTest() {
        channel = channel();
    }

    private OutboundMessage message(String id) {
        return new OutboundMessage(id, peer().recipient(), "Devedor Conformidade", "Lembrete de vencimento",
                "Sua duplicata nº 1 vence amanhã.", null,
                new Creditor("Credor Conformidade Ltda", "11222333000181", "Av. Paulista, 1000, São Paulo/SP"));
    }

    private static String newId() {
        return "conf-" + UUID.randomUUID();
    }

    @Test
    void channelIsNamedAndItsSettingsSchemaFollowsTheRules() {
        assertTrue(channel.channel() != null && !channel.channel().isBlank(), "channel(), e.g. EMAIL");
        if (channel instanceof Configurable c) {
            SettingsSchemaRules.assertValid(c.configurationSchema(), List.of());
        }
    }

    @Test
    void sendGivesAReceiptAndTheServerGetsTheMessageOnce() {
        String id = newId();
        DeliveryReceipt receipt = channel.send(peer().account(), message(id));
        assertEquals(id, receipt.messageId(), "the receipt carries the message id");
        assertTrue(receipt.status() == DeliveryStatus.SENT || receipt.status() == DeliveryStatus.QUEUED,
                "a send is SENT or QUEUED, was " + receipt.status());
        assertNotNull(receipt.acceptedAt(), "acceptedAt");
        assertEquals(1, peer().received(id), "copies the server received");
    }

    @Test
    void theSameMessageIdAgainGivesTheSameReceiptAndSendsNothing() {
        String id = newId();
        DeliveryReceipt first = channel.send(peer().account(), message(id));
        DeliveryReceipt again = channel.send(peer().account(), message(id));
        assertEquals(first, again, "the second send with the same message id returns the first receipt");
        assertEquals(1, peer().received(id), "copies the server received after two sends with one message id");
    }

    @Test
    void statusAnswersAfterASendAndIsEmptyForAMessageItNeverHad() {
        String id = newId();
        DeliveryReceipt receipt = channel.send(peer().account(), message(id));
        Optional<DeliveryReceipt> status = channel.status(peer().account(), id);
        assertTrue(status.isPresent(), "status() after a send");
        assertEquals(id, status.get().messageId(), "status().messageId");
        assertEquals(receipt.status(), status.get().status(), "status() right after the send");
        assertEquals(Optional.empty(), channel.status(peer().account(), newId()), "status() of a message never sent");
    }

    @Test
    void badCredentialsAreARefusalAndNothingIsSent() {
        String id = newId();
        ChannelAccount bad = peer().accountWithBadCredentials();
        RefusedException e = assertThrows(RefusedException.class, () -> channel.send(bad, message(id)),
                "a send the server refuses throws RefusedException");
        assertEquals(0, peer().received(id), "copies the server received");
        String text = String.valueOf(e.getMessage());
        assertFalse(text.contains(peer().recipient()), "the refusal's message names the recipient (personal data)");
        if (bad.password() != null && bad.password().length() >= 4) {
            assertFalse(text.contains(bad.password()), "the refusal's message contains the password");
        }
    }

    @Test
    void aServerThatNeverAnswersIsAnUnknownOutcomeNotARefusal() {
        String id = newId();
        ChannelAccount silent = peer().accountWithoutAnswer();
        RuntimeException e = assertThrows(RuntimeException.class, () -> channel.send(silent, message(id)));
        assertTrue(e instanceof UnknownOutcomeException, "a send whose answer never came must be UnknownOutcomeException, was " + e);
        assertEquals(Optional.empty(), channel.status(silent, id), "status() of a message whose outcome is unknown is empty");
    }
}
