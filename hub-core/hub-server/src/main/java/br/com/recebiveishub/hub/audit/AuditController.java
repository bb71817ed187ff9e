package br.com.recebiveishub.hub.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

    public AuditController(AuditVerifier verifier, AuditKeys keys) {
        this.verifier = verifier;
        this.keys = keys;
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
