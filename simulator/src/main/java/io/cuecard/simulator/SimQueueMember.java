package io.cuecard.simulator;

/** A static member of the simulated queue: one agent's phone and the queue's counters for it. */
final class SimQueueMember {

    /** Asterisk device states used in QueueMember/QueueMemberStatus {@code Status}. */
    static final int NOT_INUSE = 1;
    static final int BUSY = 3;

    final String iface;
    final String endpoint;
    final String name;
    final String extension;
    final long loginTime;
    boolean paused;
    String pausedReason = "";
    long lastPause;
    int callsTaken;
    long lastCall;
    /** Channels the agent's phone has up or ringing. */
    int activeChannels;
    boolean inCall;

    SimQueueMember(String iface, String name, String extension, long loginTime) {
        this.iface = iface;
        this.endpoint = iface.substring(iface.indexOf('/') + 1);
        this.name = name;
        this.extension = extension;
        this.loginTime = loginTime;
    }

    int status() {
        return activeChannels > 0 ? BUSY : NOT_INUSE;
    }

    /** Free to be offered a queue call: logged in, not paused, phone idle. */
    boolean available() {
        return !paused && activeChannels == 0;
    }

    AmiEventBuilder appendStatus(AmiEventBuilder event, String queue) {
        return event.add("Queue", queue)
                .add("MemberName", name)
                .add("Interface", iface)
                .add("StateInterface", iface)
                .add("Membership", "static")
                .add("Penalty", "0")
                .add("CallsTaken", String.valueOf(callsTaken))
                .add("LastCall", String.valueOf(lastCall))
                .add("LastPause", String.valueOf(lastPause))
                .add("LoginTime", String.valueOf(loginTime))
                .add("InCall", inCall ? "1" : "0")
                .add("Status", String.valueOf(status()))
                .add("Paused", paused ? "1" : "0")
                .add("PausedReason", pausedReason)
                .add("Ringinuse", "0")
                .add("Wrapuptime", "0");
    }

    static String displayName(int number) {
        String[] words = {"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"};
        return "Agent " + (number >= 1 && number <= words.length ? words[number - 1] : String.valueOf(number));
    }
}
