package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the invariants Cuecard relies on in {@code asterisk-config/} (the Asterisk 20/22 configuration shipped
 * with it): a loopback-only AMI user with exactly the rights Cuecard's actions and events need, event filters
 * that let every event Cuecard reads through and drop the noise (replayed on the recorded Asterisk 22 traces
 * in {@code src/test/resources/ami-traces}), the {@code service} queue with both agents, and a dialplan whose
 * every referenced context, queue and endpoint exists.
 */
class AsteriskConfigTest {

    /** The repository's asterisk-config (the tests run in the product module's folder, cuecard/). */
    private static final Path CONFIG_DIR = Path.of("..", "asterisk-config");
    /** The Gosub every agent extension rings its agent through. */
    private static final String TRANSFER_TARGET = "sub-transfer-target";

    /** Events Cuecard's call tracking reads (VarSet only for the variables below). */
    private static final Set<String> EVENTS_READ = Set.of(
            "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon",
            "AgentCalled", "AgentConnect", "AgentComplete", "AgentRingNoAnswer",
            "Newchannel", "Newstate", "DialBegin", "DialEnd",
            "BridgeCreate", "BridgeEnter", "BridgeLeave", "BridgeDestroy",
            "Hold", "Unhold", "MusicOnHoldStart", "MusicOnHoldStop",
            "BlindTransfer", "AttendedTransfer", "LocalOptimizationBegin", "LocalOptimizationEnd",
            "HangupRequest", "SoftHangupRequest", "Hangup", "OriginateResponse",
            "MixMonitorStart", "VarSet", "ChanSpyStart", "ChanSpyStop", "QueueMemberPause", "FullyBooted");

    private static final Set<String> VARIABLES_READ = Set.of("AGENT", "CAMPAIGN", "MIXMONITOR_FILENAME");

    /** Events that must never reach Cuecard (whatever their class). */
    private static final Set<String> EVENTS_DROPPED = Set.of(
            "Newexten", "DeviceStateChange", "CEL", "Cdr", "RTCPSent", "RTCPReceived");

    /**
     * Event class of the events Cuecard reads that the recorded traces do not contain
     * (main/manager_channels.c, main/manager_bridges.c, apps/app_queue.c); the others are taken from the
     * traces' Privilege headers.
     */
    private static final Map<String, String> CLASS_OF_UNRECORDED_EVENTS = Map.of(
            "AttendedTransfer", "call", "LocalOptimizationBegin", "call", "LocalOptimizationEnd", "call",
            "ChanSpyStart", "call", "ChanSpyStop", "call",
            "AgentRingNoAnswer", "agent", "QueueMemberPause", "agent");

    /**
     * Actions Cuecard sends and the classes Asterisk registers them with (main/manager.c, apps/app_queue.c);
     * an action runs when the user's write classes share one of them, an empty set needs none.
     */
    private static final Map<String, Set<String>> ACTION_CLASSES = Map.ofEntries(
            Map.entry("Challenge", Set.of()), Map.entry("Login", Set.of()), Map.entry("Logoff", Set.of()),
            Map.entry("Ping", Set.of()), Map.entry("Events", Set.of()),
            Map.entry("CoreSettings", Set.of("system", "reporting")),
            Map.entry("CoreShowChannels", Set.of("system", "reporting")),
            Map.entry("Status", Set.of("system", "call", "reporting")),
            Map.entry("QueueStatus", Set.of()), Map.entry("QueueSummary", Set.of()),
            Map.entry("QueuePause", Set.of("agent")),
            Map.entry("Originate", Set.of("originate")),
            Map.entry("Hangup", Set.of("system", "call")),
            Map.entry("Redirect", Set.of("call")),
            Map.entry("BlindTransfer", Set.of("call")),
            Map.entry("Atxfer", Set.of("call")), Map.entry("CancelAtxfer", Set.of("call")),
            Map.entry("Getvar", Set.of("call", "reporting")), Map.entry("Setvar", Set.of("call")));

    private static AsteriskConfFile manager;
    private static AsteriskConfFile pjsip;
    private static AsteriskConfFile queues;
    private static AsteriskConfFile features;
    private static Dialplan dialplan;

    @BeforeAll
    static void readConfig() throws IOException {
        manager = AsteriskConfFile.read(CONFIG_DIR.resolve("manager.conf"));
        pjsip = AsteriskConfFile.read(CONFIG_DIR.resolve("pjsip.conf"));
        queues = AsteriskConfFile.read(CONFIG_DIR.resolve("queues.conf"));
        features = AsteriskConfFile.read(CONFIG_DIR.resolve("features.conf"));
        dialplan = Dialplan.of(AsteriskConfFile.read(CONFIG_DIR.resolve("extensions.conf")));
    }

