package br.com.recebiveishub.plugin.ofx;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.BankStatement;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.StatementEntry;
import br.com.recebiveishub.sdk.model.StatementEntry.EntryKind;
import br.com.recebiveishub.sdk.model.StatementFile;
import br.com.recebiveishub.testkit.SharedSamples;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The real Banco do Brasil statement of shared/samples/ofx (OFX 1.02 SGML, header CHARSET 1252,
 * bytes UTF-8, unclosed tags). Every expected value below was read off the file by hand.
 */
class OfxRealFileTest {

    private final OfxStatementReader reader = new OfxStatementReader();

    @Test
    void readsEveryValueOfTheBancoDoBrasilStatement() throws Exception {
        Path path = SharedSamples.sample("ofx/extrato-banco-do-brasil.ofx");
        SourceFile file = new SourceFile(path.getFileName().toString(), path);
        assertThat(reader.accepts(file)).isTrue();

        StatementFile read = reader.read(file);

        assertThat(read.rejections()).isEmpty();
        assertThat(read.format()).isEqualTo("OFX 102 SGML");
        // The header says CHARSET:1252; the bytes of "CRÉDITO" are UTF-8 (C3 89).
        assertThat(read.charset()).isEqualTo("UTF-8");
        assertThat(read.statements()).hasSize(1);

        BankStatement s = read.statements().get(0);
        assertThat(s.bankCode()).isEqualTo("001");                         // <BANKID>001
        assertThat(s.branch()).isNull();                                   // no <BRANCHID>
        assertThat(s.accountId()).isEqualTo("455000-5");                   // <ACCTID>455000-5
        assertThat(s.accountType()).isEqualTo("CHECKING");                 // <ACCTTYPE>CHECKING
        assertThat(s.currency()).isEqualTo("BRL");                         // <CURDEF>BRL
        assertThat(s.periodStart()).isEqualTo(LocalDate.of(2015, 10, 30)); // <DTSTART>20151030
        assertThat(s.periodEnd()).isEqualTo(LocalDate.of(2015, 11, 30));   // <DTEND>20151130
        assertThat(s.ledgerBalance()).isEqualTo("239.35");                 // <BALAMT>239.35 (scale 2)
        assertThat(s.balanceDate()).isEqualTo(LocalDate.of(2015, 12, 9));  // <DTASOF>20151209
        assertThat(s.availableBalance()).isNull();                         // no <AVAILBAL>

        assertThat(s.entries()).hasSize(1);
        StatementEntry e = s.entries().get(0);
        assertThat(e.fitId()).isEqualTo("20151103023955");                 // <FITID>
        assertThat(e.postedOn()).isEqualTo(LocalDate.of(2015, 11, 3));     // <DTPOSTED>20151103
        assertThat(e.amount()).isEqualTo("239.55");                        // <TRNAMT>239.55
        assertThat(e.amount().scale()).isEqualTo(2);
        assertThat(e.type()).isEqualTo("DEP");                             // <TRNTYPE>DEP
        assertThat(e.kind()).isEqualTo(EntryKind.DEPOSIT);
        assertThat(e.checkNumber()).isEqualTo("252602");                   // <CHECKNUM>252602
        assertThat(e.memo()).isEqualTo("DOC CRÉDITO EM CONTA");            // <MEMO>, UTF-8 despite CHARSET:1252
        assertThat(e.payeeName()).isNull();
        assertThat(e.payeeDocument()).isNull();
        assertThat(e.referenceNumber()).isNull();
        assertThat(e.line()).isEqualTo(43);                                // <STMTTRN> is on line 43
    }
}
