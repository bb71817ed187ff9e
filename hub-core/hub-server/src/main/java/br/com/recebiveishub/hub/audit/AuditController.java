package br.com.recebiveishub.hub.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' proof: verify the tamper-evident trail, and export the key that signs its checkpoints. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit")
public class AuditController {

    private final AuditVerifier verifier;
    private final AuditKeys keys;
    private final AuditSearch search;

    public AuditController(AuditVerifier verifier, AuditKeys keys, AuditSearch search) {
        this.verifier = verifier;
        this.keys = keys;
        this.search = search;
    }

    @GetMapping("/search")
    @Operation(summary = "Search the audit trail across the tenants the caller may see, exported with its chain proof",
            description = "Filters: tenant, debtor (CPF/CNPJ), actor (subject or username), entity (+ entityId), from/to (ISO "
                    + "instants), type (REVISION, ACCESS, SHARE; repeatable). format=json (default) or csv. Each result carries its "
                    + "chain link and canonical content; per chain, the proof holds every link from the first result to a signed "
                    + "checkpoint, which an auditor verifies with the public key (docs/audit-guide.md). A debtor search is itself "
                    + "recorded in the access log.")
    public ResponseEntity<?> search(@RequestParam(required = false) String tenant, @RequestParam(required = false) String debtor,
                                    @RequestParam(required = false) String actor, @RequestParam(required = false) String entity,
                                    @RequestParam(required = false) Long entityId,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                    @RequestParam(name = "type", required = false) List<String> types,
                                    @RequestParam(defaultValue = "json") String format,
                                    @RequestParam(defaultValue = "500") int limit) {
        if (!"json".equalsIgnoreCase(format) && !"csv".equalsIgnoreCase(format)) {
            throw new IllegalArgumentException("format: json or csv");
        }
        AuditSearch.Result r = search.search(new AuditSearch.Query(blank(tenant), blank(debtor), blank(actor), blank(entity), entityId,
                from, to, types == null ? Set.of() : types.stream().map(t -> t.toUpperCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet()), limit), "GET /api/audit/search");
        if ("json".equalsIgnoreCase(format)) {
            return ResponseEntity.ok(r);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-search.csv\"").body(csv(r));
    }

    /**
     * The export as one CSV: ENTRY rows (the results), LINK rows (the other entries of each proof's
     * range, hashes only), a CHECKPOINT row per chain (signature and signed text in detail) and a
     * KEY row with the public key, so the file alone is enough to verify.
     */
    static String csv(AuditSearch.Result r) {
        StringBuilder out = new StringBuilder("kind;chain;chain_pos;seq;entry_type;entry_ref;at;actor;username;reason;source;"
                + "correlation_id;what;content_hash;prev_hash;entry_hash;content;detail\r\n");
        for (AuditSearch.Entry e : r.entries()) {
            AuditSearch.Link l = e.link();
            row(out, "ENTRY", AuditContent.chainName(e.tenantId()), l == null ? null : l.chainPos(), l == null ? null : l.seq(),
                    e.entryType(), e.entryRef(), e.at().toString(), e.actor(), e.username(), e.reason(), e.source(), e.correlationId(),
                    e.what(), l == null ? null : l.contentHash(), l == null ? null : l.prevHash(), l == null ? null : l.entryHash(),
                    e.content(), l == null ? "not in the chain yet: no proof" : null);
        }
        for (AuditSearch.ChainProof p : r.proofs()) {
            for (AuditSearch.Link l : p.links()) {
                row(out, "LINK", p.chain(), l.chainPos(), l.seq(), l.entryType(), l.entryRef(), null, null, null, null, null, null, null,
                        l.contentHash(), l.prevHash(), l.entryHash(), null, null);
            }
            AuditSearch.Checkpoint c = p.checkpoint();
            row(out, "CHECKPOINT", p.chain(), c.uptoPos(), c.uptoSeq(), null, null, c.signedAt(), null, null, null, null, null,
                    "key " + c.keyId(), null, null, c.entryHash(), c.signedText(), "signature=" + c.signature());
        }
        row(out, "KEY", null, null, null, null, null, null, null, null, null, null, null, r.keyAlgorithm(), null, null, null,
                r.publicKeyPem(), r.note());
        return out.toString();
    }

    private static void row(StringBuilder out, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(';');
            }
            Object v = cells[i];
            out.append(v instanceof Number ? v.toString() : AuditTrailController.cell(v == null ? null : v.toString()));
        }
        out.append("\r\n");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @GetMapping("/verify")
    @Operation(summary = "Recompute the audit hash chain and check its signed checkpoints",
            description = "tenant: one tenant's chain; '-': the hub-wide chain; absent: every chain. The result names the first "
                    + "problem (ALTERED, DELETED, INSERTED, BAD_SIGNATURE) in chain order.")
    public AuditVerifier.Result verify(@RequestParam(required = false) String tenant) {
        return verifier.verify(tenant == null || tenant.isBlank() ? null : tenant);
    }

    @GetMapping(value = "/public-key", produces = "application/x-pem-file")
    @Operation(summary = "The Ed25519 public key (PEM, SubjectPublicKeyInfo) that verifies the audit checkpoints",
            description = "The X-Audit-Key-Id header carries the key id: the first 16 hex digits of SHA-256 of the key's DER encoding.")
    public ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().header("X-Audit-Key-Id", keys.keyId())
                .contentType(MediaType.parseMediaType("application/x-pem-file")).body(keys.publicKeyPem());
    }
}
