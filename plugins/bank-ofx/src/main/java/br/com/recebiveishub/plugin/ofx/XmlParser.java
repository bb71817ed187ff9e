package br.com.recebiveishub.plugin.ofx;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * OFX 2.x XML, parsed with SAX hardened against XML external entities: a DOCTYPE is refused
 * outright (OFX 2 needs none), external entities and DTDs are never loaded, secure processing is on.
 */
final class XmlParser {

    private XmlParser() {
    }

    /** Thrown for a file that is not well-formed or carries a DOCTYPE. */
    static final class XmlRefused extends Exception {
        final long line;

        XmlRefused(long line, String reason, Throwable cause) {
            super(reason, cause);
            this.line = line;
        }
    }

    static OfxNode parse(OfxText ofx) throws XmlRefused {
        if (ofx.text().contains("<!DOCTYPE") || ofx.text().contains("<!ENTITY")) {
            // Refused before any parser sees it; the parser below refuses it again on its own.
            long line = ofx.lineOf(Math.max(ofx.text().indexOf("<!DOCTYPE"), ofx.text().indexOf("<!ENTITY")));
            throw new XmlRefused(line, "a DOCTYPE or entity declaration is not allowed in an OFX file (XML external entities are refused)", null);
        }
        OfxNode root = new OfxNode("#root", 0);
        try {
            SAXParser parser = factory().newSAXParser();
            parser.parse(new InputSource(new StringReader(ofx.text())), new Handler(root));
        } catch (SAXParseException e) {
            String msg = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "a DOCTYPE is not allowed in an OFX file (XML external entities are refused)"
                    : "not well-formed XML: " + e.getMessage();
            throw new XmlRefused(Math.max(0, e.getLineNumber()), msg, e);
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new XmlRefused(0, "XML could not be read: " + e.getMessage(), e);
        }
        if (root.child("OFX").isEmpty()) {
            throw new XmlRefused(0, "the XML root element is not <OFX>", null);
        }
        return root;
    }

    static SAXParserFactory factory() throws ParserConfigurationException, SAXException {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(false);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f;
    }

    private static final class Handler extends DefaultHandler {
        private final Deque<OfxNode> stack = new ArrayDeque<>();
        private final Deque<StringBuilder> texts = new ArrayDeque<>();
        private Locator locator;

        Handler(OfxNode root) {
            stack.push(root);
            texts.push(new StringBuilder());
        }

        @Override
        public void setDocumentLocator(Locator l) {
            this.locator = l;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            OfxNode node = new OfxNode(qName.toUpperCase(Locale.ROOT), locator == null ? 0 : locator.getLineNumber());
            stack.peek().add(node);
            stack.push(node);
            texts.push(new StringBuilder());
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            texts.peek().append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            OfxNode node = stack.pop();
            String text = texts.pop().toString().strip();
            if (node.children().isEmpty() && !text.isEmpty()) {
                node.value(text);
            }
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) {
            // Never fetch anything: an external entity resolves to nothing.
            return new InputSource(new StringReader(""));
        }
    }
}
