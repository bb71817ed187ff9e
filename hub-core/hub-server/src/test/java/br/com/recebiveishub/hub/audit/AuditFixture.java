package br.com.recebiveishub.hub.audit;

import br.com.recebiveishub.hub.ingest.ImportReport;
import br.com.recebiveishub.hub.ingest.IngestService;
import br.com.recebiveishub.hub.tenant.TenantService;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Audit trail test data: a tenant with revisions (CSV imports), access-log and data-sharing rows, chained. */
final class AuditFixture {

    static final String HEADER = "id_titulo;emissao;vencimento;valor;cpf_cnpj;nome;uf\n";
    static final String FIRST = """
            T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;SP
            T2;01/11/2026;15/12/2026;200,00;111.444.777-35;Bruno Lima;RJ
            """;
    static final String SECOND = """
            T1;01/11/2026;01/12/2026;100,00;123.456.789-09;Ana Souza;SP
            T2;01/11/2026;20/12/2026;250,00;111.444.777-35;Bruno Lima;RJ
            """;

    private final IngestService ingest;
    private final TenantService tenants;
    private final JdbcTemplate jdbc;
    private final Path dir;

    AuditFixture(IngestService ingest, TenantService tenants, JdbcTemplate jdbc, Path dir) {
        this.ingest = ingest;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.dir = dir;
    }

    void tenant(String tenant) {
        tenants.create(tenant, "Cliente Teste Ltda", "11.222.333/0001-81", 28, null);
    }

    ImportReport importCsv(String tenant, String name, String rows) {
        try {
            Path f = dir.resolve(tenant + "-" + name);
            Files.writeString(f, HEADER + rows, StandardCharsets.UTF_8);
            return ingest.importFile(tenant, new SourceFile(name, f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the tenant's revision ids, oldest first */
    List<Long> revisions(String tenant) {
        return jdbc.queryForList("select id from hub_revision where tenant_id = ? order by id", Long.class, tenant);
    }

    /** @return the tenant's chain as "TYPE:ref" in position order */
    List<String> chain(String tenant) {
        return jdbc.queryForList("select entry_type || ':' || entry_ref from audit_chain where tenant_id = ? order by chain_pos",
                String.class, tenant);
    }

    long seqOf(String type, long ref) {
        return jdbc.queryForObject("select seq from audit_chain where entry_type = ? and entry_ref = ?", Long.class, type, ref);
    }
}
