package io.cuecard.pbx;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code CancelAtxfer} (Asterisk 13.18+, in 22), which asterisk-java 3.42 has no class for: cancels the attended
 * transfer of the transferer on {@code Channel} (Asterisk plays the {@code atxferabort} feature code into it, so
 * features.conf must define one), who is back with the transferee. asterisk-java writes every getter as a header.
 */
public class CancelAtxferAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    private final String channel;

    public CancelAtxferAction(String channel) {
        this.channel = channel;
    }

    @Override
    public String getAction() {
        return "CancelAtxfer";
    }

    public String getChannel() {
        return channel;
    }
}
