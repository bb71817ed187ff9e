package br.com.recebiveishub.plugin.ofx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.model.BankStatement;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import br.com.recebiveishub.sdk.model.StatementEntry;
import br.com.recebiveishub.sdk.model.StatementEntry.EntryKind;
import br.com.recebiveishub.sdk.model.StatementFile;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** One hand-written file per quirk Brazilian banks' OFX files have. */
class OfxQuirksTest {

    static final String HEADER_1252 = """
            OFXHEADER:100
            DATA:OFXSGML
            VERSION:102
            SECURITY:NONE
            ENCODING:USASCII
            CHARSET:1252
            COMPRESSION:NONE
            OLDFILEUID:NONE
            NEWFILEUID:NONE

            """;

    @TempDir
    Path dir;

    private final OfxStatementReader reader = new OfxStatementReader();

    private StatementFile read(String name, byte[] bytes) throws SourceFileException {
        return reader.read(TestFiles.file(dir, name, bytes));
    }

    private StatementFile read(String name, String text, Charset cs) throws SourceFileException {
        return read(name, text.getBytes(cs));
    }

    static String trn(String type, String date, String amount, String fitId, String memo) {
        return "<STMTTRN>\n<TRNTYPE>" + type + "\n<DTPOSTED>" + date + "\n<TRNAMT>" + amount + "\n<FITID>" + fitId
                + "\n<MEMO>" + memo + "\n</STMTTRN>\n";
    }

    static String stmt(String bank, String acct, String trns) {
        return "<STMTTRNRS>\n<TRNUID>1\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<STMTRS>\n<CURDEF>BRL\n"
                + "<BANKACCTFROM>\n<BANKID>" + bank + "\n<BRANCHID>1234\n<ACCTID>" + acct + "\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n"
                + "<BANKTRANLIST>\n<DTSTART>20240101\n<DTEND>20240131\n" + trns + "</BANKTRANLIST>\n"
                + "<LEDGERBAL>\n<BALAMT>1000.00\n<DTASOF>20240131\n</LEDGERBAL>\n</STMTRS>\n</STMTTRNRS>\n";
    }

    static String ofx(String... statements) {
        return HEADER_1252 + "<OFX>\n<BANKMSGSRSV1>\n" + String.join("", statements) + "</BANKMSGSRSV1>\n</OFX>\n";
    }

