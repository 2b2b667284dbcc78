/**
 * The screens of the navigation, in their order. Each is its own chunk (React.lazy) so the first
 * paint only carries the shell; @xyflow/react in particular loads with the Topology screen.
 */
import type { ObjectRef } from '../../../shared/model/org';

export const SCREENS = ['topology', 'checks', 'certificates', 'gateways', 'contacts', 'users', 'checklist', 'changes', 'connections'] as const;
export type ScreenId = (typeof SCREENS)[number];

/** An object another screen asks the Topology screen to select; the nonce makes a repeat click count. */
export interface SelectionRequest {
  readonly ref: ObjectRef;
  readonly nonce: number;
}

/** A rule whose findings another screen asks the Checks screen to show (the checklist's rule chips). */
export interface RuleFocusRequest {
  readonly rule: string;
  readonly nonce: number;
}

/** `select`: an object to show; `rule`: on the Checks screen, only that rule's findings. */
export type Navigate = (screen: ScreenId, select?: ObjectRef, rule?: string) => void;
