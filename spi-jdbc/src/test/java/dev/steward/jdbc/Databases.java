package dev.steward.jdbc;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestDatabase} per dialect for a test class, emptied before each test that asks, and
 * dropped after the class: register it with {@code @RegisterExtension static final Databases}.
 */
final class Databases implements AutoCloseable, AfterAllCallback {
    private final Map<JdbcDialect, TestDatabase> open = new EnumMap<>(JdbcDialect.class);

    /**
     * @param dialect which database
     * @return its database, empty
     */
    synchronized TestDatabase fresh(JdbcDialect dialect) {
        TestDatabase db = open.get(dialect);
        if (db == null) {
            db = TestDatabase.open(dialect);
            open.put(dialect, db);
        } else {
            db.reset();
        }
        return db;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        open.values().forEach(TestDatabase::close);
        open.clear();
    }
}