    private static AsteriskConfFile.Section amiUser() {
        return manager.section("cuecard");
    }

    private static Set<String> classes(String key) {
        List<String> values = amiUser().values(key);
        assertThat(values).as("[cuecard] %s lines", key).hasSize(1);
        return new LinkedHashSet<>(AsteriskConfFile.list(values.get(0)));
    }

    private static ManagerEventFilter eventFilter() {
        return new ManagerEventFilter(amiUser().values("eventfilter"));
    }

    // --- manager -----------------------------------------------------------------------------------

    @Test
    void amiListensOnLoopbackOnlyWithTimestampedEvents() {
        AsteriskConfFile.Section general = manager.section("general");
        assertThat(general.values("enabled")).containsExactly("yes");
        assertThat(general.values("bindaddr")).containsExactly("127.0.0.1");
        assertThat(general.values("port")).containsExactly("5038");
        assertThat(general.values("timestampevents")).containsExactly("yes");
        assertThat(general.values("webenabled")).containsExactly("no");
    }

    @Test
    void cuecardIsTheOnlyUserAndMayOnlyLogInFromLoopback() {
        assertThat(manager.sections()).extracting(AsteriskConfFile.Section::name).containsExactly("general", "cuecard");
        List<String> acl = amiUser().entries().stream()
                .filter(e -> e.key().equals("deny") || e.key().equals("permit"))
                .map(e -> e.key() + "=" + e.value())
                .toList();
        assertThat(acl).containsExactly("deny=0.0.0.0/0.0.0.0", "permit=127.0.0.1/255.255.255.255");
        assertThat(amiUser().values("acl")).isEmpty();
    }

    @Test
    void secretIsAMarkedPlaceholder() {
        assertThat(amiUser().values("secret")).singleElement().asString().startsWith("CHANGE_ME");
    }

    @Test
    void readAndWriteClassesAreExactlyWhatCuecardNeeds() {
        assertThat(classes("read")).containsExactlyInAnyOrder("system", "call", "agent", "dialplan");
        assertThat(classes("write")).containsExactlyInAnyOrder("call", "originate", "agent", "reporting");
    }

    @Test
    void everyActionCuecardSendsIsPermitted() {
        Set<String> write = classes("write");
        ACTION_CLASSES.forEach((action, required) -> assertThat(
                required.isEmpty() || required.stream().anyMatch(write::contains))
                .as("write classes %s allow %s (needs one of %s)", write, action, required)
                .isTrue());
    }

    @Test
    void eachWriteClassIsNeededBySomeAction() {
        for (String writeClass : classes("write")) {
            Set<String> others = new LinkedHashSet<>(classes("write"));
            others.remove(writeClass);
            boolean someActionNeedsIt = ACTION_CLASSES.values().stream()
                    .anyMatch(req -> !req.isEmpty() && req.contains(writeClass) && req.stream().noneMatch(others::contains));
            assertThat(someActionNeedsIt).as("write class %s is needed", writeClass).isTrue();
        }
    }

    @Test
    void unrecordedEventsCuecardReadsAreInReadClasses() {
        assertThat(classes("read")).containsAll(CLASS_OF_UNRECORDED_EVENTS.values());
    }

    @Test
    void filtersUseTheLegacySyntaxThatEveryAsterisk20And22Understands() {
        List<AsteriskConfFile.Entry> filterLines = amiUser().entries().stream()
                .filter(e -> e.key().toLowerCase(Locale.ROOT).startsWith("eventfilter"))
                .toList();
        assertThat(filterLines).isNotEmpty().allSatisfy(e -> {
            assertThat(e.key()).as("line %d", e.line()).isEqualTo("eventfilter");
            assertThat(e.value()).as("line %d", e.line()).startsWith("!^Event: ");
        });
    }

    @Test
    void filtersPassWhatCuecardReadsAndDropTheRest() {
        ManagerEventFilter filter = eventFilter();
        List<String> read = List.of("QueueCallerJoin", "AgentCalled", "AgentRingNoAnswer", "Newchannel", "Hangup",
                "AttendedTransfer", "LocalOptimizationBegin", "LocalOptimizationEnd", "ChanSpyStart", "ChanSpyStop",
                "QueueMemberPause", "MixMonitorStart", "OriginateResponse", "FullyBooted");
        for (String name : read) {
            assertThat(filter.passes(event(name, "call", "Channel", "PJSIP/agent1-00000001"))).as(name).isTrue();
        }
        for (String variable : VARIABLES_READ) {
            assertThat(filter.passes(varSet(variable))).as("VarSet %s", variable).isTrue();
        }
        for (String variable : List.of("AGEN", "AGENTS", "CAMPAIGN2", "MIXMONITOR", "MIXMONITOR_FILENAMES", "A",
                "BRIDGEPEER", "QUEUENAME", "LOCAL(ARGC)", "__AGENT")) {
            assertThat(filter.passes(varSet(variable))).as("VarSet %s", variable).isFalse();
        }
        for (String name : EVENTS_DROPPED) {
            assertThat(filter.passes(event(name, "call", "Channel", "PJSIP/agent1-00000001"))).as(name).isFalse();
        }
        assertThat(filter.passes(event("InvalidPassword", "security", "Severity", "Error"))).isFalse();
        assertThat(filter.passes(event("UserEvent", "user", "UserEvent", "VarSet"))).isTrue();
    }

