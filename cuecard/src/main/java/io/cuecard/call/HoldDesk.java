package io.cuecard.call;

import io.cuecard.call.event.CallEvent.Hold;
import io.cuecard.call.event.CallEvent.Unhold;
import java.time.Instant;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The customer on hold: an agent's hold and unhold (the HOLD stage and back, the hold time, flag
 * {@code hold-without-consent}; a hold that is an attended transfer's consultation is the transfer's: TRANSFER stage,
 * the transfer consent, see {@link TransferDesk#checkConsultation}), the long-hold timer (timeline {@code long-hold}) and the apology owed after a long
 * hold ({@code resume-after-long-hold}). Owned by the tracker's thread.
 */
final class HoldDesk {

    /** The tracker's category, as before the split: the tracker's DEBUG lines on skipped events stay in one place. */
    private static final Logger LOG = Logger.getLogger("io.cuecard.call.CallTracker");

    private final CallBook book;
    private final TrackerSettings settings;
    private final Set<CallRecord> changed;

    HoldDesk(CallBook book, TrackerSettings settings) {
        this.book = book;
        this.settings = settings;
        this.changed = book.changed();
    }

    /** The call on hold has been held longer than the long-hold limit: timeline {@code long-hold} at the deadline. */
    void checkLongHold(CallRecord r, Instant now) {
        Instant since = r.earliestHoldStart();
        if (since == null) {
            return;
        }
        Instant deadline = since.plus(settings.longHold());
        if (!now.isBefore(deadline)) {
            r.holdGrewLong(deadline, "on hold for more than " + settings.longHold().toSeconds() + " s");
            changed.add(r);
        }
    }

    void onHold(CallRecord group, ChannelLeg leg, Hold h) {
        if (leg.holdSince != null) {
            return;
        }
        book.note(group, leg, h.at(), "hold", null);
        if (!group.isCall() || !leg.isAgent()) {
            return;
        }
        leg.holdSince = h.at();
        if (group.consultationRequestedBy(leg.username())) {
            // the consultation hold of the attended transfer asked for from the console: the transfer consent covers it
            group.holdIsConsultation();
        } else if (!group.holdConsentCovers(h.at(), settings.consentWindow())) {
            group.addFlag("hold-without-consent", h.at(), leg.username(), "no hold consent recorded in the "
                    + settings.consentWindow().toSeconds() + " s before the hold");
        }
        group.putOnHold(leg.username(), h.at());
    }

    void onUnhold(CallRecord group, ChannelLeg leg, Unhold u) {
        if (leg.holdSince == null) {
            LOG.debugf("ignoring Unhold without Hold on %s", leg.channel);
            return;
        }
        book.note(group, leg, u.at(), "unhold", null);
        group.legResumed(leg, u.at());
        leaveHoldStage(group, leg.username(), u.at());
    }

    /**
     * After {@code leg} of the live group {@code group} is gone and the call did not end with it: an agent's leg may
     * end the hold stage; a group that is no call is dropped with its last leg.
     */
    void afterLegGone(CallRecord group, ChannelLeg leg, Instant at) {
        if (group.isCall()) {
            if (leg.isAgent()) {
                leaveHoldStage(group, leg.username(), at);
            }
        } else {
            book.dropIfEmpty(group);
        }
    }

    /**
     * A leg of the call left hold (or hung up): when no leg is held any more, the call goes back to the stage it was
     * held in (closing, else the conversation), with the apology due after a long hold.
     */
    void leaveHoldStage(CallRecord group, String agent, Instant at) {
        boolean consultation = group.inConsultationHold() && group.stage() == Stage.TRANSFER;
        if ((group.stage() != Stage.HOLD && !consultation) || group.anyLegOnHold()) {
            return;
        }
        if (consultation) {
            // the agent came back to the customer: the consultation did not become a transfer
            group.consultationGivenUp(agent, at, settings.consentWindow());
        }
        group.resumeFromHold(agent, at);
    }
}
