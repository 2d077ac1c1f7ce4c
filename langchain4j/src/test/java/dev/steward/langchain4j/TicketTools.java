package dev.steward.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.concurrent.atomic.AtomicInteger;

/** A host's tools, counting how often each body ran. */
class TicketTools {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger statuses = new AtomicInteger();

    @Tool("Reads one ticket")
    String read_ticket(@P(name = "project", value = "the ticket's project") String project,
            @P(name = "id", value = "the ticket's number") int id) {
        reads.incrementAndGet();
        return "ticket " + project + "/" + id + ": the printer is on fire";
    }

    @Tool("Closes one ticket")
    String close_ticket(@P(name = "project", value = "the ticket's project") String project,
            @P(name = "id", value = "the ticket's number") int id) {
        closes.incrementAndGet();
        return "closed " + project + "/" + id;
    }

    @Tool("Tells whether the ticket system is up")
    String status() {
        statuses.incrementAndGet();
        return "all systems go";
    }
}
