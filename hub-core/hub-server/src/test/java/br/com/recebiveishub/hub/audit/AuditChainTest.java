package br.com.recebiveishub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.TenantService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hash chain: what joins it, in which order, with which request details, and the signed checkpoints. */
class AuditChainTest extends HubIntegrationTest {

    @Autowired
    IngestService ingest;
    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditChain chain;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    AccessLog accessLog;
    @Autowired
    PluginDataShareLog shares;
    @Autowired
    AuditKeys keys;
    @Autowired
    TestRestTemplate http;
    @TempDir
    Path tmp;

    AuditFixture fx;
    String tenant;

    @BeforeEach
    void setUp() {
        fx = new AuditFixture(ingest, tenants, jdbc, tmp);
        tenant = newTenantId("chain");
        fx.tenant(tenant);
    }

    @Test
    void revisionsAccessesAndSharesJoinTheTenantsChainInOrderAndLink() {
        fx.importCsv(tenant, "a.csv", AuditFixture.FIRST);
        long a1 = accessLog.record(tenant, AccessLog.CUSTOMER, "1", "GET /api/tenants/{tenantId}/customers/{id}", "collection");
        long s1 = shares.record(tenant, "pay-boleto", AccessLog.CUSTOMER, "1", List.of("nome", "documento", "endereco"), "boleto issue");
        fx.importCsv(tenant, "b.csv", AuditFixture.SECOND);
        chain.catchUp();

        List<Long> revs = fx.revisions(tenant);
        assertThat(revs).hasSize(2);
        assertThat(fx.chain(tenant)).containsExactly("REVISION:" + revs.get(0), "ACCESS:" + a1, "SHARE:" + s1, "REVISION:" + revs.get(1));

        List<Map<String, Object>> rows = jdbc.queryForList("select * from audit_chain where tenant_id = ? order by chain_pos", tenant);
        String prev = AuditContent.ZERO_HASH;
        long pos = 1;
        long lastSeq = 0;
        for (Map<String, Object> r : rows) {
            assertThat(r.get("chain_pos")).isEqualTo(pos++);
            assertThat(r.get("prev_hash")).isEqualTo(prev);
            assertThat((Long) r.get("seq")).isGreaterThan(lastSeq);
            String content = chain.contentText((String) r.get("entry_type"), (Long) r.get("entry_ref"));
            assertThat(r.get("content_hash")).isEqualTo(AuditContent.sha256(content));
            assertThat(r.get("entry_hash")).isEqualTo(AuditContent.entryHash(prev, (Long) r.get("seq"), tenant, (Long) r.get("chain_pos"),
                    (String) r.get("entry_type"), (Long) r.get("entry_ref"), (String) r.get("content_hash")));
            prev = (String) r.get("entry_hash");
            lastSeq = (Long) r.get("seq");
        }
        assertThat(jdbc.queryForObject("select fields from plugin_data_share where id = ?", String.class, s1)).isEqualTo("documento,endereco,nome");
        assertThat(verifier.verify(tenant).ok()).isTrue();
    }

    @Test
    void theCanonicalContentOfARevisionHoldsItsRowVersionsAndTheVersionsItClosed() {
        fx.importCsv(tenant, "a.csv", AuditFixture.FIRST);
        fx.importCsv(tenant, "b.csv", AuditFixture.SECOND);
        List<Long> revs = fx.revisions(tenant);
        long t2 = jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = 'T2'", Long.class, tenant);
        String second = chain.contentText("REVISION", revs.get(1));
        String[] lines = second.split("\n");
        assertThat(lines[0]).isEqualTo("REVISION " + revs.get(1));
        assertThat(lines[1]).startsWith("hub_revision {\"actor\":\"system\",\"correlation_id\":\"").contains("\"tenant_id\":\"" + tenant + "\"");
        assertThat(second).contains("receivable_aud {\"created_at\":\"")
                .contains("\"original_amount\":250.00,")
                .contains("\"due_date\":\"2026-12-20\"")
                .contains("\"rev\":" + revs.get(1) + ",\"revtype\":1,")
                .doesNotContain("revend")
                .contains("receivable_aud closes {\"id\":" + t2 + ",\"rev\":" + revs.get(0) + "}\n");
        // tables by name: customer_aud lines (if any) before receivable_aud lines
        String first = chain.contentText("REVISION", revs.get(0));
        assertThat(first.indexOf("customer_aud {")).isPositive().isLessThan(first.indexOf("receivable_aud {"));
        assertThat(first).matches("(?s).*\"created_at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\".*");
    }

