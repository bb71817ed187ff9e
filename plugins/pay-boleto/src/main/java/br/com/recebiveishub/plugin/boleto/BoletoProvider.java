package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.Remessa;
import br.com.recebiveishub.sdk.model.RemessaItem;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Boleto payment provider for Caixa (104, SIGCB), Banco do Brasil (001) and Bradesco (237):
 * issues boletos (nosso número, barcode, linha digitável), writes CNAB 240 remessas and reads
 * CNAB 240 returns (all three banks) and Bradesco CNAB 400 returns.
 *
 * <p>Canonical nosso número (what {@link IssuedCharge#nossoNumero()}, every parsed event and
 * {@link #canonicalNossoNumero(String, String)} return): the bank's title number without check
 * digit, modality/carteira prefix or leading zeros. Caixa: the 15-digit free number
 * ({@code 11136997}); Banco do Brasil: the whole number, convênio included
 * ({@code 32948600000000196}); Bradesco: the 11-digit number ({@code 9} for the field
 * {@code 000000000097}, whose last digit is the check digit).
 *
 * <p>Stateless and thread-safe.
 */
@Extension
public final class BoletoProvider implements PaymentProvider {

    /** The payment method this provider implements. */
    public static final String METHOD = "BOLETO";

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Set<String> supportedBanks() {
        return Set.copyOf(RegrasDoBanco.suportados());
    }

    @Override
    public IssuedCharge issue(BankAccount account, ChargeRequest request) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(request, "request");
        RegrasDoBanco regras = RegrasDoBanco.de(account.bankCode());
        if (request.dueDate() == null) {
            throw new IllegalArgumentException("dueDate is required");
        }
        BigDecimal valor = request.amount();
        if (valor == null || valor.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        NossoNumero nn = regras.emitir(account, request.nossoNumeroSequence());
        CodigoDeBarras codigo;
        try {
            codigo = CodigoDeBarras.montar(regras.codigo(), FatorVencimento.codificar(request.dueDate()), valor,
                    regras.campoLivre(account, nn));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(campoDe(e.getMessage()) + e.getMessage(), e);
        }
        return new IssuedCharge(regras.codigo(), nn.canonico(), nn.impresso(), codigo.digitos(), LinhaDigitavel.de(codigo).digitos());
    }

    // Messages from the barcode speak of "amount" and "due date"; name the request field they come from.
    private static String campoDe(String mensagem) {
        if (mensagem.startsWith("amount")) {
            return "amount: ";
        }
        if (mensagem.startsWith("due date")) {
            return "dueDate: ";
        }
        return "";
    }

    @Override
    public Remessa buildRemessa(BankAccount account, int fileSequence, LocalDateTime generatedAt, List<RemessaItem> items) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(items, "items");
        return new RemessaCnab240(LayoutCnab240.de(RegrasDoBanco.de(account.bankCode()).codigo())).escrever(account, fileSequence, generatedAt,
                items);
    }

    @Override
    public boolean recognizesReturn(SourceFile file) {
        try {
            String primeira = ArquivoCnab.primeiraLinha(file.head(512));
            return RetornoCnab240.pareceHeader(primeira) || RetornoCnab400Bradesco.pareceHeader(primeira);
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public ReturnFile parseReturn(SourceFile file) throws SourceFileException {
        byte[] bytes;
        try {
            bytes = file.readAllBytes();
        } catch (UncheckedIOException e) {
            throw new SourceFileException(file.name(), 0, null, "cannot be read: " + e.getCause().getMessage(), e);
        }
        String primeira = ArquivoCnab.primeiraLinha(bytes);
        if (primeira.startsWith("01REMESSA")) {
            throw new SourceFileException(file.name(), 1, "header", "this is a CNAB 400 remessa, not a return file");
        }
        // CNAB 400 return headers start with "02RETORNO"; everything else is read (or refused) as CNAB 240.
        if (primeira.startsWith("02RETORNO")) {
            return RetornoCnab400Bradesco.ler(file.name(), bytes);
        }
        return RetornoCnab240.ler(file.name(), bytes);
    }

    @Override
    public String canonicalNossoNumero(String bankCode, String nossoNumero) {
        return RegrasDoBanco.de(bankCode).canonico(nossoNumero);
    }
}
