package io.cuecard.script;

import com.ibm.icu.text.Transliterator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No false hits: ordinary notes, in Simplified and Traditional Chinese, against every Chinese shipped script. */
class OrdinaryNotesTest {

    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");

    @Test
    void thirtyOrdinaryNotesHaveNoHitsInAnyChineseScript() {
        assertThat(OrdinaryNotes.NOTES).hasSize(30);
        List<Script> chinese = ShippedScriptsTest.SHIPPED.stream().filter(s -> s.language().startsWith("zh")).toList();
        assertThat(chinese).hasSize(6);
        for (Script script : chinese) {
            ForbiddenPhraseMatcher matcher = ForbiddenPhraseMatcher.of(script);
            for (String note : OrdinaryNotes.NOTES) {
                assertThat(matcher.find(note)).as(script.id() + ": " + note).isEmpty();
                String traditional = TO_TRADITIONAL.transliterate(note);
                assertThat(matcher.find(traditional)).as(script.id() + ": " + traditional).isEmpty();
            }
        }
    }

    @Test
    void ordinaryEnglishAndKoreanNotesHaveNoHits() {
        ForbiddenPhraseMatcher english = ForbiddenPhraseMatcher.of(ShippedScriptsTest.byId("inbound.en"));
        for (String note : List.of(
                "Customer asked when the car will be ready; told him tomorrow afternoon.",
                "Booked a wheel alignment for Saturday 10am, confirmation sent by SMS.",
                "Customer said thank you and hung up after the closing.",
                "Checked the warranty: the brake pads are covered, replacement booked.",
                "Customer wants to talk to the sales consultant; message left for him.",
                "What the customer needs: a quote for extended warranty. Sent by email.")) {
            assertThat(english.find(note)).as(note).isEmpty();
        }
        ForbiddenPhraseMatcher korean = ForbiddenPhraseMatcher.of(ShippedScriptsTest.byId("inbound.ko"));
        for (String note : List.of(
                "고객이 차량 수리 완료 시점을 문의하여 내일 오후라고 안내함.",
                "토요일 오전 10시 휠 얼라인먼트 예약, 문자로 확인 발송.",
                "보증 기간 확인 결과 브레이크 패드 교체 가능, 예약 완료.",
                "담당 영업 사원에게 메시지를 남기고 회신 요청함.")) {
            assertThat(korean.find(note)).as(note).isEmpty();
        }
    }
}
