package br.com.recebiveishub.plugin.ofx;

import br.com.recebiveishub.sdk.StatementReader;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.SharedSamples;
import br.com.recebiveishub.testkit.conformance.ExpectedRejection;
import br.com.recebiveishub.testkit.conformance.StatementReaderConformance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * hub-testkit's statement suite on the real Banco do Brasil statement (one account, one entry,
 * README "Tests") and on an OFX 2 file written here with one entry per line, two of them broken
 * as the README's rejection rules describe (a month 13, an amount with 3 decimals).
 */
class OfxConformanceTest extends StatementReaderConformance {

    private static final String OFX2 = String.join("\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>",
            "<?OFX OFXHEADER=\"200\" VERSION=\"220\" SECURITY=\"NONE\" OLDFILEUID=\"NONE\" NEWFILEUID=\"NONE\"?>",
            "<OFX>",
            "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><STMTRS>",
            "<CURDEF>BRL</CURDEF>",
            "<BANKACCTFROM><BANKID>260</BANKID><BRANCHID>0001</BRANCHID><ACCTID>1234567-8</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>",
            "<BANKTRANLIST><DTSTART>20240101</DTSTART><DTEND>20240131</DTEND>",
            "<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20240115</DTPOSTED><TRNAMT>1500.00</TRNAMT><FITID>A1</FITID></STMTTRN>",
            "<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20241332</DTPOSTED><TRNAMT>10.00</TRNAMT><FITID>A2</FITID></STMTTRN>",
            "<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240116</DTPOSTED><TRNAMT>-12.345</TRNAMT><FITID>A3</FITID></STMTTRN>",
            "<STMTTRN><TRNTYPE>PIX</TRNTYPE><DTPOSTED>20240117</DTPOSTED><TRNAMT>99.90</TRNAMT><FITID>A4</FITID></STMTTRN>",
            "</BANKTRANLIST>",
            "<LEDGERBAL><BALAMT>1599.90</BALAMT><DTASOF>20240131</DTASOF></LEDGERBAL>",
            "</STMTRS></STMTTRNRS></BANKMSGSRSV1>",
            "</OFX>", "");

    @TempDir
    static Path dir;

    @Override
    protected StatementReader reader() {
        return new OfxStatementReader();
    }

    @Override
    protected List<Sample> samples() {
        Path bb = SharedSamples.sample("ofx/extrato-banco-do-brasil.ofx");
        return List.of(
                new Sample(new SourceFile("extrato-banco-do-brasil.ofx", bb), 1, 1, List.of()),
                new Sample(write("extrato-2.ofx", OFX2), 1, 2,
                        List.of(new ExpectedRejection(9, "STMTTRN/DTPOSTED"), new ExpectedRejection(10, "STMTTRN/TRNAMT"))));
    }

    @Override
    protected SourceFile unrelatedFile() {
        return write("titulos.csv", "id_titulo;documento;emissao\nT-1;NF 1;2024-01-01\n");
    }

    @Override
    protected SourceFile unreadableFile() {
        // Ends before </OFX>: truncated, refused whole (README "Rejections").
        return write("truncado.ofx", OFX2.substring(0, OFX2.indexOf("<STMTTRN><TRNTYPE>DEBIT")));
    }

    private static SourceFile write(String name, String content) {
        try {
            return new SourceFile(name, Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
