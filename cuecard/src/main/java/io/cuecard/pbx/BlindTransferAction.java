package io.cuecard.pbx;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code BlindTransfer} (Asterisk 12+), which asterisk-java 3.42 has no class for: transfers the party bridged
 * with {@code Channel} to {@code Exten} in {@code Context}. asterisk-java writes every getter as a header.
 */
public class BlindTransferAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    private final String channel;
    private final String exten;
    private final String context;

    public BlindTransferAction(String channel, String exten, String context) {
        this.channel = channel;
        this.exten = exten;
        this.context = context;
    }

    @Override
    public String getAction() {
        return "BlindTransfer";
    }

    public String getChannel() {
        return channel;
    }

    public String getExten() {
        return exten;
    }

    public String getContext() {
        return context;
    }
}
