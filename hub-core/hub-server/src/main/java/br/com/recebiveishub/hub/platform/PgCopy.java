package br.com.recebiveishub.hub.platform;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Loads rows into a table with PostgreSQL's COPY, on the connection of the current transaction.
 * The set-based engines stage their input this way and then apply it with a few SQL statements,
 * instead of one statement per record.
 */
public final class PgCopy {

    private final StringBuilder buf = new StringBuilder(1 << 16);
    private boolean firstInRow = true;
    private int rows;

    /** Appends a field: null as {@code \N}, text escaped for COPY's text format. */
    public PgCopy field(Object value) {
        if (!firstInRow) {
            buf.append('\t');
        }
        firstInRow = false;
        if (value == null) {
            buf.append("\\N");
            return this;
        }
        String s = value instanceof BigDecimal b ? b.toPlainString()
                : value instanceof LocalDate d ? d.toString() : value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(c);
            }
        }
        return this;
    }

    /** Ends the current row. */
    public PgCopy endRow() {
        buf.append('\n');
        firstInRow = true;
        rows++;
        return this;
    }

    /** @return rows appended so far */
    public int rows() {
        return rows;
    }

    /**
     * Sends the rows with {@code COPY table (columns) FROM STDIN} on the transaction's connection.
     *
     * @return rows copied
     */
    public long copyInto(DataSource ds, String tableAndColumns) {
        Connection con = DataSourceUtils.getConnection(ds);
        try {
            PGConnection pg = con.unwrap(PGConnection.class);
            return pg.getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN", new StringReader(buf.toString()));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(con, ds);
        }
    }
}
