package br.com.recebiveishub.plugin.ofx;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.BankStatement;
import br.com.recebiveishub.sdk.model.StatementEntry;
import br.com.recebiveishub.sdk.model.StatementEntry.EntryKind;
import br.com.recebiveishub.sdk.model.StatementFile;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Simulated bank statements written as a Brazilian bank writes them (SGML, unclosed tags, header
 * CHARSET:1252 over UTF-8 or real windows-1252 bytes, trailing spaces, CRLF) read back equal.
 */
class OfxRoundTripProperties {

    /** The OFX 1.x TRNTYPE table (specification 11.4.3), written here independently of the reader. */
    static final Map<String, EntryKind> STANDARD = Map.ofEntries(
            Map.entry("CREDIT", EntryKind.CREDIT), Map.entry("DEBIT", EntryKind.DEBIT), Map.entry("INT", EntryKind.INTEREST),
            Map.entry("DIV", EntryKind.DIVIDEND), Map.entry("FEE", EntryKind.FEE), Map.entry("SRVCHG", EntryKind.SERVICE_CHARGE),
            Map.entry("DEP", EntryKind.DEPOSIT), Map.entry("ATM", EntryKind.ATM), Map.entry("POS", EntryKind.POINT_OF_SALE),
            Map.entry("XFER", EntryKind.TRANSFER), Map.entry("CHECK", EntryKind.CHECK), Map.entry("PAYMENT", EntryKind.PAYMENT),
            Map.entry("CASH", EntryKind.CASH), Map.entry("DIRECTDEP", EntryKind.DIRECT_DEPOSIT),
            Map.entry("DIRECTDEBIT", EntryKind.DIRECT_DEBIT), Map.entry("REPEATPMT", EntryKind.REPEAT_PAYMENT),
            Map.entry("OTHER", EntryKind.OTHER));

    private static final String TEXT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 áéíóúâêôãõçÁÉÍÓÚÇÃÕ&<>-*/º";

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.oneOf(Arbitraries.of(STANDARD.keySet()), Arbitraries.of("PIX", "TED", "DOC", "TARIFA", "BOLETO"));
    }

    @Provide
    Arbitrary<StatementEntry> entries() {
        Arbitrary<String> fitId = Arbitraries.strings().withChars("ABCDEF0123456789-").ofMinLength(1).ofMaxLength(30)
                .filter(s -> !s.isBlank() && !s.equals("-"));
        Arbitrary<LocalDate> date = Arbitraries.integers().between(0, 4000).map(d -> LocalDate.of(2014, 1, 1).plusDays(d));
        Arbitrary<BigDecimal> amount = Arbitraries.longs().between(-99_999_999L, 99_999_999L).filter(c -> c != 0)
                .map(c -> BigDecimal.valueOf(c, 2));
        Arbitrary<String> text = Arbitraries.strings().withChars(TEXT_CHARS).ofMinLength(1).ofMaxLength(40)
                .map(String::strip).filter(s -> !s.isEmpty()).injectNull(0.2);
        Arbitrary<String> check = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8).injectNull(0.5);
        return Combinators.combine(fitId, date, amount, types(), text, text, check, check)
                .as((f, d, a, t, memo, name, chk, ref) -> new StatementEntry(f, d, a, t, kindOf(t, a), memo, name, null, chk, ref, 0));
    }

    static EntryKind kindOf(String type, BigDecimal amount) {
        EntryKind k = STANDARD.get(type);
        return k != null ? k : amount.signum() > 0 ? EntryKind.OTHER_CREDIT : EntryKind.OTHER_DEBIT;
    }

    @Provide
    Arbitrary<BankStatement> statements() {
        Arbitrary<String> bank = Arbitraries.of("001", "104", "237", "341", "260", "077");
        Arbitrary<String> acct = Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(10).map(s -> s + "-" + s.charAt(0));
        Arbitrary<String> branch = Arbitraries.strings().numeric().ofLength(4).injectNull(0.5);
        Arbitrary<BigDecimal> bal = Arbitraries.longs().between(-10_000_000L, 10_000_000L).map(c -> BigDecimal.valueOf(c, 2)).injectNull(0.2);
        Arbitrary<List<StatementEntry>> es = entries().list().ofMaxSize(12).uniqueElements(StatementEntry::fitId);
        return Combinators.combine(bank, acct, branch, bal, es)
                .as((b, a, br, l, e) -> new BankStatement(b, br, a, "CHECKING", "BRL", LocalDate.of(2024, 1, 1),
                        LocalDate.of(2024, 1, 31), l, l == null ? null : LocalDate.of(2024, 1, 31), null, e));
    }

    @Provide
    Arbitrary<List<BankStatement>> files() {
        return statements().list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 300)
    void writtenStatementsReadBackEqual(@ForAll("files") List<BankStatement> generated,
                                        @ForAll boolean utf8, @ForAll boolean trailingSpaces, @ForAll boolean crlf) throws Exception {
        // One account per statement: FITIDs are unique per account, as a real bank's are.
        Set<String> accounts = new HashSet<>();
        List<BankStatement> statements = new ArrayList<>();
        for (BankStatement s : generated) {
            if (accounts.add(s.bankCode() + "/" + s.branch() + "/" + s.accountId())) {
                statements.add(s);
            }
        }
        if (statements.isEmpty()) {
            return;
        }
        Charset cs = utf8 ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        Path dir = Files.createTempDirectory("ofx-prop");
        try {
            byte[] bytes = OfxWriter.write(statements, cs, trailingSpaces, crlf);
            StatementFile read = new OfxStatementReader().read(TestFiles.file(dir, "sim.ofx", bytes));

            assertThat(read.rejections()).isEmpty();
            assertThat(read.statements()).hasSize(statements.size());
            for (int i = 0; i < statements.size(); i++) {
                BankStatement want = statements.get(i);
                BankStatement got = read.statements().get(i);
                assertThat(got.bankCode()).isEqualTo(want.bankCode());
                assertThat(got.branch()).isEqualTo(want.branch());
                assertThat(got.accountId()).isEqualTo(want.accountId());
                assertThat(got.ledgerBalance()).isEqualTo(want.ledgerBalance());
                assertThat(got.balanceDate()).isEqualTo(want.balanceDate());
                assertThat(got.periodStart()).isEqualTo(want.periodStart());
                assertThat(got.periodEnd()).isEqualTo(want.periodEnd());
                assertThat(got.entries()).hasSize(want.entries().size());
                for (int j = 0; j < want.entries().size(); j++) {
                    StatementEntry w = want.entries().get(j);
                    StatementEntry g = got.entries().get(j);
                    assertThat(new StatementEntry(g.fitId(), g.postedOn(), g.amount(), g.type(), g.kind(), g.memo(), g.payeeName(),
                            g.payeeDocument(), g.checkNumber(), g.referenceNumber(), 0)).isEqualTo(w);
                    assertThat(g.amount().scale()).isEqualTo(2);
                    assertThat(g.line()).isPositive();
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
