package io.cuecard.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuecard.call.CallView;
import io.cuecard.call.CallView.StageEntry;
import io.cuecard.call.Stage;
import io.cuecard.testsupport.TestCalls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The notes rules without a console: saving as typed (length, template, who may write, the forbidden-phrase check) and
 * Ready only with complete notes (disposition, the template's required fields, a reason for {@code block} phrases).
 */
@QuarkusTest
class NotesServiceTest {

    @Inject
    NotesService notes;

    /** A call of agent1 that ended and that agent1 is wrapping up. */
    private static CallView inWrapUp() {
        CallView ended = TestCalls.call("notes-" + UUID.randomUUID(), 3, false);
        Instant end = ended.endedAt();
        List<StageEntry> stages = List.of(new StageEntry(Stage.CONVERSATION, "agent1", ended.answeredAt(), end, true),
                new StageEntry(Stage.WRAP_UP, "agent1", end, null, false));
        return new CallView(ended.id(), ended.direction(), ended.customerNumber(), ended.queue(), ended.campaign(), ended.agents(),
                ended.placedBy(), ended.startedAt(), ended.answeredAt(), ended.endedAt(), ended.waitSeconds(), ended.talkSeconds(),
                ended.holdCount(), ended.holdSeconds(), ended.transfers(), ended.abandoned(), ended.outcome(), ended.hangupBy(),
                Stage.WRAP_UP, "agent1", stages, ended.timeline(), ended.flags(), ended.consent(), false, false, false, null, 4);
    }

    @Test
    void savingChecksTheTextAndWhoWrites() {
        CallView call = inWrapUp();
        NotesService.Saved saved = notes.saveText(call.id(), call, "agent1", "您说话呀？客户来电咨询保养。", null, null);
        assertThat(saved.hits()).extracting(h -> h.phrase()).contains("您说话呀");
        assertThat(saved.notes().text()).isEqualTo("您说话呀？客户来电咨询保养。");
        assertThat(saved.notes().isFinal()).isFalse();
        assertThat(notes.notes(call.id())).get().extracting(Notes::hits).asList().isNotEmpty();

        assertThatThrownBy(() -> notes.saveText(call.id(), call, "agent2", "x", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Only the agents on call");
        assertThatThrownBy(() -> notes.saveText("no-such-call", null, "agent1", "x", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("No live call no-such-call");
        assertThatThrownBy(() -> notes.saveText(call.id(), call, "agent1", "x".repeat(NotesService.MAX_TEXT + 1), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Notes are too long");
        assertThatThrownBy(() -> notes.saveText(call.id(), call, "agent1", "x", "no-such-template", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown note template 'no-such-template'");
        assertThatThrownBy(() -> notes.saveDisposition(call.id(), call, "agent1", "lunch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown disposition 'lunch'");
        assertThat(notes.notes(call.id()).orElseThrow().text()).as("nothing refused was saved").isEqualTo("您说话呀？客户来电咨询保养。");
    }

    @Test
    void readyNeedsADispositionTheRequiredFieldsAndAReasonForBlockedPhrases() {
        CallView call = inWrapUp();
        assertThatThrownBy(() -> notes.ready(call, "agent1", null)).isInstanceOf(NotesRefused.class)
                .satisfies(e -> assertThat(((NotesRefused) e).details()).containsEntry("code", "missing-disposition"));

        notes.saveText(call.id(), call, "agent1", "您说话呀？客户投诉服务态度。", "complaint-service-attitude", Map.of("serialNumber", "SN1"));
        notes.saveDisposition(call.id(), call, "agent1", "complaint");
        assertThatThrownBy(() -> notes.ready(call, "agent1", null)).isInstanceOf(NotesRefused.class)
                .satisfies(e -> assertThat(((NotesRefused) e).details()).containsEntry("code", "missing-fields")
                        .extractingByKey("fields").asList().contains("plateNumber").doesNotContain("serialNumber"));

        Map<String, String> fields = new LinkedHashMap<>();
        notes.saveText(call.id(), call, "agent1", "x", "complaint-service-attitude", Map.of()); // what the template asks for
        for (String field : requiredFields(call)) {
            fields.put(field, field.equals("plateNumber") ? "京A12345" : "SN1");
        }
        notes.saveText(call.id(), call, "agent1", "您说话呀？客户投诉服务态度。", "complaint-service-attitude", fields);
        assertThatThrownBy(() -> notes.ready(call, "agent1", " ")).isInstanceOf(NotesRefused.class)
                .satisfies(e -> assertThat(((NotesRefused) e).details()).containsEntry("code", "blocked-phrases")
                        .extractingByKey("phrases").asList().containsExactly("您说话呀"));
        assertThat(notes.notes(call.id()).orElseThrow().isFinal()).isFalse();

        // complete: the notes become final with the reason (the tracker does not know this made-up call, so it refuses the wrap-up end)
        notes.ready(call, "agent1", "客户原话");
        Notes done = notes.notes(call.id()).orElseThrow();
        assertThat(done.isFinal()).isTrue();
        assertThat(done.justification()).isEqualTo("客户原话");
        // a later draft does not replace final notes
        notes.saveText(call.id(), call, "agent1", "changed afterwards", null, null);
        assertThat(notes.notes(call.id()).orElseThrow().text()).isEqualTo("您说话呀？客户投诉服务态度。");
    }

    @Test
    void readyWithoutAWrapUpOnlyEndsTheWrapUpOfTheTracker() {
        // a user who wraps nothing up: no notes rule applies, the tracker answers (not in wrap-up)
        assertThat(notes.ready(null, "nobody-wraps-up", null).ok()).isFalse();
    }

    /** The required fields the template names, as the missing-fields refusal lists them. */
    private List<String> requiredFields(CallView call) {
        try {
            notes.ready(call, "agent1", null);
            return List.of();
        } catch (NotesRefused refused) {
            @SuppressWarnings("unchecked")
            List<String> missing = (List<String>) refused.details().get("fields");
            return missing == null ? List.of() : missing;
        }
    }
}
