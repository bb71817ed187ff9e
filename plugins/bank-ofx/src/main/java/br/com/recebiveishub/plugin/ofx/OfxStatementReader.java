package br.com.recebiveishub.plugin.ofx;

import br.com.recebiveishub.sdk.StatementReader;
import br.com.recebiveishub.sdk.model.BankStatement;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import br.com.recebiveishub.sdk.model.StatementEntry;
import br.com.recebiveishub.sdk.model.StatementEntry.EntryKind;
import br.com.recebiveishub.sdk.model.StatementFile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Reads OFX bank statements ({@link StatementReader}): OFX 1.x SGML and OFX 2.x XML, with the
 * quirks of Brazilian banks handled (see the module README): unclosed element tags, a declared
 * charset that lies, trailing spaces, several statements (and accounts) in one file, non-standard
 * transaction types, dates with offsets and mislabelled zones, and decimal commas.
 *
 * <p>A bad entry (date, amount, FITID missing or repeated, type missing) becomes a
 * {@link RecordRejection} with file, line, field and reason and the rest proceed; a statement
 * without an account id is rejected whole (its entries cannot be attributed). A file that is not
 * OFX, is truncated, is XML with a DOCTYPE or is not well formed, or holds no statement raises
 * {@link SourceFileException}. Nothing is logged.
 */
@Extension
public final class OfxStatementReader implements StatementReader {

    private static final Map<String, EntryKind> KINDS = Map.ofEntries(
            Map.entry("CREDIT", EntryKind.CREDIT), Map.entry("DEBIT", EntryKind.DEBIT),
            Map.entry("INT", EntryKind.INTEREST), Map.entry("DIV", EntryKind.DIVIDEND),
            Map.entry("FEE", EntryKind.FEE), Map.entry("SRVCHG", EntryKind.SERVICE_CHARGE),
            Map.entry("DEP", EntryKind.DEPOSIT), Map.entry("ATM", EntryKind.ATM),
            Map.entry("POS", EntryKind.POINT_OF_SALE), Map.entry("XFER", EntryKind.TRANSFER),
            Map.entry("CHECK", EntryKind.CHECK), Map.entry("PAYMENT", EntryKind.PAYMENT),
            Map.entry("CASH", EntryKind.CASH), Map.entry("DIRECTDEP", EntryKind.DIRECT_DEPOSIT),
            Map.entry("DIRECTDEBIT", EntryKind.DIRECT_DEBIT), Map.entry("REPEATPMT", EntryKind.REPEAT_PAYMENT),
            Map.entry("HOLD", EntryKind.HOLD), Map.entry("OTHER", EntryKind.OTHER));

    /** CPF {@code 000.000.000-00} or CNPJ {@code 00.000.000/0000-00} written with punctuation. */
    private static final Pattern DOCUMENTO_FORMATADO = Pattern.compile(
            "(?<![0-9A-Z])(\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|[0-9A-Z]{2}\\.[0-9A-Z]{3}\\.[0-9A-Z]{3}/[0-9A-Z]{4}-\\d{2})(?![0-9])");

    @Override
    public String format() {
        return "OFX";
    }

