package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.SharedSamples;
import br.com.recebiveishub.testkit.conformance.PaymentProviderConformance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * hub-testkit's boleto suite: the bank rows of shared/samples/boleto/vectors.tsv (Caixa SIGCB
 * manual 5.1/5.5, caelum-stella's Banco do Brasil and Bradesco cases) and the real Caixa CNAB 240
 * and Bradesco CNAB 400 returns, whose nosso números are listed as read off the files (README).
 */
class BoletoConformanceTest extends PaymentProviderConformance {

    @TempDir
    static Path dir;

    @Override
    protected PaymentProvider provider() {
        return new BoletoProvider();
    }

    @Override
    protected List<IssueVector> issueVectors() {
        return List.of(
                // Caixa SIGCB manual 5.1: beneficiary 005507, nosso número 14/222333777777777, due 2006-08-23, R$ 321,12.
                new IssueVector(new BankAccount("104", "1234", "0", "1", "0", "14", "005507", "X", Fixtures.CNPJ_BENEFICIARIO, null),
                        request(222333777777777L, LocalDate.of(2006, 8, 23), "321.12"),
                        "10494324200000321120055077222133347777777771", "10490.05505 77222.133348 77777.777713 4 32420000032112",
                        "222333777777777"),
                // Banco do Brasil, convênio 1207113 (7 digits), complement 0009000206, carteira 18, due 2008-05-02, R$ 40,00.
                new IssueVector(new BankAccount("001", "1234", "3", "12345", "5", "18", "1207113", "X", Fixtures.CNPJ_BENEFICIARIO, null),
                        request(9000206L, LocalDate.of(2008, 5, 2), "40.00"),
                        "00195386000000040000000001207113000900020618", "00190.00009 01207.113000 09000.206186 5 38600000004000",
                        "12071130009000206"),
                // Bradesco: agência 2949, carteira 06, nosso número 3, conta 0006580; factor 3168 = 2006-06-10; R$ 1,00.
                new IssueVector(new BankAccount("237", "2949", "1", "6580", "0", "06", "1", "X", Fixtures.CNPJ_BENEFICIARIO, null),
                        request(3L, LocalDate.of(2006, 6, 10), "1.00"),
                        "23796316800000001002949060000000000300065800", "23792.94909 60000.000004 03000.658009 6 31680000000100",
                        "3"));
    }

    @Override
    protected RemessaCase remessaCase() {
        return new RemessaCase(Fixtures.caixa(), List.of(
                Fixtures.pedido(1001, LocalDate.of(2026, 4, 10), "1234.56"),
                Fixtures.pedido(1002, LocalDate.of(2026, 5, 10), "99.90")), 240);
    }

    @Override
    protected List<ReturnSample> returnSamples() {
        Path caixa = SharedSamples.sample("cnab240/retorno-caixa-sigcb.ret");
        Path bradesco = SharedSamples.sample("cnab400/retorno-bradesco.ret");
        return List.of(
                new ReturnSample(Fixtures.amostra(caixa), "104",
                        List.of("11136997", "11138197", "11137889", "11137125", "22247", "11136916", "11136898", "31999", "30572")),
                new ReturnSample(Fixtures.amostra(bradesco), "237", List.of("9", "9", "18", "19", "20", "21", "22")));
    }

    @Override
    protected SourceFile unrelatedFile() {
        try {
            return new SourceFile("titulos.csv", Files.writeString(dir.resolve("titulos.csv"), "id_titulo;valor\nT-1;10,00\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChargeRequest request(long sequence, LocalDate due, String amount) {
        return new ChargeRequest(sequence, "1", due.minusDays(10), due, new BigDecimal(amount), Fixtures.pagador(), null, null);
    }
}
