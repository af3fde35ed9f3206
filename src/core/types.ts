/**
 * Shared vocabulary of the engine. Everything in src/core is pure TypeScript (no `vscode`), so the CLI,
 * the extension host and worker threads all use exactly these types.
 */

/** A half-open range [start, end) of UTF-16 offsets inside one turn's text. */
export interface TextSpan {
  /** Index of the turn in the record's normalised turn list. */
  turn: number;
  start: number;
  end: number;
}

/** One message of a conversation, whatever shape the record stores it in. */
export interface Turn {
  /** Normalised role: `system`, `user`, `assistant`, or whatever else the record says (kept as written). */
  role: string;
  text: string;
}

/** How a record stores its conversation (spec §5). */
export type Shape = 'conversations' | 'messages' | 'query-response';

/** What a record's prompt is written in (spec §1, §3, §2). */
export type Format = 'ms_agent' | 'agentfabric' | 'agentfabric-seed' | 'chat';

/** One parameter of a tool, as declared in an ms_agent `Parameters:` array or an AgentFabric schema. */
export interface ToolParam {
  name: string;
  description: string;
  required: boolean;
  /** Only when the parameter declares its own `type` (spec §3: it keeps it); otherwise "string". */
  type?: string;
}

/** One tool, parsed structurally from a system prompt. */
export interface ToolDef {
  /** The number written before the tool (`<N>.`) in ms_agent prompts; position (1-based) otherwise. */
  number: number;
  name: string;
  /** The human name of `Call this tool to interact with the <human> API.` (ms_agent) or the second name (AgentFabric). */
  humanName: string;
  description: string;
  params: ToolParam[];
  /** Where the tool's whole text sits in the system turn. */
  span: TextSpan;
}

/**
 * What checking a record parsed along the way, handed on so the statistics do not parse it again: the
 * tools its system prompt declares and the `Action:` names of its assistant turns, in order.
 */
export interface RecordParts {
  tools: ToolDef[];
  actions: string[];
}

/** One `Action` / `Action Input` / `Observation` step of a ReAct trace. */
export interface ReactStep {
  action: string;
  /** Raw argument text as written after `Action Input:` (trimmed). */
  argsText: string;
  /** Observation text verbatim, or undefined when the step has none. */
  observation?: string;
  /** Span of the whole step in the assistant turn. */
  span: TextSpan;
  /** Span of the argument text. */
  argsSpan: TextSpan;
}

/** An assistant turn split into ReAct steps and a final answer. */
export interface ReactTrace {
  steps: ReactStep[];
  /** The text after `Final Answer:` (ms_agent) or after the last `Answer:` (AgentFabric); undefined when absent. */
  finalAnswer?: string;
  /** Free `Thought:` texts that the AgentFabric format drops. */
  thoughts: string[];
}

export type UserPrefixMode = 'last' | 'none' | 'all';

/** AgentFabric role configuration (spec §3). */
export interface RoleConfig {
  name?: string;
  description?: string;
  instruction?: string | string[];
}

export type Profile = 'agentfabric' | 'seed';

export interface ConvertOptions {
  profile: Profile;
  userPrefix: UserPrefixMode;
  role?: RoleConfig;
}

export const DEFAULT_CONVERT_OPTIONS: ConvertOptions = { profile: 'agentfabric', userPrefix: 'last' };
