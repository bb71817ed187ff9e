package br.com.recebiveishub.hub.platform;

import br.com.recebiveishub.hub.audit.AuditContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out connections whose PostgreSQL session says which tenants the current
 * {@link AuditContext} may see ({@code app.tenants}), the value the row-level security policies
 * read. It is set on every checkout, so a pooled connection never keeps the previous borrower's
 * tenants; a thread with no scope sees no tenant's rows at all. Transactions take their connection
 * when they begin, so the scope must be open before the transaction starts.
 */
public class TenantScopedDataSource extends DelegatingDataSource implements AutoCloseable {

    public TenantScopedDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(super.getConnection(username, password));
    }

    /** Closes the pool it wraps. */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable c) {
            c.close();
        }
    }

    private static Connection scoped(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('app.tenants', ?, false)")) {
            ps.setString(1, AuditContext.current().rlsTenants());
            ps.execute();
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
