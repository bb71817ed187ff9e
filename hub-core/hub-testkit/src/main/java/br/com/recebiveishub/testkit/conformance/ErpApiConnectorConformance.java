package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.ErpApiConnector.ConnectionCheck;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpAccount;
import br.com.recebiveishub.sdk.ErpApiConnector.ErpStream;
import br.com.recebiveishub.sdk.ErpApiConnector.PaymentWriteBack;
import br.com.recebiveishub.sdk.ErpApiConnector.WriteBackReceipt;
import br.com.recebiveishub.sdk.InstantPaymentProvider.RefusedException;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The acceptance suite every {@link ErpApiConnector} passes (after Airbyte's source acceptance
 * tests): spec, check, discover, read, incremental read resumed from a saved cursor, and payment
 * write-back. Extend it in your plugin's tests, give it your connector and a {@link Peer} — a local
 * server speaking your ERP's documented API with its documented payloads (WireMock or a small
 * simulator), never a mocked Java interface:
 *
 * <pre>{@code
 * class ExemploConformanceTest extends ErpApiConnectorConformance {
 *     static final ExemploSimulator ERP = ExemploSimulator.start();
 *     @AfterAll static void stop() { ERP.close(); }
 *     @Override protected ErpApiConnector connector() { return new ExemploConnector(); }
 *     @Override protected Peer peer() { return ERP; }
 * }
 * }</pre>
 *
 * <p>Every test starts with {@link Peer#seed()}. The suite asserts what the SDK documents, against
 * what the peer holds: it never compares the connector's output with itself.
 */
public abstract class ErpApiConnectorConformance {

    /** The connector under test (a new instance or a shared one: connectors keep no state). */
    protected abstract ErpApiConnector connector();

    /** The ERP the connector talks to, already listening. */
    protected abstract Peer peer();

    /** The tenant facts given to {@link ErpApiConnector#read}. */
    protected ConnectorContext context() {
        return new ConnectorContext("conformance", 30);
    }

    /**
     * How many unchanged records a read resumed from the last checkpoint may give again (the records
     * at the cursor's boundary, which the SDK allows: the hub's upsert makes them harmless). Override
     * with the number your connector documents; 0 means its cursor is exact.
     */
    protected int boundaryOverlap() {
        return 0;
    }

    /**
     * The ERP side of the suite: what the peer holds and does, as its API would show it.
     */
    public interface Peer {

        /**
         * Replaces what the ERP holds with a fresh set of valid receivables that span at least two
         * of the pages the connector reads (so paging and checkpoints are exercised), with no payment
         * recorded, all updated before anything {@link #add()} or {@link #update} changes later.
         */
        void seed();

        /** @return every receivable the ERP holds now, as the ERP holds it */
        List<PeerReceivable> receivables();

        /** Adds one receivable, updated later than every other one; @return it */
        PeerReceivable add();

        /** Changes one receivable's amount (and its update time, later than every other one); @return it as it now is */
        PeerReceivable update(String externalId);

        /** @return how many payments the ERP recorded against the receivable */
        int paymentsRecorded(String externalId);

        /** @return settings that reach this ERP and may read and write */
        ErpAccount account();

        /** @return {@link #account()} with credentials the ERP refuses (same endpoint) */
        ErpAccount accountWithBadCredentials();

        /** @return {@link #account()} pointing at an endpoint where nothing listens */
        ErpAccount unreachableAccount();
    }

    /**
     * A receivable as the ERP holds it.
     *
     * @param externalId its id in the ERP, the one the connector's records carry as {@code externalId}
     * @param amount     its amount, BRL
     * @param dueDate    its due date
     */
    public record PeerReceivable(String externalId, BigDecimal amount, LocalDate dueDate) {
    }

    @BeforeEach
    void seedPeer() {
        peer().seed();
    }

    // --- spec ---

    @Test
    void specIsAValidSettingsSchemaWithCredentialsWriteOnly() {
        String schema = connector().configurationSchema();
        JsonNode parsed = SettingsSchemaRules.assertValid(schema, credentialSettings());
        SettingsSchemaRules.assertDeclares(parsed, peer().account().settings().keySet());
        assertEquals(schema, connector().configurationSchema(), "configurationSchema(): must be the same text every call");
    }

    @Test
    void systemIsNamed() {
        String system = connector().system();
        assertTrue(system != null && !system.isBlank(), "system(): the ERP's stable name, e.g. BLING");
        assertEquals(system, connector().system(), "system(): must not change");
    }

    // --- check ---

    @Test
    void checkSucceedsWithGoodSettings() {
        ConnectionCheck check = connector().check(peer().account());
        assertTrue(check.ok(), "check(account) should be ok, was: " + check);
        assertNull(check.reason(), "an ok check has no reason");
    }

    @Test
    void checkWithBadCredentialsFailsAsUnauthorized() {
        ErpAccount bad = peer().accountWithBadCredentials();
        ConnectionCheck check = assertDoesNotThrow(() -> connector().check(bad), "check() never throws for an answer of the ERP");
        assertFalse(check.ok(), "check() with bad credentials must not be ok");
        assertEquals("unauthorized", check.reason(), "reason of a check with bad credentials");
        assertNoSecretIn(check.message(), "check().message");
    }

    @Test
    void checkOfAnUnreachableErpFailsAsUnreachableWithoutThrowing() {
        ErpAccount unreachable = peer().unreachableAccount();
        ConnectionCheck check = assertDoesNotThrow(() -> connector().check(unreachable),
                "check() of an unreachable ERP is a failed check, never an exception");
        assertFalse(check.ok(), "check() of an unreachable ERP must not be ok");
        assertEquals("unreachable", check.reason(), "reason of a check against an endpoint where nothing listens");
        assertNoSecretIn(check.message(), "check().message");
    }

    // --- discover ---

    @Test
    void discoverOffersTheReceivablesStream() {
        List<ErpStream> streams = connector().discover(peer().account());
        ErpStream receivables = streams.stream().filter(s -> ErpApiConnector.RECEIVABLES.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("discover() must offer the \"receivables\" stream, offered: "
                        + streams.stream().map(ErpStream::name).toList()));
        assertTrue(receivables.cursorField() != null && !receivables.cursorField().isBlank(),
                "the receivables stream names the ERP field its cursor follows");
        assertTrue(receivables.description() != null && !receivables.description().isBlank(),
                "the receivables stream has a description");
        assertEquals(streams.size(), streams.stream().map(ErpStream::name).distinct().count(), "stream names are unique");
    }

    // --- read ---

    @Test
    void readFromTheStartDeliversEveryRecordTheErpHoldsOnceAndValid() {
        RecordingSink sink = read(null);
        assertEquals(List.of(), sink.rejections(), "the seeded receivables are all valid: none may be rejected");
        assertNoRecordTwice(sink.records(), "a full read");
        assertMatchesPeer(sink.records(), peer().receivables());
        assertEquals(idsOf(peer().receivables()), idsOf(sink.records()), "a full read gives every receivable the ERP holds");
        assertFalse(sink.checkpoints().isEmpty(), "a read checkpoints after each page (none was given)");
        assertTrue(sink.committed().size() == sink.records().size(),
                "the last checkpoint comes after the last record (else the hub never commits the records after it)");
    }

    @Test
    void readWithBadCredentialsIsRefused() {
        ErpAccount bad = peer().accountWithBadCredentials();
        RecordingSink sink = new RecordingSink();
        RefusedException refused = assertThrows(RefusedException.class,
                () -> connector().read(bad, ErpApiConnector.RECEIVABLES, null, context(), sink),
                "read() with bad credentials throws RefusedException");
        assertNoSecretIn(refused.getMessage(), "the refusal's message");
        assertEquals(List.of(), sink.records(), "nothing is read with bad credentials");
    }

    // --- incremental ---

    @Test
    void readResumedFromTheLastCheckpointGivesEveryChangeAndNothingElse() {
        RecordingSink first = read(null);
        String cursor = first.lastCheckpoint();
        assertNotNull(cursor, "the full read gave no checkpoint to resume from");
        Set<String> seeded = idsOf(first.records());

        PeerReceivable added = peer().add();
        String updatedId = first.records().get(first.records().size() / 2).externalId();
        PeerReceivable updated = peer().update(updatedId);

        RecordingSink resumed = read(cursor);
        assertEquals(List.of(), resumed.rejections(), "the added and updated receivables are valid");
        assertNoRecordTwice(resumed.records(), "a resumed read");
        Map<String, ReceivableRecord> byId = resumed.records().stream()
                .collect(Collectors.toMap(ReceivableRecord::externalId, r -> r, (a, b) -> a));
        assertTrue(byId.containsKey(added.externalId()), "a resumed read gives the receivable added after the cursor");
        assertTrue(byId.containsKey(updated.externalId()), "a resumed read gives the receivable updated after the cursor");
        assertMatchesPeer(resumed.records(), peer().receivables());
        assertEquals(0, updated.amount().compareTo(byId.get(updated.externalId()).amount()),
                "the updated receivable arrives with its new amount");

        Set<String> unchangedAgain = new TreeSet<>(byId.keySet());
        unchangedAgain.retainAll(seeded);
        unchangedAgain.remove(updatedId);
        assertTrue(unchangedAgain.size() <= boundaryOverlap(), "a resumed read gave " + unchangedAgain.size()
                + " unchanged receivables again, more than the documented boundary overlap of " + boundaryOverlap());

        String next = resumed.lastCheckpoint() != null ? resumed.lastCheckpoint() : cursor;
        RecordingSink quiet = read(next);
        assertTrue(quiet.records().size() <= boundaryOverlap(), "nothing changed since the last checkpoint, yet a read gave "
                + quiet.records().size() + " records (documented boundary overlap: " + boundaryOverlap() + ")");
    }

    @Test
    void readInterruptedAfterItsFirstCheckpointResumesFromItLosingNothing() {
        RecordingSink failing = new RecordingSink().failAfterFirstCheckpoint();
        ErpAccount account = peer().account();
        RuntimeException thrown = null;
        try {
            connector().read(account, ErpApiConnector.RECEIVABLES, null, context(), failing);
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertTrue(failing.failed(), "the seeded receivables must span at least two pages: the read gave only "
                + failing.checkpoints().size() + " checkpoint(s) and no record after the first one");
        assertNotNull(thrown, "read() returned normally after the sink failed: the hub would take the read as finished");
        assertTrue(causedBy(thrown, RecordingSink.SinkFailure.class),
                "read() let through something other than the sink's failure: " + thrown);
        assertEquals(0, failing.callsAfterFailure(),
                "read() went on after the sink failed; a checkpoint after that would commit a gap");
        String cursor = failing.checkpoints().get(0);

        RecordingSink resumed = read(cursor);
        assertNoRecordTwice(resumed.records(), "the resumed read");
        Set<String> got = idsOf(failing.committed());
        got.addAll(idsOf(resumed.records()));
        Set<String> missing = idsOf(peer().receivables());
        missing.removeAll(got);
        assertEquals(Set.of(), missing, "receivables lost between the first checkpoint and the resumed read");
    }

    // --- write-back ---

    @Test
    void writeBackIsIdempotentByItsKey() {
        PeerReceivable target = peer().receivables().get(0);
        PaymentWriteBack payment = new PaymentWriteBack("conformance-" + UUID.randomUUID(), target.externalId(),
                LocalDate.now(ZoneId.of("America/Sao_Paulo")), target.amount(), "PIX", "conformance");
        ErpAccount account = peer().account();

        WriteBackReceipt first = connector().writeBackPayment(account, payment);
        assertFalse(first.alreadyRecorded(), "the first write-back is new at the ERP");
        assertTrue(first.erpReference() != null && !first.erpReference().isBlank(), "the ERP's reference of the payment");
        assertEquals(1, peer().paymentsRecorded(target.externalId()), "payments the ERP recorded after one write-back");

        WriteBackReceipt again = connector().writeBackPayment(account, payment);
        assertTrue(again.alreadyRecorded(), "the same write-back again says alreadyRecorded");
        assertEquals(1, peer().paymentsRecorded(target.externalId()), "the same write-back twice records one payment");
    }

    @Test
    void writeBackOfAReceivableTheErpDoesNotHoldIsRefused() {
        String absent = "conformance-absent-" + UUID.randomUUID().toString().substring(0, 8);
        PaymentWriteBack payment = new PaymentWriteBack("conformance-" + UUID.randomUUID(), absent,
                LocalDate.now(ZoneId.of("America/Sao_Paulo")), new BigDecimal("10.00"), "BOLETO", null);
        assertThrows(RefusedException.class, () -> connector().writeBackPayment(peer().account(), payment),
                "a write-back to a receivable the ERP does not hold is refused");
        assertEquals(0, peer().paymentsRecorded(absent), "nothing recorded for it");
    }

    // --- helpers ---

    private RecordingSink read(String cursor) {
        RecordingSink sink = new RecordingSink();
        connector().read(peer().account(), ErpApiConnector.RECEIVABLES, cursor, context(), sink);
        for (String c : sink.checkpoints()) {
            assertTrue(c != null && !c.isEmpty() && c.length() <= 200, "a checkpoint's cursor is 1 to 200 characters: " + c);
        }
        return sink;
    }

    private void assertMatchesPeer(List<ReceivableRecord> records, List<PeerReceivable> held) {
        Map<String, PeerReceivable> byId = new HashMap<>();
        held.forEach(p -> byId.put(p.externalId(), p));
        String system = connector().system();
        for (ReceivableRecord r : records) {
            assertNotNull(r.externalId(), "a record without externalId: " + r);
            PeerReceivable p = byId.get(r.externalId());
            assertNotNull(p, "a record the ERP does not hold: externalId " + r.externalId());
            assertEquals(system, r.sourceSystem(), "sourceSystem of " + r.externalId() + " must be system()");
            assertNotNull(r.amount(), "amount of " + r.externalId());
            assertTrue(r.amount().signum() > 0, "amount of " + r.externalId() + " must be positive");
            assertEquals(2, r.amount().scale(), "amount of " + r.externalId() + " must have scale 2 (BRL cents)");
            assertEquals(0, p.amount().compareTo(r.amount()), "amount of " + r.externalId() + " (the ERP holds " + p.amount() + ")");
            assertEquals(p.dueDate(), r.dueDate(), "due date of " + r.externalId());
        }
    }

    private static void assertNoRecordTwice(List<ReceivableRecord> records, String what) {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (ReceivableRecord r : records) {
            if (!seen.add(r.externalId())) {
                twice.add(r.externalId());
            }
        }
        assertEquals(List.of(), twice, what + " gave these receivables more than once");
    }

    private Set<String> credentialSettings() {
        Map<String, String> good = peer().account().settings();
        Map<String, String> bad = peer().accountWithBadCredentials().settings();
        Set<String> names = new TreeSet<>();
        good.forEach((k, v) -> {
            if (!Objects.equals(v, bad.get(k))) {
                names.add(k);
            }
        });
        if (names.isEmpty()) {
            fail("accountWithBadCredentials() must differ from account() in its credentials");
        }
        return names;
    }

    private void assertNoSecretIn(String text, String where) {
        if (text == null) {
            return;
        }
        for (String name : credentialSettings()) {
            for (String value : new String[] {peer().account().settings().get(name), peer().accountWithBadCredentials().settings().get(name)}) {
                if (value != null && value.length() >= 4) {
                    assertFalse(text.contains(value), where + " contains the value of the credential setting " + name);
                }
            }
        }
    }

    private static Set<String> idsOf(List<?> items) {
        Set<String> ids = new TreeSet<>();
        for (Object o : items) {
            ids.add(o instanceof ReceivableRecord r ? r.externalId() : ((PeerReceivable) o).externalId());
        }
        return ids;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
