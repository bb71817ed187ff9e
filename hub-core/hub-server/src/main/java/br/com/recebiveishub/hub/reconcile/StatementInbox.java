package br.com.recebiveishub.hub.reconcile;

import br.com.recebiveishub.hub.platform.TenantInbox;
import br.com.recebiveishub.hub.tenant.TenantDirectories;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The tenant inbox for bank statements ({@code inbox/extrato}): each file is imported by
 * {@link StatementService}; one that is not applied moves to {@code error/} with its report.
 */
@Component
class StatementInbox implements TenantInbox {

    private final TenantDirectories dirs;
    private final StatementService statements;

    StatementInbox(TenantDirectories dirs, StatementService statements) {
        this.dirs = dirs;
        this.statements = statements;
    }

    @Override
    public String name() {
        return "statement-inbox";
    }

    @Override
    public Path folder(String tenantId) {
        return dirs.statementInbox(tenantId);
    }

    @Override
    public Outcome handle(String tenantId, SourceFile file) {
        StatementResult r = statements.importStatement(tenantId, file);
        return new Outcome(!"FAILED".equals(r.importReport().status()), r.summary() + System.lineSeparator());
    }
}
