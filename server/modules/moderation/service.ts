/**
 * Moderation: keyword rules screening new text (one automaton, refreshed from the store so every
 * node applies the same rules) and the audit log. The queue of held posts is queue.ts: it needs the
 * posts service, which needs these rules.
 */
import { Types, type Connection } from 'mongoose';
import type { ModerationRuleDto } from '../../../shared/dto.js';
import type { AuditQuery, RuleBody } from '../../../shared/schemas/moderation.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Viewer } from '../accounts/viewer.js';
import { createAuditLog } from './audit.js';
import { ruleModel, ruleVersionModel, type StoredRule } from './model.js';
import { normalizeForMatch } from './normalize.js';
import { compileRules, type RuleSet } from './rule-set.js';
import type { TextScreen } from './screening.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';

export interface ModerationServiceDeps {
  readonly conn: Connection;
  readonly logger: Logger;
  /** How often other nodes' rule changes are picked up. */
  readonly refreshMs?: number;
}

/** Enough for any real list, small enough that a rebuild stays well under a second. */
const maxRules = 20_000;

function toRuleDto(r: StoredRule): ModerationRuleDto {
  return { id: r._id.toHexString(), pattern: r.pattern, action: r.action, createdAt: r.createdAt.toISOString() };
}

export function createModerationService({ conn, logger, refreshMs = 3_000 }: ModerationServiceDeps) {
  const rules = ruleModel(conn);
  const versions = ruleVersionModel(conn);
  const audit = createAuditLog(conn, logger);
  let ruleSet: RuleSet = compileRules([]);
  let knownVersion = -1;
  let loading: Promise<void> | undefined;

  const readVersion = async (): Promise<number> => (await versions.findById('rules').lean<{ version: number }>())?.version ?? 0;

  /** Reads the version first, then the rules: a change landing in between is caught by the next refresh. */
  async function reload(): Promise<void> {
    const version = await readVersion();
    const found = await rules.find({}, { pattern: 1, normalized: 1, action: 1 }).lean<StoredRule[]>();
    ruleSet = compileRules(found);
    knownVersion = version;
  }
  const reloadOnce = () => (loading ??= reload().finally(() => (loading = undefined)));

  async function bumpVersion(): Promise<void> {
    await versions.updateOne({ _id: 'rules' }, { $inc: { version: 1 } }, { upsert: true });
    await reloadOnce();
  }

  const timer = setInterval(() => {
    readVersion()
      .then((v) => (v !== knownVersion ? reloadOnce() : undefined))
      .catch((err: unknown) => logger.warn({ err }, 'moderation rules refresh failed'));
  }, refreshMs);
  timer.unref();
  const ready = reloadOnce().catch((err: unknown) => logger.error({ err }, 'moderation rules not loaded'));

  /** Who blocked text is recorded against in the audit log: the rules, not a person. */
  const rulesActor = { id: 'rules', handle: 'keyword rules', role: 'moderator', tier: 'basic' } as const;
  const screen: TextScreen['screen'] = (text) => {
    const result = ruleSet.screen(text);
    // The author is told only that the text cannot be published; moderators see which keyword did it.
    if (result.action === 'block') {
      void audit.record(
        rulesActor,
        'content.blocked',
        { type: 'rule', id: result.pattern ?? '?' },
        `"${result.pattern ?? '?'}" in: ${text.replace(/\s+/g, ' ').slice(0, 120)}`,
      );
    }
    return result;
  };

  return {
    /** Resolves once the rules have been loaded the first time. */
    ready: () => ready,

    /** The strictest action the keyword rules call for on `text`. */
    screen,

    /** The audit log, for other modules' moderator actions (certify, tier changes). */
    audit,

    /** Adds a keyword rule; the same keyword (after normalisation) twice is a conflict. */
    async createRule(viewer: Viewer, input: RuleBody): Promise<{ rule: ModerationRuleDto }> {
      const normalized = normalizeForMatch(input.pattern);
      if (!normalized) throw invalid('pattern: must hold visible characters', { pattern: 'must hold visible characters' });
      if ((await rules.estimatedDocumentCount()) >= maxRules) throw conflict(`at most ${maxRules} rules`);
      let created: StoredRule;
      try {
        const doc = await rules.create({ pattern: input.pattern, normalized, action: input.action, createdBy: viewer.id });
        created = recordOf<StoredRule>(doc);
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('a rule for that keyword exists');
        throw err;
      }
      await bumpVersion();
      const rule = toRuleDto(created);
      await audit.record(viewer, 'rule.create', { type: 'rule', id: rule.id }, `${rule.action}: ${rule.pattern}`);
      return { rule };
    },

    /** Every rule, oldest first. */
    async listRules(): Promise<{ rules: ModerationRuleDto[] }> {
      const found = await rules.find().sort({ _id: 1 }).lean<StoredRule[]>();
      return { rules: found.map(toRuleDto) };
    },

    /** Removes a rule. */
    async deleteRule(viewer: Viewer, id: string): Promise<void> {
      const removed = await rules.findOneAndDelete({ _id: new Types.ObjectId(id) }).lean<StoredRule>();
      if (!removed) throw notFound('rule');
      await bumpVersion();
      await audit.record(viewer, 'rule.delete', { type: 'rule', id }, `${removed.action}: ${removed.pattern}`);
    },

    /** The audit log, newest first. */
    async listAudit(viewer: Viewer, query: AuditQuery) {
      return { entries: await audit.list(query) };
    },

    /** Stops the refresh timer. */
    close(): void {
      clearInterval(timer);
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
