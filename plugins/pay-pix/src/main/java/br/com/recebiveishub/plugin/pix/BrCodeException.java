package br.com.recebiveishub.plugin.pix;

/**
 * A BR Code refused, naming the EMV tag and the rule it breaks so that whoever pasted it (an
 * operator, an ERP export) can fix the source instead of guessing.
 *
 * <p>Messages never repeat a Pix key or a name: a key is personal data (CPF, e-mail, phone).
 */
public final class BrCodeException extends IllegalArgumentException {

    /** The rules a BR Code can break. */
    public enum Rule {
        /** empty payload, or longer than the 512 characters of {@code pixCopiaECola} */
        PAYLOAD_LENGTH,
        /** a field id or length that is not two digits, or a length past the end of the payload */
        TLV_STRUCTURE,
        /** a tag that must appear once appears twice */
        DUPLICATE_TAG,
        /** a mandatory tag is missing */
        MISSING_TAG,
        /** a tag EMV reserves or this arrangement does not use */
        UNEXPECTED_TAG,
        /** tag 00 is not first or not {@code 01} */
        PAYLOAD_FORMAT,
        /** tag 01 is not {@code 11} (reusable) or {@code 12} (single use) */
        INITIATION_METHOD,
        /** tag 63 is not last, not length 04 or not four upper-case hex digits */
        CRC_FORMAT,
        /** tag 63 does not match the CRC16-CCITT-FALSE of the payload */
        CRC_MISMATCH,
        /** tag 26 has no GUI {@code br.gov.bcb.pix} */
        GUI,
        /** tag 26 has neither or both of key (01) and location (25) */
        KEY_OR_LOCATION,
        /** tag 26/01 is not a valid Pix key */
        PIX_KEY,
        /** tag 26/25 has a scheme, is empty or too long */
        LOCATION_URL,
        /** tag 26/02 too long */
        DESCRIPTION,
        /** tag 52 is not four digits */
        MERCHANT_CATEGORY,
        /** tag 53 is not 986 (BRL) */
        CURRENCY,
        /** tag 54 is not a positive amount of at most 13 characters with a dot decimal */
        AMOUNT,
        /** tag 58 is not BR */
        COUNTRY,
        /** tag 59 is not 1 to 25 characters */
        MERCHANT_NAME,
        /** tag 60 is not 1 to 15 characters */
        MERCHANT_CITY,
        /** tag 62/05 is not {@code ***} or a valid reference for the kind of code */
        TXID
    }

    private final String tag;
    private final Rule rule;

    BrCodeException(String tag, Rule rule, String reason) {
        super("BR Code tag " + tag + " (" + rule + "): " + reason);
        this.tag = tag;
        this.rule = rule;
    }

    /** @return the tag at fault, e.g. {@code 59}, or {@code 26.25} for a sub-field */
    public String tag() {
        return tag;
    }

    /** @return the rule broken */
    public Rule rule() {
        return rule;
    }
}
