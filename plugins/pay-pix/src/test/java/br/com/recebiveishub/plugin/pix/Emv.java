package br.com.recebiveishub.plugin.pix;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-side TLV helper, written independently of {@link BrCode}: splits a payload into its
 * top-level fields and joins edited fields back with a fresh CRC, so each invalid variant breaks
 * exactly one rule.
 */
final class Emv {

    private Emv() {
    }

    static List<String[]> split(String payload) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        while (i < payload.length()) {
            String id = payload.substring(i, i + 2);
            int len = Integer.parseInt(payload.substring(i + 2, i + 4));
            out.add(new String[] {id, payload.substring(i + 4, i + 4 + len)});
            i += 4 + len;
        }
        return out;
    }

    static String tlv(String id, String value) {
        return id + String.format("%02d", value.length()) + value;
    }

    /** Joins fields (any 63 dropped) and appends 6304 with the CRC of the result. */
    static String join(List<String[]> fields) {
        StringBuilder sb = new StringBuilder();
        for (String[] f : fields) {
            if (!f[0].equals("63")) {
                sb.append(tlv(f[0], f[1]));
            }
        }
        sb.append("6304");
        return sb.append(Crc16.hex(sb.toString())).toString();
    }

    /** Replaces (or removes, value null) a top-level field, keeping the order, and re-signs. */
    static String with(String payload, String id, String value) {
        List<String[]> out = new ArrayList<>();
        boolean found = false;
        for (String[] f : split(payload)) {
            if (f[0].equals(id)) {
                found = true;
                if (value != null) {
                    out.add(new String[] {id, value});
                }
            } else {
                out.add(f);
            }
        }
        if (!found && value != null) {
            throw new IllegalArgumentException("no tag " + id);
        }
        return join(out);
    }

    /** Inserts a field before {@code beforeId} and re-signs. */
    static String insert(String payload, String beforeId, String id, String value) {
        List<String[]> out = new ArrayList<>();
        for (String[] f : split(payload)) {
            if (f[0].equals(beforeId)) {
                out.add(new String[] {id, value});
            }
            out.add(f);
        }
        return join(out);
    }
}