    @Test
    void revisionsAndAccessRowsCarryTheRequestDetailsOfTheScope() {
        try (AuditContext.Scope s = AuditContext.open("sub-123", "ana.auditora", tenant, "data correction", "api",
                "203.0.113.7", "Mozilla/5.0 (X11)", "corr-42")) {
            fx.importCsv(tenant, "a.csv", AuditFixture.FIRST);
            accessLog.record(null, AccessLog.CUSTOMER, "7", "GET /api/tenants/{tenantId}/customers/{id}", "dispute");
            // Envers path: an entity saved through JPA inside the scope
            tenants.create(tenant + "-b", "Outro Cliente", "11.222.333/0001-81", 30, null);
            assertThat(AuditContext.current()).isSameAs(s);
        }
        assertThat(AuditContext.current().actor()).isEqualTo("system");
        Map<String, Object> bulk = jdbc.queryForMap("select * from hub_revision where tenant_id = ? order by id limit 1", tenant);
        assertThat(bulk).containsEntry("actor", "sub-123").containsEntry("actor_username", "ana.auditora")
                .containsEntry("client_address", "203.0.113.7").containsEntry("user_agent", "Mozilla/5.0 (X11)")
                .containsEntry("correlation_id", "corr-42").containsEntry("source", "plugin:erp-file")
                .containsEntry("reason", "import of a.csv");
        Map<String, Object> envers = jdbc.queryForMap("""
                select r.* from hub_revision r join tenant_aud t on t.rev = r.id where t.id = ?""", tenant + "-b");
        assertThat(envers).containsEntry("actor", "sub-123").containsEntry("actor_username", "ana.auditora")
                .containsEntry("client_address", "203.0.113.7").containsEntry("user_agent", "Mozilla/5.0 (X11)")
                .containsEntry("correlation_id", "corr-42").containsEntry("reason", "data correction");
        Map<String, Object> access = jdbc.queryForMap("select * from access_log where tenant_id = ?", tenant);
        assertThat(access).containsEntry("actor", "sub-123").containsEntry("actor_username", "ana.auditora")
                .containsEntry("subject_type", "CUSTOMER").containsEntry("subject_id", "7").containsEntry("purpose", "dispute")
                .containsEntry("client_address", "203.0.113.7").containsEntry("correlation_id", "corr-42");
    }

