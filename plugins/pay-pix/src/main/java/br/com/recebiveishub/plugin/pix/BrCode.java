package br.com.recebiveishub.plugin.pix;

import br.com.recebiveishub.plugin.pix.BrCodeException.Rule;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Pix BR Code ("Pix copia e cola"): the EMV Merchant Presented Mode payload a payer pastes or
 * scans.
 *
 * <p>A static code carries the receiver's Pix key (tag 26/01) and optionally an amount and a
 * reference (62/05); a dynamic code carries the location of a cob or cobv (26/25) whose payload
 * the payer's PSP fetches, so its reference is always {@code ***}. {@link #parse(String)} checks
 * every rule the Banco Central manual and EMV MPM set for the fields the hub relies on and
 * refuses with the exact tag and rule ({@link BrCodeException}); the builders produce a payload
 * and then parse it, so the hub can never emit a code it would itself refuse.
 *
 * <p>{@link #encode()} writes the fields in ascending tag order (the order of the Banco Central
 * examples), 63 last; a code parsed in that order re-encodes to the same bytes. Fields the hub
 * does not interpret (other merchant accounts 02-51, 55-57, 61, 64, 80-99, other sub-fields of
 * 26 and 62) are kept as they were, so re-encoding loses nothing.
 */
public final class BrCode {

    /** The Pix arrangement's globally unique identifier, compared ignoring case as payers' apps do. */
    public static final String GUI = "br.gov.bcb.pix";
    /** Longest payload accepted: the 512 characters of {@code pixCopiaECola} in the API Pix. */
    public static final int MAX_PAYLOAD = 512;

    private static final Pattern DIGITS4 = Pattern.compile("\\d{4}");
    private static final Pattern AMOUNT = Pattern.compile("\\d+(\\.\\d{1,2})?");
    private static final Pattern CRC = Pattern.compile("[0-9A-F]{4}");
    private static final Pattern STATIC_TXID = Pattern.compile("[A-Za-z0-9]{1,25}");
    private static final String NO_TXID = "***";

    /** Static codes carry a key; dynamic codes carry a location. */
    public enum Kind { STATIC, DYNAMIC }

    /** Tag 01: whether the code may be paid more than once. */
    public enum Initiation {
        REUSABLE("11"), SINGLE_USE("12");

        private final String code;

        Initiation(String code) {
            this.code = code;
        }

        /** @return the value of tag 01 */
        public String code() {
            return code;
        }
    }

    private final Map<String, String> fields;
    private final Map<String, String> account;
    private final Map<String, String> additional;
    private final PixKey key;
    private final BigDecimal amount;
    private final String payload;

    private BrCode(Map<String, String> fields, Map<String, String> account, Map<String, String> additional,
                   PixKey key, BigDecimal amount) {
        this.fields = Collections.unmodifiableMap(new TreeMap<>(fields));
        this.account = Collections.unmodifiableMap(new TreeMap<>(account));
        this.additional = Collections.unmodifiableMap(new TreeMap<>(additional));
        this.key = key;
        this.amount = amount;
        this.payload = write(this.fields, this.account, this.additional);
    }

    // ---------------------------------------------------------------- parse

