package br.com.recebiveishub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.hub.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditor's search and export: by debtor, actor, entity and time, across tenants, each result
 * with its place in the hash chain and a proof checked here without the hub's code, from the
 * formulas docs/audit-guide.md gives (so a change to the hub's hashing that the guide does not
 * follow fails this test).
 */
class AuditExportTest extends HubIntegrationTest {

    private static final String T = "sec-x";

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.context.ApplicationContext hub;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private ResponseEntity<String> get(String path, String user) {
        return http.exchange(path, HttpMethod.GET, AuthorizationMatrix.withToken(HttpEntity.EMPTY, token(http, user, user + "-secret")),
                String.class);
    }

    private JsonNode search(String query) throws Exception {
        ResponseEntity<String> res = get("/api/audit/search?" + query, "m-aud");
        assertThat(res.getStatusCode().value()).as("%s", res.getBody()).isEqualTo(200);
        return json.readTree(res.getBody());
    }

    @Test
    void aDebtorsTrailIsFoundAcrossItsRowsAndItsProofVerifiesWithoutTheHub() throws Exception {
        SecurityFixture.ensure(T, hub);
        long ana = jdbc.queryForObject("select id from customer where tenant_id = ? and documento = '12345678909'", Long.class, T);
        long anaReceivable = jdbc.queryForObject("select id from receivable where tenant_id = ? and external_id = ?", Long.class, T, T + "-1");
        long bruno = jdbc.queryForObject("select id from customer where tenant_id = ? and documento = '11144477735'", Long.class, T);

        JsonNode export = search("tenant=" + T + "&debtor=123.456.789-09");
        List<String> what = new ArrayList<>();
        export.path("entries").forEach(e -> what.add(e.path("entryType").asText() + ": " + e.path("what").asText()));
        assertThat(what).as("%s", what)
                .anyMatch(w -> w.startsWith("REVISION") && w.contains("customer " + ana + " ADD"))
                .anyMatch(w -> w.startsWith("REVISION") && w.contains("receivable " + anaReceivable + " MOD")) // paid by the return
                .anyMatch(w -> w.startsWith("ACCESS") && w.contains("CUSTOMER " + ana + " read through GET /api/audit/search"))
                // a revision is a batch: the import's revision also wrote Bruno, but no read of Bruno's data is listed
                .noneMatch(w -> w.contains("CUSTOMER " + bruno + " read"));
        assertThat(export.path("entries")).allMatch(e -> T.equals(e.path("tenantId").asText()));
        assertThat(export.path("unchained").asInt()).isZero();
        assertThat(verify(export)).as("independent verification").isEmpty();

        // Without a tenant the search spans every tenant the auditor may see; a debtor no test uses finds nothing.
        SecurityFixture.ensure("sec-a", hub);
        List<String> tenants = new ArrayList<>();
        search("debtor=12345678909&type=ACCESS").path("entries").forEach(e -> tenants.add(e.path("tenantId").asText()));
        assertThat(tenants).contains(T, "sec-a");
        assertThat(search("debtor=71638492069").path("entries")).isEmpty();

        // The same export with one result's content changed (as if the file had been edited) fails at that entry.
        ObjectNode edited = (ObjectNode) export.deepCopy();
        ObjectNode first = (ObjectNode) edited.path("entries").get(0);
        first.put("content", first.path("content").asText().replace(T, "outro"));
        assertThat(verify(edited)).containsExactly("content of " + first.path("entryType").asText() + " "
                + first.path("entryRef").asLong() + " does not hash to its chain link");
    }

    @Test
    void aRowRewrittenInTheDatabaseShowsInTheNextExport() throws Exception {
        SecurityFixture.ensure(T, hub);
        JsonNode before = search("tenant=" + T + "&entity=receivable&type=REVISION");
        JsonNode target = before.path("entries").get(0);
        long rev = target.path("entryRef").asLong();
        String reason = jdbc.queryForObject("select reason from hub_revision where id = ?", String.class, rev);
        try {
            jdbc.update("update hub_revision set reason = 'nada a declarar' where id = ?", rev);
            JsonNode after = search("tenant=" + T + "&entity=receivable&type=REVISION");
            assertThat(verify(after)).containsExactly("content of REVISION " + rev + " does not hash to its chain link");
        } finally {
            jdbc.update("update hub_revision set reason = ? where id = ?", reason, rev);
        }
        assertThat(verify(search("tenant=" + T + "&entity=receivable&type=REVISION"))).isEmpty();
    }