    @Test
    void severalStatementsInOneFileAreReadInOrderWithTheirOwnEntries() throws Exception {
        String cc = "<CREDITCARDMSGSRSV1>\n<CCSTMTTRNRS>\n<TRNUID>3\n<CCSTMTRS>\n<CURDEF>BRL\n<CCACCTFROM>\n<ACCTID>5555\n</CCACCTFROM>\n"
                + "<BANKTRANLIST>\n<DTSTART>20240101\n<DTEND>20240131\n" + trn("DEBIT", "20240105", "-99.90", "CC1", "LOJA") + "</BANKTRANLIST>\n"
                + "</CCSTMTRS>\n</CCSTMTTRNRS>\n</CREDITCARDMSGSRSV1>\n";
        String text = HEADER_1252 + "<OFX>\n<BANKMSGSRSV1>\n"
                + stmt("341", "11111-1", trn("CREDIT", "20240102", "10.00", "A1", "UM") + trn("DEBIT", "20240103", "-2.50", "A2", "DOIS"))
                + stmt("237", "22222-2", trn("CREDIT", "20240104", "30.00", "A1", "TRES"))
                + "</BANKMSGSRSV1>\n" + cc + "</OFX>\n";

        StatementFile f = read("multi.ofx", text, StandardCharsets.US_ASCII);

        assertThat(f.rejections()).isEmpty();
        assertThat(f.statements()).extracting(BankStatement::bankCode, BankStatement::accountId, BankStatement::accountType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("341", "11111-1", "CHECKING"),
                        org.assertj.core.groups.Tuple.tuple("237", "22222-2", "CHECKING"),
                        org.assertj.core.groups.Tuple.tuple(null, "5555", "CREDITCARD"));
        assertThat(f.statements().get(0).entries()).extracting(StatementEntry::fitId).containsExactly("A1", "A2");
        assertThat(f.statements().get(0).branch()).isEqualTo("1234");
        // The same FITID in another account is another movement.
        assertThat(f.statements().get(1).entries()).extracting(StatementEntry::fitId, StatementEntry::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A1", new java.math.BigDecimal("30.00")));
        assertThat(f.statements().get(2).entries()).extracting(StatementEntry::amount).containsExactly(new java.math.BigDecimal("-99.90"));
    }

    @Test
    void aHeaderThatSays1252OverUtf8BytesIsReadAsUtf8() throws Exception {
        String text = ofx(stmt("001", "1-1", trn("CREDIT", "20240102", "1.00", "F1", "PIX RECEBIDO JOSÉ CONCEIÇÃO")));
        StatementFile f = read("mente.ofx", text, StandardCharsets.UTF_8);
        assertThat(f.charset()).isEqualTo("UTF-8");
        assertThat(f.statements().get(0).entries().get(0).memo()).isEqualTo("PIX RECEBIDO JOSÉ CONCEIÇÃO");
    }

    @Test
    void aHeaderThatSaysUtf8OverWindows1252BytesIsReadAsWindows1252() throws Exception {
        String text = ofx(stmt("001", "1-1", trn("CREDIT", "20240102", "1.00", "F1", "TARIFA AÇÃO Nº 5")))
                .replace("ENCODING:USASCII", "ENCODING:UTF-8").replace("CHARSET:1252", "CHARSET:NONE");
        StatementFile f = read("latin.ofx", text, Charset.forName("windows-1252"));
        assertThat(f.charset()).isEqualTo("windows-1252");
        assertThat(f.statements().get(0).entries().get(0).memo()).isEqualTo("TARIFA AÇÃO Nº 5");
    }

    @Test
    void trailingSpacesTabsAndCrlfAreIgnored() throws Exception {
        String text = ofx(stmt("104 ", "0001-9   ", "<STMTTRN>   \n<TRNTYPE>DEBIT   \n<DTPOSTED>20240102   \n<TRNAMT>-50.00    \n"
                + "<FITID>X9   \t\n<CHECKNUM>77  \n<MEMO>SAQUE 24H    \n</STMTTRN>  \n")).replace("\n", "\r\n");
        StatementFile f = read("espacos.ofx", text, StandardCharsets.US_ASCII);
        assertThat(f.rejections()).isEmpty();
        BankStatement s = f.statements().get(0);
        assertThat(s.bankCode()).isEqualTo("104");
        assertThat(s.accountId()).isEqualTo("0001-9");
        StatementEntry e = s.entries().get(0);
        assertThat(e.fitId()).isEqualTo("X9");
        assertThat(e.amount()).isEqualTo("-50.00");
        assertThat(e.memo()).isEqualTo("SAQUE 24H");
        assertThat(e.checkNumber()).isEqualTo("77");
        assertThat(e.type()).isEqualTo("DEBIT");
    }

    @Test
    void nonStandardTypesAreKeptWithAKindByTheirSign() throws Exception {
        String text = ofx(stmt("077", "9-9",
                trn("PIX", "20240102", "150.00", "P1", "PIX RECEBIDO")
                        + trn("TARIFA", "20240102", "-12.90", "P2", "TARIFA PACOTE")
                        + trn("xfer", "20240102", "-5.00", "P3", "TED ENVIADA")
                        + trn("SRVCHG", "20240102", "-1.00", "P4", "IOF")));
        List<StatementEntry> es = read("tipos.ofx", text, StandardCharsets.US_ASCII).statements().get(0).entries();
        assertThat(es).extracting(StatementEntry::type, StatementEntry::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PIX", EntryKind.OTHER_CREDIT),
                org.assertj.core.groups.Tuple.tuple("TARIFA", EntryKind.OTHER_DEBIT),
                org.assertj.core.groups.Tuple.tuple("xfer", EntryKind.TRANSFER),
                org.assertj.core.groups.Tuple.tuple("SRVCHG", EntryKind.SERVICE_CHARGE));
    }

    @Test
    void datesWithOffsetsAndMislabelledZonesAreSaoPauloBusinessDates() throws Exception {
        String text = ofx(stmt("001", "1-1",
                trn("CREDIT", "20140102100000[-03:EST]", "1.00", "D1", "a")
                        + trn("CREDIT", "20140102010000[0:GMT]", "1.00", "D2", "b")
                        + trn("CREDIT", "20140102000000[0:GMT]", "1.00", "D3", "c")
                        + trn("CREDIT", "20140102235959[-5:EST]", "1.00", "D4", "d")
                        + trn("CREDIT", "20140102120000.000[-3:BRT]", "1.00", "D5", "e")
                        + trn("CREDIT", "20140102", "1.00", "D6", "f")));
        List<StatementEntry> es = read("datas.ofx", text, StandardCharsets.US_ASCII).statements().get(0).entries();
        assertThat(es).extracting(StatementEntry::postedOn).containsExactly(
                LocalDate.of(2014, 1, 2),  // 10:00 at -03 is 10:00 in São Paulo (the zone name EST is ignored)
                LocalDate.of(2014, 1, 1),  // 01:00 GMT is 23:00 of the day before in São Paulo
                LocalDate.of(2014, 1, 2),  // midnight: a date-only booking, taken as written
                LocalDate.of(2014, 1, 3),  // 23:59:59 at -05 is 01:59:59 the next day in São Paulo
                LocalDate.of(2014, 1, 2),
                LocalDate.of(2014, 1, 2));
    }

    @Test
    void badEntriesAreRejectedWithFileLineFieldAndReasonWhileGoodOnesProceed() throws Exception {
        String text = ofx(stmt("001", "1-1",
                trn("CREDIT", "20240102", "10.00", "OK1", "bom")            // STMTTRN on line 30
                        + trn("CREDIT", "20241332", "10.00", "BAD1", "data")    // 37; DTPOSTED on 39: month 13
                        + trn("CREDIT", "20240102", "12.345", "BAD2", "valor")  // 44; TRNAMT on 47: 3 decimals
                        + "<STMTTRN>\n<TRNTYPE>CREDIT\n<DTPOSTED>20240102\n<TRNAMT>1.00\n<MEMO>sem id\n</STMTTRN>\n" // 51, no FITID
                        + trn("CREDIT", "20240103", "1.234,56", "OK2", "virgula")  // 57
                        + trn("CREDIT", "20240104", "5.00", "OK1", "repetido")));  // 64; FITID on 68
        StatementFile f = read("ruins.ofx", text, StandardCharsets.US_ASCII);

        assertThat(f.statements().get(0).entries()).extracting(StatementEntry::fitId, StatementEntry::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OK1", new java.math.BigDecimal("10.00")),
                org.assertj.core.groups.Tuple.tuple("OK2", new java.math.BigDecimal("1234.56")));
        assertThat(f.rejections()).hasSize(4);
        RecordRejection data = f.rejections().get(0);
        assertThat(data.file()).isEqualTo("ruins.ofx");
        assertThat(data.line()).isEqualTo(39);
        assertThat(data.field()).isEqualTo("STMTTRN/DTPOSTED");
        assertThat(data.record()).isEqualTo("statement 1 entry 2 FITID BAD1");
        assertThat(data.reason()).contains("20241332");
        RecordRejection valor = f.rejections().get(1);
        assertThat(valor.line()).isEqualTo(47);
        assertThat(valor.field()).isEqualTo("STMTTRN/TRNAMT");
        assertThat(valor.reason()).contains("more than 2 decimal places");
        RecordRejection semId = f.rejections().get(2);
        assertThat(semId.line()).isEqualTo(51);
        assertThat(semId.field()).isEqualTo("STMTTRN/FITID");
        assertThat(semId.reason()).contains("FITID missing");
        RecordRejection repetido = f.rejections().get(3);
        assertThat(repetido.line()).isEqualTo(68);
        assertThat(repetido.reason()).contains("repeated").contains("line 30");
        // As the module README shows them.
        assertThat(f.rejections()).extracting(RecordRejection::toString).containsExactly(
                "ruins.ofx:39 [statement 1 entry 2 FITID BAD1] STMTTRN/DTPOSTED: '20241332' is not a valid date: "
                        + "Invalid value for MonthOfYear (valid values 1 - 12): 13",
                "ruins.ofx:47 [statement 1 entry 3 FITID BAD2] STMTTRN/TRNAMT: '12.345' has more than 2 decimal places",
                "ruins.ofx:51 [statement 1 entry 4] STMTTRN/FITID: FITID missing: the entry has no id to import it once",
                "ruins.ofx:68 [statement 1 entry 6 FITID OK1] STMTTRN/FITID: FITID repeated in the same account "
                        + "(first at line 30): the entry is not imported twice");
        // No personal data (memo) in any reason.
        assertThat(f.rejections()).allSatisfy(r -> assertThat(r.reason()).doesNotContain("sem id").doesNotContain("repetido"));
    }

    @Test
    void aStatementWithoutAccountIsRejectedWholeAndTheOthersProceed() throws Exception {
        String semConta = stmt("001", "", trn("CREDIT", "20240102", "1.00", "Z1", "x"));
        String text = ofx(semConta, stmt("001", "2-2", trn("CREDIT", "20240102", "2.00", "Z2", "y")));
        StatementFile f = read("semconta.ofx", text, StandardCharsets.US_ASCII);
        assertThat(f.statements()).extracting(BankStatement::accountId).containsExactly("2-2");
        assertThat(f.rejections()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("BANKACCTFROM/ACCTID");
            assertThat(r.record()).isEqualTo("statement 1");
            assertThat(r.line()).isEqualTo(21); // <BANKACCTFROM>
            assertThat(r.reason()).contains("1 entries");
        });
    }