    /**
     * Reads and validates a payload.
     *
     * @throws BrCodeException naming the tag and the rule broken; the first one found, structure
     *                         and CRC before the meaning of any field (a code with a wrong CRC is
     *                         noise, its fields say nothing)
     */
    public static BrCode parse(String payload) {
        if (payload == null || payload.isEmpty()) {
            throw new BrCodeException("--", Rule.PAYLOAD_LENGTH, "payload is empty");
        }
        if (payload.length() > MAX_PAYLOAD) {
            throw new BrCodeException("--", Rule.PAYLOAD_LENGTH,
                    "payload has " + payload.length() + " characters, at most " + MAX_PAYLOAD + " allowed");
        }
        LinkedHashMap<String, String> top = new LinkedHashMap<>();
        int pos = 0;
        int crcAt = -1;
        while (pos < payload.length()) {
            String[] f = readField(payload, pos, "");
            String id = f[0];
            if (crcAt >= 0) {
                throw new BrCodeException("63", Rule.CRC_FORMAT, "tag 63 must be the last field, tag " + id + " follows it");
            }
            if (pos == 0 && !id.equals("00")) {
                throw new BrCodeException("00", Rule.PAYLOAD_FORMAT, "the payload must start with tag 00, found tag " + id);
            }
            if (top.containsKey(id)) {
                throw new BrCodeException(id, Rule.DUPLICATE_TAG, "tag " + id + " appears more than once");
            }
            if (id.equals("63")) {
                crcAt = pos;
            }
            top.put(id, f[1]);
            pos += 4 + f[1].length();
        }
        if (crcAt < 0) {
            throw new BrCodeException("63", Rule.MISSING_TAG, "the payload has no CRC (tag 63)");
        }
        String crc = top.remove("63");
        if (crc.length() != 4) {
            throw new BrCodeException("63", Rule.CRC_FORMAT, "length must be 04, found " + String.format("%02d", crc.length()));
        }
        if (!CRC.matcher(crc).matches()) {
            throw new BrCodeException("63", Rule.CRC_FORMAT, "the CRC must be four upper-case hexadecimal digits");
        }
        String expected = Crc16.hex(payload.substring(0, crcAt + 4));
        if (!expected.equals(crc)) {
            throw new BrCodeException("63", Rule.CRC_MISMATCH, "CRC16-CCITT-FALSE of the payload is " + expected + ", tag 63 says " + crc);
        }
        return fromFields(top);
    }

    private static BrCode fromFields(Map<String, String> top) {
        if (!"01".equals(top.get("00"))) {
            throw new BrCodeException("00", Rule.PAYLOAD_FORMAT, "payload format indicator must be 01");
        }
        String initiation = top.get("01");
        if (initiation != null && !initiation.equals("11") && !initiation.equals("12")) {
            throw new BrCodeException("01", Rule.INITIATION_METHOD, "must be 11 (reusable) or 12 (single use)");
        }
        for (String id : top.keySet()) {
            int n = Integer.parseInt(id);
            boolean known = n == 0 || n == 1 || n == 26 || (n >= 52 && n <= 54) || (n >= 58 && n <= 62);
            boolean passThrough = (n >= 2 && n <= 51) || (n >= 55 && n <= 57) || n == 64 || n >= 80;
            if (!known && !passThrough) {
                throw new BrCodeException(id, Rule.UNEXPECTED_TAG, "tag " + id + " is reserved for future use by EMV");
            }
        }

        String accountInfo = require(top, "26", "merchant account information (Pix)");
        Map<String, String> account = readTemplate(accountInfo, "26");
        String gui = account.get("00");
        if (gui == null) {
            throw new BrCodeException("26.00", Rule.GUI, "tag 26 has no GUI (sub-field 00)");
        }
        if (!gui.equalsIgnoreCase(GUI)) {
            throw new BrCodeException("26.00", Rule.GUI, "GUI must be " + GUI + " (any case)");
        }
        String rawKey = account.get("01");
        String url = account.get("25");
        if ((rawKey == null) == (url == null)) {
            throw new BrCodeException("26", Rule.KEY_OR_LOCATION,
                    rawKey == null ? "needs a Pix key (01) or a location (25), found neither"
                            : "has both a Pix key (01) and a location (25); a code is static or dynamic");
        }
        PixKey key = null;
        if (rawKey != null) {
            try {
                key = PixKey.parse(rawKey);
            } catch (IllegalArgumentException e) {
                throw new BrCodeException("26.01", Rule.PIX_KEY, e.getMessage());
            }
        } else {
            checkLocation(url);
            if (account.containsKey("02")) {
                throw new BrCodeException("26.02", Rule.DESCRIPTION,
                        "a dynamic code carries no description: the payer reads solicitacaoPagador from the location");
            }
        }

        String mcc = require(top, "52", "merchant category code");
        if (!DIGITS4.matcher(mcc).matches()) {
            throw new BrCodeException("52", Rule.MERCHANT_CATEGORY, "must be four digits (0000 when not informed)");
        }
        if (!"986".equals(require(top, "53", "transaction currency"))) {
            throw new BrCodeException("53", Rule.CURRENCY, "currency must be 986 (BRL)");
        }
        BigDecimal amount = null;
        String rawAmount = top.get("54");
        if (rawAmount != null) {
            amount = checkAmount(rawAmount);
        }
        if (!"BR".equals(require(top, "58", "country code"))) {
            throw new BrCodeException("58", Rule.COUNTRY, "country code must be BR");
        }
        String name = top.get("59");
        if (name == null || name.isEmpty() || name.length() > 25) {
            throw new BrCodeException("59", Rule.MERCHANT_NAME,
                    "merchant name must have 1 to 25 characters, found " + (name == null ? "none" : name.length()));
        }
        String city = top.get("60");
        if (city == null || city.isEmpty() || city.length() > 15) {
            throw new BrCodeException("60", Rule.MERCHANT_CITY,
                    "merchant city must have 1 to 15 characters, found " + (city == null ? "none" : city.length()));
        }
        String additionalData = require(top, "62", "additional data field template (txid)");
        Map<String, String> additional = readTemplate(additionalData, "62");
        String txid = additional.get("05");
        if (txid == null) {
            throw new BrCodeException("62.05", Rule.MISSING_TAG, "tag 62 has no reference label (05); use *** for none");
        }
        if (!txid.equals(NO_TXID)) {
            if (url != null) {
                throw new BrCodeException("62.05", Rule.TXID,
                        "a dynamic code's txid is the cob's, read from the location: 62/05 must be ***");
            }
            if (!STATIC_TXID.matcher(txid).matches()) {
                throw new BrCodeException("62.05", Rule.TXID,
                        "a static code's txid must be *** or 1 to 25 letters and digits, found " + txid.length() + " characters");
            }
        }
        return new BrCode(top, account, additional, key, amount);
    }

