package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.model.RecordRejection;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one record, in the order they were found. A record with problems becomes
 * one {@link RecordRejection} naming the first field at fault; the others are listed after
 * "also:" in the reason. Reasons never carry the values they refuse (personal data).
 */
final class Problems {

    /** One field at fault. */
    record Problem(String field, String reason, long line) {
    }

    private final List<Problem> list = new ArrayList<>(2);

    /** Records a problem at no particular line. */
    void add(String field, String reason) {
        add(field, reason, 0);
    }

    /** Records a problem found at {@code line} (0: the record's own line). */
    void add(String field, String reason, long line) {
        list.add(new Problem(field, reason, line));
    }

    void addAll(Problems other) {
        list.addAll(other.list);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * @param recordLine the line of the record, used unless the first problem names its own line
     * @return the rejection of the record for these problems (there must be at least one)
     */
    RecordRejection toRejection(String file, long recordLine, String recordRef) {
        Problem first = list.get(0);
        StringBuilder reason = new StringBuilder(first.reason());
        for (int i = 1; i < list.size(); i++) {
            Problem p = list.get(i);
            reason.append(i == 1 ? "; also: " : ", ").append(p.field()).append(" (").append(p.reason()).append(')');
        }
        return new RecordRejection(file, first.line() > 0 ? first.line() : recordLine, recordRef, first.field(), reason.toString());
    }
}