    @Test
    void filtersOnTheRecordedAsterisk22Traces() throws IOException {
        List<AmiPacket> events = recordedEvents();
        ManagerEventFilter filter = eventFilter();
        Set<String> classesRead = classes("read");
        int passedVarSets = 0;
        for (AmiPacket p : events) {
            String name = p.event();
            String eventClass = p.get("Privilege").split(",")[0];
            if (name.equals("VarSet")) {
                boolean wanted = VARIABLES_READ.contains(p.get("Variable"));
                assertThat(filter.passes(p.toWire())).as("VarSet %s", p.get("Variable")).isEqualTo(wanted);
                passedVarSets += wanted ? 1 : 0;
            } else if (EVENTS_READ.contains(name)) {
                assertThat(classesRead).as("class of %s", name).contains(eventClass);
                assertThat(filter.passes(p.toWire())).as(name).isTrue();
            } else if (EVENTS_DROPPED.contains(name) || eventClass.equals("security")) {
                assertThat(filter.passes(p.toWire()) && classesRead.contains(eventClass)).as(name).isFalse();
            }
        }
        // 6 in the shared traces, 4 MIXMONITOR_FILENAME in the lab's attended transfers (d-, g-: agent1's and agent2's legs)
        assertThat(passedVarSets).as("AGENT, CAMPAIGN and MIXMONITOR_FILENAME VarSets in the traces").isEqualTo(10);
    }

