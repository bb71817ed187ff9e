package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Accounts, requests and files the tests share. */
final class Fixtures {

    private Fixtures() {
    }

    static final Documento CNPJ_BENEFICIARIO = Documento.cnpj("11222333000181");
    static final Endereco ENDERECO = new Endereco("Rua das Flores", "100", "Sala 2", "Centro", "São Paulo", "SP", "01001000");

    static BankAccount caixa() {
        return new BankAccount("104", "1234", "0", "12345678", "9", "14", "005507", "Cobranças Exemplo Ltda", CNPJ_BENEFICIARIO, ENDERECO);
    }

    static BankAccount bancoDoBrasil() {
        return new BankAccount("001", "1234", "3", "12345", "5", "17-019", "1234567", "Cobranças Exemplo Ltda", CNPJ_BENEFICIARIO, ENDERECO);
    }

    static BankAccount bancoDoBrasilConvenio6() {
        return new BankAccount("001", "1234", "3", "12345", "5", "18", "123456", "Cobranças Exemplo Ltda", CNPJ_BENEFICIARIO, ENDERECO);
    }

    static BankAccount bradesco() {
        return new BankAccount("237", "2949", "1", "6580", "0", "09", "4466911", "Cobranças Exemplo Ltda", CNPJ_BENEFICIARIO, ENDERECO);
    }

    static BankAccount conta(String banco) {
        return switch (banco) {
            case "104" -> caixa();
            case "001" -> bancoDoBrasil();
            case "237" -> bradesco();
            default -> throw new IllegalArgumentException(banco);
        };
    }

    static Debtor pagador() {
        return new Debtor(Documento.cpf("52998224725"), "José da Silva Araújo", ENDERECO, null, null);
    }

    static ChargeRequest pedido(long sequencia, LocalDate vencimento, String valor) {
        return new ChargeRequest(sequencia, "NF123-1", vencimento.minusDays(30), vencimento, new BigDecimal(valor), pagador(),
                new BigDecimal("2.00"), new BigDecimal("1.00"));
    }

    /** Writes bytes to a temporary file and returns it as the hub hands files to plugins. */
    static SourceFile arquivo(Path dir, String nome, byte[] bytes) {
        try {
            Path p = dir.resolve(nome);
            Files.write(p, bytes);
            return new SourceFile(nome, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceFile amostra(Path path) {
        return new SourceFile(path.getFileName().toString(), path);
    }
}
