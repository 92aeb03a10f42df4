/**
 * The input through which the SDK hands `check` a conflict it found between declarations of one program (two Users
 * with one login, sdk/declarations.ts): `check` reports it as a failure of that resource and drops the input, so it
 * never reaches Okta or state. A failed `check` stops a preview in seconds and names the resource, where an exception
 * thrown by the program takes the engine minutes to report (docs/preview-validation.md#duplicates).
 */
export const DECLARATION_CONFLICT = "__declarationConflict";
