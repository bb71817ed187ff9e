package br.com.recebiveishub.hub.ingest;

import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the canonical model can hold, checked per record before anything is written: a value the
 * database would refuse must become that record's rejection (naming the field), not a failure of
 * the whole file. The limits mirror the column sizes of V1__canonical_model.sql.
 */
final class RecordLimits {

    /** numeric(15,2): 13 integer digits. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");

    private RecordLimits() {
    }

    static Optional<RecordRejection> check(String file, ReceivableRecord r) {
        Debtor d = r.debtor();
        Endereco e = d.endereco();
        String[][] fields = {
                {"origem", r.sourceSystem(), "40"}, {"id_titulo", r.externalId(), "120"}, {"documento", r.documentNumber(), "60"},
                {"nome", d.nome(), "200"}, {"email", d.email(), "200"}, {"telefone", d.telefone(), "20"},
                {"logradouro", e == null ? null : e.logradouro(), "200"}, {"numero", e == null ? null : e.numero(), "20"},
                {"complemento", e == null ? null : e.complemento(), "100"}, {"bairro", e == null ? null : e.bairro(), "100"},
                {"municipio", e == null ? null : e.municipio(), "100"}, {"uf", e == null ? null : e.uf(), "2"},
                {"cep", e == null ? null : e.cep(), "8"}};
        for (String[] f : fields) {
            if (f[1] != null && f[1].length() > Integer.parseInt(f[2])) {
                return Optional.of(reject(file, r, f[0], "longer than " + f[2] + " characters (" + f[1].length() + ")"));
            }
        }
        if (r.sourceSystem() == null || r.sourceSystem().isBlank() || r.externalId() == null || r.externalId().isBlank()) {
            return Optional.of(reject(file, r, "id_titulo", "the record has no identifier in its source system"));
        }
        if (r.amount() == null || r.amount().signum() <= 0) {
            return Optional.of(reject(file, r, "valor", "must be positive"));
        }
        if (r.amount().scale() > 2) {
            return Optional.of(reject(file, r, "valor", "more than 2 decimals"));
        }
        if (r.amount().compareTo(MAX_AMOUNT) > 0) {
            return Optional.of(reject(file, r, "valor", "above the largest amount the hub holds (9.999.999.999.999,99)"));
        }
        if (r.dueDate() == null) {
            return Optional.of(reject(file, r, "vencimento", "missing"));
        }
        if (r.issueDate() != null && r.dueDate().isBefore(r.issueDate())) {
            // The same rule as a correction of the due date; an ERP API can hand such a record over even where its own
            // screens would not (the file readers reject it themselves).
            return Optional.of(reject(file, r, "vencimento", "falls before the issue date (emissao)"));
        }
        return Optional.empty();
    }

    private static RecordRejection reject(String file, ReceivableRecord r, String field, String reason) {
        String ref = r.recordRef() == null ? null : r.recordRef().length() > 120 ? r.recordRef().substring(0, 119) + "…" : r.recordRef();
        return new RecordRejection(file, r.line(), ref, field, reason);
    }
}
