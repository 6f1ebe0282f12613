package io.cuecard.script;

import io.cuecard.call.Stage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No false alarms: ordinary notes and the script's own standard phrases hit nothing. */
class OrdinaryNotesTest {

    private static final Script SCRIPT = ScriptLoader.loadDefault();
    private static final ForbiddenPhraseMatcher MATCHER = ForbiddenPhraseMatcher.of(SCRIPT);

    @Test
    void twentyOrdinaryNotesHaveNoHits() {
        assertThat(OrdinaryNotes.NOTES).hasSize(20);
        for (String note : OrdinaryNotes.NOTES) {
            assertThat(MATCHER.find(note)).as(note).isEmpty();
        }
    }

    @Test
    void noStandardPhraseOfTheScriptHitsItsOwnForbiddenList() {
        Map<String, String> values = Map.of("centre", "华通", "hotline", "400-800-1234", "agentName", "王芳", "agentNo", "1024");
        for (StagePhrase phrase : SCRIPT.stages()) {
            assertThat(MATCHER.find(phrase.phrase().fill(values).text())).as(phrase.toString()).isEmpty();
            assertThat(MATCHER.find(phrase.text())).as(phrase.toString()).isEmpty();
        }
        for (SituationCard card : SCRIPT.cards()) {
            assertThat(MATCHER.find(card.phrase(values).text())).as(card.id()).isEmpty();
        }
        for (ForbiddenRule rule : SCRIPT.rules()) {
            assertThat(MATCHER.find(rule.suggestion().text())).as(rule.id()).isEmpty();
        }
        for (Stage stage : Stage.values()) {
            SCRIPT.phraseFor(stage, values).ifPresent(phrase -> assertThat(MATCHER.find(phrase.text())).isEmpty());
        }
    }
}
