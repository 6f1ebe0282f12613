package io.cuecard.notes;

import java.util.List;
import java.util.Map;

/** The categories an agent files a call under at wrap-up (source-001's call-note types). */
public final class Dispositions {

    public record Disposition(String code, Map<String, String> label) {
    }

    public static final List<Disposition> ALL = List.of(
            new Disposition("consulting", Map.of("zh-CN", "咨询", "en", "Consulting")),
            new Disposition("complaint", Map.of("zh-CN", "投诉", "en", "Complaint")),
            new Disposition("rescue", Map.of("zh-CN", "救援", "en", "Roadside rescue")),
            new Disposition("return-visit", Map.of("zh-CN", "回访", "en", "Return visit")),
            new Disposition("suggestion", Map.of("zh-CN", "建议", "en", "Suggestion")),
            new Disposition("other", Map.of("zh-CN", "其他", "en", "Other")));

    public static boolean known(String code) {
        return ALL.stream().anyMatch(d -> d.code().equals(code));
    }

    private Dispositions() {
    }
}