    @Test
    void filterTranslationRejectsWhatItCannotTranslateFaithfully() {
        assertThatThrownBy(() -> ManagerEventFilter.toJavaRegex("Event: \\w+"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backslash");
        assertThatThrownBy(() -> ManagerEventFilter.toJavaRegex("[[:blank:]]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThat(ManagerEventFilter.toJavaRegex("^A[^[:space:]]")).isEqualTo("^A[^\\s]");
    }

    // --- queues ------------------------------------------------------------------------------------

    private static AsteriskConfFile.Section service() {
        return queues.section("service");
    }

    @Test
    void serviceQueueRingsBothAgentsInOrderWithStateInterfaces() {
        assertThat(service().values("member")).containsExactly(
                "PJSIP/agent1,0,Agent One,PJSIP/agent1",
                "PJSIP/agent2,0,Agent Two,PJSIP/agent2");
        assertThat(service().values("strategy")).containsExactly("linear");
        assertThat(service().values("timeout")).containsExactly("15");
    }

    @Test
    void cuecardPausesAgentsItselfAndNothingIsAnnounced() {
        assertThat(service().values("wrapuptime")).containsExactly("0");
        assertThat(service().values("autopause")).containsExactly("no");
        assertThat(service().values("announce-frequency")).containsExactly("0");
        assertThat(service().values("periodic-announce-frequency")).containsExactly("0");
        assertThat(service().values("setinterfacevar")).containsExactly("yes");
    }

    @Test
    void noOptionsThatAsterisk12RemovedAreSet() {
        assertThat(service().entries()).extracting(AsteriskConfFile.Entry::key)
                .doesNotContain("eventwhencalled", "eventmemberstatus", "membermacro");
    }

    @Test
    void everyMemberIsAnAgentEndpointWithAnExtension() {
        for (String member : service().values("member")) {
            String endpointName = AsteriskConfFile.list(member).get(0).substring("PJSIP/".length());
            AsteriskConfFile.Section endpoint = pjsip.sectionOfType(endpointName, "endpoint")
                    .orElseThrow(() -> new AssertionError("no endpoint " + endpointName));
            assertThat(pjsip.value(endpoint, "context")).contains("agents");
            String extension = callerIdNumber(pjsip.value(endpoint, "callerid").orElseThrow());
            Dialplan.Extension ext = dialplan.find("agents", extension)
                    .orElseThrow(() -> new AssertionError("agents has no extension " + extension));
            assertThat(dialTargets(ext)).as("extension %s", extension).containsExactly("PJSIP/" + endpointName);
        }
    }

    // --- extensions --------------------------------------------------------------------------------

    @Test
    void theContextsCuecardNamesExist() {
        assertThat(dialplan.contexts()).containsKeys("from-customer", "agents", "supervisor", "cuecard-outbound", "sub-record");
    }

    @Test
    void serviceNumberQueuesTheCallerAfterAnsweringIt() {
        List<Dialplan.Step> steps = dialplan.find("from-customer", "100").orElseThrow().steps();
        assertThat(steps).extracting(Dialplan.Step::application).containsSubsequence("Answer", "Queue");
        Dialplan.Step queue = steps.stream().filter(s -> s.application().equals("Queue")).findFirst().orElseThrow();
        List<String> args = List.of(queue.arguments().split(",", -1));
        assertThat(args.get(0)).isEqualTo("service");
        assertThat(optionLetters(args.get(1))).as("agent may transfer, caller may not").contains("t").doesNotContain("T");
        assertThat(args).as("Queue's gosub argument sits at a different position on Asterisk 20 and 22").hasSizeLessThan(7);
        assertThat(queues.findSection(args.get(0))).isPresent();
    }

    @Test
    void recordingStartsWhenTheAgentAnswersAQueueCall() {
        assertThat(queues.section("service").values("membergosub")).containsExactly("sub-record");
    }

    @Test
    void subRecordMixMonitorsToLinkedidUniqueidWhileBridgedAndReturns() {
        List<Dialplan.Step> steps = dialplan.find("sub-record", "s").orElseThrow().steps();
        Dialplan.Step mixMonitor = steps.stream().filter(s -> s.application().equals("MixMonitor")).findFirst().orElseThrow();
        List<String> args = List.of(mixMonitor.arguments().split(","));
        assertThat(args.get(0)).as("relative: Asterisk's monitor directory (astspooldir/monitor)")
                .isEqualTo("${CHANNEL(linkedid)}-${UNIQUEID}.wav");
        assertThat(args.get(1)).contains("b");
        assertThat(steps.get(steps.size() - 1).application()).isEqualTo("Return");
    }

    /**
     * Issue 10, item 5: the agent's leg of a queue call pauses its member with reason {@code wrap-up} as it hangs up (a
     * hangup handler pushed by the membergosub for queue calls only), not a queue-wide {@code wrapuptime}.
     */
    @Test
    void aQueueCallsAgentLegPausesItsMemberForWrapUpAsItHangsUp() {
        AsteriskConfFile.Section service = queues.section("service");
        assertThat(service.values("setinterfacevar")).as("MEMBERINTERFACE on the agent's channel").containsExactly("yes");
        assertThat(service.values("wrapuptime")).containsExactly("0");
        List<Dialplan.Step> record = dialplan.find(service.values("membergosub").get(0).split(",")[0], "s").orElseThrow().steps();
        assertThat(record).extracting(Dialplan.Step::arguments).contains(
                "$[\"${MEMBERINTERFACE}\" != \"\"]?Set(CHANNEL(hangup_handler_push)=sub-wrap-up,s,1(${MEMBERINTERFACE}))");
        assertThat(record.get(record.size() - 1).application()).isEqualTo("Return");
        List<Dialplan.Step> handler = dialplan.find("sub-wrap-up", "s").orElseThrow().steps();
        assertThat(handler).extracting(Dialplan.Step::application).containsExactly("PauseQueueMember", "Return");
        assertThat(handler.get(0).arguments()).isEqualTo(",${ARG1},,wrap-up");
    }

    @Test
    void recordingsGoWhereAsteriskKeepsThemWithNoSpoolPathWrittenIntoTheConfiguration() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG_DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                for (AsteriskConfFile.Section section : AsteriskConfFile.read(file).sections()) {
                    for (AsteriskConfFile.Entry entry : section.entries()) {
                        assertThat(entry.value()).as("%s:%d", file.getFileName(), entry.line()).doesNotContain("/var/spool");
                    }
                }
            }
        }
        for (Dialplan.Step step : dialplan.allSteps()) {
            if (step.application().equals("MixMonitor")) {
                assertThat(step.arguments().split(",")[0]).as("MixMonitor's file name: relative, no directory")
                        .doesNotContain("/");
            }
        }
    }

    @Test
    void everyReferencedContextExists() {
        Set<String> referenced = new LinkedHashSet<>();
        dialplan.contexts().values().forEach(c -> referenced.addAll(c.includes()));
        for (Dialplan.Step step : dialplan.allSteps()) {
            if (step.application().equals("Dial")) {
                Matcher m = Pattern.compile("U\\(([^)^]+)").matcher(dialOptions(step));
                while (m.find()) {
                    referenced.add(m.group(1));
                }
            }
            if (step.application().equals("Goto") || step.application().equals("Gosub")) {
                referenced.add(step.arguments().split(",")[0]);
            }
        }
        queues.sections().forEach(q -> q.values("membergosub").forEach(g -> referenced.add(g.split(",")[0])));
        pjsip.sectionsOfType("endpoint").forEach(e -> pjsip.value(e, "context").ifPresent(referenced::add));
        assertThat(referenced).contains("sub-record", "agents", "supervisor", "from-customer");
        assertThat(dialplan.contexts().keySet()).containsAll(referenced);
    }

    @Test
    void everyDialledEndpointExists() {
        List<String> targets = new ArrayList<>();
        for (Dialplan.Context context : dialplan.contexts().values()) {
            for (Dialplan.Step dial : context.extensions().stream().flatMap(e -> e.steps().stream())
                    .filter(s -> s.application().equals("Dial")).toList()) {
                for (String target : dial.arguments().split(",")[0].split("&")) {
                    if (target.equals("${ARG1}")) {
                        // a Gosub's Dial: the endpoints every Gosub to its context passes
                        targets.addAll(gosubArguments(context.name()));
                    } else if (target.equals("${back}")) {
                        // the transferring agent's own endpoint, taken from its channel (BLINDTRANSFER) at run time
                        assertThat(context.name()).isEqualTo(TRANSFER_TARGET);
                    } else {
                        targets.add(target);
                    }
                }
            }
        }
        assertThat(targets).isNotEmpty();
        for (String target : targets) {
            assertThat(target).startsWith("PJSIP/");
            String resource = target.substring("PJSIP/".length());
            String endpoint = resource.contains("@") ? resource.substring(resource.indexOf('@') + 1) : resource;
            String resolved = substituteGlobals(endpoint);
            assertThat(pjsip.sectionOfType(resolved, "endpoint")).as("endpoint of %s", target).isPresent();
        }
    }

    @Test
    void followUpOriginateReachesTheCustomerWithRecordingAndAgentTransferOnly() {
        for (String number : List.of("030123456", "+4930123456")) {
            assertThat(dialplan.find("cuecard-outbound", number)).as(number).isPresent();
        }
        for (String bad : List.of("", "1", "abc", "agent1")) {
            assertThat(dialplan.find("cuecard-outbound", bad)).as("'%s'", bad).isEmpty();
        }
        List<Dialplan.Step> steps = dialplan.find("cuecard-outbound", "030123456").orElseThrow().steps();
        assertThat(dialplan.find("cuecard-outbound", "202")).as("an extension is also a customer number here").isPresent();
        assertThat(steps).as("transfers from the agent's phone must go to [agents]")
                .anySatisfy(s -> assertThat(s.application() + "(" + s.arguments() + ")").isEqualTo("Set(TRANSFER_CONTEXT=agents)"));
        Dialplan.Step dial = steps.stream().filter(s -> s.application().equals("Dial")).findFirst().orElseThrow();
        assertThat(dial.arguments()).startsWith("PJSIP/${EXTEN}@${CUSTOMER_TRUNK},");
        assertThat(dialOptions(dial)).contains("U(sub-record)");
        assertThat(optionLetters(dialOptions(dial))).as("the agent may transfer, the customer may not")
                .contains("T").doesNotContain("t");
    }

    @Test
    void supervisorListensToEachAgentAndCanDialAgents() {
        for (String agentExtension : List.of("201", "202")) {
            Dialplan.Extension spy = dialplan.find("supervisor", "555" + agentExtension).orElseThrow();
            assertThat(spy.steps()).extracting(Dialplan.Step::application).contains("ChanSpy");
            assertThat(dialplan.find("supervisor", agentExtension)).isPresent();
        }
    }

    @Test
    void transfersAndOriginatesSeenOnTheRecordedPbxResolve() throws IOException {
        List<AmiPacket> events = recordedEvents();
        List<AmiPacket> blindTransfers = events.stream().filter(p -> "BlindTransfer".equals(p.event())).toList();
        assertThat(blindTransfers).isNotEmpty().allSatisfy(p ->
                assertThat(dialplan.find(p.get("Context"), p.get("Extension"))).as(p.toString()).isPresent());
        List<AmiPacket> originates = events.stream().filter(p -> "OriginateResponse".equals(p.event())).toList();
        assertThat(originates).isNotEmpty().allSatisfy(p ->
                assertThat(dialplan.find("cuecard-outbound", p.get("Exten"))).as(p.toString()).isPresent());
    }

    /** The first argument of every {@code Gosub(<context>,…(<argument>,…))} in the dialplan. */
    private static List<String> gosubArguments(String context) {
        List<String> arguments = new ArrayList<>();
        for (Dialplan.Step step : dialplan.allSteps()) {
            if (step.application().equals("Gosub") && step.arguments().startsWith(context + ",")) {
                Matcher m = Pattern.compile("\\(([^,)]*)").matcher(step.arguments());
                assertThat(m.find()).as("the argument of %s", step).isTrue();
                arguments.add(m.group(1));
            }
        }
        assertThat(arguments).as("Gosubs to %s", context).isNotEmpty();
        return arguments;
    }

    @Test
    void everyAgentExtensionRingsItsAgentThroughTheTransferTargetGosub() {
        List<String> members = queues.section("service").values("member").stream().map(m -> m.split(",")[0].strip()).toList();
        assertThat(members).isNotEmpty();
        for (String member : members) {
            String endpoint = member.substring("PJSIP/".length());
            String extension = pjsip.sectionOfType(endpoint, "endpoint").flatMap(e -> pjsip.value(e, "callerid"))
                    .map(c -> c.replaceAll(".*<(\\d+)>.*", "$1")).orElseThrow();
            List<Dialplan.Step> steps = dialplan.find("agents", extension).orElseThrow().steps();
            assertThat(steps.get(0).application() + "(" + steps.get(0).arguments() + ")").as("extension %s", extension)
                    .isEqualTo("Gosub(" + TRANSFER_TARGET + ",s,1(" + member + "))");
            assertThat(steps).as("no agent extension dials on its own (and hangs the customer up afterwards)")
                    .noneMatch(s -> s.application().equals("Dial"));
        }
    }

    @Test
    void anUnansweredTransferTargetGivesTheCustomerBackToTheTransfererOrTheHeadOfTheQueue() throws IOException {
        List<Dialplan.Step> steps = dialplan.find(TRANSFER_TARGET, "s").orElseThrow().steps();
        List<String> calls = steps.stream().map(s -> s.application() + "(" + s.arguments() + ")").toList();
        // one ring time, the same as Cuecard's (and so the simulator's) cuecard.transfer.ring-seconds
        java.util.Properties cuecard = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            cuecard.load(in);
        }
        String ringSeconds = cuecard.getProperty("cuecard.transfer.ring-seconds");
        assertThat(ringSeconds).isEqualTo("20");
        assertThat(calls.get(0)).isEqualTo("Set(LOCAL(ring)=" + ringSeconds + ")");
        List<Dialplan.Step> dials = steps.stream().filter(s -> s.application().equals("Dial")).toList();
        assertThat(dials).extracting(Dialplan.Step::arguments)
                .containsExactly("${ARG1},${ring},tU(sub-record)", "${back},${ring},tU(sub-record)");
        // the transferer: the endpoint of the channel BLINDTRANSFER names, rung only when on no other call
        assertThat(calls).containsSubsequence(
                "Dial(${ARG1},${ring},tU(sub-record))",
                "GotoIf($[\"${DIALSTATUS}\" = \"ANSWER\"]?done)",
                "Set(LOCAL(back)=${CUT(BLINDTRANSFER,-,1)})",
                "GotoIf($[\"${back}\" = \"\" | \"${back}\" = \"${ARG1}\"]?done)",
                "GotoIf($[\"${DEVICE_STATE(${back})}\" != \"NOT_INUSE\"]?queue)",
                "Dial(${back},${ring},tU(sub-record))",
                "GotoIf($[\"${DIALSTATUS}\" = \"ANSWER\"]?done)",
                "Set(QUEUE_PRIO=10)",
                "Queue(service,t,,,300)",
                "Return()");
        assertThat(steps.get(steps.size() - 1).priority()).isEqualTo("n(done)");
        Dialplan.Step queue = steps.stream().filter(s -> s.application().equals("Queue")).findFirst().orElseThrow();
        assertThat(steps.get(steps.indexOf(queue) - 1).priority()).isEqualTo("n(queue)");
        assertThat(queues.findSection(queue.arguments().split(",")[0])).isPresent();
        // the channel name without its "-<sequence>" is the endpoint only while endpoint names have no "-"
        assertThat(pjsip.sectionsOfType("endpoint")).allSatisfy(e -> assertThat(e.name()).doesNotContain("-"));
    }

