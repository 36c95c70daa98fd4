import type { Handler } from "../state.js";
import { TOKEN_OVERRIDES } from "./tokens.js";

/** Behaviour the spec cannot express, by operationId. Every key must name an operation of the spec. */
export const OVERRIDES: Readonly<Record<string, Handler>> = { ...TOKEN_OVERRIDES };
