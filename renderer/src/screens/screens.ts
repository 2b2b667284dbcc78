/**
 * The screens of the navigation, in their order. Each is its own chunk (React.lazy) so the first
 * paint only carries the shell; @xyflow/react in particular loads with the Topology screen.
 */
import type { ObjectRef } from '../../../shared/model/org';

export const SCREENS = ['topology', 'checks', 'certificates', 'gateways', 'contacts', 'users', 'checklist', 'connections'] as const;
export type ScreenId = (typeof SCREENS)[number];
export type BuiltScreenId = 'topology' | 'checks' | 'certificates' | 'gateways' | 'contacts' | 'users' | 'connections';
export type NotBuiltScreenId = Exclude<ScreenId, BuiltScreenId>;

export function isBuilt(screen: ScreenId): screen is BuiltScreenId {
  return screen === 'topology' || screen === 'checks' || screen === 'certificates' || screen === 'gateways' || screen === 'contacts' || screen === 'users' || screen === 'connections';
}

/** An object another screen asks the Topology screen to select; the nonce makes a repeat click count. */
export interface SelectionRequest {
  readonly ref: ObjectRef;
  readonly nonce: number;
}

export type Navigate = (screen: ScreenId, select?: ObjectRef) => void;
