// The authoring requests' wire contract, shared by the server (authoringRequests.ts) and the
// client commands. Values here are plain constants and every import is type-only, so the client
// bundle pulls in nothing of the server or the engine.
import type {
  AuthoringContext, FlipPlan, FlipRequest, NewEcaRequest, NewEcaResult, ScaffoldRequest, ScaffoldResult,
} from '../engine/authoring';

export const AUTHORING_METHODS = {
  context: 'eca/authoring/context',
  flip: 'eca/authoring/flip',
  scaffold: 'eca/authoring/scaffold',
  newEca: 'eca/authoring/new',
} as const;

export interface AuthoringParams {
  /** A file or folder of the project (absolute path or file URI); its nearest sfdx-project.json is the project. */
  target: string;
  /** Files the client changed or created since (re-read from disk before answering, so the model is current). */
  sync?: string[];
}

/** Every plan carries the version of each open document an edit targets (null: not open). */
export interface Versions { versions: Record<string, number | null> }

export type ContextParams = AuthoringParams;
export type FlipParams = AuthoringParams & FlipRequest;
export type ScaffoldParams = AuthoringParams & ScaffoldRequest;
export type NewEcaParams = AuthoringParams & NewEcaRequest;

/** The project overview, and the ECA the target file belongs to (header or satellite), if any. */
export type ContextAnswer = AuthoringContext & { targetEca?: string };
export type FlipAnswer = FlipPlan & Versions;
export type ScaffoldAnswer = ScaffoldResult & Versions;
export type NewEcaAnswer = NewEcaResult & Versions;

/** Error data of a refused request: the engine's refusal code (MALFORMED_PROJECT, CONFLICT, …). */
export interface AuthoringErrorData { code: string }
