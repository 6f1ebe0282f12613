import type { AgentState, CallFrame, CallLog, Hit, NoteTemplate } from '../types';

/** A call in conversation with agent1, answered at 10:00:05 UTC; override what a test needs. */
export function callFrame(overrides: Partial<CallFrame> = {}): CallFrame {
  return {
    id: '1700000000.1',
    direction: 'inbound',
    customerNumber: '13800138000',
    queue: 'support',
    campaign: null,
    agents: ['agent1'],
    placedBy: null,
    startedAt: '2026-11-22T10:00:00Z',
    answeredAt: '2026-11-22T10:00:05Z',
    endedAt: null,
    waitSeconds: 5,
    talkSeconds: null,
    holdCount: 1,
    holdSeconds: 12,
    transfers: [],
    abandoned: false,
    outcome: null,
    hangupBy: null,
    stage: 'conversation',
    stageAgent: 'agent1',
    stages: [
      { stage: 'ringing', agent: null, enteredAt: '2026-11-22T10:00:00Z', leftAt: '2026-11-22T10:00:05Z', phraseConfirmed: false },
      { stage: 'greeting', agent: 'agent1', enteredAt: '2026-11-22T10:00:05Z', leftAt: '2026-11-22T10:00:09Z', phraseConfirmed: true },
      { stage: 'conversation', agent: 'agent1', enteredAt: '2026-11-22T10:00:09Z', leftAt: null, phraseConfirmed: false },
    ],
    flags: [],
    recording: null,
    recordings: [],
    script: {
      phrase: { text: '请问有什么可以帮您？', translation: 'How may I help you?' },
      resume: false,
      confirmed: false,
      next: [{ stage: 'closing', text: '感谢您的来电，再见。' }],
    },
    notes: { text: '', hits: [], disposition: null, final: false },
    ...overrides,
  };
}

export function hit(start: number, end: number, phrase: string, severity: Hit['severity'] = 'block'): Hit {
  return { start, end, phrase, ruleId: `rule-${phrase}`, severity, suggestion: `instead of ${phrase}` };
}

export const onCall = (callId: string): AgentState => ({ state: 'on-call', callId, wrapUpEndsAt: null });
export const wrapUp = (callId: string, endsAt = '2026-11-22T10:05:00Z'): AgentState => ({
  state: 'wrap-up',
  callId,
  wrapUpEndsAt: endsAt,
});

/** A finished call as the call log returns it (notes as text, hits beside them); override what a test needs. */
export function loggedCall(overrides: Partial<CallLog> = {}): CallLog {
  const { script: _script, notes: _notes, ...frame } = callFrame({
    endedAt: '2026-11-22T10:03:00Z',
    talkSeconds: 175,
    stage: 'ended',
    outcome: 'answered',
    hangupBy: 'customer',
  });
  return {
    ...frame,
    notes: '',
    forbiddenHits: [],
    disposition: null,
    notesFinal: true,
    hitCount: 0,
    timeline: [],
    ...overrides,
  };
}

/** A complaint note template with two required fields and an optional one. */
export const complaintTemplate: NoteTemplate = {
  id: 'complaint-quality',
  kind: 'complaint',
  name: { 'zh-CN': '质量投诉', en: 'Quality complaint' },
  fields: [
    { id: 'serialNo', label: { 'zh-CN': '流水号', en: 'Serial number' }, required: true },
    { id: 'plateNo', label: { 'zh-CN': '车牌号', en: 'Plate number' }, required: true },
    { id: 'fault', label: { 'zh-CN': '故障', en: 'Fault' }, required: false },
  ],
  sentence: '客户投诉（流水号{serialNo}，车牌{plateNo}）：{fault}。',
};