    private static void checkLocation(String url) {
        if (url.isEmpty()) {
            throw new BrCodeException("26.25", Rule.LOCATION_URL, "location is empty");
        }
        if (url.contains("://") || url.regionMatches(true, 0, "http:", 0, 5) || url.regionMatches(true, 0, "https:", 0, 6)) {
            throw new BrCodeException("26.25", Rule.LOCATION_URL, "location must not have a scheme: the payer's PSP always uses https");
        }
        if (url.length() > 77) {
            throw new BrCodeException("26.25", Rule.LOCATION_URL, "location has " + url.length() + " characters, at most 77 allowed");
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new BrCodeException("26.25", Rule.LOCATION_URL, "location must be printable ASCII without spaces");
        }
    }

    private static BigDecimal checkAmount(String raw) {
        if (raw.length() > 13) {
            throw new BrCodeException("54", Rule.AMOUNT, "amount has " + raw.length() + " characters, at most 13 allowed");
        }
        if (!AMOUNT.matcher(raw).matches()) {
            throw new BrCodeException("54", Rule.AMOUNT, "amount must be digits with a dot and up to two decimals (no comma, sign or spaces)");
        }
        BigDecimal amount = new BigDecimal(raw);
        if (amount.signum() <= 0) {
            throw new BrCodeException("54", Rule.AMOUNT, "amount must be greater than zero; leave tag 54 out for an amount the payer types");
        }
        return amount;
    }

    private static String require(Map<String, String> top, String id, String what) {
        String v = top.get(id);
        if (v == null) {
            throw new BrCodeException(id, Rule.MISSING_TAG, "tag " + id + " (" + what + ") is mandatory");
        }
        return v;
    }

    /** Reads one TLV at {@code pos}; {@code parent} prefixes the tag in messages ("26." for sub-fields). */
    private static String[] readField(String s, int pos, String parent) {
        if (pos + 4 > s.length()) {
            throw new BrCodeException(parent.isEmpty() ? "--" : parent, Rule.TLV_STRUCTURE,
                    "a field needs a two-digit id and a two-digit length, only " + (s.length() - pos) + " characters remain at position " + pos);
        }
        String id = s.substring(pos, pos + 2);
        String len = s.substring(pos + 2, pos + 4);
        String tag = parent.isEmpty() ? id : parent + "." + id;
        if (!isDigits(id)) {
            throw new BrCodeException(parent.isEmpty() ? "--" : parent, Rule.TLV_STRUCTURE, "field id at position " + pos + " is not two digits");
        }
        if (!isDigits(len)) {
            throw new BrCodeException(tag, Rule.TLV_STRUCTURE, "length of tag " + tag + " is not two digits");
        }
        int n = Integer.parseInt(len);
        if (pos + 4 + n > s.length()) {
            throw new BrCodeException(tag, Rule.TLV_STRUCTURE,
                    "tag " + tag + " declares " + n + " characters but only " + (s.length() - pos - 4) + " remain");
        }
        return new String[] {id, s.substring(pos + 4, pos + 4 + n)};
    }