    @Test
    void aRowCommittedLateWithALowerIdIsChainedInItsPlaceNotSkipped() throws Exception {
        chain.catchUp();
        long late;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into access_log (at, actor, tenant_id, subject_type, subject_id, endpoint, purpose)
                    values (clock_timestamp(), 'slow', ?, 'CUSTOMER', '1', 'GET /slow', 'collection') returning id""")) {
                ps.setString(1, tenant);
                var rs = ps.executeQuery();
                rs.next();
                late = rs.getLong(1);
            }
            long early = accessLog.record(tenant, AccessLog.CUSTOMER, "2", "GET /fast", "collection");
            assertThat(early).isGreaterThan(late);
            chain.appendRound();
            assertThat(fx.chain(tenant)).as("nothing past an id a running transaction holds").isEmpty();
            c.commit();
        }
        chain.catchUp();
        assertThat(fx.chain(tenant)).hasSize(2).first().isEqualTo("ACCESS:" + late);
        assertThat(verifier.verify(tenant).ok()).isTrue();
    }

    @Test
    void concurrentWritersAndAppendersNeverForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        try (AuditContext.Scope scope = AuditContext.system("test-writer")) {
                            accessLog.record(tenant, AccessLog.CUSTOMER, String.valueOf(i), "GET /x", "collection");
                        }
                    }
                }));
            }
            for (int a = 0; a < 2; a++) {
                work.add(pool.submit(() -> {
                    try (AuditContext.Scope scope = AuditContext.system("test-appender")) {
                        for (int i = 0; i < 10; i++) {
                            chain.appendRound();
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        chain.catchUp();
        assertThat(fx.chain(tenant)).hasSize(200);
        assertThat(jdbc.queryForObject("select max(chain_pos) - min(chain_pos) + 1 from audit_chain where tenant_id = ?", Long.class, tenant))
                .isEqualTo(200L);
        assertThat(jdbc.queryForList("select entry_ref from audit_chain where tenant_id = ? order by chain_pos", Long.class, tenant))
                .isSorted();
        assertThat(verifier.verify(tenant).ok()).isTrue();
    }

    @Test
    void checkpointsAreSignedWithTheExportedEd25519Key() throws Exception {
        accessLog.record(tenant, AccessLog.CUSTOMER, "1", "GET /x", "collection");
        chain.catchUp();
        long id = chain.checkpointNow(tenant).orElseThrow();
        assertThat(chain.checkpointNow(tenant)).as("nothing new to sign").isEmpty();

        ResponseEntity<String> pem = http.exchange("/api/audit/public-key", org.springframework.http.HttpMethod.GET,
                bearer(), String.class);
        assertThat(pem.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(pem.getBody()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(AuditKeys.unpem(pem.getBody())));
        String keyId = AuditContent.sha256Hex(key.getEncoded()).substring(0, 16);
        assertThat(pem.getHeaders().getFirst("X-Audit-Key-Id")).isEqualTo(keyId);

        Map<String, Object> cp = jdbc.queryForMap("select * from audit_checkpoint where id = ?", id);
        Map<String, Object> head = jdbc.queryForMap("select seq, chain_pos, entry_hash from audit_chain where tenant_id = ? order by chain_pos desc limit 1", tenant);
        assertThat(cp).containsEntry("upto_seq", head.get("seq")).containsEntry("upto_pos", head.get("chain_pos"))
                .containsEntry("entry_hash", head.get("entry_hash")).containsEntry("key_id", keyId);
        OffsetDateTime signedAt = jdbc.queryForObject("select signed_at from audit_checkpoint where id = ?", OffsetDateTime.class, id);
        String message = "recebiveis-hub audit checkpoint v1\nchain=" + tenant + "\nupto_seq=" + head.get("seq") + "\nupto_pos="
                + head.get("chain_pos") + "\nentry_hash=" + head.get("entry_hash") + "\nsigned_at=" + AuditContent.utc(signedAt)
                + "\nkey_id=" + keyId + "\n";
        Signature sig = Signature.getInstance("Ed25519");
        sig.initVerify(key);
        sig.update(message.getBytes(StandardCharsets.UTF_8));
        assertThat(sig.verify(Base64.getDecoder().decode((String) cp.get("signature")))).isTrue();

        Path priv = keys.directory().resolve(AuditKeys.PRIVATE_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        assertThat(keys.directory()).isEqualTo(Path.of("target/it-hub/keys").toAbsolutePath().normalize());
    }

    @Test
    void theBackgroundAppenderChainsWithinMoments() {
        long a = accessLog.record(tenant, AccessLog.CUSTOMER, "1", "GET /x", "collection");
        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> fx.chain(tenant).contains("ACCESS:" + a));
    }

    @Test
    void theVerifyEndpointAnswersJson() {
        accessLog.record(tenant, AccessLog.CUSTOMER, "1", "GET /x", "collection");
        chain.catchUp();
        @SuppressWarnings("unchecked")
        Map<String, Object> r = http.exchange("/api/audit/verify?tenant=" + tenant, org.springframework.http.HttpMethod.GET,
                bearer(), Map.class).getBody();
        assertThat(r).containsEntry("ok", true).containsEntry("scope", tenant).containsEntry("entries", 1);
        assertThat(r.get("firstProblem")).isNull();
    }

    /** An auditor's token (audit endpoints are the auditors'; see docs/security.md). */
    private org.springframework.http.HttpEntity<Void> bearer() {
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        h.setBearerAuth(token(http, "m-aud", "m-aud-secret"));
        return new org.springframework.http.HttpEntity<>(h);
    }
}
