package io.cuecard.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test double: keeps every view the tracker published, and every refused transfer action it was told of. */
public final class RecordingObserver implements CallObserver {

    public final List<CallView> views = new ArrayList<>();
    public final List<CallChange> changes = new ArrayList<>();
    public final List<TransferRefused> refusals = new ArrayList<>();

    @Override
    public void transferRefused(TransferRefused refused) {
        refusals.add(refused);
    }

    @Override
    public void callChanged(CallChange change) {
        changes.add(change);
        views.add(change.call());
    }

    public Optional<CallView> last(String callId) {
        for (int i = views.size() - 1; i >= 0; i--) {
            if (views.get(i).id().equals(callId)) {
                return Optional.of(views.get(i));
            }
        }
        return Optional.empty();
    }

    public List<Long> versions(String callId) {
        return views.stream().filter(v -> v.id().equals(callId)).map(CallView::version).toList();
    }
}