    // --- pjsip -------------------------------------------------------------------------------------

    @Test
    void udpTransportExists() {
        List<AsteriskConfFile.Section> transports = pjsip.sectionsOfType("transport");
        assertThat(transports).hasSize(1);
        assertThat(pjsip.value(transports.get(0), "protocol")).contains("udp");
        assertThat(pjsip.value(transports.get(0), "bind")).contains("0.0.0.0:5060");
    }

    @Test
    void sipAndRtpAddressesAndPortsAreExplicitSettingsThatSayWhatToPutThere() throws IOException {
        AsteriskConfFile.Section transport = pjsip.sectionsOfType("transport").get(0);
        AsteriskConfFile.Entry bind = entry(transport, "bind");
        assertThat(commentAbove("pjsip.conf", bind.line())).as("what to put in the transport's bind")
                .contains("SIP address").contains("e.g.").contains("RTP");

        AsteriskConfFile.Section mediaTemplate = pjsip.sections().stream()
                .filter(sec -> sec.template() && sec.name().equals("media-endpoint")).findFirst().orElseThrow();
        AsteriskConfFile.Entry rtpBinding = entry(mediaTemplate, "bind_rtp_to_media_address");
        assertThat(commentAbove("pjsip.conf", rtpBinding.line())).as("what to put in bind_rtp_to_media_address")
                .contains("RTP address").contains("media_address");
        assertThat(pjsip.sectionsOfType("endpoint")).allSatisfy(e ->
                assertThat(pjsip.value(e, "bind_rtp_to_media_address")).as(e.name()).isPresent());

        AsteriskConfFile rtp = AsteriskConfFile.read(CONFIG_DIR.resolve("rtp.conf"));
        AsteriskConfFile.Entry start = entry(rtp.section("general"), "rtpstart");
        AsteriskConfFile.Entry end = entry(rtp.section("general"), "rtpend");
        assertThat(Integer.parseInt(start.value())).isBetween(1024, 65535).isLessThan(Integer.parseInt(end.value()));
        assertThat(Integer.parseInt(end.value())).isLessThanOrEqualTo(65535);
        assertThat(commentAbove("rtp.conf", start.line())).as("what to put in the RTP port range").contains("RTP ports");
    }

