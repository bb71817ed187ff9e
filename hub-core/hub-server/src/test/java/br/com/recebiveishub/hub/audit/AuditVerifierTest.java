package br.com.recebiveishub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.audit.AuditVerifier.Kind;
import br.com.recebiveishub.hub.audit.AuditVerifier.Problem;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.TenantService;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tampering with the audit trail directly in SQL, and the verifier naming exactly the entry
 * concerned. Each test tampers with its own tenant's chain and verifies that chain, so the tests
 * cannot see each other's damage (chains are per tenant; see docs/audit-guide.md).
 */
class AuditVerifierTest extends HubIntegrationTest {

    @Autowired
    IngestService ingest;
    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditChain chain;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AccessLog accessLog;
    @Autowired
    PluginDataShareLog shares;
    @TempDir
    Path tmp;

    AuditFixture fx;
    String tenant;
    long rev1;
    long rev2;
    long access1;
    long access2;
    long share1;

    /** Two imports (the second changes one receivable), two reads, one share; chained and signed; intact. */
    @BeforeEach
    void trail() {
        fx = new AuditFixture(ingest, tenants, jdbc, tmp);
        tenant = newTenantId("verify");
        fx.tenant(tenant);
        fx.importCsv(tenant, "a.csv", AuditFixture.FIRST);
        access1 = accessLog.record(tenant, AccessLog.CUSTOMER, "1", "GET /api/tenants/{tenantId}/customers/{id}", "collection");
        access2 = accessLog.record(tenant, AccessLog.CUSTOMER, "2", "GET /api/tenants/{tenantId}/customers/{id}", "collection");
        share1 = shares.record(tenant, "pay-boleto", AccessLog.CUSTOMER, "1", List.of("nome", "documento"), "boleto issue");
        fx.importCsv(tenant, "b.csv", AuditFixture.SECOND);
        chain.catchUp();
        chain.checkpointNow(tenant).orElseThrow();
        List<Long> revs = fx.revisions(tenant);
        rev1 = revs.get(0);
        rev2 = revs.get(1);
        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.ok()).as("%s", r).isTrue();
        assertThat(r.entries()).isEqualTo(5);
        assertThat(r.checkpoints()).isEqualTo(1);
    }

    @Test
    void anAuditRowChangedInSqlNamesItsRevisionAsAltered() {
        jdbc.update("""
                update receivable_aud set original_amount = 1000.00, open_balance = 1000.00
                 where rev = ? and id = (select id from receivable where tenant_id = ? and external_id = 'T1')""", rev1, tenant);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.ok()).isFalse();
        assertThat(r.problemCount()).isEqualTo(1);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::entryType, Problem::entryRef, Problem::seq, Problem::tenantId)
                .containsExactly(Kind.ALTERED, "REVISION", rev1, fx.seqOf("REVISION", rev1), tenant);
        assertThat(r.firstProblem().detail()).contains("revision " + rev1).contains("altered");
        // the global verification finds the same entry
        assertThat(verifier.verifyAll().problems()).contains(r.firstProblem());
    }

    @Test
    void aRevisionDeletedInSqlIsNamedAsDeleted() {
        for (String t : List.of("customer_aud", "receivable_aud", "charge_aud")) {
            jdbc.update("update " + t + " set revend = null where revend = ?", rev2);
            jdbc.update("delete from " + t + " where rev = ?", rev2);
        }
        jdbc.update("delete from hub_revision where id = ?", rev2);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.problemCount()).isEqualTo(1);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::entryType, Problem::entryRef, Problem::seq)
                .containsExactly(Kind.DELETED, "REVISION", rev2, fx.seqOf("REVISION", rev2));
        assertThat(r.firstProblem().detail()).contains("hub_revision row " + rev2).contains("gone");
    }

    @Test
    void aRevisionForgedInSqlBelowTheHeadIsNamedAsInserted() {
        long forged = jdbc.queryForObject("select nextval('hub_revision_seq')", Long.class);
        fx.importCsv(tenant, "c.csv", "T3;01/11/2026;01/12/2026;300,00;123.456.789-09;Ana Souza;SP\n");
        chain.catchUp();
        assertThat(verifier.verify(tenant).ok()).isTrue();

        jdbc.update("""
                insert into hub_revision (id, timestamp, actor, tenant_id, correlation_id, reason, source)
                values (?, ?, 'system', ?, 'forged', 'data correction', 'api')""", forged, System.currentTimeMillis() - 60_000, tenant);
        jdbc.update("""
                insert into receivable_aud (id, rev, revtype, tenant_id, customer_id, source_system, external_id, due_date,
                                            original_amount, open_balance, status)
                select id, ?, 1, tenant_id, customer_id, source_system, external_id, due_date, 1.00, 0.00, 'PAID'
                  from receivable where tenant_id = ? and external_id = 'T1'""", forged, tenant);
        chain.catchUp(); // the appender never chains a row below the head

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.problemCount()).isEqualTo(1);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::entryType, Problem::entryRef, Problem::seq, Problem::tenantId)
                .containsExactly(Kind.INSERTED, "REVISION", forged, null, tenant);
        assertThat(r.firstProblem().detail()).contains("revision " + forged).contains("not in the chain");
    }

    @Test
    void anAccessRowChangedInSqlIsNamedAsAltered() {
        jdbc.update("update access_log set purpose = 'marketing' where id = ?", access2);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.problemCount()).isEqualTo(1);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::entryType, Problem::entryRef, Problem::seq)
                .containsExactly(Kind.ALTERED, "ACCESS", access2, fx.seqOf("ACCESS", access2));
    }

    @Test
    void aShareRowDeletedInSqlIsNamedAsDeleted() {
        jdbc.update("delete from plugin_data_share where id = ?", share1);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::entryType, Problem::entryRef, Problem::seq)
                .containsExactly(Kind.DELETED, "SHARE", share1, fx.seqOf("SHARE", share1));
    }

    @Test
    void aTamperedCheckpointSignatureIsABadSignature() {
        long seq = jdbc.queryForObject("select upto_seq from audit_checkpoint where tenant_id = ?", Long.class, tenant);
        jdbc.update("update audit_checkpoint set signature = ? where tenant_id = ?", Base64.getEncoder().encodeToString(new byte[64]), tenant);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.problemCount()).isEqualTo(1);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::seq).containsExactly(Kind.BAD_SIGNATURE, seq);
    }

    @Test
    void aCheckpointMovedToAnotherEntryIsABadSignature() {
        jdbc.update("update audit_checkpoint set upto_seq = ?, upto_pos = 2, entry_hash = (select entry_hash from audit_chain where seq = ?) "
                + "where tenant_id = ?", fx.seqOf("ACCESS", access1), fx.seqOf("ACCESS", access1), tenant);

        assertThat(verifier.verify(tenant).firstProblem().kind()).isEqualTo(Kind.BAD_SIGNATURE);
    }

    @Test
    void aChainEntryDeletedInSqlIsDeletedAndItsRowNoLongerChained() {
        long seq = fx.seqOf("ACCESS", access1);
        jdbc.update("delete from audit_chain where seq = ?", seq);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.firstProblem().kind()).isEqualTo(Kind.DELETED);
        assertThat(r.firstProblem().detail()).contains("positions 2 are missing");
        assertThat(r.problems()).extracting(Problem::kind, Problem::entryType, Problem::entryRef)
                .contains(org.assertj.core.groups.Tuple.tuple(Kind.INSERTED, "ACCESS", access1));
    }

    @Test
    void aChainRowWhoseHashesNoLongerLinkIsInserted() {
        long seq = fx.seqOf("ACCESS", access2);
        jdbc.update("update audit_chain set content_hash = ? where seq = ?", "f".repeat(64), seq);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::seq, Problem::entryRef).containsExactly(Kind.INSERTED, seq, access2);
        assertThat(r.firstProblem().detail()).contains("does not link");
    }

    @Test
    void aConsistentlyRewrittenChainIsCaughtByTheSignedCheckpoint() {
        jdbc.update("update access_log set purpose = 'marketing' where id = ?", access1);
        // the forger recomputes the altered entry's content hash and every entry hash after it
        List<Map<String, Object>> rows = jdbc.queryForList("select * from audit_chain where tenant_id = ? order by chain_pos", tenant);
        String prev = AuditContent.ZERO_HASH;
        for (Map<String, Object> e : rows) {
            long seq = (Long) e.get("seq");
            String type = (String) e.get("entry_type");
            long ref = (Long) e.get("entry_ref");
            String content = AuditContent.sha256(chain.contentText(type, ref));
            String entry = AuditContent.entryHash(prev, seq, tenant, (Long) e.get("chain_pos"), type, ref, content);
            jdbc.update("update audit_chain set content_hash = ?, prev_hash = ?, entry_hash = ? where seq = ?", content, prev, entry, seq);
            prev = entry;
        }
        long signed = jdbc.queryForObject("select upto_seq from audit_checkpoint where tenant_id = ?", Long.class, tenant);

        AuditVerifier.Result r = verifier.verify(tenant);
        assertThat(r.problemCount()).isEqualTo(1);
        assertThat(r.firstProblem()).extracting(Problem::kind, Problem::seq).containsExactly(Kind.ALTERED, signed);
        assertThat(r.firstProblem().detail()).contains("rewritten").contains("checkpoint");
    }
}
