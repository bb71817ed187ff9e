package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordSink;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an NF-e 4.00 ({@code nfeProc} with its authorisation protocol, or a bare {@code NFe}) into
 * one receivable per duplicata ({@code cobr/dup}), or one receivable of {@code vNF} due after the
 * tenant's default term when the NF-e has no duplicatas. The debtor is the recipient
 * ({@code dest}).
 *
 * <p>The XML is parsed with StAX through {@link SecureXml}; a DOCTYPE is refused. Broken XML, a
 * document that is not an NF-e, or a layout other than 4.x is a {@link SourceFileException}. Data
 * mistakes (an invalid CPF, a missing due date, a bad amount, more than 120 duplicatas) reject
 * every receivable they affect, naming the field; when the fault is in the NF-e as a whole (its
 * recipient, key or protocol), every duplicata is rejected with it.
 */
final class NfeReader {

    static final String NS = "http://www.portalfiscal.inf.br/nfe";
    static final String SOURCE_SYSTEM = "NFE";
    static final int MAX_DUPLICATAS = 120;

    /** Elements under {@code infNFe} whose text is kept (paths relative to infNFe). */
    private static final Set<String> WANTED = Set.of(
            "ide/nNF", "ide/dhEmi",
            "dest/CNPJ", "dest/CPF", "dest/idEstrangeiro", "dest/xNome", "dest/email",
            "dest/enderDest/xLgr", "dest/enderDest/nro", "dest/enderDest/xCpl", "dest/enderDest/xBairro",
            "dest/enderDest/xMun", "dest/enderDest/UF", "dest/enderDest/CEP", "dest/enderDest/fone",
            "total/ICMSTot/vNF");
    private static final Set<String> DUP_FIELDS = Set.of("nDup", "dVenc", "vDup");
    private static final Set<String> AUTHORISED = Set.of("100", "150");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    /** An element's text and the line of its start tag. */
    record Value(String text, long line) {
    }

    /** One {@code cobr/dup}. */
    static final class Dup {
        final long line;
        final int ordinal;
        Value nDup;
        Value dVenc;
        Value vDup;

        Dup(long line, int ordinal) {
            this.line = line;
            this.ordinal = ordinal;
        }
    }

    /** What the reader keeps of an NF-e. */
    static final class NfeData {
        long infNFeLine;
        Value id;
        String versao;
        long destLine = -1;
        final Map<String, Value> fields = new HashMap<>();
        final List<Dup> dups = new ArrayList<>();
        Value protCStat;
        Value protChNFe;

        Value field(String path) {
            return fields.get(path);
        }

        String text(String path) {
            Value v = fields.get(path);
            return v == null ? "" : v.text();
        }
    }

    void read(SourceFile file, ConnectorContext context, RecordSink sink) throws SourceFileException {
        NfeData data = parse(file);
        emit(data, file.name(), context, sink);
    }

    // ---------------------------------------------------------------- parsing