    @Test
    void searchFiltersByActorAndTimeAndExportsCsvThatCarriesTheProof() throws Exception {
        SecurityFixture.ensure(T, hub);
        // the fixture ran as the system: a search for a person who never acted here finds nothing
        assertThat(search("tenant=" + T + "&actor=ninguem").path("entries")).isEmpty();
        JsonNode system = search("tenant=" + T + "&actor=system&type=REVISION");
        assertThat(system.path("entries")).isNotEmpty().allMatch(e -> "system".equals(e.path("actor").asText()));
        assertThat(search("tenant=" + T + "&to=2000-01-01T00:00:00Z").path("entries")).isEmpty();
        JsonNode future = search("tenant=" + T + "&from=" + Instant.now().plusSeconds(3600));
        assertThat(future.path("entries")).isEmpty();

        String csv = get("/api/audit/search?tenant=" + T + "&actor=system&type=REVISION&format=csv", "m-aud").getBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("kind;chain;chain_pos;seq;entry_type;entry_ref;at;actor;username;reason;source;correlation_id;"
                + "what;content_hash;prev_hash;entry_hash;content;detail");
        int links = 0;
        for (JsonNode p : system.path("proofs")) {
            links += p.path("links").size();
        }
        assertThat(csv.split("\r\n\"LINK\";", -1).length - 1).as("one LINK row per link of the proof").isGreaterThanOrEqualTo(links);
        assertThat(csv).contains("\r\n\"CHECKPOINT\";\"" + T + "\";").contains("\"KEY\";").contains("BEGIN PUBLIC KEY");

        // bad filters are named
        ResponseEntity<String> bad = get("/api/audit/search?entity=senha", "m-aud");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("entity: one of");
        assertThat(get("/api/audit/search?debtor=123", "m-aud").getBody()).contains("debtor: a CPF (11 digits) or CNPJ");
    }

    // ---- an auditor's verifier, written from docs/audit-guide.md ("Verifying an export") ----

    /** @return the problems found, empty when the export verifies */
    static List<String> verify(JsonNode export) throws Exception {
        List<String> problems = new ArrayList<>();
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(
                export.path("publicKeyPem").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        Map<String, JsonNode> linkByEntry = new HashMap<>();
        for (JsonNode proof : export.path("proofs")) {
            String chain = proof.path("chain").asText();
            String prev = null;
            long pos = proof.path("fromPos").asLong() - 1;
            for (JsonNode l : proof.path("links")) {
                if (l.path("chainPos").asLong() != pos + 1) {
                    problems.add(chain + ": position " + (pos + 1) + " missing");
                }
                pos = l.path("chainPos").asLong();
                if (prev != null && !prev.equals(l.path("prevHash").asText())) {
                    problems.add(chain + ": position " + pos + " does not link to the previous entry");
                }
                String recomputed = sha256(l.path("prevHash").asText() + "\n" + l.path("seq").asLong() + "\n" + chain + "\n" + pos + "\n"
                        + l.path("entryType").asText() + "\n" + l.path("entryRef").asLong() + "\n" + l.path("contentHash").asText());
                if (!recomputed.equals(l.path("entryHash").asText())) {
                    problems.add(chain + ": position " + pos + " entry hash does not recompute");
                }
                prev = l.path("entryHash").asText();
                linkByEntry.put(l.path("entryType").asText() + " " + l.path("entryRef").asLong(), l);
            }
            JsonNode cp = proof.path("checkpoint");
            if (cp.path("uptoPos").asLong() != pos || !cp.path("entryHash").asText().equals(prev)) {
                problems.add(chain + ": the proof does not end at its checkpoint");
            }
            String text = "recebiveis-hub audit checkpoint v1\nchain=" + chain + "\nupto_seq=" + cp.path("uptoSeq").asLong()
                    + "\nupto_pos=" + cp.path("uptoPos").asLong() + "\nentry_hash=" + cp.path("entryHash").asText() + "\nsigned_at="
                    + DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC)
                    .format(Instant.parse(cp.path("signedAt").asText())) + "\nkey_id=" + cp.path("keyId").asText() + "\n";
            Signature sig = Signature.getInstance("Ed25519");
            sig.initVerify(key);
            sig.update(text.getBytes(StandardCharsets.UTF_8));
            if (!sig.verify(Base64.getDecoder().decode(cp.path("signature").asText()))) {
                problems.add(chain + ": checkpoint signature does not verify");
            }
        }
        for (JsonNode e : export.path("entries")) {
            String id = e.path("entryType").asText() + " " + e.path("entryRef").asLong();
            JsonNode l = linkByEntry.get(id);
            if (l == null || !l.path("entryHash").asText().equals(e.path("link").path("entryHash").asText())) {
                problems.add(id + " is not covered by the proof");
            } else if (!sha256(e.path("content").asText()).equals(l.path("contentHash").asText())) {
                problems.add("content of " + id + " does not hash to its chain link");
            }
        }
        return problems;
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
