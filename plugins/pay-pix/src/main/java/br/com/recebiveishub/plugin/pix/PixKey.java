package br.com.recebiveishub.plugin.pix;

import br.com.recebiveishub.sdk.model.Documento;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Pix key (chave DICT) in the exact form DICT stores it, because the payer's PSP looks the key
 * up as written in the BR Code: a CPF or CNPJ without punctuation, a lower-case e-mail, a
 * {@code +55} phone, or a random key (EVP, a lower-case UUID).
 *
 * <p>CPF and CNPJ check digits are verified with the SDK's {@link Documento}, the same rule the
 * hub applies to debtors (including the alphanumeric CNPJ).
 *
 * <p>{@link #toString()} masks the key and no exception message repeats it: every kind of key
 * except EVP is personal data.
 */
public final class PixKey {

    /** The five kinds of key DICT accepts. */
    public enum Type { CPF, CNPJ, EMAIL, PHONE, EVP }

    /** DICT: at most 77 characters, lower case. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-z0-9.!#$&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$");
    /** +55, a two-digit area code without zeros, then a 9-digit mobile (starting with 9) or an 8-digit landline. */
    private static final Pattern PHONE = Pattern.compile("^\\+55[1-9]{2}(?:9\\d{8}|[2-8]\\d{7})$");
    private static final Pattern EVP = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final Type type;
    private final String value;

    private PixKey(Type type, String value) {
        this.type = type;
        this.value = value;
    }

    /**
     * Reads a key, working out its type from its shape.
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the key
     */
    public static PixKey parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new IllegalArgumentException("Pix key is empty");
        }
        if (raw.length() > 77) {
            throw new IllegalArgumentException("Pix key has " + raw.length() + " characters, DICT allows at most 77");
        }
        if (raw.indexOf('@') >= 0) {
            if (!raw.equals(raw.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("e-mail Pix key must be lower case, as DICT stores it");
            }
            if (!EMAIL.matcher(raw).matches()) {
                throw new IllegalArgumentException("e-mail Pix key is not a valid address");
            }
            return new PixKey(Type.EMAIL, raw);
        }
        if (raw.startsWith("+")) {
            if (!PHONE.matcher(raw).matches()) {
                throw new IllegalArgumentException("phone Pix key must be +55, area code and 8 or 9 digits (mobile starting with 9)");
            }
            return new PixKey(Type.PHONE, raw);
        }
        if (raw.length() == 36 && raw.indexOf('-') == 8) {
            if (!EVP.matcher(raw).matches()) {
                throw new IllegalArgumentException("random Pix key (EVP) must be a lower-case UUID");
            }
            return new PixKey(Type.EVP, raw);
        }
        if (raw.length() == 11 && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            Documento.cpf(raw);
            return new PixKey(Type.CPF, raw);
        }
        if (raw.length() == 14 && raw.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
            Documento.cnpj(raw);
            return new PixKey(Type.CNPJ, raw);
        }
        throw new IllegalArgumentException("Pix key is not a CPF (11 digits), CNPJ (14 characters), e-mail, +55 phone or EVP");
    }

    /** @return the kind of key */
    public Type type() {
        return type;
    }

    /** @return the key as DICT stores it; personal data, never log it */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixKey k && k.type == type && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value);
    }

    /** Masked on purpose: a key identifies a person. */
    @Override
    public String toString() {
        return type + "(***" + (type == Type.EVP ? value.substring(32) : "") + ")";
    }
}
