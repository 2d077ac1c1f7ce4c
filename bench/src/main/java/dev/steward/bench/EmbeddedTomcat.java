package dev.steward.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An embedded Tomcat on 127.0.0.1 and an ephemeral port, serving one servlet at {@code /mcp}
 * behind the given filters, in order, all with async support (the MCP transport answers
 * asynchronously). The same container the MCP module's tests run their server in.
 */
final class EmbeddedTomcat implements AutoCloseable {
    /** Tomcat logs its start, stop and leak checks through java.util.logging; held, so the level stays. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    static {
        TOMCAT_LOG.setLevel(Level.SEVERE);
    }

    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;

    /**
     * Starts the container.
     *
     * @param servlet served at {@code /mcp}
     * @param filters in front of it, in order
     * @throws IOException if its base directory cannot be made
     * @throws LifecycleException if it does not start
     */
    EmbeddedTomcat(Servlet servlet, List<Filter> filters) throws IOException, LifecycleException {
        baseDir = Files.createTempDirectory("steward-bench-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMapping("/mcp", "mcp");
        for (int i = 0; i < filters.size(); i++) {
            FilterDef def = new FilterDef();
            def.setFilterName("filter-" + i);
            def.setFilter(filters.get(i));
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("filter-" + i);
            map.addURLPattern("/mcp");
            context.addFilterMap(map);
        }
        tomcat.start();
    }

    /** {@return the server's base URL, without the endpoint} */
    String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    /** Stops the container and deletes its base directory. */
    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
            try (Stream<Path> files = Files.walk(baseDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