    static NfeData parse(SourceFile file) throws SourceFileException {
        String name = file.name();
        try (InputStream in = new BufferedInputStream(file.open())) {
            XMLStreamReader r = SecureXml.inputFactory().createXMLStreamReader(in);
            try {
                return parse(name, r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new SourceFileException(name, line(e.getLocation()), null, "malformed XML: " + message(e), e);
        } catch (IOException e) {
            throw new SourceFileException(name, 0, null, "cannot read the file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static NfeData parse(String name, XMLStreamReader r) throws XMLStreamException, SourceFileException {
        List<String> path = new ArrayList<>();
        NfeData data = null;
        int infNFeDepth = -1;
        int infProtDepth = -1;
        long rootLine = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD) {
                throw new SourceFileException(name, line(r.getLocation()), null,
                        "DOCTYPE is not allowed (protection against XML entity attacks)");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                path.remove(path.size() - 1);
                if (path.size() < infNFeDepth) {
                    infNFeDepth = -1;
                }
                if (path.size() < infProtDepth) {
                    infProtDepth = -1;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String local = r.getLocalName();
            boolean nfeNs = NS.equals(r.getNamespaceURI());
            long line = line(r.getLocation());
            if (path.isEmpty()) {
                rootLine = line;
                if (!nfeNs || !("nfeProc".equals(local) || "NFe".equals(local))) {
                    throw new SourceFileException(name, line, null, "not an NF-e: the root element is " + local
                            + (nfeNs ? "" : " outside the NF-e namespace") + " (expected nfeProc or NFe in " + NS + ")");
                }
            }
            path.add(local);
            if (!nfeNs) {
                continue;
            }
            if ("infNFe".equals(local) && infNFeDepth < 0 && path.size() >= 2 && "NFe".equals(path.get(path.size() - 2))) {
                if (data != null) {
                    throw new SourceFileException(name, line, "infNFe", "more than one NF-e in the file");
                }
                data = new NfeData();
                data.infNFeLine = line;
                String id = r.getAttributeValue(null, "Id");
                data.id = id == null ? null : new Value(id.strip(), line);
                data.versao = r.getAttributeValue(null, "versao");
                infNFeDepth = path.size();
                continue;
            }
            if ("infProt".equals(local) && path.size() >= 2 && "protNFe".equals(path.get(path.size() - 2))) {
                infProtDepth = path.size();
                continue;
            }
            if (infProtDepth > 0 && path.size() == infProtDepth + 1 && data != null
                    && ("cStat".equals(local) || "chNFe".equals(local))) {
                Value v = new Value(r.getElementText().strip(), line);
                path.remove(path.size() - 1);
                if ("cStat".equals(local)) {
                    data.protCStat = v;
                } else {
                    data.protChNFe = v;
                }
                continue;
            }
            if (infNFeDepth < 0) {
                continue;
            }
            String rel = String.join("/", path.subList(infNFeDepth, path.size()));
            if ("dest".equals(rel)) {
                data.destLine = line;
            } else if ("cobr/dup".equals(rel)) {
                data.dups.add(new Dup(line, data.dups.size() + 1));
            } else if (WANTED.contains(rel)) {
                data.fields.put(rel, new Value(r.getElementText().strip(), line));
                path.remove(path.size() - 1);
            } else if (path.size() == infNFeDepth + 3 && rel.startsWith("cobr/dup/") && DUP_FIELDS.contains(local)
                    && !data.dups.isEmpty()) {
                Dup dup = data.dups.get(data.dups.size() - 1);
                Value v = new Value(r.getElementText().strip(), line);
                path.remove(path.size() - 1);
                switch (local) {
                    case "nDup" -> dup.nDup = v;
                    case "dVenc" -> dup.dVenc = v;
                    default -> dup.vDup = v;
                }
            }
        }
        if (data == null) {
            throw new SourceFileException(name, rootLine, "infNFe", "not an NF-e: no NFe/infNFe element");
        }
        if (data.versao == null || !data.versao.strip().startsWith("4.")) {
            throw new SourceFileException(name, data.infNFeLine, "infNFe/@versao",
                    "NF-e layout version " + (data.versao == null ? "(none)" : data.versao.strip()) + " is not supported (4.00 expected)");
        }
        return data;
    }

    private static long line(Location location) {
        return location == null || location.getLineNumber() < 0 ? 0 : location.getLineNumber();
    }

    /** The parser's own message without its "ParseError at [row,col]" preamble. */
    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int i = m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + "Message: ".length()).strip() : m.strip();
    }

    // ---------------------------------------------------------------- mapping

    static void emit(NfeData d, String file, ConnectorContext context, RecordSink sink) {
        Problems nfe = new Problems();
        Debtor debtor = debtor(d, nfe);
        String chave = chave(d, nfe);
        protocol(d, chave, nfe);
        String nNF = d.text("ide/nNF");
        if (nNF.isEmpty()) {
            nfe.add("ide/nNF", "missing", d.infNFeLine);
        }
        LocalDate issueDate = issueDate(d, nfe);
        if (d.dups.size() > MAX_DUPLICATAS) {
            nfe.add("cobr/dup", "NF-e has " + d.dups.size() + " duplicatas; layout 4.00 allows at most " + MAX_DUPLICATAS,
                    d.dups.get(MAX_DUPLICATAS).line);
        }
        if (d.dups.isEmpty()) {
            Value vNF = d.field("total/ICMSTot/vNF");
            long line = vNF == null ? d.infNFeLine : vNF.line();
            Problems p = new Problems();
            p.addAll(nfe);
            BigDecimal amount = amount(vNF, "total/ICMSTot/vNF", p, line);
            String ref = "vNF (no cobr/dup)";
            if (!p.isEmpty()) {
                sink.reject(p.toRejection(file, line, ref));
                return;
            }
            sink.accept(new ReceivableRecord(SOURCE_SYSTEM, chave + "/1", nNF + "/1", issueDate,
                    issueDate.plusDays(context.defaultTermDays()), amount, debtor, null, line, ref));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Dup dup : d.dups) {
            Problems p = new Problems();
            p.addAll(nfe);
            String nDup = dup.nDup == null || dup.nDup.text().isEmpty() ? ChaveAcesso.pad(dup.ordinal, 3) : dup.nDup.text();
            if (!seen.add(nDup)) {
                p.add("cobr/dup/nDup", "repeats an earlier nDup of this NF-e", dup.nDup == null ? dup.line : dup.nDup.line());
            }
            LocalDate dueDate = null;
            if (dup.dVenc == null || dup.dVenc.text().isEmpty()) {
                p.add("cobr/dup/dVenc", "missing", dup.line);
            } else {
                try {
                    dueDate = LocalDate.parse(dup.dVenc.text());
                } catch (DateTimeParseException e) {
                    p.add("cobr/dup/dVenc", "not a date (yyyy-MM-dd)", dup.dVenc.line());
                }
            }
            BigDecimal amount = amount(dup.vDup, "cobr/dup/vDup", p, dup.line);
            String ref = "dup " + nDup;
            if (!p.isEmpty()) {
                sink.reject(p.toRejection(file, dup.line, ref));
            } else {
                sink.accept(new ReceivableRecord(SOURCE_SYSTEM, chave + "/" + nDup, nNF + "/" + nDup, issueDate, dueDate,
                        amount, debtor, null, dup.line, ref));
            }
        }
    }

    private static Debtor debtor(NfeData d, Problems p) {
        if (d.destLine < 0) {
            p.add("dest", "NF-e has no recipient (dest)", d.infNFeLine);
            return null;
        }
        Value cnpj = d.field("dest/CNPJ");
        Value cpf = d.field("dest/CPF");
        Value estrangeiro = d.field("dest/idEstrangeiro");
        Documento documento = null;
        try {
            if (cnpj != null) {
                documento = Documento.cnpj(cnpj.text());
            } else if (cpf != null) {
                documento = Documento.cpf(cpf.text());
            } else if (estrangeiro != null) {
                p.add("dest/idEstrangeiro", "foreign recipient without CPF/CNPJ is not supported", estrangeiro.line());
            } else {
                p.add("dest", "recipient has neither CNPJ nor CPF", d.destLine);
            }
        } catch (IllegalArgumentException e) {
            Value at = cnpj != null ? cnpj : cpf;
            p.add(cnpj != null ? "dest/CNPJ" : "dest/CPF", e.getMessage(), at.line());
        }
        String nome = d.text("dest/xNome");
        if (nome.isEmpty()) {
            p.add("dest/xNome", "missing", d.destLine);
        }
        if (documento == null || nome.isEmpty()) {
            return null;
        }
        Endereco endereco = null;
        if (d.fields.keySet().stream().anyMatch(k -> k.startsWith("dest/enderDest/"))) {
            String cep = BrFormat.digits(d.text("dest/enderDest/CEP"));
            endereco = new Endereco(orNull(d.text("dest/enderDest/xLgr")), orNull(d.text("dest/enderDest/nro")),
                    orNull(d.text("dest/enderDest/xCpl")), orNull(d.text("dest/enderDest/xBairro")),
                    orNull(d.text("dest/enderDest/xMun")), orNull(d.text("dest/enderDest/UF").toUpperCase(Locale.ROOT)),
                    orNull(cep));
        }
        String fone = BrFormat.digits(d.text("dest/enderDest/fone"));
        return new Debtor(documento, nome, endereco, orNull(d.text("dest/email")), orNull(fone));
    }

    private static String chave(NfeData d, Problems p) {
        if (d.id == null || d.id.text().isEmpty()) {
            p.add("infNFe/@Id", "missing", d.infNFeLine);
            return null;
        }
        String id = d.id.text();
        if (!id.startsWith("NFe")) {
            p.add("infNFe/@Id", "must be 'NFe' followed by the 44-character chave de acesso", d.id.line());
            return null;
        }
        String chave = id.substring(3);
        String problem = ChaveAcesso.problem(chave);
        if (problem != null) {
            p.add("infNFe/@Id", problem, d.id.line());
        }
        return chave;
    }

    private static void protocol(NfeData d, String chave, Problems p) {
        if (d.protCStat != null && !AUTHORISED.contains(d.protCStat.text())) {
            String code = d.protCStat.text();
            p.add("protNFe/infProt/cStat", "NF-e not authorised (cStat " + (code.matches("\\d{1,4}") ? code : "?") + ")",
                    d.protCStat.line());
        }
        if (d.protChNFe != null && chave != null && !d.protChNFe.text().equals(chave)) {
            p.add("protNFe/infProt/chNFe", "the protocol is for another NF-e (chNFe differs from infNFe/@Id)", d.protChNFe.line());
        }
    }

    private static LocalDate issueDate(NfeData d, Problems p) {
        Value v = d.field("ide/dhEmi");
        if (v == null || v.text().isEmpty()) {
            p.add("ide/dhEmi", "missing", d.infNFeLine);
            return null;
        }
        try {
            // the date as written: NF-e carry the issuer's local offset (America/Sao_Paulo is -03:00)
            return OffsetDateTime.parse(v.text()).toLocalDate();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v.text()).toLocalDate();
            } catch (DateTimeParseException e2) {
                p.add("ide/dhEmi", "not a date-time (yyyy-MM-ddThh:mm:ss-03:00)", v.line());
                return null;
            }
        }
    }

    /** A positive amount with at most 2 decimal places, in the NF-e's notation (dot decimal). */
    private static BigDecimal amount(Value v, String field, Problems p, long line) {
        if (v == null || v.text().isEmpty()) {
            p.add(field, "missing", line);
            return null;
        }
        if (!DECIMAL.matcher(v.text()).matches()) {
            p.add(field, "not a positive decimal (e.g. 1234.56)", v.line());
            return null;
        }
        BigDecimal amount = new BigDecimal(v.text());
        if (amount.signum() <= 0) {
            p.add(field, "must be positive", v.line());
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            p.add(field, "has more than 2 decimal places", v.line());
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