    private static Map<String, String> readTemplate(String value, String parent) {
        Map<String, String> sub = new LinkedHashMap<>();
        int pos = 0;
        while (pos < value.length()) {
            String[] f = readField(value, pos, parent);
            if (sub.containsKey(f[0])) {
                throw new BrCodeException(parent + "." + f[0], Rule.DUPLICATE_TAG, "sub-field " + f[0] + " of tag " + parent + " appears more than once");
            }
            sub.put(f[0], f[1]);
            pos += 4 + f[1].length();
        }
        return sub;
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    // ---------------------------------------------------------------- encode

    /** @return the payload, fields in ascending tag order, CRC recomputed */
    public String encode() {
        return payload;
    }

    private static String write(Map<String, String> top, Map<String, String> account, Map<String, String> additional) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : top.entrySet()) {
            String value = switch (e.getKey()) {
                case "26" -> template(account);
                case "62" -> template(additional);
                default -> e.getValue();
            };
            tlv(sb, e.getKey(), value);
        }
        sb.append("6304");
        return sb.append(Crc16.hex(sb.toString())).toString();
    }

    private static String template(Map<String, String> sub) {
        StringBuilder sb = new StringBuilder();
        sub.forEach((id, v) -> tlv(sb, id, v));
        return sb.toString();
    }

    private static void tlv(StringBuilder sb, String id, String value) {
        if (value.length() > 99) {
            throw new BrCodeException(id, Rule.TLV_STRUCTURE, "tag " + id + " would have " + value.length() + " characters, at most 99 fit");
        }
        sb.append(id).append(String.format("%02d", value.length())).append(value);
    }

    // ---------------------------------------------------------------- build

    /** Starts a static code paid to {@code key}. */
    public static Builder withKey(PixKey key) {
        return new Builder(Objects.requireNonNull(key, "key"), null);
    }

    /**
     * Starts a dynamic code pointing to the location a PSP returned for a cob or cobv
     * ({@code loc.location}), with or without its scheme: the scheme is dropped as the manual asks.
     */
    public static Builder withLocation(String location) {
        Objects.requireNonNull(location, "location");
        String url = location.replaceFirst("(?i)^https?://", "");
        return new Builder(null, url);
    }

    /** Builds a code; {@link #build()} validates it through {@link BrCode#parse(String)}. */
    public static final class Builder {
        private final PixKey key;
        private final String location;
        private String name;
        private String city;
        private BigDecimal amount;
        private String txid;
        private String description;
        private Initiation initiation;
        private String merchantCategory = "0000";

        private Builder(PixKey key, String location) {
            this.key = key;
            this.location = location;
            this.initiation = location != null ? Initiation.SINGLE_USE : null;
        }

        /** Receiver's name as the payer's app shows it (1 to 25 characters; no accents advised). */
        public Builder merchantName(String name) {
            this.name = name;
            return this;
        }

        /** Receiver's city (1 to 15 characters). */
        public Builder merchantCity(String city) {
            this.city = city;
            return this;
        }

        /** Fixed amount, at most two decimals; null lets the payer type it. */
        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        /** Static codes only: the reference (1 to 25 letters and digits) the receiver reconciles by. */
        public Builder txid(String txid) {
            this.txid = txid;
            return this;
        }

        /** Static codes only: a text the payer's app shows (tag 26/02). */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Tag 01; absent by default for static codes, single use for dynamic ones. */
        public Builder initiation(Initiation initiation) {
            this.initiation = initiation;
            return this;
        }

        /** Tag 52, {@code 0000} by default. */
        public Builder merchantCategory(String mcc) {
            this.merchantCategory = mcc;
            return this;
        }

        /**
         * @throws BrCodeException naming the tag of the first value that breaks a rule
         */
        public BrCode build() {
            Map<String, String> account = new TreeMap<>();
            account.put("00", GUI);
            if (key != null) {
                account.put("01", key.value());
                if (description != null) {
                    account.put("02", description);
                }
            } else {
                account.put("25", location);
                if (description != null) {
                    account.put("02", description);
                }
            }
            String accountValue = template(account);
            if (accountValue.length() > 99) {
                throw new BrCodeException("26", Rule.DESCRIPTION,
                        "key and description take " + accountValue.length() + " characters, tag 26 holds at most 99");
            }
            Map<String, String> top = new TreeMap<>();
            top.put("00", "01");
            if (initiation != null) {
                top.put("01", initiation.code());
            }
            top.put("26", accountValue);
            top.put("52", merchantCategory);
            top.put("53", "986");
            if (amount != null) {
                if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
                    throw new BrCodeException("54", Rule.AMOUNT, "amount has more than two decimal places");
                }
                top.put("54", amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
            }
            top.put("58", "BR");
            top.put("59", name == null ? "" : name);
            top.put("60", city == null ? "" : city);
            String t = txid == null ? NO_TXID : txid;
            if (t.length() > 99) {
                throw new BrCodeException("62.05", Rule.TXID, "txid too long");
            }
            top.put("62", "05" + String.format("%02d", t.length()) + t);
            for (Map.Entry<String, String> e : top.entrySet()) {
                if (e.getValue().length() > 99) {
                    throw new BrCodeException(e.getKey(), e.getKey().equals("59") ? Rule.MERCHANT_NAME
                            : e.getKey().equals("60") ? Rule.MERCHANT_CITY : Rule.TLV_STRUCTURE, "value too long for a field");
                }
            }
            StringBuilder sb = new StringBuilder();
            top.forEach((id, v) -> tlv(sb, id, v));
            sb.append("6304");
            return parse(sb.append(Crc16.hex(sb.toString())).toString());
        }
    }

    // ---------------------------------------------------------------- read

    /** @return static (key) or dynamic (location) */
    public Kind kind() {
        return key != null ? Kind.STATIC : Kind.DYNAMIC;
    }

    /** @return tag 01, empty when absent */
    public Optional<Initiation> initiation() {
        String v = fields.get("01");
        return v == null ? Optional.empty() : Optional.of(v.equals("11") ? Initiation.REUSABLE : Initiation.SINGLE_USE);
    }

    /** @return the GUI as written (case kept for byte-exact re-encoding) */
    public String gui() {
        return account.get("00");
    }

    /** @return the receiver's key of a static code */
    public Optional<PixKey> key() {
        return Optional.ofNullable(key);
    }

    /** @return the location (without scheme) of a dynamic code */
    public Optional<String> location() {
        return Optional.ofNullable(account.get("25"));
    }

    /** @return tag 26/02 of a static code */
    public Optional<String> description() {
        return Optional.ofNullable(account.get("02"));
    }

    /** @return tag 52 */
    public String merchantCategory() {
        return fields.get("52");
    }

    /** @return the fixed amount (scale as written, two decimals when built here); empty when the payer types it */
    public Optional<BigDecimal> amount() {
        return Optional.ofNullable(amount);
    }

    /** @return tag 59 */
    public String merchantName() {
        return fields.get("59");
    }

    /** @return tag 60 */
    public String merchantCity() {
        return fields.get("60");
    }

    /** @return tag 62/05 as written, {@code ***} when the code has no reference */
    public String txid() {
        return additional.get("05");
    }

    /** @return tag 62/05 unless it is {@code ***} */
    public Optional<String> reference() {
        String t = txid();
        return NO_TXID.equals(t) ? Optional.empty() : Optional.of(t);
    }

    /** @return the CRC in tag 63 */
    public String crc() {
        return payload.substring(payload.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrCode b && b.payload.equals(payload);
    }

    @Override
    public int hashCode() {
        return payload.hashCode();
    }

    /** Leaves out key and name on purpose (personal data). */
    @Override
    public String toString() {
        return "BrCode[" + kind() + ", amount=" + (amount == null ? "open" : amount.toPlainString())
                + ", txid=" + txid() + ", crc=" + crc() + "]";
    }
}