    private static AsteriskConfFile.Entry entry(AsteriskConfFile.Section section, String key) {
        return section.entries().stream().filter(e -> e.key().equalsIgnoreCase(key)).findFirst()
                .orElseThrow(() -> new AssertionError("[" + section.name() + "] has no " + key));
    }

    /** The comment lines right above line {@code line} (1-based) of {@code file}, joined; empty when there are none. */
    private static String commentAbove(String file, int line) throws IOException {
        List<String> lines = Files.readAllLines(CONFIG_DIR.resolve(file));
        List<String> comment = new ArrayList<>();
        for (int i = line - 2; i >= 0 && lines.get(i).strip().startsWith(";"); i--) {
            comment.add(0, lines.get(i).strip().substring(1).strip());
        }
        return String.join(" ", comment);
    }

    @Test
    void phonesHaveTheirContextsAuthAndAor() {
        Map<String, String> contextOf = Map.of("agent1", "agents", "agent2", "agents",
                "supervisor", "supervisor", "customer", "from-customer");
        contextOf.forEach((name, context) -> {
            AsteriskConfFile.Section endpoint = pjsip.sectionOfType(name, "endpoint").orElseThrow();
            assertThat(pjsip.value(endpoint, "context")).as(name).contains(context);
            String auth = pjsip.value(endpoint, "auth").orElseThrow();
            String aor = pjsip.value(endpoint, "aors").orElseThrow();
            assertThat(pjsip.sectionOfType(auth, "auth")).as("auth of %s", name).isPresent();
            assertThat(pjsip.sectionOfType(aor, "aor")).as("aor of %s", name).isPresent();
        });
    }

