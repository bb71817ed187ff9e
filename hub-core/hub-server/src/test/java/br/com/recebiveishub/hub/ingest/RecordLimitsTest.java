package br.com.recebiveishub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The checks every record passes before it is applied, whichever connector read it (file or ERP API). */
class RecordLimitsTest {

    private static ReceivableRecord record(LocalDate issue, LocalDate due) {
        return new ReceivableRecord("BLING", "16338391520", "PV-7", issue, due, new BigDecimal("150.00"),
                new Debtor(Documento.parse("12345678909"), "Maria Souza", null, null, null), null, 3, "conta 16338391520");
    }

    @Test
    void aDueDateBeforeTheIssueDateIsRejectedNamingTheField() {
        var r = RecordLimits.check("api:erp-bling/receivables page 1", record(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 10, 1)));
        assertThat(r).isPresent();
        assertThat(r.get().field()).isEqualTo("vencimento");
        assertThat(r.get().reason()).isEqualTo("falls before the issue date (emissao)");
        assertThat(r.get().line()).isEqualTo(3);
    }

    @Test
    void aDueDateOnOrAfterTheIssueDatePasses() {
        assertThat(RecordLimits.check("f", record(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1)))).isEmpty();
        assertThat(RecordLimits.check("f", record(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)))).isEmpty();
        assertThat(RecordLimits.check("f", record(null, LocalDate.of(2026, 12, 1)))).isEmpty();
    }
}