    @Test
    void aValidCpfOrCnpjInTheEntryBecomesThePayeeDocument() throws Exception {
        String text = ofx(stmt("001", "1-1",
                "<STMTTRN>\n<TRNTYPE>PIX\n<DTPOSTED>20240102\n<TRNAMT>10.00\n<FITID>Q1\n<NAME>COBRANCAS EXEMPLO\n"
                        + "<MEMO>PIX REC 11.222.333/0001-81\n</STMTTRN>\n"
                        + "<STMTTRN>\n<TRNTYPE>PIX\n<DTPOSTED>20240102\n<TRNAMT>10.00\n<FITID>Q2\n<NAME>52998224725\n</STMTTRN>\n"
                        + "<STMTTRN>\n<TRNTYPE>PIX\n<DTPOSTED>20240102\n<TRNAMT>10.00\n<FITID>Q3\n<MEMO>PIX REC 11.222.333/0001-82\n</STMTTRN>\n"));
        List<StatementEntry> es = read("doc.ofx", text, StandardCharsets.US_ASCII).statements().get(0).entries();
        assertThat(es.get(0).payeeDocument()).isEqualTo(Documento.cnpj("11222333000181"));
        assertThat(es.get(0).payeeName()).isEqualTo("COBRANCAS EXEMPLO");
        assertThat(es.get(1).payeeDocument()).isEqualTo(Documento.cpf("52998224725"));
        assertThat(es.get(2).payeeDocument()).as("wrong check digits").isNull();
        assertThat(es.get(0).toString()).doesNotContain("11.222.333").doesNotContain("COBRANCAS");
    }