    @Test
    void passwordsArePlaceholders() {
        assertThat(pjsip.sectionsOfType("auth")).isNotEmpty().allSatisfy(a ->
                assertThat(pjsip.value(a, "password")).get().asString().startsWith("CHANGE_ME"));
    }

    @Test
    void customersCannotTransferAndAsteriskStaysInTheMediaPath() {
        AsteriskConfFile.Section customer = pjsip.sectionOfType("customer", "endpoint").orElseThrow();
        assertThat(pjsip.value(customer, "allow_transfer")).contains("no");
        assertThat(pjsip.sectionsOfType("endpoint")).allSatisfy(e ->
                assertThat(pjsip.value(e, "direct_media")).as(e.name()).contains("no"));
    }

    // --- features ----------------------------------------------------------------------------------

    @Test
    void transferCodesForAmiAtxferAndCancelAtxferAreDefined() {
        AsteriskConfFile.Section featureMap = features.section("featuremap");
        AsteriskConfFile.Section general = features.section("general");
        List<String> codes = new ArrayList<>();
        codes.addAll(featureMap.values("blindxfer"));
        codes.addAll(featureMap.values("atxfer"));
        assertThat(codes).hasSize(2).allMatch(c -> c.matches("[0-9*#]+"));
        assertThat(codes.get(0)).as("neither code is a prefix of the other")
                .doesNotStartWith(codes.get(1)).satisfies(c -> assertThat(codes.get(1)).doesNotStartWith(c));
        assertThat(general.values("atxferabort")).singleElement().asString().matches("[0-9*#]+");
    }

