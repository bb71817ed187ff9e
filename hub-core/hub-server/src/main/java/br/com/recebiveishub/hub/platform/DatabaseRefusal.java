package br.com.recebiveishub.hub.platform;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Describes why PostgreSQL refused a write, for an import report or an API answer, without the
 * values involved: a server message may quote the offending row (a CPF, a name), so only the
 * SQLSTATE, the constraint, the table and the column are kept.
 */
public final class DatabaseRefusal {

    private DatabaseRefusal() {
    }

    /** @return e.g. {@code the database refused the data (22001 string_data_right_truncation, table customer, column nome); nothing was applied} */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage m = p.getServerErrorMessage();
                StringBuilder sb = new StringBuilder("the database refused the data (").append(p.getSQLState());
                append(sb, "constraint", m.getConstraint());
                append(sb, "table", m.getTable());
                append(sb, "column", m.getColumn());
                return sb.append("); nothing was applied").toString();
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return "the database refused the data (" + s.getSQLState() + "); nothing was applied";
            }
        }
        return "the database refused the data (" + e.getClass().getSimpleName() + "); nothing was applied";
    }

    /** @return whether the refusal came from the named constraint */
    public static boolean isConstraint(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return constraint.equals(p.getServerErrorMessage().getConstraint());
            }
        }
        return false;
    }

    private static void append(StringBuilder sb, String label, String value) {
        if (value != null && !value.isBlank()) {
            sb.append(", ").append(label).append(' ').append(value);
        }
    }
}
