package br.com.recebiveishub.hub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code ./hub verify-audit [TENANT]}: started with {@code --hub.audit.verify=true} (and optionally
 * {@code --hub.audit.verify-tenant=acme} or {@code -} for the hub-wide chain), the hub verifies the
 * audit trail read-only (the chain appender stays off), prints the result and exits: 0 when intact,
 * 1 when a problem was found, 2 when verification could not run.
 */
@Component
@ConditionalOnProperty(name = "hub.audit.verify", havingValue = "true")
public class AuditVerifyCommand implements ApplicationRunner {

    private final AuditVerifier verifier;
    private final ConfigurableApplicationContext context;
    private final ObjectMapper json;
    private final String tenant;

    public AuditVerifyCommand(AuditVerifier verifier, ConfigurableApplicationContext context, ObjectMapper json,
                              @Value("${hub.audit.verify-tenant:}") String tenant) {
        this.verifier = verifier;
        this.context = context;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.tenant = tenant;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code;
        try {
            AuditVerifier.Result r;
            try (AuditContext.Scope system = AuditContext.system("command:verify-audit")) {
                r = verifier.verify(tenant.isBlank() ? null : tenant);
            }
            print(r, System.out);
            code = r.ok() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("verify-audit: could not verify: " + e);
            code = 2;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    void print(AuditVerifier.Result r, PrintStream out) {
        if (r.ok()) {
            out.printf("AUDIT TRAIL INTACT: scope %s, %d entries, %d checkpoints, %d pending, %d ms (%d entries/s), key %s%n",
                    r.scope(), r.entries(), r.checkpoints(), r.pending(), r.millis(), r.entriesPerSecond(), r.keyId());
        } else {
            AuditVerifier.Problem p = r.firstProblem();
            out.printf("AUDIT TRAIL PROBLEM: %s %s%n  %s%n  (%d problem(s); scope %s, %d entries checked)%n", p.kind(),
                    p.seq() != null ? "at seq " + p.seq() : "", p.detail(), r.problemCount(), r.scope(), r.entries());
        }
        try {
            out.println(json.writeValueAsString(r));
        } catch (Exception e) {
            out.println(r);
        }
    }
}
