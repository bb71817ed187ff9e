package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.testkit.SharedSamples;
import br.com.recebiveishub.testkit.conformance.ErpConnectorConformance;
import br.com.recebiveishub.testkit.conformance.ExpectedRejection;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * hub-testkit's file-connector suite on the real NF-e samples in ../shared (facts from the
 * README's "Tests" section) and on the CSV example of the README with two rows broken as its
 * rejection rules describe.
 */
class ErpFileConformanceTest extends ErpConnectorConformance {

    /** README.md's CSV example, plus a row with a wrong CPF check digit and one with a zero amount. */
    private static final String CSV = String.join("\r\n",
            "origem;id_titulo;documento;emissao;vencimento;valor;cpf_cnpj;nome;logradouro;numero;complemento;bairro;municipio;uf;cep;email;telefone;banco;nosso_numero",
            ";CR0000001;45123/1;10/03/2025;10/04/2025;1.234,56;529.982.247-25;Maria da Conceição;Rua das Flores;120;\"Bloco B; Apto 101\";Centro;São Paulo;SP;01001-000;maria@example.com;(11) 98765-4321;;",
            "TOTVS;CR0000002;45123/2;2025-03-10;2025-05-10;980,00;11.222.333/0001-81;\"Padaria \"\"Pão Quente\"\" Ltda\";Avenida Brasil;S/N;;Tijuca;Rio de Janeiro;RJ;20511-000;financeiro@example.com;2133334444;104;1000002",
            ";CR0000003;45124/1;10/03/2025;10/04/2025;100,00;529.982.247-26;Maria da Conceição;;;;;;;;;;;",
            ";CR0000004;45125/1;10/03/2025;10/04/2025;0,00;11.222.333/0001-81;Comercial Boa Vista Ltda;;;;;;;;;;;") + "\r\n";

    @TempDir
    static Path dir;

    @Override
    protected ErpConnector connector() {
        return new ErpFileConnector();
    }

    @Override
    protected List<Sample> samples() {
        Path autorizada = SharedSamples.sample("nfe/nfe-4.00-autorizada.xml");
        Path cpfInvalido = SharedSamples.sample("nfe/nfe-4.00-cpf-invalido.xml");
        return List.of(
                // one cobr/dup (nDup 001, vDup 1.00)
                new Sample(new SourceFile("nfe-4.00-autorizada.xml", autorizada), 1, List.of()),
                // no cobr/dup, a 12-digit dest/CPF: its one receivable (vNF) is rejected at the CPF's line
                new Sample(new SourceFile("nfe-4.00-cpf-invalido.xml", cpfInvalido), 0,
                        List.of(new ExpectedRejection(lineOf(cpfInvalido, "<CPF>"), "dest/CPF"))),
                new Sample(write("titulos.csv", CSV), 2,
                        List.of(new ExpectedRejection(4, "cpf_cnpj"), new ExpectedRejection(5, "valor"))));
    }

    @Override
    protected SourceFile unrelatedFile() {
        return write("extrato.ofx", "OFXHEADER:100\r\nDATA:OFXSGML\r\n<OFX></OFX>\r\n");
    }

    @Override
    protected SourceFile unreadableFile() {
        return write("quebrado.xml", "<?xml version=\"1.0\"?><nfeProc><NFe><infNFe Id=\"NFe");
    }

    private static SourceFile write(String name, String content) {
        try {
            return new SourceFile(name, Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lineOf(Path file, String text) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(text + " not in " + file);
    }
}
