package br.com.recebiveishub.plugin.ofx;

import br.com.recebiveishub.sdk.model.BankStatement;
import br.com.recebiveishub.sdk.model.StatementEntry;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes statements as a Brazilian bank would send them (the simulator side of the tests): OFX
 * 1.02 SGML, element tags left unclosed, header CHARSET:1252 whatever the bytes, optional trailing
 * spaces and CRLF. Not part of the plugin: the hub never writes OFX.
 */
final class OfxWriter {

    private static final DateTimeFormatter D = DateTimeFormatter.BASIC_ISO_DATE;

    private OfxWriter() {
    }

    static byte[] write(List<BankStatement> statements, Charset charset, boolean trailingSpaces, boolean crlf) {
        String pad = trailingSpaces ? "   " : "";
        StringBuilder sb = new StringBuilder();
        sb.append("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n")
                .append("COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n");
        sb.append("<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<DTSERVER>20240201\n")
                .append("<LANGUAGE>POR\n</SONRS>\n</SIGNONMSGSRSV1>\n<BANKMSGSRSV1>\n");
        int uid = 0;
        for (BankStatement s : statements) {
            sb.append("<STMTTRNRS>\n<TRNUID>").append(++uid).append("\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<STMTRS>\n");
            leaf(sb, "CURDEF", s.currency(), pad);
            sb.append("<BANKACCTFROM>\n");
            leaf(sb, "BANKID", s.bankCode(), pad);
            leaf(sb, "BRANCHID", s.branch(), pad);
            leaf(sb, "ACCTID", s.accountId(), pad);
            leaf(sb, "ACCTTYPE", s.accountType(), pad);
            sb.append("</BANKACCTFROM>\n<BANKTRANLIST>\n");
            leaf(sb, "DTSTART", date(s.periodStart()), pad);
            leaf(sb, "DTEND", date(s.periodEnd()), pad);
            for (StatementEntry e : s.entries()) {
                sb.append("<STMTTRN>\n");
                leaf(sb, "TRNTYPE", e.type(), pad);
                leaf(sb, "DTPOSTED", date(e.postedOn()) + "120000[-03:EST]", pad);
                leaf(sb, "TRNAMT", e.amount().toPlainString(), pad);
                leaf(sb, "FITID", e.fitId(), pad);
                leaf(sb, "CHECKNUM", e.checkNumber(), pad);
                leaf(sb, "REFNUM", e.referenceNumber(), pad);
                leaf(sb, "NAME", e.payeeName(), pad);
                leaf(sb, "MEMO", e.memo(), pad);
                sb.append("</STMTTRN>\n");
            }
            sb.append("</BANKTRANLIST>\n");
            if (s.ledgerBalance() != null) {
                sb.append("<LEDGERBAL>\n");
                leaf(sb, "BALAMT", s.ledgerBalance().toPlainString(), pad);
                leaf(sb, "DTASOF", date(s.balanceDate()), pad);
                sb.append("</LEDGERBAL>\n");
            }
            if (s.availableBalance() != null) {
                sb.append("<AVAILBAL>\n");
                leaf(sb, "BALAMT", s.availableBalance().toPlainString(), pad);
                leaf(sb, "DTASOF", date(s.balanceDate()), pad);
                sb.append("</AVAILBAL>\n");
            }
            sb.append("</STMTRS>\n</STMTTRNRS>\n");
        }
        sb.append("</BANKMSGSRSV1>\n</OFX>\n");
        String text = crlf ? sb.toString().replace("\n", "\r\n") : sb.toString();
        return text.getBytes(charset);
    }

    private static void leaf(StringBuilder sb, String tag, String value, String pad) {
        if (value != null) {
            sb.append('<').append(tag).append('>').append(escape(value)).append(pad).append('\n');
        }
    }

    private static String date(LocalDate d) {
        return d == null ? null : D.format(d);
    }

    static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
