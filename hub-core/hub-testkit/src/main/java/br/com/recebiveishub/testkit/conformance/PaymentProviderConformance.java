package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.PaymentEvent;
import br.com.recebiveishub.sdk.model.Remessa;
import br.com.recebiveishub.sdk.model.RemessaItem;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance suite of a boleto {@link PaymentProvider}: issue is deterministic and gives the
 * barcode and linha digitável of published vectors (a bank's manual), whose check digits the suite
 * verifies itself by the FEBRABAN rules (módulo 11 of the barcode, módulo 10 of the linha's
 * fields) without the provider's code; a remessa holds every charge given; the provider recognises
 * its own return file and parses it into events whose nosso número is in the canonical form of
 * {@link PaymentProvider#canonicalNossoNumero}.
 */
public abstract class PaymentProviderConformance {

    /** The provider under test. */
    protected abstract PaymentProvider provider();

    /** Published issue vectors (bank manuals, reference implementations); at least one. */
    protected abstract List<IssueVector> issueVectors();

    /** Charges to put in one remessa. */
    protected abstract RemessaCase remessaCase();

    /** Real return files of the banks the provider serves, with what they hold; at least one. */
    protected abstract List<ReturnSample> returnSamples();

    /** A file that is not a return of this provider (an ERP export, a statement). */
    protected abstract SourceFile unrelatedFile();

    /**
     * A charge and what the bank's documentation says it becomes.
     *
     * @param account        the beneficiary's account
     * @param request        the charge
     * @param barcode        the expected 44-digit barcode
     * @param linhaDigitavel the expected linha digitável, as printed or digits only
     * @param nossoNumero    the expected canonical nosso número, null to leave it unchecked
     */
    public record IssueVector(BankAccount account, ChargeRequest request, String barcode, String linhaDigitavel, String nossoNumero) {
    }

    /**
     * Charges for one remessa.
     *
     * @param account    the beneficiary's account
     * @param requests   the charges, at least two
     * @param lineLength the layout's record length without line breaks (240 for CNAB 240), 0 to leave it unchecked
     */
    public record RemessaCase(BankAccount account, List<ChargeRequest> requests, int lineLength) {
    }

    /**
     * A return file and the nosso números of its events, in file order, as the file writes them.
     *
     * @param file         the file
     * @param bankCode     the bank that wrote it
     * @param nossoNumeros each event's nosso número as written in the file (any padding or check digit)
     */
    public record ReturnSample(SourceFile file, String bankCode, List<String> nossoNumeros) {
    }

    @Test
    void issueGivesTheBarcodeAndLinhaDigitavelOfThePublishedVectors() {
        for (IssueVector v : issueVectors()) {
            IssuedCharge charge = provider().issue(v.account(), v.request());
            String where = "bank " + v.account().bankCode() + " sequence " + v.request().nossoNumeroSequence();
            assertEquals(v.barcode(), charge.barcode(), where + ": barcode");
            assertEquals(digits(v.linhaDigitavel()), digits(charge.linhaDigitavel()), where + ": linha digitável");
            assertEquals(v.account().bankCode(), charge.bankCode(), where + ": bankCode");
            if (v.nossoNumero() != null) {
                assertEquals(v.nossoNumero(), charge.nossoNumero(), where + ": canonical nosso número");
            }
        }
    }

    @Test
    void issuedChargesHaveValidCheckDigitsAndCarryBankAndAmount() {
        List<IssuedCharge> charges = new ArrayList<>();
        for (IssueVector v : issueVectors()) {
            charges.add(provider().issue(v.account(), v.request()));
        }
        RemessaCase rc = remessaCase();
        for (ChargeRequest r : rc.requests()) {
            IssuedCharge c = provider().issue(rc.account(), r);
            charges.add(c);
            assertEquals(String.format("%010d", r.amount().movePointRight(2).longValueExact()), c.barcode().substring(9, 19),
                    "the barcode's value field is the amount in cents");
        }
        for (IssuedCharge c : charges) {
            Febraban.assertValid(c.barcode(), digits(c.linhaDigitavel()));
            assertEquals(c.bankCode(), c.barcode().substring(0, 3), "the barcode starts with the bank code");
        }
    }

    @Test
    void issueIsDeterministic() {
        for (IssueVector v : issueVectors()) {
            assertEquals(provider().issue(v.account(), v.request()), provider().issue(v.account(), v.request()),
                    "issue() twice with the same request");
        }
    }

    @Test
    void thePrintedNossoNumeroComesBackToTheCanonicalForm() {
        for (IssueVector v : issueVectors()) {
            IssuedCharge c = provider().issue(v.account(), v.request());
            assertTrue(provider().supportedBanks().contains(c.bankCode()), "supportedBanks() has " + c.bankCode());
            assertEquals(c.nossoNumero(), provider().canonicalNossoNumero(c.bankCode(), c.nossoNumero()),
                    "canonicalNossoNumero of the canonical form is itself");
            assertEquals(c.nossoNumero(), provider().canonicalNossoNumero(c.bankCode(), c.nossoNumeroImpresso()),
                    "canonicalNossoNumero of the printed form " + c.nossoNumeroImpresso());
        }
    }

    @Test
    void aRemessaHoldsEveryChargeGivenAndIsTheSameTwice() {
        RemessaCase rc = remessaCase();
        assertTrue(rc.requests().size() >= 2, "remessaCase(): give at least two charges");
        List<RemessaItem> items = new ArrayList<>();
        for (ChargeRequest r : rc.requests()) {
            items.add(new RemessaItem(r, provider().issue(rc.account(), r)));
        }
        LocalDateTime at = LocalDateTime.of(2026, 3, 2, 10, 30, 0);
        Remessa remessa = provider().buildRemessa(rc.account(), 7, at, items);
        assertEquals(items.size(), remessa.titles(), "titles in the remessa");
        assertTrue(remessa.fileName() != null && !remessa.fileName().isBlank(), "the remessa's file name");
        assertTrue(remessa.content().length > 0, "the remessa's content");
        if (rc.lineLength() > 0) {
            String text = new String(remessa.content(), StandardCharsets.ISO_8859_1);
            for (String line : text.split("\r?\n")) {
                assertEquals(rc.lineLength(), line.length(), "every record of the layout is " + rc.lineLength() + " characters");
            }
        }
        assertArrayEquals(remessa.content(), provider().buildRemessa(rc.account(), 7, at, items).content(),
                "the same remessa twice gives the same bytes");
    }

    @Test
    void theProviderRecognisesAndParsesItsOwnReturnsIntoCanonicalNossoNumeros() throws SourceFileException {
        for (ReturnSample s : returnSamples()) {
            assertTrue(provider().recognizesReturn(s.file()), "recognizesReturn(" + s.file().name() + ")");
            ReturnFile r = provider().parseReturn(s.file());
            assertEquals(s.bankCode(), r.bankCode(), s.file().name() + ": bankCode");
            List<String> expected = s.nossoNumeros().stream().map(n -> provider().canonicalNossoNumero(s.bankCode(), n)).toList();
            assertEquals(expected, r.events().stream().map(PaymentEvent::nossoNumero).toList(),
                    s.file().name() + ": the events' nosso números, canonical");
            for (PaymentEvent e : r.events()) {
                assertEquals(s.bankCode(), e.bankCode(), s.file().name() + " line " + e.line() + ": bankCode");
                assertTrue(e.line() > 0, s.file().name() + ": event line is 1-based");
                for (BigDecimal amount : new BigDecimal[] {e.titleAmount(), e.paidAmount(), e.fee(), e.netCredit()}) {
                    assertTrue(amount == null || amount.scale() == 2, s.file().name() + " line " + e.line() + ": amounts have scale 2");
                }
            }
        }
        assertFalse(provider().recognizesReturn(unrelatedFile()), "recognizesReturn(" + unrelatedFile().name() + ") of an unrelated file");
    }

    private static String digits(String s) {
        return s == null ? null : s.replaceAll("[^0-9]", "");
    }

    /** The FEBRABAN boleto rules, written from the specification, independent of any provider. */
    static final class Febraban {

        private Febraban() {
        }

        static void assertValid(String barcode, String linha) {
            assertTrue(barcode != null && barcode.matches("[0-9]{44}"), "barcode: 44 digits, was " + barcode);
            assertTrue(linha != null && linha.matches("[0-9]{47}"), "linha digitável: 47 digits, was " + linha);
            String withoutDv = barcode.substring(0, 4) + barcode.substring(5);
            assertEquals(mod11(withoutDv), barcode.charAt(4) - '0', "barcode general check digit (módulo 11, position 5)");
            String free = barcode.substring(19);
            String f1 = barcode.substring(0, 4) + free.substring(0, 5);
            String f2 = free.substring(5, 15);
            String f3 = free.substring(15, 25);
            String expected = f1 + mod10(f1) + f2 + mod10(f2) + f3 + mod10(f3) + barcode.charAt(4) + barcode.substring(5, 19);
            assertEquals(expected, linha, "linha digitável: fields of the barcode with their módulo 10 check digits");
        }

        /** Weights 2 to 9 from the right; 0, 10 and 11 become 1. */
        static int mod11(String digits) {
            int sum = 0;
            int weight = 2;
            for (int i = digits.length() - 1; i >= 0; i--) {
                sum += (digits.charAt(i) - '0') * weight;
                weight = weight == 9 ? 2 : weight + 1;
            }
            int dv = 11 - sum % 11;
            return dv == 0 || dv == 10 || dv == 11 ? 1 : dv;
        }

        /** Weights 2, 1, 2, ... from the right, the digits of each product summed. */
        static int mod10(String digits) {
            int sum = 0;
            int weight = 2;
            for (int i = digits.length() - 1; i >= 0; i--) {
                int p = (digits.charAt(i) - '0') * weight;
                sum += p / 10 + p % 10;
                weight = weight == 2 ? 1 : 2;
            }
            return (10 - sum % 10) % 10;
        }
    }
}