    @Test
    void everyLineFitsTheLineBufferOfLowMemoryAsteriskBuilds() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG_DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".conf")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    assertThat(lines.get(i).length()).as("%s:%d", file.getFileName(), i + 1).isLessThan(511);
                }
            }
        }
    }

    // --- the parser itself ----------------------------------------------------------------------------

    @Test
    void parserReadsTemplatesArrowsAndEscapedSemicolonsAndRejectsWhatItCannotRead() {
        AsteriskConfFile conf = AsteriskConfFile.parse("t.conf", String.join("\n",
                "[base](!)", "type = endpoint", "context = a ; comment",
                "[phone](base)", "context => b", "note = x\\;y"));
        AsteriskConfFile.Section phone = conf.section("phone");
        assertThat(conf.value(phone, "type")).contains("endpoint");
        assertThat(conf.value(phone, "context")).contains("b");
        assertThat(phone.values("note")).containsExactly("x;y");
        assertThat(conf.sections("base")).as("templates are not objects").isEmpty();
        assertThatThrownBy(() -> AsteriskConfFile.parse("t.conf", "#include other.conf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.conf:1");
        assertThatThrownBy(() -> AsteriskConfFile.parse("t.conf", "[a]\n;-- block --;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block comment");
        assertThatThrownBy(() -> AsteriskConfFile.parse("t.conf", "[a]\nno equals sign"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.conf:2");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String event(String name, String eventClass, String key, String value) {
        return AmiPacket.of("Event", name, "Privilege", eventClass + ",all", "Timestamp", "1795367282.000001",
                key, value).toWire();
    }

    private static String varSet(String variable) {
        return AmiPacket.of("Event", "VarSet", "Privilege", "dialplan,all", "Timestamp", "1795367282.000001",
                "Channel", "PJSIP/agent1-00000001", "Uniqueid", "1795367282.1", "Linkedid", "1795367282.0",
                "Variable", variable, "Value", "x").toWire();
    }

    /** Every event of the recorded scenarios (the repository's copy: never skipped for want of them). */
    private static List<AmiPacket> recordedEvents() throws IOException {
        Path dir = AmiTrace.sharedTraceDir();
        assertThat(dir).as("recorded AMI traces").isDirectory();
        List<AmiPacket> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[a-z]-.*\\.txt")).sorted().toList()) {
                AmiTrace.read(file).scenarioPackets().stream().filter(AmiPacket::isEvent).forEach(events::add);
            }
        }
        assertThat(events).as("events in %s", dir).isNotEmpty();
        return events;
    }

    private static String dialOptions(Dialplan.Step dial) {
        String[] args = dial.arguments().split(",", -1);
        return args.length > 2 ? args[2] : "";
    }

    /** The option letters of a Dial/Queue option string, without the arguments in parentheses. */
    private static String optionLetters(String options) {
        return options.replaceAll("\\([^)]*\\)", "");
    }

    /**
     * What an extension dials: its own Dials, and those of the Gosubs it runs that dial the Gosub's argument
     * ({@code ${ARG1}}; [sub-transfer-target]'s Dial of the transferring agent is not the extension's target).
     */
    private static List<String> dialTargets(Dialplan.Extension extension) {
        List<String> targets = new ArrayList<>();
        for (Dialplan.Step step : extension.steps()) {
            if (step.application().equals("Dial")) {
                targets.add(step.arguments().split(",")[0]);
            } else if (step.application().equals("Gosub")) {
                String[] at = step.arguments().split(",", 3);
                Matcher argument = Pattern.compile("\\(([^,)]*)").matcher(step.arguments());
                String passed = argument.find() ? argument.group(1) : "";
                dialplan.find(at[0], at[1]).orElseThrow().steps().stream()
                        .filter(s -> s.application().equals("Dial") && s.arguments().startsWith("${ARG1},"))
                        .forEach(s -> targets.add(passed));
            }
        }
        return targets;
    }

    private static String callerIdNumber(String callerId) {
        Matcher m = Pattern.compile("<([^>]+)>").matcher(callerId);
        if (!m.find()) {
            throw new AssertionError("caller ID without a number: " + callerId);
        }
        return m.group(1);
    }

    private static String substituteGlobals(String text) {
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(dialplan.global(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