    @Test
    void ofx2XmlIsRead() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="no"?>
                <?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
                <OFX>
                  <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
                    <DTSERVER>20240201120000[-3:BRT]</DTSERVER><LANGUAGE>POR</LANGUAGE></SONRS></SIGNONMSGSRSV1>
                  <BANKMSGSRSV1>
                    <STMTTRNRS>
                      <TRNUID>1</TRNUID>
                      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
                      <STMTRS>
                        <CURDEF>BRL</CURDEF>
                        <BANKACCTFROM><BANKID>260</BANKID><BRANCHID>0001</BRANCHID><ACCTID>1234567-8</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
                        <BANKTRANLIST>
                          <DTSTART>20240101000000[-3:BRT]</DTSTART>
                          <DTEND>20240131000000[-3:BRT]</DTEND>
                          <STMTTRN>
                            <TRNTYPE>CREDIT</TRNTYPE>
                            <DTPOSTED>20240115000000[-3:BRT]</DTPOSTED>
                            <TRNAMT>1500.00</TRNAMT>
                            <FITID>65a4f1b2-0001</FITID>
                            <MEMO>Transferência recebida pelo Pix &amp; cia</MEMO>
                          </STMTTRN>
                        </BANKTRANLIST>
                        <LEDGERBAL><BALAMT>1500.00</BALAMT><DTASOF>20240131000000[-3:BRT]</DTASOF></LEDGERBAL>
                        <AVAILBAL><BALAMT>1400.00</BALAMT><DTASOF>20240131000000[-3:BRT]</DTASOF></AVAILBAL>
                      </STMTRS>
                    </STMTTRNRS>
                  </BANKMSGSRSV1>
                </OFX>
                """;
        StatementFile f = read("nu.ofx", xml, StandardCharsets.UTF_8);
        assertThat(f.format()).isEqualTo("OFX 220 XML");
        assertThat(f.rejections()).isEmpty();
        BankStatement s = f.statements().get(0);
        assertThat(s.bankCode()).isEqualTo("260");
        assertThat(s.branch()).isEqualTo("0001");
        assertThat(s.accountId()).isEqualTo("1234567-8");
        assertThat(s.availableBalance()).isEqualTo("1400.00");
        StatementEntry e = s.entries().get(0);
        assertThat(e.memo()).isEqualTo("Transferência recebida pelo Pix & cia");
        assertThat(e.postedOn()).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(e.line()).isEqualTo(16); // <STMTTRN> is the 16th line of the text above
    }

    @Test
    void anXxeAttemptIsRefusedAndNothingIsRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        java.nio.file.Files.writeString(secret, "TOP-SECRET-VALUE");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE OFX [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<?OFX OFXHEADER=\"200\" VERSION=\"220\"?>\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>BRL</CURDEF>"
                + "<BANKACCTFROM><BANKID>001</BANKID><ACCTID>1</ACCTID></BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>CREDIT</TRNTYPE>"
                + "<DTPOSTED>20240101</DTPOSTED><TRNAMT>1.00</TRNAMT><FITID>1</FITID><MEMO>&xxe;</MEMO></STMTTRN></BANKTRANLIST>"
                + "</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
        assertThatThrownBy(() -> read("xxe.ofx", xml, StandardCharsets.UTF_8))
                .isInstanceOf(SourceFileException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET-VALUE")
                .satisfies(e -> assertThat(((SourceFileException) e).line()).isEqualTo(2));
    }

    @Test
    void theXmlParserItselfRefusesADoctypeEvenWithoutTheTextCheck() throws Exception {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE OFX [ <!ENTITY a \"b\"> ]><OFX>&a;</OFX>";
        assertThatThrownBy(() -> XmlParser.factory().newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler()))
                .isInstanceOf(SAXParseException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void unreadableFilesRaiseSourceFileException() {
        assertThatThrownBy(() -> read("extrato.ofx", "data;valor\n2024-01-01;10,00\n", StandardCharsets.US_ASCII))
                .isInstanceOf(SourceFileException.class).hasMessageContaining("not an OFX file");
        assertThatThrownBy(() -> read("vazio.ofx", new byte[0])).isInstanceOf(SourceFileException.class).hasMessageContaining("empty");
        String inteiro = ofx(stmt("001", "1-1", trn("CREDIT", "20240102", "1.00", "T1", "x")));
        String truncado = inteiro.substring(0, inteiro.indexOf("</BANKTRANLIST>"));
        assertThatThrownBy(() -> read("truncado.ofx", truncado, StandardCharsets.US_ASCII))
                .isInstanceOf(SourceFileException.class).hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((SourceFileException) e).line()).isEqualTo(37)); // where the text stops
        String semExtrato = HEADER_1252 + "<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n</STATUS>\n</SONRS>\n</SIGNONMSGSRSV1>\n</OFX>\n";
        assertThatThrownBy(() -> read("so-signon.ofx", semExtrato, StandardCharsets.US_ASCII))
                .isInstanceOf(SourceFileException.class).hasMessageContaining("no bank or credit-card statement");
        String xmlQuebrado = "<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"220\"?>\n<OFX>\n<BANKMSGSRSV1>\n</OFX>\n";
        assertThatThrownBy(() -> read("quebrado.ofx", xmlQuebrado, StandardCharsets.US_ASCII))
                .isInstanceOf(SourceFileException.class).hasMessageContaining("not well-formed")
                .satisfies(e -> assertThat(((SourceFileException) e).line()).isEqualTo(5));
    }

    @Test
    void acceptsByNameOrByContent() {
        SourceFile byName = TestFiles.file(dir, "EXTRATO.OFX", "x".getBytes(StandardCharsets.US_ASCII));
        SourceFile byContent = TestFiles.file(dir, "extrato.txt", HEADER_1252.getBytes(StandardCharsets.US_ASCII));
        SourceFile csv = TestFiles.file(dir, "extrato.csv", "data;valor\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(reader.accepts(byName)).isTrue();
        assertThat(reader.accepts(byContent)).isTrue();
        assertThat(reader.accepts(csv)).isFalse();
        assertThat(reader.format()).isEqualTo("OFX");
    }
}