    @Override
    public boolean accepts(SourceFile file) {
        if (file.name().toLowerCase(Locale.ROOT).endsWith(".ofx")) {
            return true;
        }
        try {
            String head = new String(file.head(1024), StandardCharsets.ISO_8859_1).stripLeading();
            return head.startsWith("OFXHEADER") || head.startsWith("<OFX>") || head.contains("<?OFX");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public StatementFile read(SourceFile file) throws SourceFileException {
        byte[] bytes;
        try {
            bytes = file.readAllBytes();
        } catch (UncheckedIOException e) {
            throw new SourceFileException(file.name(), 0, null, "file cannot be read: " + e.getCause().getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new SourceFileException(file.name(), 0, null, "file is empty");
        }
        OfxText ofx;
        try {
            ofx = OfxText.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new SourceFileException(file.name(), 1, null, e.getMessage(), e);
        }
        OfxNode root;
        if (ofx.xml()) {
            try {
                root = XmlParser.parse(ofx);
            } catch (XmlParser.XmlRefused e) {
                throw new SourceFileException(file.name(), e.line, null, e.getMessage(), e);
            }
        } else {
            try {
                root = SgmlParser.parse(ofx);
            } catch (SgmlParser.SgmlRefused e) {
                throw new SourceFileException(file.name(), e.line, null, e.getMessage(), e);
            }
        }
        OfxNode body = root.child("OFX").orElseThrow();
        List<OfxNode> stmts = new ArrayList<>(body.findAll("STMTRS"));
        stmts.addAll(body.findAll("CCSTMTRS"));
        stmts.sort((a, b) -> Long.compare(a.line(), b.line()));
        if (stmts.isEmpty()) {
            throw new SourceFileException(file.name(), 0, "STMTRS", "the file holds no bank or credit-card statement");
        }
        String format = "OFX " + (ofx.version() == null ? "?" : ofx.version()) + (ofx.xml() ? " XML" : " SGML");
        Reading r = new Reading(file.name());
        for (int i = 0; i < stmts.size(); i++) {
            r.statement(stmts.get(i), i + 1);
        }
        return new StatementFile(format, ofx.charset().name(), r.statements, r.rejections);
    }

    /** The state of one file's reading: statements, rejections and the FITIDs seen per account. */
    private static final class Reading {
        private final String file;
        private final List<BankStatement> statements = new ArrayList<>();
        private final List<RecordRejection> rejections = new ArrayList<>();
        private final Map<String, Long> fitIds = new HashMap<>();

        Reading(String file) {
            this.file = file;
        }

        void statement(OfxNode st, int number) {
            boolean card = st.name().equals("CCSTMTRS");
            OfxNode acct = st.child(card ? "CCACCTFROM" : "BANKACCTFROM").orElse(null);
            String record = "statement " + number;
            String acctField = (card ? "CCACCTFROM" : "BANKACCTFROM") + "/ACCTID";
            if (acct == null || acct.text("ACCTID") == null) {
                int entries = st.child("BANKTRANLIST").map(l -> l.findAll("STMTTRN").size()).orElse(0);
                rejections.add(new RecordRejection(file, acct == null ? st.line() : acct.line(), record, acctField,
                        "account id missing: the statement and its " + entries + " entries cannot be attributed"));
                return;
            }
            String bank = card ? null : acct.text("BANKID");
            String branch = card ? null : acct.text("BRANCHID");
            String accountId = acct.text("ACCTID");
            String type = card ? "CREDITCARD" : acct.text("ACCTTYPE");
            String currency = st.text("CURDEF") == null ? "BRL" : st.text("CURDEF").toUpperCase(Locale.ROOT);
            OfxNode list = st.child("BANKTRANLIST").orElse(null);
            LocalDate start = null;
            LocalDate end = null;
            List<StatementEntry> entries = new ArrayList<>();
            if (list != null) {
                start = date(list, "DTSTART", record, "BANKTRANLIST/DTSTART");
                end = date(list, "DTEND", record, "BANKTRANLIST/DTEND");
                int n = 0;
                for (OfxNode trn : list.children()) {
                    if (trn.name().equals("STMTTRN")) {
                        n++;
                        StatementEntry e = entry(trn, record + " entry " + n, bank + "/" + branch + "/" + accountId);
                        if (e != null) {
                            entries.add(e);
                        }
                    }
                }
            }
            BigDecimal ledger = null;
            LocalDate asOf = null;
            OfxNode bal = st.child("LEDGERBAL").orElse(null);
            if (bal != null) {
                ledger = amount(bal, "BALAMT", record, "LEDGERBAL/BALAMT");
                asOf = date(bal, "DTASOF", record, "LEDGERBAL/DTASOF");
            }
            BigDecimal available = st.child("AVAILBAL").map(a -> amount(a, "BALAMT", record, "AVAILBAL/BALAMT")).orElse(null);
            statements.add(new BankStatement(bank, branch, accountId, type, currency, start, end, ledger, asOf, available, entries));
        }

        private StatementEntry entry(OfxNode trn, String record, String accountKey) {
            String fitId = trn.text("FITID");
            String rec = fitId == null ? record : record + " FITID " + fitId;
            int before = rejections.size();
            if (fitId == null) {
                reject(trn, trn, rec, "STMTTRN/FITID", "FITID missing: the entry has no id to import it once");
            }
            String type = trn.text("TRNTYPE");
            if (type == null) {
                reject(trn, trn, rec, "STMTTRN/TRNTYPE", "TRNTYPE missing");
            }
            LocalDate posted = date(trn, "DTPOSTED", rec, "STMTTRN/DTPOSTED");
            if (posted == null && trn.text("DTPOSTED") == null) {
                reject(trn, trn, rec, "STMTTRN/DTPOSTED", "DTPOSTED missing");
            }
            BigDecimal amount = amount(trn, "TRNAMT", rec, "STMTTRN/TRNAMT");
            if (amount == null && trn.text("TRNAMT") == null) {
                reject(trn, trn, rec, "STMTTRN/TRNAMT", "TRNAMT missing");
            }
            if (rejections.size() > before) {
                return null;
            }
            String key = accountKey + "#" + fitId;
            Long first = fitIds.putIfAbsent(key, trn.line());
            if (first != null) {
                reject(trn, trn.child("FITID").orElse(trn), rec, "STMTTRN/FITID",
                        "FITID repeated in the same account (first at line " + first + "): the entry is not imported twice");
                return null;
            }
            String upper = type.toUpperCase(Locale.ROOT);
            EntryKind kind = KINDS.getOrDefault(upper, amount.signum() > 0 ? EntryKind.OTHER_CREDIT : EntryKind.OTHER_DEBIT);
            String memo = trn.text("MEMO");
            String name = trn.text("NAME");
            if (name == null) {
                name = trn.child("PAYEE").map(p -> p.text("NAME")).orElse(null);
            }
            Documento doc = documento(name, memo, trn.text("PAYEEID"));
            return new StatementEntry(fitId, posted, amount, type, kind, memo, name, doc, trn.text("CHECKNUM"),
                    trn.text("REFNUM"), trn.line());
        }

        private LocalDate date(OfxNode parent, String child, String record, String field) {
            String raw = parent.text(child);
            if (raw == null) {
                return null;
            }
            try {
                return OfxValues.date(raw);
            } catch (IllegalArgumentException e) {
                reject(parent, parent.child(child).orElse(parent), record, field, e.getMessage());
                return null;
            }
        }

        private BigDecimal amount(OfxNode parent, String child, String record, String field) {
            String raw = parent.text(child);
            if (raw == null) {
                return null;
            }
            try {
                return OfxValues.amount(raw);
            } catch (IllegalArgumentException e) {
                reject(parent, parent.child(child).orElse(parent), record, field, e.getMessage());
                return null;
            }
        }

        private void reject(OfxNode parent, OfxNode at, String record, String field, String reason) {
            rejections.add(new RecordRejection(file, at.line() > 0 ? at.line() : parent.line(), record, field, reason));
        }
    }

    /**
     * The counterparty's CPF/CNPJ when the entry carries a valid one: a field that is only the
     * number (digits, 11 or 14), or a number written with its punctuation inside the name or memo.
     * Check digits must match; nothing else is guessed.
     */
    static Documento documento(String name, String memo, String payeeId) {
        for (String whole : new String[] {payeeId, name}) {
            if (whole != null) {
                String d = whole.replaceAll("[.\\-/ ]", "");
                if ((d.length() == 11 || d.length() == 14) && d.chars().allMatch(Character::isDigit)) {
                    try {
                        return Documento.parse(d);
                    } catch (IllegalArgumentException ignored) {
                        // not a document: keep looking
                    }
                }
            }
        }
        for (String text : new String[] {name, memo}) {
            if (text == null) {
                continue;
            }
            Matcher m = DOCUMENTO_FORMATADO.matcher(text.toUpperCase(Locale.ROOT));
            while (m.find()) {
                try {
                    return Documento.parse(m.group(1));
                } catch (IllegalArgumentException ignored) {
                    // wrong check digits: not a document
                }
            }
        }
        return null;
    }
}
