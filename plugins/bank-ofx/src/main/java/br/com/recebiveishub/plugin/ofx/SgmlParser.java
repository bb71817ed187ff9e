package br.com.recebiveishub.plugin.ofx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OFX 1.x SGML: aggregates always have an end tag, elements (leaves) usually do not. An element
 * ends at the next tag; an aggregate at its end tag, which also ends any element or aggregate still
 * open inside it. Which names are aggregates comes from the OFX specification, plus any unknown
 * name whose end tag appears in the file.
 */
final class SgmlParser {

    /** Aggregates of the OFX 1.x banking and credit-card messages (OFX 1.0.2 / 1.6 specification). */
    static final Set<String> AGGREGATES = Set.of(
            "OFX", "SIGNONMSGSRSV1", "SONRS", "STATUS", "FI", "SIGNUPMSGSRSV1", "BANKMSGSRSV1", "STMTTRNRS", "STMTRS",
            "BANKACCTFROM", "BANKACCTTO", "BANKTRANLIST", "STMTTRN", "LEDGERBAL", "AVAILBAL", "BALLIST", "BAL",
            "PAYEE", "CURRENCY", "ORIGCURRENCY", "CREDITCARDMSGSRSV1", "CCSTMTTRNRS", "CCSTMTRS", "CCACCTFROM",
            "CCACCTTO", "INVSTMTMSGSRSV1", "MFACHALLENGERQ", "STMTENDTRNRS", "STMTENDRS", "CLOSING", "IMAGEDATA");

    private static final Pattern END_TAG = Pattern.compile("</\\s*([A-Za-z0-9_.]+)\\s*>");

    private SgmlParser() {
    }

    /**
     * @return a synthetic root whose child is the {@code OFX} element
     * @throws SgmlRefused (with the line) when the body is not OFX SGML or ends before {@code </OFX>}
     */
    static OfxNode parse(OfxText ofx) {
        String t = ofx.text();
        Set<String> closedSomewhere = new HashSet<>();
        Matcher m = END_TAG.matcher(t);
        while (m.find()) {
            closedSomewhere.add(m.group(1).toUpperCase(Locale.ROOT));
        }
        OfxNode root = new OfxNode("#root", 0);
        Deque<OfxNode> stack = new ArrayDeque<>();
        stack.push(root);
        boolean ofxClosed = false;
        long line = ofx.lineOf(ofx.bodyStart());
        int i = ofx.bodyStart();
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (c == '<') {
                int end = t.indexOf('>', i);
                if (end < 0) {
                    throw new SgmlRefused(line, "tag not closed with '>'");
                }
                String tag = t.substring(i + 1, end).strip();
                long tagLine = line;
                line += count(t, i, end);
                i = end + 1;
                if (tag.startsWith("!") || tag.startsWith("?")) {
                    continue;
                }
                if (tag.startsWith("/")) {
                    String name = tag.substring(1).strip().toUpperCase(Locale.ROOT);
                    if (contains(stack, name)) {
                        while (!stack.peek().name().equals(name)) {
                            stack.pop();
                        }
                        stack.pop();
                        if (name.equals("OFX")) {
                            ofxClosed = true;
                        }
                    }
                    // An end tag of an element that already ended (or never began) changes nothing.
                    continue;
                }
                String name = tag.toUpperCase(Locale.ROOT);
                if (name.isEmpty() || !name.matches("[A-Z0-9_.]+")) {
                    throw new SgmlRefused(tagLine, "'<" + tag + ">' is not an OFX tag");
                }
                while (stack.size() > 1 && !isAggregate(stack.peek().name(), closedSomewhere)) {
                    stack.pop();
                }
                if (stack.size() == 1 && !name.equals("OFX")) {
                    if (ofxClosed) {
                        throw new SgmlRefused(tagLine, "<" + name + "> after </OFX>");
                    }
                    throw new SgmlRefused(tagLine, "<" + name + "> outside <OFX>");
                }
                OfxNode node = new OfxNode(name, tagLine);
                stack.peek().add(node);
                stack.push(node);
            } else {
                int next = t.indexOf('<', i);
                if (next < 0) {
                    next = n;
                }
                String raw = t.substring(i, next);
                line += count(t, i, next);
                i = next;
                String text = unescape(raw.strip());
                if (!text.isEmpty() && stack.size() > 1) {
                    OfxNode top = stack.peek();
                    if (!isAggregate(top.name(), closedSomewhere)) {
                        top.value(top.value() == null ? text : top.value() + " " + text);
                    }
                }
            }
        }
        if (root.child("OFX").isEmpty()) {
            throw new SgmlRefused(0, "no <OFX> element");
        }
        if (!ofxClosed) {
            throw new SgmlRefused(line, "the file ends before </OFX> (truncated?)");
        }
        return root;
    }

    /** A body that is not OFX SGML, with the line at fault (0 when none). */
    static final class SgmlRefused extends IllegalArgumentException {
        final long line;

        SgmlRefused(long line, String reason) {
            super(reason);
            this.line = line;
        }
    }

    private static boolean isAggregate(String name, Set<String> closedSomewhere) {
        return AGGREGATES.contains(name) || (closedSomewhere.contains(name) && !Leaves.KNOWN.contains(name));
    }

    private static boolean contains(Deque<OfxNode> stack, String name) {
        for (OfxNode node : stack) {
            if (node.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int count(String t, int from, int to) {
        int c = 0;
        for (int k = from; k < to; k++) {
            if (t.charAt(k) == '\n') {
                c++;
            }
        }
        return c;
    }

    /** SGML character references OFX uses: {@code &amp; &lt; &gt; &quot; &apos; &nbsp;} and numeric ones. */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i && semi - i <= 8) {
                String ent = s.substring(i + 1, semi);
                String rep = switch (ent) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    default -> numeric(ent);
                };
                if (rep != null) {
                    sb.append(rep);
                    i = semi + 1;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static String numeric(String ent) {
        try {
            if (ent.startsWith("#x") || ent.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(ent.substring(2), 16)));
            }
            if (ent.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(ent.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** Elements (leaves) the reader uses: never aggregates, even when a file closes them. */
    static final class Leaves {
        static final Set<String> KNOWN = Set.of(
                "CODE", "SEVERITY", "MESSAGE", "DTSERVER", "LANGUAGE", "DTACCTUP", "ORG", "FID", "TRNUID", "CURDEF",
                "BANKID", "BRANCHID", "ACCTID", "ACCTTYPE", "ACCTKEY", "DTSTART", "DTEND", "TRNTYPE", "DTPOSTED",
                "DTUSER", "DTAVAIL", "TRNAMT", "FITID", "CORRECTFITID", "CORRECTACTION", "SRVRTID", "CHECKNUM",
                "REFNUM", "SIC", "PAYEEID", "NAME", "EXTDNAME", "MEMO", "BALAMT", "DTASOF", "MKTGINFO", "INV401KSOURCE",
                "CURRATE", "CURSYM", "ADDR1", "ADDR2", "ADDR3", "CITY", "STATE", "POSTALCODE", "COUNTRY", "PHONE");

        private Leaves() {
        }
    }
}
