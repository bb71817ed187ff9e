package br.com.recebiveishub.hub.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The canonical serialisation of audit rows and the hashes of the chain (docs/audit-guide.md,
 * "Content" and "Chain"). Everything here is deterministic and independent of the database's
 * locale, time zone and date style: values are read through JDBC in typed form and written as
 * follows.
 *
 * <p>A row is one line {@code <table> {json}}: a JSON object with the row's columns sorted by
 * name (Java {@link String#compareTo}), no whitespace, columns whose value is NULL omitted (so a
 * column added later does not change old rows). Values: integers and numerics in plain decimal
 * with the column's scale ({@code 100.00}); booleans {@code true}/{@code false}; dates as
 * {@code "2026-12-01"}; timestamptz in UTC with microseconds {@code "2026-12-01T13:00:00.000000Z"};
 * timestamp without zone the same without {@code Z}; bytea as lowercase hex string; everything
 * else as a JSON string (escaping {@code "}, {@code \} and control characters as a six-character {@code u00XX} escape after a backslash).
 */
final class AuditContent {

    static final String ZERO_HASH = "0".repeat(64);

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final HexFormat HEX = HexFormat.of();

    private AuditContent() {
    }

    /** The columns of a result set in canonical order, without the excluded ones. */
    static final class Layout {
        final int[] index;
        final String[] name;
        final int[] type;
        final String[] typeName;

        Layout(ResultSetMetaData md, Set<String> excluded) throws SQLException {
            List<Integer> cols = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (!excluded.contains(md.getColumnLabel(i).toLowerCase())) {
                    cols.add(i);
                }
            }
            Integer[] sorted = cols.toArray(Integer[]::new);
            Arrays.sort(sorted, (a, b) -> {
                try {
                    return md.getColumnLabel(a).toLowerCase().compareTo(md.getColumnLabel(b).toLowerCase());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            index = new int[sorted.length];
            name = new String[sorted.length];
            type = new int[sorted.length];
            typeName = new String[sorted.length];
            for (int k = 0; k < sorted.length; k++) {
                index[k] = sorted[k];
                name[k] = md.getColumnLabel(sorted[k]).toLowerCase();
                type[k] = md.getColumnType(sorted[k]);
                typeName[k] = md.getColumnTypeName(sorted[k]);
            }
        }
    }

    /** Appends {@code <table> {json}\n} for the current row. */
    static void row(StringBuilder out, String table, ResultSet rs, Layout layout) throws SQLException {
        out.append(table).append(' ');
        json(out, rs, layout);
        out.append('\n');
    }

    /** Appends the row's canonical JSON object. */
    static void json(StringBuilder out, ResultSet rs, Layout layout) throws SQLException {
        out.append('{');
        boolean first = true;
        for (int k = 0; k < layout.index.length; k++) {
            int i = layout.index[k];
            int start = out.length();
            if (!first) {
                out.append(',');
            }
            string(out, layout.name[k]);
            out.append(':');
            if (!value(out, rs, i, layout.type[k], layout.typeName[k])) {
                out.setLength(start); // NULL: the column is omitted
                continue;
            }
            first = false;
        }
        out.append('}');
    }

    /** Appends the value of column {@code i}; returns false (appending nothing useful) when it is NULL. */
    private static boolean value(StringBuilder out, ResultSet rs, int i, int type, String typeName) throws SQLException {
        switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    return false;
                }
                out.append(v);
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    return false;
                }
                out.append(v.toPlainString());
            }
            case Types.BIT, Types.BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    return false;
                }
                out.append(v);
            }
            case Types.DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                if (v == null) {
                    return false;
                }
                out.append('"').append(v).append('"');
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                if ("timestamptz".equalsIgnoreCase(typeName) || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                    OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                    if (v == null) {
                        return false;
                    }
                    out.append('"').append(INSTANT.format(v.withOffsetSameInstant(ZoneOffset.UTC))).append('"');
                } else {
                    LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                    if (v == null) {
                        return false;
                    }
                    out.append('"').append(LOCAL.format(v)).append('"');
                }
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                byte[] v = rs.getBytes(i);
                if (v == null) {
                    return false;
                }
                out.append('"').append(HEX.formatHex(v)).append('"');
            }
            default -> {
                String v = rs.getString(i);
                if (v == null) {
                    return false;
                }
                string(out, v);
            }
        }
        return true;
    }

    /** Appends a JSON string literal. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The entry hash: SHA-256 over the UTF-8 text
     * {@code prev_hash \n seq \n chain \n chain_pos \n entry_type \n entry_ref \n content_hash}, where
     * chain is the tenant id or {@code -} for the hub-wide chain.
     */
    static String entryHash(String prevHash, long seq, String tenantId, long pos, String type, long ref, String contentHash) {
        String text = prevHash + '\n' + seq + '\n' + chainName(tenantId) + '\n' + pos + '\n' + type + '\n' + ref + '\n' + contentHash;
        return sha256(text);
    }

    /** @return the chain's name: the tenant id, or {@code -} for the hub-wide chain */
    static String chainName(String tenantId) {
        return tenantId == null || tenantId.isEmpty() ? "-" : tenantId;
    }

    static String sha256(String text) {
        return HEX.formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static String utc(OffsetDateTime t) {
        return INSTANT.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
