package dev.steward.springai;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.tool.annotation.Tool;

/** The host's tools, as a Spring AI application writes them; each remembers that it ran. */
public final class TicketTools {
    private final List<String> ran = new ArrayList<>();

    /** {@return the calls that ran, as "tool project/id"} */
    List<String> ran() {
        return List.copyOf(ran);
    }

    @Tool(name = "read_ticket", description = "Reads a ticket")
    public String readTicket(String project, int id) {
        ran.add("read_ticket " + project + "/" + id);
        return "ticket " + project + "/" + id + ": printer on fire";
    }

    @Tool(name = "close_ticket", description = "Closes a ticket")
    public String closeTicket(String project, int id) {
        ran.add("close_ticket " + project + "/" + id);
        return "closed " + project + "/" + id;
    }

    @Tool(name = "escalate", description = "Escalates a ticket to the on-call engineer")
    public String escalate(String project, int id) {
        ran.add("escalate " + project + "/" + id);
        throw new IllegalStateException("pager service unreachable");
    }

    @Tool(name = "status", description = "Says whether the ticket system is up")
    public String status() {
        ran.add("status");
        return "up";
    }
}
