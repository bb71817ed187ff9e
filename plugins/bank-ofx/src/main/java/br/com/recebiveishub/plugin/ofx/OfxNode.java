package br.com.recebiveishub.plugin.ofx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One element of an OFX document, SGML or XML alike: an aggregate with children or a leaf with a
 * value. Names are upper-case; values are trimmed (banks pad them with trailing spaces).
 */
final class OfxNode {

    private final String name;
    private final long line;
    private final List<OfxNode> children = new ArrayList<>();
    private String value;

    OfxNode(String name, long line) {
        this.name = name;
        this.line = line;
    }

    String name() {
        return name;
    }

    /** @return the 1-based line of the element's start tag */
    long line() {
        return line;
    }

    List<OfxNode> children() {
        return children;
    }

    String value() {
        return value;
    }

    void value(String v) {
        this.value = v;
    }

    void add(OfxNode child) {
        children.add(child);
    }

    /** @return the first direct child with that name */
    Optional<OfxNode> child(String childName) {
        for (OfxNode c : children) {
            if (c.name.equals(childName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return the trimmed value of the first direct child with that name, null when absent or empty */
    String text(String childName) {
        return child(childName).map(OfxNode::value).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** @return every descendant (depth first, document order) with that name, not descending into matches */
    List<OfxNode> findAll(String wanted) {
        List<OfxNode> out = new ArrayList<>();
        collect(wanted, out);
        return out;
    }

    private void collect(String wanted, List<OfxNode> out) {
        for (OfxNode c : children) {
            if (c.name.equals(wanted)) {
                out.add(c);
            } else {
                c.collect(wanted, out);
            }
        }
    }
}
