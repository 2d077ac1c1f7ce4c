package dev.steward.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.logging.Logger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A {@link DataSource} in front of a pool that a test can switch off (every {@code getConnection}
 * then fails with SQLState 08001, as an unreachable server does), and that notes, per thread, the
 * database session id of the last connection it handed out, so that a test can kill that session.
 */
final class SwitchableDataSource implements DataSource {
    private final DataSource inner;
    private final JdbcDialect dialect;
    private final ThreadLocal<Long> lastSession = new ThreadLocal<>();
    private volatile boolean off;
    private volatile boolean trackSessions;
    private final AtomicReference<Supplier<? extends Throwable>> statementFailure = new AtomicReference<>();

    SwitchableDataSource(DataSource inner, JdbcDialect dialect) {
        this.inner = inner;
        this.dialect = dialect;
    }

    /** @param value whether every connection attempt fails from now on */
    void off(boolean value) {
        off = value;
    }

    /** @param value whether to read the session id of each connection handed out (costs one query) */
    void trackSessions(boolean value) {
        trackSessions = value;
    }

    /**
     * @param what thrown, once, by the next statement execution on a connection handed out from now
     *     on, as a driver that meets a dead connection with its asserts on throws AssertionError
     */
    void failNextStatement(Supplier<? extends Throwable> what) {
        statementFailure.set(what);
    }

    /** @return the session id of the connection last handed out to this thread */
    long lastSession() {
        Long id = lastSession.get();
        if (id == null) {
            throw new IllegalStateException("no connection was handed out to this thread while tracking");
        }
        return id;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (off) {
            throw new SQLNonTransientConnectionException("the test switched the database off", "08001");
        }
        Connection c = inner.getConnection();
        if (trackSessions) {
            try {
                lastSession.set(SessionKiller.sessionId(dialect, c));
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return failing(c);
    }

    private Connection failing(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(c, method, args);
                    return result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")
                            ? statement(ps) : result;
                });
    }

    private PreparedStatement statement(PreparedStatement ps) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        Supplier<? extends Throwable> f = statementFailure.getAndSet(null);
                        if (f != null) {
                            throw f.get();
                        }
                    }
                    return invoke(ps, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the test data source takes no credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return inner.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        inner.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        inner.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return inner.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return inner.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return inner.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || inner.isWrapperFor(iface);
    }
}
